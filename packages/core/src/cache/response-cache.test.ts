import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestCacheKey } from './request-cache-key.js';
import { ResponseCache } from './response-cache.js';
import { stableStringify } from './stable-stringify.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokenflow-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('requestCacheKey', () => {
  it('is the same for requests that differ only in key order', () => {
    expect(requestCacheKey({ a: 1, b: { c: 2, d: [1, { e: 3, f: 4 }] } })).toBe(
      requestCacheKey({ b: { d: [1, { f: 4, e: 3 }], c: 2 }, a: 1 }),
    );
    expect(stableStringify({ b: 1, a: undefined, c: () => 1 })).toBe('{"b":1}');
  });

  it('differs when anything that shapes the answer differs', () => {
    const base = { model: 'gemini-2.5-flash', messages: ['hi'], settings: { temperature: 0 } };
    const key = requestCacheKey(base);
    expect(requestCacheKey({ ...base, model: 'gemini-2.5-pro' })).not.toBe(key);
    expect(requestCacheKey({ ...base, messages: ['hi!'] })).not.toBe(key);
    expect(requestCacheKey({ ...base, settings: { temperature: 1 } })).not.toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('ResponseCache', () => {
  it('stores and reads JSON values by key', async () => {
    const cache = new ResponseCache({ dir });
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.set('k', { answer: 42 })).toBe(true);
    expect(await cache.get('k')).toEqual({ answer: 42 });
  });

  it('ignores entries older than ttlMs', async () => {
    let now = 1_000;
    const cache = new ResponseCache({ dir, ttlMs: 500, now: () => now });
    await cache.set('k', 'v');
    now = 1_400;
    expect(await cache.get('k')).toBe('v');
    now = 1_600;
    expect(await cache.get('k')).toBeUndefined();
  });

  it('treats an unusable folder as a miss instead of failing the call', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    const cache = new ResponseCache({ dir: join(file, 'cache') });
    expect(await cache.set('k', 'v')).toBe(false);
    expect(await cache.get('k')).toBeUndefined();
  });

  it('empties on clear', async () => {
    const cache = new ResponseCache({ dir });
    await cache.set('k', 'v');
    await cache.clear();
    expect(await cache.get('k')).toBeUndefined();
  });
});
