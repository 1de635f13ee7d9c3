import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minRedactedSecretLength } from '../errors/redact-secrets.js';
import { ChatTokenOff } from './chat-tokenoff.js';
import { type ReplayServer, startReplayServer } from './test-support/replay-server.js';
import { failure } from './test-support/standard-contract.js';
import type { TokenOffError } from './tokenoff-error.js';

const key = 'canary-KEY-7f3a9c2e51d84b06';
let server: ReplayServer;

beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
});

/** Whether `text` holds any slice of the key that is at least the redaction minimum long. */
function leaksKey(text: string): boolean {
  for (let start = 0; start + minRedactedSecretLength <= key.length; start++) {
    if (text.includes(key.slice(start, start + minRedactedSecretLength))) return true;
  }
  return false;
}

function chat() {
  return new ChatTokenOff({ model: 'gemini-2.5-flash', apiKey: key, baseUrl: server.url, maxRetries: 0 });
}

/** Every way a program or a log line can look at a model. */
function viewsOf(model: ChatTokenOff): string[] {
  return [
    inspect(model, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
    inspect(model, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
    JSON.stringify(model),
    JSON.stringify(model.toJSON()),
    JSON.stringify(model.lc_kwargs),
    JSON.stringify(Object.fromEntries(Object.entries(model))),
    JSON.stringify(model.invocationParams({} as never)),
  ];
}

/** A 200 that says JSON but echoes the key as plain text (a misconfigured proxy, say). */
function echoingAnswer() {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: [`${key} is not a valid token, got ${key.slice(0, 10)}`],
  };
}

function expectNoKeyIn(error: TokenOffError): void {
  expect(leaksKey(error.message)).toBe(false);
  expect(leaksKey(JSON.stringify(error))).toBe(false);
  expect(leaksKey(inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY }))).toBe(false);
}

describe('ChatTokenOff never echoes its key from a body', () => {
  it('fails a JSON-typed 200 that is not JSON as a retryable server error, without the key (invoke)', async () => {
    server.answer(echoingAnswer());
    const error = await failure(chat().invoke('hi'));
    expect(error).toMatchObject({ kind: 'server', retryable: true, model: 'gemini-2.5-flash' });
    expect(error.message).toMatch(/is not JSON \(\d+ characters\)/);
    expectNoKeyIn(error);
  });

  it('fails the same answer on a stream the same way, without the key', async () => {
    server.answer(echoingAnswer());
    const error = await failure(
      (async () => {
        for await (const _chunk of await chat().stream('hi')) {
          // drain
        }
      })(),
    );
    expect(error).toMatchObject({ kind: 'server', retryable: true });
    expectNoKeyIn(error);
  });

  it('quotes an error body only in part and without any slice of the key', async () => {
    server.answer({
      status: 500,
      headers: { 'content-type': 'text/plain' },
      body: [`upstream said: bad key ${key.slice(3, 15)} ${'x'.repeat(5_000)}`],
    });
    const error = await failure(chat().invoke('hi'));
    expect(error).toMatchObject({ kind: 'server', status: 500 });
    expect(error.message.length).toBeLessThan(1_000);
    expectNoKeyIn(error);
  });
});

describe('ChatTokenOff keeps its key out of every view of the model', () => {
  it('shows no piece of the key to util.inspect (showHidden, any depth), JSON.stringify or toJSON', () => {
    for (const view of viewsOf(chat())) expect(leaksKey(view)).toBe(false);
  });

  it('hides a key that came from the env option too (the env object is not kept)', () => {
    const model = new ChatTokenOff({
      model: 'gemini-2.5-flash',
      baseUrl: server.url,
      env: { TOKENOFF_API_KEY: key },
    });
    for (const view of viewsOf(model)) expect(leaksKey(view)).toBe(false);
  });

  it('keeps custom headers, which may carry a proxy credential, out of every view too', () => {
    const model = new ChatTokenOff({
      model: 'gemini-2.5-flash',
      apiKey: 'tk-live-other-key',
      baseUrl: server.url,
      customHeaders: { 'x-proxy-token': key },
    });
    for (const view of viewsOf(model)) expect(leaksKey(view)).toBe(false);
  });

  it('serializes the key as a LangChain secret reference to TOKENOFF_API_KEY', () => {
    const serialized = chat().toJSON() as { kwargs: Record<string, unknown> };
    expect(serialized.kwargs.api_key ?? serialized.kwargs.apiKey).toEqual({
      lc: 1,
      type: 'secret',
      id: ['TOKENOFF_API_KEY'],
    });
    expect(serialized.kwargs.model).toBe('gemini-2.5-flash');
  });

  it('still sends the key, which only the request headers carry', async () => {
    server.answer({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: [
        JSON.stringify({
          candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'STOP' }],
        }),
      ],
    });
    await chat().invoke('hi');
    const request = server.requests.at(-1);
    expect(request?.headers['x-goog-api-key']).toBe(key);
    expect(leaksKey(request?.url ?? '')).toBe(false);
    expect(leaksKey(request?.body ?? '')).toBe(false);
  });
});
