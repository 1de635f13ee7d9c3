import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helloBody, parseSse, postModel, testKey } from '../test-support/call-emulator.js';
import type { GenerateContentResponse } from '../wire/types.js';
import type { EmulatorHandle } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [testKey] });
});
afterAll(async () => {
  await emulator.close();
});

describe('startEmulator', () => {
  it('listens on a free loopback port and reports its base URL with the /api base path', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(emulator.port).toBeGreaterThan(0);
  });

  it('answers generateContent with pretty JSON in the recorded key order', async () => {
    const response = await postModel(emulator.url, 'gemini-2.5-pro', 'generateContent', helloBody());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const text = await response.text();
    expect(text.startsWith('{\n  "candidates": [\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    const body = JSON.parse(text) as GenerateContentResponse;
    expect(Object.keys(body)).toEqual(['candidates', 'usageMetadata', 'modelVersion', 'responseId']);
    expect(body.modelVersion).toBe('gemini-2.5-pro');
    expect(body.responseId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const usage = body.usageMetadata;
    expect(usage.totalTokenCount).toBe(
      usage.promptTokenCount + (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0),
    );
    expect(usage.thoughtsTokenCount).toBeGreaterThan(0);
    expect(body.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('streams SSE by default on streamGenerateContent, with exact data-line framing', async () => {
    const response = await postModel(emulator.url, 'gemini-2.5-flash', 'streamGenerateContent', helloBody());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const text = await response.text();
    expect(text.startsWith('data: {"candidates": [{"content": {"parts": [')).toBe(true);
    const chunks = parseSse(text) as GenerateContentResponse[];
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) {
      expect(chunk.modelVersion).toBe('gemini-2.5-flash');
      expect(chunk.responseId).toBe(chunks[0]?.responseId);
    }
    expect(chunks.slice(0, -1).every((chunk) => chunk.candidates?.[0]?.finishReason === undefined)).toBe(
      true,
    );
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.at(-1)?.candidates?.[0]?.content?.parts?.length).toBeGreaterThan(0);
  });

  it('streams the incrementally written JSON array for alt=json', async () => {
    const chunk = (text: string, finishReason?: string) => ({
      candidates: [
        {
          content: { parts: [{ text }], role: 'model' },
          ...(finishReason ? { finishReason } : {}),
          index: 0,
        },
      ],
    });
    emulator.script([
      { prompt: 'array framing', times: 1, chunks: [chunk('a'), chunk('b'), chunk('c', 'STOP')] },
    ]);
    const response = await postModel(
      emulator.url,
      'gemini-2.5-flash',
      'streamGenerateContent?alt=json',
      helloBody('array framing'),
    );
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const text = await response.text();
    expect(text.startsWith('[{\n  "candidates"')).toBe(true);
    expect(text.endsWith('\n]')).toBe(true);
    const chunks = JSON.parse(text) as GenerateContentResponse[];
    expect(chunks).toHaveLength(3);
    expect(text.split('\n,\r\n{')).toHaveLength(3);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('wraps errors before an alt=json stream in an array, keeping the HTTP status', async () => {
    const response = await postModel(
      emulator.url,
      'gemini-2.5-flash',
      'streamGenerateContent?alt=json',
      helloBody(),
      {},
    );
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { status: string } }[];
    expect(body[0]?.error.status).toBe('PERMISSION_DENIED');
  });

  it('counts tokens the same as generateContent reports them for the same request', async () => {
    const body = helloBody('Count these words please, all seven of them.');
    const count = await postModel(emulator.url, 'gemini-2.5-flash', 'countTokens', body);
    const counted = (await count.json()) as { totalTokens: number; promptTokensDetails: unknown[] };
    const generated = (await (
      await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', body)
    ).json()) as GenerateContentResponse;
    expect(counted.totalTokens).toBeGreaterThan(0);
    expect(counted.totalTokens).toBe(generated.usageMetadata.promptTokenCount);
    expect(counted.promptTokensDetails).toEqual([{ modality: 'TEXT', tokenCount: counted.totalTokens }]);
  });

  it('lists the five TokenOff models, paged with nextPageToken', async () => {
    const headers = { 'x-goog-api-key': testKey };
    const first = (await (await fetch(`${emulator.url}/v1beta/models?pageSize=3`, { headers })).json()) as {
      models: { name: string }[];
      nextPageToken?: string;
    };
    expect(first.models).toHaveLength(3);
    expect(first.nextPageToken).toBeTypeOf('string');
    const second = (await (
      await fetch(`${emulator.url}/v1beta/models?pageSize=3&pageToken=${first.nextPageToken}`, { headers })
    ).json()) as { models: { name: string }[]; nextPageToken?: string };
    expect(second.nextPageToken).toBeUndefined();
    expect([...first.models, ...second.models].map((model) => model.name).sort()).toEqual([
      'models/gemini-2.5-flash',
      'models/gemini-2.5-flash-lite',
      'models/gemini-2.5-pro',
      'models/gemini-3-flash-preview',
      'models/gemini-3.1-pro-preview',
    ]);
  });

  it('serves one model resource and 404s an unknown one', async () => {
    const headers = { 'x-goog-api-key': testKey };
    const known = await fetch(`${emulator.url}/v1beta/models/gemini-2.5-pro`, { headers });
    expect(((await known.json()) as { name: string }).name).toBe('models/gemini-2.5-pro');
    const unknown = await fetch(`${emulator.url}/v1beta/models/gemini-9`, { headers });
    expect(unknown.status).toBe(404);
  });

  it('answers an unknown model with the real 404 NOT_FOUND message naming the method', async () => {
    const response = await postModel(emulator.url, 'gemini-3.6-flahs', 'generateContent', helloBody());
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        code: 404,
        message:
          'models/gemini-3.6-flahs is not found for API version v1beta, or is not supported for generateContent. Call ModelService.ListModels to see the list of available models and their supported methods.',
        status: 'NOT_FOUND',
      },
    });
  });

  it('sends an empty reason phrase, so clients see the empty statusText of the real HTTP/2 API', async () => {
    const response = await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', helloBody(), {});
    expect(response.status).toBe(403);
    expect(response.statusText).toBe('');
  });

  it('answers an unknown route with 404 NOT_FOUND and says what it serves', async () => {
    const response = await fetch(`${emulator.url}/v2/things`, { headers: { 'x-goog-api-key': testKey } });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { status: string; details: { detail: string }[] } };
    expect(body.error.status).toBe('NOT_FOUND');
    expect(body.error.details[0]?.detail).toContain(':generateContent');
  });

  it('records each request with its body and model, and redacts the key everywhere', async () => {
    await fetch(`${emulator.url}/v1beta/models/gemini-2.5-flash:generateContent?key=${testKey}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-goog-api-key': testKey,
        authorization: `Bearer ${testKey}`,
      },
      body: helloBody('record me'),
    });
    const recorded = emulator.requests.at(-1);
    expect(recorded?.model).toBe('gemini-2.5-flash');
    expect(recorded?.action).toBe('generateContent');
    expect(recorded?.apiKeySource).toBe('x-goog-api-key');
    expect(recorded?.status).toBe(200);
    expect(recorded?.body).toEqual(JSON.parse(helloBody('record me')));
    expect(recorded?.headers['x-goog-api-key']).toBe('[redacted]');
    expect(recorded?.headers.authorization).toBe('Bearer [redacted]');
    expect(recorded?.query.key).toBe('[redacted]');
    expect(JSON.stringify(emulator.requests)).not.toContain(testKey);
  });

  it('counts requests per model and status', async () => {
    const before = emulator.stats.byModel['gemini-2.5-flash-lite']?.byStatus['200'] ?? 0;
    await postModel(emulator.url, 'gemini-2.5-flash-lite', 'generateContent', helloBody());
    expect(emulator.stats.byModel['gemini-2.5-flash-lite']?.byStatus['200']).toBe(before + 1);
  });

  it('says which port is taken and what to do when it cannot listen', async () => {
    await expect(startEmulator({ port: emulator.port })).rejects.toThrow(
      `port: cannot listen on 127.0.0.1:${emulator.port} (EADDRINUSE): another process is listening there; pick another port, or 0 for a free one`,
    );
  });

  it('tells onRequest about every answered request, with secrets redacted, and survives a throwing listener', async () => {
    const seen: string[] = [];
    const logged = await startEmulator({
      maxRecordedRequests: 0,
      onRequest: (request) => {
        seen.push(`${request.method} ${request.action} ${request.status} ${request.headers.authorization}`);
        throw new Error('a broken logger');
      },
    });
    try {
      expect((await postModel(logged.url, 'gemini-2.5-flash', 'generateContent', helloBody())).status).toBe(
        200,
      );
      expect((await postModel(logged.url, 'gemini-9', 'countTokens', helloBody())).status).toBe(404);
      expect(seen).toEqual([
        'POST generateContent 200 Bearer [redacted]',
        'POST countTokens 404 Bearer [redacted]',
      ]);
      expect(logged.requests).toHaveLength(0);
    } finally {
      await logged.close();
    }
  });

  it('drops the oldest records once their bodies pass maxRecordedBytes', async () => {
    const small = await startEmulator({ maxRecordedBytes: 3000 });
    try {
      const body = helloBody('x'.repeat(900));
      for (let index = 0; index < 6; index++) {
        await postModel(small.url, 'gemini-2.5-flash', 'countTokens', body);
      }
      expect(small.requests.length).toBe(3);
      expect(small.stats.requests).toBe(6);
    } finally {
      await small.close();
    }
  });

  it('honours a custom base path', async () => {
    const other = await startEmulator({ basePath: '/proxy/gemini/' });
    try {
      expect(other.url.endsWith('/proxy/gemini')).toBe(true);
      const response = await postModel(other.url, 'gemini-2.5-flash', 'generateContent', helloBody());
      expect(response.status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
