import { describe, expect, it } from 'vitest';
import { parseRoute } from './parse-route.js';

describe('parseRoute', () => {
  it('reads model actions, model resources and the model list under the base path', () => {
    expect(parseRoute('/api/v1beta/models/gemini-2.5-pro:generateContent', '/api')).toEqual({
      kind: 'model-action',
      apiVersion: 'v1beta',
      model: 'gemini-2.5-pro',
      action: 'generateContent',
    });
    expect(parseRoute('/api/v1beta/models/gemini-2.5-pro', '/api')).toEqual({
      kind: 'get-model',
      apiVersion: 'v1beta',
      model: 'gemini-2.5-pro',
    });
    expect(parseRoute('/api/v1/models', '/api')).toEqual({ kind: 'list-models', apiVersion: 'v1' });
    expect(parseRoute('/v1beta/models/m%3AcountTokens', '')).toMatchObject({
      model: 'm',
      action: 'countTokens',
    });
  });

  it.each([
    '/v1beta/models/gemini-2.5-pro:generateContent',
    '/apix/v1beta/models',
    '/api/v2/models',
    '/api/v1beta/tunedModels/x',
    '/api/v1beta/models/a/b:generateContent',
    '/api/v1beta/models/:generateContent',
    '/api/v1beta/models/m:',
    '/api/v1beta/models/%E0%A4%A',
  ])('calls %s unknown', (path) => {
    expect(parseRoute(path, '/api')).toEqual({ kind: 'unknown' });
  });
});
