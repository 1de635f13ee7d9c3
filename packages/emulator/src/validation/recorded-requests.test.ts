import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type EmulatedModel, findEmulatedModel } from '../catalog/emulated-models.js';
import { validateGenerateContentRequest } from './validate-request.js';

const fixtures = new URL('../../fixtures/gemini-recorded/', import.meta.url);

/** Recorded model names that TokenOff does not serve, mapped to the nearest model it does. */
const nearest: Record<string, string> = {
  'gemini-3.5-flash': 'gemini-3-flash-preview',
  'gemini-3.7-flash': 'gemini-3-flash-preview',
  'gemini-3.6-flahs': 'gemini-3-flash-preview',
  'gemini-3-pro-preview': 'gemini-3.1-pro-preview',
  'gemini-2.0-flash': 'gemini-2.5-flash',
  'gemini-1.5-flash': 'gemini-2.5-flash',
  '(not stated)': 'gemini-2.5-flash',
};

function modelFor(name: string): EmulatedModel {
  const found = findEmulatedModel(nearest[name] ?? name);
  if (found === undefined) throw new Error(`no TokenOff model for recorded model ${name}`);
  return found;
}

const requests = readdirSync(fixtures).filter((file) => file.endsWith('.request.json'));

describe('every recorded real request validates', () => {
  it('finds the recorded requests', () => {
    expect(requests.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of requests) {
    it(`accepts ${file}`, () => {
      const meta = JSON.parse(
        readFileSync(new URL(file.replace('.request.json', '.meta.json'), fixtures), 'utf8'),
      );
      const body = JSON.parse(readFileSync(new URL(file, fixtures), 'utf8'));
      expect(validateGenerateContentRequest(body, modelFor(String(meta.model)))).toBeNull();
    });
  }
});
