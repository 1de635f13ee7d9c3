import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helloBody, postModel, testKey } from '../test-support/call-emulator.js';
import type { EmulatorHandle } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [testKey] });
});
afterAll(async () => {
  await emulator.close();
});

describe('authentication', () => {
  it.each([
    ['x-goog-api-key', { 'x-goog-api-key': testKey }],
    ['Authorization: Bearer', { authorization: `Bearer ${testKey}` }],
  ])('accepts the key in %s', async (_name, headers) => {
    const response = await postModel(
      emulator.url,
      'gemini-2.5-flash',
      'generateContent',
      helloBody(),
      headers,
    );
    expect(response.status).toBe(200);
  });

  it('accepts the key as ?key=', async () => {
    const response = await fetch(
      `${emulator.url}/v1beta/models/gemini-2.5-flash:generateContent?key=${testKey}`,
      {
        method: 'POST',
        body: helloBody(),
      },
    );
    expect(response.status).toBe(200);
  });

  it('reads x-goog-api-key before a Bearer token', async () => {
    const response = await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', helloBody(), {
      'x-goog-api-key': testKey,
      authorization: 'Bearer wrong',
    });
    expect(response.status).toBe(200);
  });

  it('refuses a request without a key with the real 403 PERMISSION_DENIED body', async () => {
    const response = await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', helloBody(), {});
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: {
        code: 403,
        message:
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        status: 'PERMISSION_DENIED',
      },
    });
  });

  it('refuses a wrong key with 400 API_KEY_INVALID, ErrorInfo and LocalizedMessage details', async () => {
    const response = await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', helloBody(), {
      authorization: 'Bearer not-the-key',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { status: string; message: string; details: { '@type': string; reason?: string }[] };
    };
    expect(body.error.status).toBe('INVALID_ARGUMENT');
    expect(body.error.message).toBe('API key not valid. Please pass a valid API key.');
    expect(body.error.details.map((detail) => detail['@type'])).toEqual([
      'type.googleapis.com/google.rpc.ErrorInfo',
      'type.googleapis.com/google.rpc.LocalizedMessage',
    ]);
    expect(body.error.details[0]?.reason).toBe('API_KEY_INVALID');
    expect(JSON.stringify(body)).not.toContain('not-the-key');
  });

  it('accepts any non-empty key when no keys are configured', async () => {
    const open = await startEmulator();
    try {
      const response = await postModel(open.url, 'gemini-2.5-flash', 'generateContent', helloBody(), {
        'x-goog-api-key': 'anything',
      });
      expect(response.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
