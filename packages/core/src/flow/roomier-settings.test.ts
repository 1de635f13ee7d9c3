import { describe, expect, it } from 'vitest';
import { createModelCatalog } from '../models/create-model-catalog.js';
import { defaultModelCatalog } from '../models/model-catalog.js';
import { roomierSettings } from './roomier-settings.js';

const roomier = (model: string, settings: Parameters<typeof roomierSettings>[1]) =>
  roomierSettings(model, settings, defaultModelCatalog);

describe('roomierSettings', () => {
  it('doubles the output budget and halves the thinking budget on 2.5 models', () => {
    expect(
      roomier('gemini-2.5-flash', {
        maxOutputTokens: 256,
        thinking: { budgetTokens: 200 },
        temperature: 0,
      }),
    ).toEqual({
      maxOutputTokens: 512,
      thinking: { budgetTokens: 100 },
      temperature: 0,
    });
  });

  it('stays within the model limits when nothing was set', () => {
    expect(roomier('gemini-2.5-flash', {})).toEqual({
      maxOutputTokens: 65_536,
      thinking: { budgetTokens: 24_576 },
    });
    expect(roomier('gemini-2.5-pro', { thinking: { budgetTokens: 128 } }).thinking).toEqual({
      budgetTokens: 128,
    });
  });

  it('turns thinking off where the model allows it once the budget gets tiny', () => {
    expect(roomier('gemini-2.5-flash-lite', { thinking: { budgetTokens: 600 } }).thinking).toEqual({
      budgetTokens: 0,
    });
  });

  it('steps one thinking level down on Gemini 3, never below what the model accepts', () => {
    expect(roomier('gemini-3-flash-preview', { thinking: { level: 'high' } }).thinking).toEqual({
      level: 'medium',
    });
    expect(roomier('gemini-3-flash-preview', {}).thinking).toEqual({ level: 'medium' });
    expect(roomier('gemini-3.1-pro-preview', { thinking: { level: 'low' } }).thinking).toEqual({
      level: 'low',
    });
  });

  it("reads the model's limits from the catalog it is given", () => {
    const catalog = createModelCatalog({ 'gemini-2.5-flash': { maxOutputTokens: 1_000 } });
    expect(roomierSettings('gemini-2.5-flash', {}, catalog).maxOutputTokens).toBe(1_000);
  });
});
