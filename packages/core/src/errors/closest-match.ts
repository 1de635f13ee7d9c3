/**
 * Edit distance between two strings: insertions, deletions, substitutions and swaps of neighbours each
 * count as one edit (optimal string alignment), so `titel` is one edit from `title`.
 */
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
 * The candidate a "did you mean" suggestion names for `word` (model ids, tool names, step fields, file
 * names), or `undefined`. Case is ignored. The one rule, for every suggestion tokenflow makes:
 * - the closest candidate by {@link editDistance}, if that distance is at most a third of the longer of
 *   the two words (and 1 edit is always allowed): a likely typo, while short unrelated words (`x9` for
 *   `o1`) get no suggestion;
 * - else the shortest candidate that `word` begins (`bool` for `boolean`), when `word` has at least 3
 *   characters.
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
