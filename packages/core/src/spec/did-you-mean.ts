/** Edit distance between two strings (insertions, deletions, substitutions and swaps of neighbours). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => table[i]?.[j] ?? 0;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      (table[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The closest candidate to `word`, if one is close enough to be a plausible typo
 * (distance at most a third of the longer word, and at least 1 edit allowed), or else the shortest
 * candidate that `word` abbreviates (`bool` for `boolean`, at least 3 characters); case is ignored.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const close = closestByDistance(word, list);
  if (close !== undefined || word.length < 3) return close;
  const lower = word.toLowerCase();
  const abbreviated = list.filter((candidate) => candidate.toLowerCase().startsWith(lower));
  return abbreviated.sort((a, b) => a.length - b.length)[0];
}

function closestByDistance(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    const allowed = Math.max(1, Math.floor(Math.max(word.length, candidate.length) / 3));
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

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
