import { describe, expect, it } from 'vitest';
import { roundUsd, summarizeRowCalls } from './batch-row-meta.js';
import { formatErrorLine, formatOutputLine } from './row-lines.js';
import { servedCall } from './test-support/batch-test-files.js';

describe('row metadata', () => {
  it('writes a row cost without float noise, rounded to the nano-dollar', () => {
    // 0.0000015 + 0.00001 is 0.000011500000000000002 in floating point.
    const meta = summarizeRowCalls(
      [servedCall({ costUsd: 0.0000015 }), servedCall({ costUsd: 0.00001 })],
      12,
    );
    expect(0.0000015 + 0.00001).not.toBe(0.0000115);
    expect(meta.costUsd).toBe(0.0000115);
    expect(formatOutputLine({ id: 'a1', line: 1, output: {}, meta })).toContain('"costUsd":0.0000115,');
    expect(
      formatErrorLine({ id: 'a2', line: 2, error: { code: 'row-failed', message: 'x' }, meta }),
    ).toContain('"costUsd":0.0000115,');
  });

  it('keeps every digit down to 1e-9 USD and drops what is below', () => {
    expect(roundUsd(0.1976123456789)).toBe(0.197612346);
    expect(roundUsd(0.00048719999999999997)).toBe(0.0004872);
    expect(roundUsd(4e-10)).toBe(0);
    expect(roundUsd(0)).toBe(0);
  });

  it('counts calls, attempts, retries and fallbacks of the row', () => {
    const meta = summarizeRowCalls(
      [
        servedCall({ model: 'gemini-2.5-pro', attempts: 3, modelsTried: ['gemini-2.5-pro'] }),
        servedCall({ attempts: 2, modelsTried: ['gemini-2.5-pro', 'gemini-2.5-flash'] }),
      ],
      40,
    );
    expect(meta).toMatchObject({
      models: ['gemini-2.5-pro', 'gemini-2.5-flash'],
      calls: 2,
      attempts: 5,
      retries: 2,
      fallbacks: 1,
      costUsd: 0.002,
      latencyMs: 40,
    });
  });
});
