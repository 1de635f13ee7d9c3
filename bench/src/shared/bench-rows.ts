/** The rows every contender gets: short, distinct review prompts. */
export function benchPrompts(count: number): string[] {
  return Array.from(
    { length: count },
    (_, n) =>
      `Summarize in one line: customer review ${n}, the product arrived on time and works, ${n % 97} stars.`,
  );
}

/** What became of one row. A row that is not `ok` is lost: the contender gave up on it. */
export interface RowOutcome {
  ok: boolean;
  error?: string;
}

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n')[0]?.slice(0, 160) ?? '';
}
