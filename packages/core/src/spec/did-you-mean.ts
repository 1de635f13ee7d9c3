import { closestMatch } from '../errors/closest-match.js';

/** `did you mean "x"?` when a candidate is close, else `expected one of: "a", "b"` (or `fallback`). */
export function suggestFrom(
  word: string,
  candidates: readonly string[],
  fallback?: string,
): string | undefined {
  const match = closestMatch(word, candidates);
  if (match !== undefined) return `did you mean "${match}"?`;
  if (fallback !== undefined) return fallback;
  if (candidates.length === 0) return undefined;
  return `expected one of: ${candidates.map((candidate) => `"${candidate}"`).join(', ')}`;
}
