import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { helloBody, parseSse, postModel } from '../test-support/call-emulator.js';
import type { RecordedRequest } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

const tenMinutes = 600_000;

/** Sends a generateContent request that the test can cut; resolves nothing, errors are the point. */
function sendCuttable(url: string, model: string): { cut: () => void } {
  const target = new URL(`${url}/v1beta/models/${model}:generateContent`);
  const request = httpRequest(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'k' },
  });
  request.on('error', () => {});
  request.end(helloBody());
  return { cut: () => request.destroy() };
}

describe('latency waits end when the client goes away', () => {
  it('answers 499 at once when the client leaves during the first-byte latency, and frees its in-flight slot', async () => {
    let entered: () => void = () => {};
    const admitted = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let finished: (request: RecordedRequest) => void = () => {};
    const recorded = new Promise<RecordedRequest>((resolve) => {
      finished = resolve;
    });
    let clockReads = 0;
    const emulator = await startEmulator({
      // the quota reads the clock right before the request enters its latency wait
      faults: { '*': { latency: { firstByteMs: tenMinutes }, quota: { requestsPerMinute: 1000 } } },
      now: () => {
        clockReads += 1;
        if (clockReads === 2) entered();
        return 1_700_000_000_000;
      },
      onRequest: finished,
    });
    try {
      const call = sendCuttable(emulator.url, 'gemini-2.5-flash');
      await admitted;
      expect(emulator.stats.inFlight['gemini-2.5-flash']).toBe(1);
      call.cut();
      expect((await recorded).status).toBe(499);
      expect(emulator.stats.inFlight['gemini-2.5-flash']).toBe(0);
      expect(emulator.stats.byStatus).toEqual({ 499: 1 });
    } finally {
      await emulator.close();
    }
  });

  it('hands a sleep option a signal that aborts when the client leaves', async () => {
    const signals: AbortSignal[] = [];
    let sleeping: () => void = () => {};
    const asleep = new Promise<void>((resolve) => {
      sleeping = resolve;
    });
    let finished: (request: RecordedRequest) => void = () => {};
    const recorded = new Promise<RecordedRequest>((resolve) => {
      finished = resolve;
    });
    const emulator = await startEmulator({
      faults: { '*': { latency: { firstByteMs: tenMinutes } } },
      sleep: (milliseconds, signal) => {
        expect(milliseconds).toBe(tenMinutes);
        signals.push(signal);
        sleeping();
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      },
      onRequest: finished,
    });
    try {
      const call = sendCuttable(emulator.url, 'gemini-2.5-flash');
      await asleep;
      expect(signals[0]?.aborted).toBe(false);
      call.cut();
      expect((await recorded).status).toBe(499);
      expect(signals[0]?.aborted).toBe(true);
      expect((signals[0]?.reason as Error | undefined)?.message).toBe(
        'the connection closed before the answer was complete',
      );
    } finally {
      await emulator.close();
    }
  });

  it('answers after the latency with the same bytes as without it, unary and streamed chunk by chunk', async () => {
    const quick = await startEmulator({ seed: 3, streamChunkChars: 20 });
    const slow = await startEmulator({
      seed: 3,
      streamChunkChars: 20,
      faults: { '*': { latency: { firstByteMs: 2, perChunkMs: { min: 1, max: 3 } } } },
    });
    try {
      for (const action of ['generateContent', 'streamGenerateContent']) {
        const body = helloBody('Explain how tides follow the moon and why there are two a day.');
        const expected = await (await postModel(quick.url, 'gemini-2.5-flash', action, body)).text();
        const answer = await (await postModel(slow.url, 'gemini-2.5-flash', action, body)).text();
        expect(answer).toBe(expected);
        if (action === 'streamGenerateContent') expect(parseSse(answer).length).toBeGreaterThan(3);
      }
      expect(slow.stats.inFlight['gemini-2.5-flash']).toBe(0);
    } finally {
      await quick.close();
      await slow.close();
    }
  });
});
