import { describe, expect, it } from 'vitest';
import { TokenflowError } from '../errors/tokenflow-error.js';
import { createModelCatalog } from './create-model-catalog.js';
import { getModelInfo } from './get-model-info.js';

const catalog = createModelCatalog();

describe('getModelInfo', () => {
  it('finds a model by id, with or without the models/ prefix', () => {
    expect(getModelInfo(catalog, 'gemini-2.5-pro').tier).toBe('pro');
    expect(getModelInfo(catalog, 'models/gemini-2.5-flash').id).toBe('gemini-2.5-flash');
  });

  it('lists the known models and suggests the closest one for a typo', () => {
    let thrown: unknown;
    try {
      getModelInfo(catalog, 'gemini-2.5-flsh');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TokenflowError);
    expect((thrown as TokenflowError).code).toBe('unknown_model');
    expect((thrown as Error).message).toMatch(/did you mean "gemini-2\.5-flash"\?/);
    expect((thrown as Error).message).toMatch(/Known models: .*gemini-3\.1-pro-preview/);
  });

  it('suggests nothing for an id far from every known one', () => {
    expect(() => getModelInfo(catalog, 'claude-opus')).toThrow(/^Unknown model "claude-opus"\. Known models/);
  });

  it('suggests by the same rule as pipeline files: no model for a short unrelated id', () => {
    // The models copy of closestMatch allowed 2 edits for any id, so `x9` got "did you mean o1?".
    const small = { o1: getModelInfo(catalog, 'gemini-2.5-pro') };
    expect(() => getModelInfo(small, 'x9')).toThrow(/^Unknown model "x9"\. Known models: o1\./);
    expect(() => getModelInfo(small, 'o2')).toThrow(/did you mean "o1"\?/);
  });

  it('does not treat inherited object keys as models', () => {
    expect(() => getModelInfo(catalog, 'toString')).toThrow(/Unknown model/);
  });
});
