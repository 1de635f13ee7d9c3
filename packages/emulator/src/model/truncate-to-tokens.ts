import { countTextTokens } from './tokenizer.js';

/**
 * The longest prefix of `text` (cut at a word boundary when possible) that costs at most `limit`
 * tokens, as the real API cuts an answer that reaches `maxOutputTokens`.
 */
export function truncateToTokens(text: string, limit: number): string {
  if (limit <= 0) return '';
  if (countTextTokens(text) <= limit) return text;
  // Binary search on the character length, then back off to the last whitespace.
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (countTextTokens(text.slice(0, middle)) <= limit) low = middle;
    else high = middle - 1;
  }
  const prefix = text.slice(0, low);
  const boundary = prefix.search(/\s\S*$/);
  return boundary > 0 ? prefix.slice(0, boundary) : prefix;
}

/** Cuts `text` before the first stop sequence it contains; undefined when it contains none. */
export function cutAtStopSequence(text: string, stopSequences: readonly string[]): string | undefined {
  let cut: number | undefined;
  for (const sequence of stopSequences) {
    if (sequence === '') continue;
    const index = text.indexOf(sequence);
    if (index >= 0 && (cut === undefined || index < cut)) cut = index;
  }
  return cut === undefined ? undefined : text.slice(0, cut);
}
