import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkValue } from './validate-value.js';

describe('checkValue', () => {
  it('reports a missing field named like an Object method as missing, not as the inherited method', async () => {
    const result = await checkValue(z.object({ toString: z.string() }), {});
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues[0]).toMatchObject({ path: ['toString'], found: 'undefined' });
  });
});
