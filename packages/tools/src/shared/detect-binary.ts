/** How many leading bytes are inspected to tell text from binary. */
export const binarySampleBytes = 8192;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether bytes look like a binary file rather than UTF-8 text: a NUL byte, or bytes that are not
 * valid UTF-8 (a multi-byte character cut off at the end of the sample is fine).
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, utf8Boundary(bytes, Math.min(bytes.length, binarySampleBytes)));
  if (sample.includes(0)) return true;
  try {
    decoder.decode(sample);
    return false;
  } catch {
    return true;
  }
}

/**
 * The largest index `<= end` that does not split a UTF-8 character, so text cut at a byte limit
 * never ends in a broken character.
 */
export function utf8Boundary(bytes: Uint8Array, end: number): number {
  if (end >= bytes.length) return bytes.length;
  let index = end;
  // Step back over continuation bytes (10xxxxxx) to the start of the character that was cut.
  while (index > 0 && end - index < 4 && ((bytes[index] ?? 0) & 0xc0) === 0x80) index -= 1;
  return index;
}
