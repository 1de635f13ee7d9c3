export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** The deepest `[`/`{` nesting in JSON text, found without recursion (strings are skipped). */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92)
        index++; // backslash: skip the escaped character
      else if (code === 34) inString = false;
    } else if (code === 34) {
      inString = true;
    } else if (code === 123 || code === 91) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (code === 125 || code === 93) {
      depth--;
    }
  }
  return deepest;
}

/** A short excerpt of `text` around `position` with a caret under it, as the real parser error shows. */
function excerpt(text: string, position: number): string {
  const start = Math.max(0, position - 20);
  const line = text.slice(start, position + 20).replace(/[\r\n]/g, ' ');
  return `\n${line}\n${' '.repeat(position - start)}^`;
}

/** Strict UTF-8 (a bad byte throws), dropping a leading BOM; shared, since a whole-buffer decode keeps no state. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a request body as the API's JSON transcoder would: UTF-8, one JSON value, nesting no deeper
 * than `maxDepth`. Failures give the reason for an "Invalid JSON payload received." answer.
 */
export function parseJsonBody(bytes: Buffer, maxDepth: number): JsonBodyResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'Invalid UTF-8 in the request body.' };
  }
  if (text.trim() === '') return { ok: true, value: {} };
  const depth = jsonNestingDepth(text);
  if (depth > maxDepth) {
    return { ok: false, reason: `Nesting depth ${depth} exceeds the limit of ${maxDepth}.` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const match = /position (\d+)/.exec((error as Error).message);
    const position = match?.[1] === undefined ? text.length : Number(match[1]);
    return { ok: false, reason: `Unexpected token.${excerpt(text, position)}` };
  }
}
