/**
 * Splits text into stream deltas the way the real API does: a short first delta, then pieces of about
 * `chunkChars` characters, cut after whitespace where possible. Joining the pieces gives the text back.
 */
export function splitText(text: string, chunkChars: number): string[] {
  if (text.length === 0) return [''];
  const pieces: string[] = [];
  let start = 0;
  let target = Math.max(1, Math.floor(chunkChars / 4));
  while (start < text.length) {
    let end = Math.min(text.length, start + target);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > start + target / 2) end = space + 1;
      // never cut a UTF-16 surrogate pair in two
      const code = text.charCodeAt(end - 1);
      if (code >= 0xd800 && code <= 0xdbff) end += 1;
    }
    pieces.push(text.slice(start, end));
    start = end;
    target = chunkChars;
  }
  return pieces;
}
