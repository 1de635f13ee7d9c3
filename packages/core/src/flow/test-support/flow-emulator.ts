import { type EmulatorHandle, type ScriptEntry, startEmulator } from '@tokenflow/emulator';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createGateway, type ModelGateway } from '../../gateway/model-gateway.js';
import type { FlowEvent } from '../flow-events.js';

/** The key flow tests use; tests check it never shows up in events, errors or results. */
export const testApiKey = 'tk-live-FLOW-SECRET-4e1d2a';

/** A clock whose sleeps return at once (and are recorded), for the gateway's backoff. */
export function instantClock(start = Date.UTC(2026, 0, 15, 12)) {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      time += Math.max(0, ms);
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    },
  };
}

export interface FlowEmulator {
  emulator: EmulatorHandle;
  /** A gateway on the emulator (no backoff waits, fixed jitter). */
  gateway(options?: Parameters<typeof createGateway>[0]): ModelGateway;
  /** Appends scripted answers, each used once unless it says otherwise. */
  script(...entries: ScriptEntry[]): void;
  /**
   * Resolves when the emulator starts holding a request (set a `latency.firstByteMs` fault): it holds it
   * until the client goes away, and `released` resolves when it does (the connection was closed).
   */
  whenRequestHeld(): Promise<{ released: Promise<void> }>;
  /** Generate requests the emulator received (optionally for one model), oldest first. */
  generateRequests(model?: string): { model?: string; body: unknown }[];
}

/** One emulator per test file; script and faults are reset after each test. */
export function useFlowEmulator(): FlowEmulator {
  const context = {} as FlowEmulator;
  const clock = instantClock();
  const heldWaiters: ((held: { released: Promise<void> }) => void)[] = [];
  // Latency faults hold the request until the client disconnects: no timer, no real waiting.
  const holdUntilClientLeaves = (_ms: number, signal: AbortSignal): Promise<void> => {
    const released = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    heldWaiters.shift()?.({ released });
    return released;
  };
  beforeAll(async () => {
    context.emulator = await startEmulator({
      apiKeys: [testApiKey],
      now: clock.now,
      sleep: holdUntilClientLeaves,
    });
  });
  context.whenRequestHeld = () => new Promise((resolve) => heldWaiters.push(resolve));
  afterEach(() => {
    context.emulator.clearScript();
    context.emulator.setFaults({});
    context.emulator.requests.length = 0;
  });
  afterAll(async () => {
    await context.emulator.close();
  });
  context.gateway = (options = {}) =>
    createGateway({
      apiKey: testApiKey,
      baseUrl: context.emulator.url,
      clock,
      random: () => 0.5,
      ...options,
    });
  context.script = (...entries) => context.emulator.script(entries.map((entry) => ({ times: 1, ...entry })));
  context.generateRequests = (model) =>
    context.emulator.requests.filter(
      (request) =>
        (request.action === 'generateContent' || request.action === 'streamGenerateContent') &&
        (model === undefined || request.model === model),
    );
  return context;
}

/** A Gemini answer with the given parts (text or function calls) and token counts. */
export function answer(
  parts: Record<string, unknown>[],
  options: { thoughts?: number; finishReason?: string; prompt?: number; output?: number } = {},
): Record<string, unknown> {
  const prompt = options.prompt ?? 20;
  const output = options.output ?? 10;
  const thoughts = options.thoughts ?? 0;
  return {
    candidates: [
      { content: { role: 'model', parts }, finishReason: options.finishReason ?? 'STOP', index: 0 },
    ],
    usageMetadata: {
      promptTokenCount: prompt,
      candidatesTokenCount: output,
      totalTokenCount: prompt + output + thoughts,
      ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
    },
    modelVersion: 'scripted',
    responseId: 'scripted-response',
  };
}

/** A text answer. */
export function textAnswer(text: string, options?: Parameters<typeof answer>[1]): Record<string, unknown> {
  return answer([{ text }], options);
}

/** An answer calling functions; Gemini 3 style with a thought signature on the first call when given. */
export function callsAnswer(
  calls: { name: string; args: Record<string, unknown> }[],
  signature?: string,
): Record<string, unknown> {
  return answer(
    calls.map((call, index) => ({
      functionCall: { name: call.name, args: call.args },
      ...(signature !== undefined && index === 0 ? { thoughtSignature: signature } : {}),
    })),
  );
}

/** Every event of a stream, in order (and the error it ended with, if any). */
export async function collectEvents(
  events: AsyncIterable<FlowEvent>,
): Promise<{ events: FlowEvent[]; error?: unknown }> {
  const seen: FlowEvent[] = [];
  try {
    for await (const event of events) seen.push(event);
    return { events: seen };
  } catch (error) {
    return { events: seen, error };
  }
}
