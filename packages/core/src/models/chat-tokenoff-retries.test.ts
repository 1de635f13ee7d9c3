import { describe, expect, it } from 'vitest';
import { testApiKey, useEmulator } from '../gateway/test-support/emulator-setup.js';
import { ChatTokenOff } from './chat-tokenoff.js';
import { isTokenOffError } from './tokenoff-error.js';

const context = useEmulator();
const model = 'gemini-2.5-flash';

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isTokenOffError(error)) return error.kind;
    throw error;
  }
  return 'success';
}

describe('one retry layer', () => {
  it('sends exactly one request per call when maxRetries is 0', async () => {
    context.emulator.setFaults({ '*': { errorRates: { '503': 1 } } });
    const chat = new ChatTokenOff({
      model,
      apiKey: testApiKey,
      baseUrl: context.emulator.url,
      maxRetries: 0,
    });
    const before = context.requestsFor(model);
    expect(await kindOf(chat.invoke('hello'))).toBe('overloaded');
    expect(context.requestsFor(model) - before).toBe(1);
  });

  it('retries only in the gateway: maxAttempts requests, not maxAttempts times ChatTokenOff retries', async () => {
    context.emulator.setFaults({ '*': { errorRates: { '503': 1 } } });
    const gateway = context.gateway({ retry: { maxAttempts: 3 }, fallback: false });
    const before = context.requestsFor(model);
    await expect(gateway.chatModel(model).invoke('hello')).rejects.toThrow(/overloaded/);
    expect(context.requestsFor(model) - before).toBe(3);
    const concrete = gateway.concreteModel(model) as ChatTokenOff;
    expect((concrete.caller as unknown as { maxRetries: number }).maxRetries).toBe(0);
  });
});
