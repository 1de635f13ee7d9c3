import { describe, expect, it } from 'vitest';
import { emulatedModels, findEmulatedModel, toModelResource } from './emulated-models.js';

describe('the emulated TokenOff catalog', () => {
  it('lists exactly the five TokenOff models with the published limits', () => {
    expect(emulatedModels.map((model) => model.id)).toEqual([
      'gemini-3.1-pro-preview',
      'gemini-3-flash-preview',
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'gemini-2.5-flash-lite',
    ]);
    for (const model of emulatedModels) {
      expect([model.inputTokenLimit, model.outputTokenLimit]).toEqual([1_048_576, 65_536]);
    }
  });

  it('gives pro models thinking that cannot be disabled, and flash-lite thinking that is off by default', () => {
    const pro = emulatedModels.filter((model) => model.tier === 'pro');
    expect(pro.every((model) => !model.thinking.canDisable && model.thinking.onByDefault)).toBe(true);
    expect(findEmulatedModel('gemini-2.5-flash-lite')?.thinking).toMatchObject({
      onByDefault: false,
      budget: { min: 512 },
    });
    expect(findEmulatedModel('gemini-3.1-pro-preview')?.thinking.levels).toEqual(['low', 'medium', 'high']);
    expect(findEmulatedModel('gemini-3-flash-preview')?.thinking.levels).toContain('minimal');
  });

  it('marks only gemini-3 models as returning thought signatures', () => {
    expect(
      emulatedModels.filter((model) => model.thoughtSignatures).map((model) => model.generation),
    ).toEqual(['3', '3']);
  });

  it('finds a model by id, with or without the models/ prefix, and nothing else', () => {
    expect(findEmulatedModel('gemini-2.5-pro')?.displayName).toBe('Gemini 2.5 Pro');
    expect(findEmulatedModel('models/gemini-2.5-flash')?.id).toBe('gemini-2.5-flash');
    expect(findEmulatedModel('gemini-1.5-flash')).toBeUndefined();
    expect(findEmulatedModel('models/')).toBeUndefined();
  });

  it('describes a model as the GET /v1beta/models/{model} resource', () => {
    const model = findEmulatedModel('gemini-2.5-flash');
    if (model === undefined) throw new Error('gemini-2.5-flash missing');
    const resource = toModelResource(model);
    expect(Object.keys(resource)).toEqual([
      'name',
      'version',
      'displayName',
      'description',
      'inputTokenLimit',
      'outputTokenLimit',
      'supportedGenerationMethods',
      'temperature',
      'topP',
      'topK',
      'maxTemperature',
      'thinking',
    ]);
    expect(resource).toMatchObject({
      name: 'models/gemini-2.5-flash',
      inputTokenLimit: 1_048_576,
      thinking: true,
    });
    expect(resource.supportedGenerationMethods).toContain('countTokens');
  });
});
