import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { GatewayEvent } from '../gateway-events.js';
import type { GatewayOptions } from '../gateway-options.js';
import { createGateway, type ModelGateway } from '../model-gateway.js';
import { createFakeClock, type FakeClock } from './fake-clock.js';

/** The key tests use; assertions check it never leaks into events, errors or files. */
export const testApiKey = 'tk-live-GATEWAY-SECRET-7f3a9c';

export interface EmulatorContext {
  emulator: EmulatorHandle;
  /** Shared by the emulator (quota windows) and the gateway (backoff, breakers). */
  clock: FakeClock;
  /** A gateway on the emulator with the shared clock, recording its events in `events`. */
  gateway(options?: GatewayOptions): ModelGateway;
  events: GatewayEvent[];
  /** Requests the emulator got for `model` (generate calls only). */
  requestsFor(model: string): number;
}

/** Starts one emulator for the file, resets its faults, script and the event log after each test. */
export function useEmulator(): EmulatorContext {
  const clock = createFakeClock(Date.UTC(2026, 0, 15, 12, 0, 0));
  const context = {
    clock,
    events: [] as GatewayEvent[],
  } as EmulatorContext;
  beforeAll(async () => {
    context.emulator = await startEmulator({ apiKeys: [testApiKey], now: () => clock.now() });
  });
  afterEach(() => {
    context.emulator.setFaults({});
    context.emulator.clearScript();
    context.events.length = 0;
    clock.sleeps.length = 0;
  });
  afterAll(async () => {
    await context.emulator.close();
  });
  context.gateway = (options = {}) => {
    const gateway = createGateway({
      apiKey: testApiKey,
      baseUrl: context.emulator.url,
      clock,
      random: () => 0.5,
      ...options,
    });
    gateway.on((event) => context.events.push(event));
    return gateway;
  };
  context.requestsFor = (model) =>
    context.emulator.requests.filter(
      (request) =>
        request.model === model &&
        (request.action === 'generateContent' || request.action === 'streamGenerateContent'),
    ).length;
  return context;
}
