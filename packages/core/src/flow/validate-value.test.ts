import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkValue } from './validate-value.js';

describe('checkValue', () => {
  it('reports a missing field named like an Object method as missing, not as the inherited method', async () => {
    const result = await checkValue(z.object({ toString: z.string() }), {});
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues[0]).toMatchObject({ path: ['toString'], found: 'undefined' });
  });

  it('parses a schema with async parts asynchronously, running its sync transform twice at most once', async () => {
    let transforms = 0;
    const schema = z
      .string()
      .transform((text) => {
        transforms += 1;
        return text.trim();
      })
      .refine(async (text) => text.length > 0, 'must not be blank');
    for (const value of [' a ', ' b ', ' c ']) {
      const result = await checkValue(schema, value);
      expect(result).toEqual({ success: true, data: value.trim() });
    }
    // The first value is tried synchronously, meets the async refinement, and is parsed again; the
    // schema is then known to be async, so the later values run the transform once each.
    expect(transforms).toBe(4);
    const blank = await checkValue(schema, '   ');
    expect(blank.success).toBe(false);
  });
});
