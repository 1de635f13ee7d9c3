/** Tokens and cost summed under one key (a model or a step). */
export interface UsageRow {
  key: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  thinkingTokens: number;
  costUsd: number;
  failed: number;
}

/** Sums usage per key; small (one entry per model or step id), whatever the number of rows. */
export class UsageTable {
  private readonly rows = new Map<string, UsageRow>();

  add(key: string, usage: Partial<Omit<UsageRow, 'key'>>): void {
    const row = this.rows.get(key) ?? {
      key,
      calls: 0,
      inputTokens: 0,
      outputTokens: 0,
      thinkingTokens: 0,
      costUsd: 0,
      failed: 0,
    };
    row.calls += usage.calls ?? 0;
    row.inputTokens += usage.inputTokens ?? 0;
    row.outputTokens += usage.outputTokens ?? 0;
    row.thinkingTokens += usage.thinkingTokens ?? 0;
    row.costUsd += usage.costUsd ?? 0;
    row.failed += usage.failed ?? 0;
    this.rows.set(key, row);
  }

  clear(): void {
    this.rows.clear();
  }

  /** Rows by cost, highest first; costs rounded to 1e-9 USD like the row lines. */
  list(): UsageRow[] {
    return [...this.rows.values()]
      .map((row) => ({ ...row, costUsd: Math.round(row.costUsd * 1e9) / 1e9 }))
      .sort((a, b) => b.costUsd - a.costUsd || a.key.localeCompare(b.key));
  }
}
