/**
 * The structure of a JSON response, as a set of typed paths: `candidates[].content.parts[].text: string`.
 * Values under free-form keys (function-call args, function responses) are opaque: only their type counts.
 */

const opaqueKeys = new Set(['args', 'response', 'metadata', 'quotaDimensions']);

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function shapePaths(value: unknown, path = '$', into = new Set<string>()): Set<string> {
  into.add(`${path}: ${typeName(value)}`);
  if (Array.isArray(value)) {
    for (const item of value) shapePaths(item, `${path}[]`, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      const memberPath = `${path}.${key}`;
      if (opaqueKeys.has(key)) into.add(`${memberPath}: ${typeName(member)}`);
      else shapePaths(member, memberPath, into);
    }
  }
  return into;
}

/** For each path, every pair of keys seen in one object as `a<b` (a came before b). */
export function keyPrecedence(
  value: unknown,
  path = '$',
  into = new Map<string, Set<string>>(),
): Map<string, Set<string>> {
  if (Array.isArray(value)) {
    for (const item of value) keyPrecedence(item, `${path}[]`, into);
  } else if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    const pairs = into.get(path) ?? new Set<string>();
    keys.forEach((first, index) => {
      for (const second of keys.slice(index + 1)) pairs.add(`${first}<${second}`);
    });
    into.set(path, pairs);
    for (const [key, member] of Object.entries(value)) {
      if (!opaqueKeys.has(key)) keyPrecedence(member, `${path}.${key}`, into);
    }
  }
  return into;
}

/** Key pairs the emulator orders one way and the recording only the other way. */
export function keyOrderConflicts(emulated: unknown, recorded: unknown): string[] {
  const recordedPairs = keyPrecedence(recorded);
  const conflicts: string[] = [];
  for (const [path, pairs] of keyPrecedence(emulated)) {
    const seen = recordedPairs.get(path) ?? new Set<string>();
    for (const pair of pairs) {
      const [first, second] = pair.split('<');
      if (!seen.has(pair) && seen.has(`${second}<${first}`)) conflicts.push(`${path}: ${pair}`);
    }
  }
  return conflicts;
}

/** Splits an SSE body into its JSON events, requiring `data: <one line>` + blank line framing. */
export function sseEvents(text: string): unknown[] {
  const events = text.split(/\r\n\r\n|\n\n/).filter((event) => event.trim() !== '');
  return events.map((event) => {
    if (!event.startsWith('data: ') || /[\r\n]/.test(event))
      throw new Error(`bad SSE event: ${event.slice(0, 60)}`);
    return JSON.parse(event.slice('data: '.length)) as unknown;
  });
}
