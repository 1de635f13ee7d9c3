import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StepValidationError } from './errors/step-validation-error.js';
import { checkValue, validateValue } from './validate-value.js';

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

describe('validateValue', () => {
  it('returns the parsed value of a synchronous schema as it is, with no promise to wait for', () => {
    const parsed = validateValue(z.object({ text: z.string().trim() }), { text: ' a ' }, 'prepare', 'input');
    expect(parsed).toEqual({ text: 'a' });
  });

  it('throws a StepValidationError naming the step, the target, the path, the expected and the found', () => {
    const check = () => validateValue(z.object({ length: z.number() }), { length: '12' }, 'finish', 'output');
    expect(check).toThrow(StepValidationError);
    expect(check).toThrow(/"finish".*output[\s\S]*at length: expected number, found "12" \(string\)/);
  });

  it('checks a schema with async parts asynchronously and rejects with the same kind of error', async () => {
    const schema = z.string().refine(async (text) => text.length > 0, 'must not be blank');
    await expect(validateValue(schema, 'a', 'prepare', 'input')).resolves.toBe('a');
    const rejected = validateValue(schema, '', 'prepare', 'input');
    await expect(rejected).rejects.toBeInstanceOf(StepValidationError);
    await expect(rejected).rejects.toMatchObject({ stepId: 'prepare', target: 'input' });
  });
});
