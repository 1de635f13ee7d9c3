import { describe, expect, it } from 'vitest';
import { createModelCatalog } from './create-model-catalog.js';
import { defaultModelCatalog } from './model-catalog.js';

describe('createModelCatalog', () => {
  it('holds the five TokenOff models by default', () => {
    expect(Object.keys(createModelCatalog()).sort()).toEqual([
      'gemini-2.5-flash',
      'gemini-2.5-flash-lite',
      'gemini-2.5-pro',
      'gemini-3-flash-preview',
      'gemini-3.1-pro-preview',
    ]);
  });

  it('merges an override into one model, group by group, leaving the rest as they were', () => {
    const catalog = createModelCatalog({
      'gemini-2.5-pro': { limits: { rpm: 30 }, pricing: { inputPerMillion: 1 } },
    });
    const pro = catalog['gemini-2.5-pro'];
    expect(pro?.limits).toEqual({ ...defaultModelCatalog['gemini-2.5-pro']?.limits, rpm: 30 });
    expect(pro?.pricing.inputPerMillion).toBe(1);
    expect(pro?.pricing.outputPerMillion).toBe(10);
    expect(catalog['gemini-2.5-flash']).toEqual(defaultModelCatalog['gemini-2.5-flash']);
    expect(defaultModelCatalog['gemini-2.5-pro']?.limits.rpm).toBe(150);
  });

  it('adds a new model from its prices, reading generation and tier from the id', () => {
    const catalog = createModelCatalog({
      'gemini-3.5-flash': { pricing: { inputPerMillion: 0.5, outputPerMillion: 3 } },
    });
    expect(catalog['gemini-3.5-flash']).toMatchObject({
      id: 'gemini-3.5-flash',
      generation: '3',
      tier: 'flash',
      thoughtSignatures: true,
      pricing: { inputPerMillion: 0.5, outputPerMillion: 3, cachedInputPerMillion: 0.05 },
    });
  });

  it('refuses a new model without prices, saying which are missing', () => {
    expect(() => createModelCatalog({ 'gemini-4-pro': { pricing: { inputPerMillion: 2 } } })).toThrow(
      /overrides\["gemini-4-pro"\].*pricing\.inputPerMillion and pricing\.outputPerMillion.*got only inputPerMillion/,
    );
  });

  it('refuses bad numbers, naming the field and the value', () => {
    expect(() => createModelCatalog({ 'gemini-2.5-flash': { limits: { rpm: 0 } } })).toThrow(
      'createModelCatalog: overrides["gemini-2.5-flash"].limits.rpm must be a positive finite number, got 0 (number)',
    );
    expect(() =>
      createModelCatalog({ 'gemini-2.5-flash': { pricing: { outputPerMillion: Number.NaN } } }),
    ).toThrow(/pricing\.outputPerMillion must be a non-negative finite number/);
    expect(() =>
      createModelCatalog({ 'gemini-2.5-pro': { pricing: { longInputPerMillion: -1 }, limits: { rpd: 5 } } }),
    ).toThrow(
      'overrides["gemini-2.5-pro"].pricing.longInputPerMillion must be a non-negative finite number, got -1 (number)',
    );
    expect(() =>
      createModelCatalog({ 'gemini-2.5-pro': { limits: { rpd: Number.POSITIVE_INFINITY } } }),
    ).toThrow('.limits.rpd must be a positive finite number');
  });

  it('returns a frozen catalog', () => {
    expect(Object.isFrozen(createModelCatalog())).toBe(true);
  });
});
