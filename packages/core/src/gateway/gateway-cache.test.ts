import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tool } from '@langchain/core/tools';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ServedCall } from './gateway-events.js';
import { testApiKey, useEmulator } from './test-support/emulator-setup.js';

const context = useEmulator();
const flash = 'gemini-2.5-flash';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokenflow-gateway-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('gateway response cache', () => {
  it('answers a repeated request from disk with no request, no cost and cached: true', async () => {
    const gateway = context.gateway({ cache: { dir } });
    const model = gateway.chatModel(flash, { settings: { temperature: 0 } });
    const before = context.requestsFor(flash);
    const first = await model.invoke('Cache me, please.');
    const second = await model.invoke('Cache me, please.');
    expect(context.requestsFor(flash) - before).toBe(1);
    expect(second.content).toEqual(first.content);
    expect(second.response_metadata.tokenflow).toMatchObject({ cached: true, costUsd: 0, attempts: 0 });
    expect(second.usage_metadata).toMatchObject({ input_tokens: 0, output_tokens: 0 });
    expect(gateway.usage()).toMatchObject({ requests: 1, responses: 1, cachedResponses: 1 });
  });

  it('misses when the prompt, the settings or the tools differ', async () => {
    const gateway = context.gateway({ cache: { dir } });
    const before = context.requestsFor(flash);
    const lookup = tool(async () => 'x', {
      name: 'lookup',
      description: 'Look up',
      schema: z.object({ q: z.string() }),
    });
    await gateway.chatModel(flash).invoke('Same words.');
    await gateway.chatModel(flash).invoke('Other words.');
    await gateway.chatModel(flash, { settings: { temperature: 0.9 } }).invoke('Same words.');
    await gateway.chatModel(flash).bindTools([lookup]).invoke('Same words.');
    expect(context.requestsFor(flash) - before).toBe(4);
  });

  it('serves a cached stream as one chunk and records it', async () => {
    const gateway = context.gateway({ cache: { dir } });
    const model = gateway.chatModel(flash);
    const first = await model.invoke('Stream from cache.');
    const before = context.requestsFor(flash);
    const chunks = [];
    for await (const chunk of await model.stream('Stream from cache.')) chunks.push(chunk);
    expect(context.requestsFor(flash)).toBe(before);
    expect(chunks[0]?.content).toEqual(first.content);
    expect(chunks.at(-1)?.response_metadata.tokenflow as ServedCall | undefined).toMatchObject({
      cached: true,
    });
  });

  it('never writes the API key into the cache folder', async () => {
    const gateway = context.gateway({ cache: { dir } });
    await gateway.chatModel(flash).invoke('Anything at all.');
    const files = await filesUnder(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = await readFile(file, 'latin1');
      expect(bytes).not.toContain(testApiKey);
      expect(bytes).not.toContain('GATEWAY-SECRET');
    }
  });

  it('remembers which model gave a cached answer after a fallback', async () => {
    context.emulator.setFaults({ 'gemini-2.5-pro': { errorRates: { '503': 1 } } });
    const gateway = context.gateway({ cache: { dir }, retry: { maxAttempts: 1 } });
    const model = gateway.chatModel('gemini-2.5-pro');
    await model.invoke('Pro is busy today.');
    const again = await model.invoke('Pro is busy today.');
    expect(again.response_metadata.tokenflow).toMatchObject({
      cached: true,
      requestedModel: 'gemini-2.5-pro',
      model: 'gemini-2.5-flash',
    });
  });
});
