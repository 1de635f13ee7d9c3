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
 * The largest index `<= end` that does not split a UTF-8 character within `bytes[0..end)`, so text cut
 * at a byte limit never ends in a broken character. Only the bytes before `end` are looked at.
 */
export function utf8Boundary(bytes: Uint8Array, end: number): number {
  const limit = Math.min(end, bytes.length);
  // Find the start of the last character: step back over continuation bytes (10xxxxxx), at most 3.
  let lead = limit - 1;
  while (lead > 0 && limit - lead < 4 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead -= 1;
  if (lead < 0) return limit;
  const first = bytes[lead] ?? 0;
  const length = first < 0x80 ? 1 : first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return lead + length > limit ? lead : limit;
}

/** How many leading bytes are continuation bytes of a character that began before them (at most 3). */
export function utf8Start(bytes: Uint8Array): number {
  let index = 0;
  while (index < 3 && index < bytes.length && ((bytes[index] ?? 0) & 0xc0) === 0x80) index += 1;
  return index;
}
