import { GoogleGenAI } from '@google/genai';
import { GoogleGenerativeAI } from '@google/generative-ai';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatorHandle, type EmulatorOptions, startEmulator } from '../../src/index.js';
import { helloBody, parseSse, postModel } from '../../src/test-support/call-emulator.js';

const longPrompt =
  'Explain in detail, across several long paragraphs, how tides are caused by the moon and the sun, why there are two tides a day, and what spring and neap tides are.';

let emulator: EmulatorHandle | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: EmulatorOptions): Promise<EmulatorHandle> {
  emulator = await startEmulator(options);
  return emulator;
}

/** A sleep that records what it was asked to wait and returns at once. */
function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (milliseconds: number) => void waits.push(milliseconds) };
}

describe('latency faults', () => {
  it('waits the fixed time to first byte and before every later streamed chunk', async () => {
    const { waits, sleep } = recordingSleep();
    const server = await start({
      sleep,
      streamChunkChars: 24,
      faults: { '*': { latency: { firstByteMs: 250, perChunkMs: 40 } } },
    });
    const response = await postModel(
      server.url,
      'gemini-2.5-flash',
      'streamGenerateContent?alt=sse',
      helloBody(longPrompt),
    );
    const chunks = parseSse(await response.text());
    expect(chunks.length).toBeGreaterThan(2);
    expect(waits).toEqual([250, ...Array.from({ length: chunks.length - 1 }, () => 40)]);
  });

  it('draws ranged latency from the seed, the same for the same seed', async () => {
    const draws: number[][] = [];
    for (const seed of [7, 7, 8]) {
      const { waits, sleep } = recordingSleep();
      const server = await start({
        seed,
        sleep,
        faults: { '*': { latency: { firstByteMs: { min: 100, max: 900 } } } },
      });
      for (let index = 0; index < 5; index++)
        await postModel(server.url, 'gemini-2.5-pro', 'generateContent', helloBody());
      await server.close();
      emulator = undefined;
      expect(waits.every((wait) => wait >= 100 && wait <= 900)).toBe(true);
      draws.push(waits);
    }
    expect(draws[0]).toEqual(draws[1]);
    expect(draws[0]).not.toEqual(draws[2]);
  });
});

describe('capacity fault', () => {
  it('answers 503 "The model is overloaded" when more calls than maxConcurrent are in flight', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => undefined;
    const first = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const server = await start({
      sleep: () => {
        entered();
        return held;
      },
      faults: { 'gemini-2.5-pro': { maxConcurrent: 1, latency: { firstByteMs: 1 } } },
    });
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: server.url } });
    const slow = ai.models.generateContent({ model: 'gemini-2.5-pro', contents: 'first' });
    await first;
    await expect(
      ai.models.generateContent({ model: 'gemini-2.5-pro', contents: 'second' }),
    ).rejects.toMatchObject({
      status: 503,
      message: expect.stringContaining('The model is overloaded. Please try again later.'),
    });
    release();
    expect((await slow).text?.length).toBeGreaterThan(0);
    expect(server.stats.faults['503-capacity']).toBe(1);
  });
});

describe('in-flight accounting', () => {
  it('frees capacity when stalled, reset and failed streams end, so maxConcurrent never leaks', async () => {
    const server = await start({ faults: { 'gemini-2.5-flash': { maxConcurrent: 1 } } });
    const stalled = new AbortController();
    server.script([
      { prompt: 'stall me', fault: 'stall' },
      { prompt: 'reset me', fault: 'resetMidBody' },
      { prompt: 'cut me', fault: 'midStreamError' },
    ]);
    const response = await fetch(`${server.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k' },
      body: helloBody(`stall me: ${longPrompt}`),
      signal: stalled.signal,
    });
    expect(server.stats.inFlight['gemini-2.5-flash']).toBe(1);
    expect((await postModel(server.url, 'gemini-2.5-flash', 'generateContent', helloBody())).status).toBe(
      503,
    );
    stalled.abort();
    await response.text().catch(() => undefined);
    // the reset and the mid-stream error end their streams too
    await postModel(
      server.url,
      'gemini-2.5-flash',
      'streamGenerateContent',
      helloBody(`reset me: ${longPrompt}`),
    )
      .then((reset) => reset.text())
      .catch(() => undefined);
    const cut = await postModel(
      server.url,
      'gemini-2.5-flash',
      'streamGenerateContent',
      helloBody(`cut me: ${longPrompt}`),
    );
    expect(await cut.text()).toContain('"UNAVAILABLE"');
    expect((await postModel(server.url, 'gemini-2.5-flash', 'generateContent', helloBody())).status).toBe(
      200,
    );
    expect(server.stats.inFlight['gemini-2.5-flash']).toBe(0);
  });
});

describe('random server errors', () => {
  it.each([
    ['500', 500, 'INTERNAL'],
    ['503', 503, 'UNAVAILABLE'],
    ['504', 504, 'DEADLINE_EXCEEDED'],
  ] as const)('answers %s at rate 1, which LangChain sees as the status', async (key, status, rpcStatus) => {
    const server = await start({ faults: { 'gemini-2.5-flash': { errorRates: { [key]: 1 } } } });
    const model = new ChatGoogleGenerativeAI({
      model: 'gemini-2.5-flash',
      apiKey: 'k',
      baseUrl: server.url,
      maxRetries: 0,
    });
    await expect(model.invoke('Hello')).rejects.toMatchObject({ status });
    const response = await postModel(server.url, 'gemini-2.5-flash', 'generateContent', helloBody());
    expect(((await response.json()) as { error: { status: string } }).error.status).toBe(rpcStatus);
  });

  it('fails about the configured share of calls, reproducibly from the seed', async () => {
    const outcomes: number[][] = [];
    for (const seed of [11, 11]) {
      const server = await start({ seed, faults: { '*': { errorRates: { '503': 0.3 } } } });
      const statuses: number[] = [];
      for (let index = 0; index < 60; index++) {
        statuses.push(
          (await postModel(server.url, 'gemini-2.5-flash-lite', 'generateContent', helloBody())).status,
        );
      }
      await server.close();
      emulator = undefined;
      outcomes.push(statuses);
    }
    const failures = outcomes[0]?.filter((status) => status === 503).length ?? 0;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
    expect(outcomes[0]).toEqual(outcomes[1]);
  });
});

describe('stream faults', () => {
  it('sends a mid-stream {"error"} event after the first chunk, then closes', async () => {
    const server = await start({ faults: { '*': { rates: { midStreamError: 1 } } } });
    const response = await postModel(
      server.url,
      'gemini-2.5-flash',
      'streamGenerateContent?alt=sse',
      helloBody(longPrompt),
    );
    expect(response.status).toBe(200);
    const events = parseSse(await response.text()) as Record<string, unknown>[];
    expect(events).toHaveLength(2);
    expect(events[0]).toHaveProperty('candidates');
    expect(events[1]).toEqual({
      error: {
        code: 503,
        message: 'The model is overloaded. Please try again later.',
        status: 'UNAVAILABLE',
      },
    });
  });

  it('mid-stream errors reach @google/generative-ai as a chunk without candidates (the SDK does not raise them)', async () => {
    const server = await start({ faults: { '*': { rates: { midStreamError: 1 } } } });
    const model = new GoogleGenerativeAI('k').getGenerativeModel(
      { model: 'gemini-2.5-pro' },
      { baseUrl: server.url },
    );
    const result = await model.generateContentStream(longPrompt);
    const chunks = [];
    for await (const chunk of result.stream) chunks.push(chunk);
    expect(chunks).toHaveLength(2);
    expect(chunks[1]?.candidates).toBeUndefined();
    expect((chunks[1] as unknown as { error: { code: number } }).error.code).toBe(503);
    await result.response.catch(() => undefined);
  });

  it('writes the mid-stream error as an array element in the alt=json form', async () => {
    const server = await start({ faults: { '*': { rates: { midStreamError: 1 } } } });
    const response = await postModel(
      server.url,
      'gemini-2.5-flash',
      'streamGenerateContent?alt=json',
      helloBody(longPrompt),
    );
    const elements = JSON.parse(await response.text()) as Record<string, unknown>[];
    expect(elements).toHaveLength(2);
    expect(elements[1]).toHaveProperty('error.status', 'UNAVAILABLE');
  });

  it('resets the connection before headers: fetch fails, and the server keeps serving', async () => {
    const server = await start({ faults: { 'gemini-2.5-pro': { rates: { resetBeforeHeaders: 1 } } } });
    await expect(postModel(server.url, 'gemini-2.5-pro', 'generateContent', helloBody())).rejects.toThrow(
      /fetch failed/,
    );
    expect((await postModel(server.url, 'gemini-2.5-flash', 'generateContent', helloBody())).status).toBe(
      200,
    );
  });

  it('resets a stream after the first chunk: the SDK stream errors out', async () => {
    const server = await start({ faults: { '*': { rates: { resetMidBody: 1 } } } });
    const model = new GoogleGenerativeAI('k').getGenerativeModel(
      { model: 'gemini-2.5-pro' },
      { baseUrl: server.url },
    );
    const result = await model.generateContentStream(longPrompt);
    result.response.catch(() => undefined);
    const read = async () => {
      for await (const _chunk of result.stream) {
        // drain
      }
    };
    await expect(read()).rejects.toThrow();
  });

  it('resets a unary answer mid-body: @google/genai rejects', async () => {
    const server = await start({ faults: { '*': { rates: { resetMidBody: 1 } } } });
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: server.url } });
    await expect(
      ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hello' }),
    ).rejects.toThrow();
  });

  it('stalls a stream after the first chunk until the client gives up', async () => {
    const server = await start({ faults: { 'gemini-2.5-flash': { rates: { stall: 1 } } } });
    const controller = new AbortController();
    const response = await fetch(
      `${server.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`,
      {
        method: 'POST',
        headers: { 'x-goog-api-key': 'k' },
        body: helloBody(longPrompt),
        signal: controller.signal,
      },
    );
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = '';
    while (!received.includes('\r\n\r\n')) {
      const { value } = await reader.read();
      received += new TextDecoder().decode(value);
    }
    expect(received.startsWith('data: {"candidates"')).toBe(true);
    let moreArrived = false;
    const next = reader.read().then((result) => {
      moreArrived = true;
      return result;
    });
    // a whole other exchange completes while the stalled stream sends nothing more
    expect((await postModel(server.url, 'gemini-2.5-pro', 'generateContent', helloBody())).status).toBe(200);
    expect(moreArrived).toBe(false);
    controller.abort();
    await expect(next).rejects.toThrow();
  });

  it('stalls a unary call before any header until the client aborts', async () => {
    const server = await start({ faults: { 'gemini-2.5-flash': { rates: { stall: 1 } } } });
    const controller = new AbortController();
    let settled = false;
    const call = fetch(`${server.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k' },
      body: helloBody(),
      signal: controller.signal,
    }).finally(() => {
      settled = true;
    });
    expect((await postModel(server.url, 'gemini-2.5-pro', 'generateContent', helloBody())).status).toBe(200);
    expect(settled).toBe(false);
    controller.abort();
    await expect(call).rejects.toThrow(/abort/i);
  });
});
