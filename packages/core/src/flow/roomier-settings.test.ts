import { describe, expect, it } from 'vitest';
import { roomierSettings } from './roomier-settings.js';

describe('roomierSettings', () => {
  it('doubles the output budget and halves the thinking budget on 2.5 models', () => {
    expect(
      roomierSettings('gemini-2.5-flash', {
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
    expect(roomierSettings('gemini-2.5-flash', {})).toEqual({
      maxOutputTokens: 65_536,
      thinking: { budgetTokens: 24_576 },
    });
    expect(roomierSettings('gemini-2.5-pro', { thinking: { budgetTokens: 128 } }).thinking).toEqual({
      budgetTokens: 128,
    });
  });

  it('turns thinking off where the model allows it once the budget gets tiny', () => {
    expect(roomierSettings('gemini-2.5-flash-lite', { thinking: { budgetTokens: 600 } }).thinking).toEqual({
      budgetTokens: 0,
    });
  });

  it('steps one thinking level down on Gemini 3, never below what the model accepts', () => {
    expect(roomierSettings('gemini-3-flash-preview', { thinking: { level: 'high' } }).thinking).toEqual({
      level: 'medium',
    });
    expect(roomierSettings('gemini-3-flash-preview', {}).thinking).toEqual({ level: 'medium' });
    expect(roomierSettings('gemini-3.1-pro-preview', { thinking: { level: 'low' } }).thinking).toEqual({
      level: 'low',
    });
  });
});
