import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { BatchSummary } from './batch-summary.js';
import type { RowContext } from './row-processor.js';
import { runBatch } from './run-batch.js';

describe('runBatch types', () => {
  it('types the row from the row schema, so users write no generics', () => {
    void runBatch({
      input: { path: 'rows.csv', schema: z.object({ id: z.string(), score: z.coerce.number() }) },
      output: 'out.jsonl',
      process: async (row, context) => {
        expectTypeOf(row).toEqualTypeOf<{ id: string; score: number }>();
        expectTypeOf(context).toEqualTypeOf<RowContext>();
        return { output: row.score * 2 };
      },
    });
  });

  it('passes rows as plain records without a schema, and resolves with the summary', () => {
    const run = runBatch({
      input: 'rows.jsonl',
      output: 'out.jsonl',
      process: async (row) => {
        expectTypeOf(row).toEqualTypeOf<Record<string, unknown>>();
        return { output: null };
      },
    });
    expectTypeOf(run).resolves.toEqualTypeOf<BatchSummary>();
  });

  it('rejects a processor that returns no output', () => {
    void runBatch({
      input: 'rows.jsonl',
      output: 'out.jsonl',
      // @ts-expect-error the processor must resolve with { output }
      process: async () => 42,
    });
  });
});
