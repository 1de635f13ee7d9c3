import { createGateway, type GatewayEvent, type ModelGateway } from '@tokenflow/core/gateway';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisConnectionError } from '../redis/redis-connection-error.js';
import { createFakeClock } from '../test-support/fake-clock.js';
import { type RedisServerHandle, startRedisServer } from '../test-support/redis-server.js';
import { type RedisGovernor, redisGovernor } from './redis-governor.js';

const apiKey = 'tk-live-FLEET-SECRET-41c9e2';
const flash = 'gemini-2.5-flash';
const pro = 'gemini-2.5-pro';

describe('the Redis governor', () => {
  const clock = createFakeClock();
  let redis: RedisServerHandle;
  let emulator: EmulatorHandle;
  let inspector: Redis;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = await startEmulator({ apiKeys: [apiKey], now: () => clock.now() });
    inspector = new Redis(redis.url);
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    emulator.setFaults({});
    await inspector.flushall();
    clock.advance(86_400_000);
  });
  afterAll(async () => {
    inspector.disconnect();
    await emulator?.close();
    await redis?.dispose();
  });

  /** A gateway as a separate process would have it: its own governor and its own Redis connection. */
  function process(options: {
    governed?: boolean;
    limits?: Record<string, { rpm?: number; concurrency?: number }>;
  }) {
    const governor = options.governed === false ? undefined : redisGovernor({ url: redis.url, clock });
    const gateway = createGateway({
      apiKey,
      baseUrl: emulator.url,
      clock,
      random: () => 0.5,
      limits: options.limits ?? {},
      ...(governor ? { governor } : {}),
    });
    const events: GatewayEvent[] = [];
    gateway.on((event) => events.push(event));
    closers.push(async () => {
      await gateway.close();
      await governor?.close();
    });
    return { gateway, governor, events };
  }

  const limited = (model: string) => emulator.stats.byModel[model]?.byStatus['429'] ?? 0;
  const sent = (model: string) =>
    emulator.requests.filter((request) => request.model === model && request.action === 'generateContent')
      .length;

  /** Calls alternate between the gateways, one at a time (the fake clock jumps on every wait). */
  async function alternate(gateways: ModelGateway[], calls: number, model = flash) {
    const served: string[] = [];
    for (let i = 0; i < calls; i += 1) {
      const gateway = gateways[i % gateways.length] as ModelGateway;
      const answer = await gateway.chatModel(model).invoke(`Row ${i}.`);
      served.push(String((answer.response_metadata.tokenflow as { model: string }).model));
    }
    return served;
  }

  it('keeps two gateways on one key within one RPM quota together, where each alone would overrun it', async () => {
    emulator.setFaults({ [flash]: { quota: { requestsPerMinute: 3 } } });
    const limits = { [flash]: { rpm: 3 } };

    // Without a shared governor, each paces itself to the full quota: together they send six in a minute.
    const before = limited(flash);
    const lone = [process({ governed: false, limits }), process({ governed: false, limits })];
    await alternate(
      lone.map((entry) => entry.gateway),
      6,
    );
    expect(limited(flash) - before).toBeGreaterThan(0);

    clock.advance(120_000);
    const shared = [process({ limits }), process({ limits })];
    const sleepsBefore = clock.sleeps.length;
    const limitedBefore = limited(flash);
    const sentBefore = sent(flash);
    await alternate(
      shared.map((entry) => entry.gateway),
      7,
    );
    expect(limited(flash) - limitedBefore).toBe(0);
    expect(sent(flash) - sentBefore).toBe(7);
    // Seven calls at three a minute across both: two more windows, waited by whichever gateway met them.
    expect(clock.sleeps.slice(sleepsBefore).filter((ms) => ms > 1_000)).toHaveLength(2);
  });

  it('stops every gateway from sending to pro once one of them met its daily quota, until the reset', async () => {
    emulator.setFaults({ [pro]: { quota: { requestsPerDay: 2 } } });
    const first = process({});
    const second = process({});
    expect(await alternate([first.gateway], 3, pro)).toEqual([pro, pro, flash]);
    expect(first.events).toContainEqual(
      expect.objectContaining({ type: 'circuit-open', model: pro, reason: 'quota_exhausted' }),
    );
    const proRequests = sent(pro);

    // The second process never saw the 429, yet it sends nothing to pro and falls back at once.
    expect(await alternate([second.gateway], 3, pro)).toEqual([flash, flash, flash]);
    expect(sent(pro)).toBe(proRequests);
    const opened = second.events.find((event) => event.type === 'circuit-open');
    const firstOpened = first.events.find((event) => event.type === 'circuit-open');
    expect(opened).toMatchObject({ model: pro, reason: 'quota_exhausted' });
    expect(opened && 'untilMs' in opened && opened.untilMs).toBe(
      firstOpened && 'untilMs' in firstOpened && firstOpened.untilMs,
    );

    // After midnight Pacific the quota resets: each process probes pro once and finds it serving again.
    clock.advance(86_400_000);
    expect(await alternate([second.gateway], 1, pro)).toEqual([pro]);
    expect(await alternate([first.gateway], 1, pro)).toEqual([pro]);
  });

  it('shares the adaptive concurrency limit: a 429 one process met halves the slots of the other', async () => {
    const first = redisGovernor({ url: redis.url, clock, leaseMs: 1e9 });
    const second = redisGovernor({ url: redis.url, clock, leaseMs: 1e9 });
    closers.push(
      () => first.close(),
      () => second.close(),
    );
    const request = {
      keyId: 'k1',
      model: flash,
      tokens: 10,
      limits: { concurrency: 4, rpm: Infinity, tpm: Infinity },
    };
    const permit = await first.acquire(request);
    if (permit.type !== 'granted') throw new Error('expected a permit');
    permit.permit.release({ result: 'congestion', refused: true });

    // The limit is now two for everyone: the second process gets two permits, and a third waits.
    const held = [await second.acquire(request), await second.acquire(request)];
    const third = second.acquire(request);
    let thirdGranted = false;
    void third.then(() => {
      thirdGranted = true;
    });
    // Each poll moves the fake clock 50 ms; a hundred polls are five seconds and the third is still waiting.
    while (clock.sleeps.filter((ms) => ms === 50).length < 100)
      await new Promise((resolve) => setImmediate(resolve));
    expect(thirdGranted).toBe(false);
    const [one] = held;
    if (one?.type === 'granted') one.permit.release({ result: 'other' });
    expect((await third).type).toBe('granted');
  });

  it('gives back the permits of a process that died holding them when their lease ends', async () => {
    const dying = redisGovernor({ url: redis.url, clock, leaseMs: 10_000 });
    const living = redisGovernor({ url: redis.url, clock, leaseMs: 10_000 });
    closers.push(() => living.close());
    const request = {
      keyId: 'k2',
      model: flash,
      tokens: 1,
      limits: { concurrency: 1, rpm: Infinity, tpm: Infinity },
    };
    const startedAt = clock.now();
    expect((await dying.acquire(request)).type).toBe('granted');
    await dying.close();
    expect((await living.acquire(request)).type).toBe('granted');
    expect(clock.now() - startedAt).toBeGreaterThanOrEqual(10_000);
  });

  it('writes only under tokenflow: and never the key itself, leaving other keys alone', async () => {
    await inspector.set('someone-else:counter', '41');
    const { gateway } = process({ limits: { [flash]: { rpm: 100 } } });
    await alternate([gateway], 3);
    const keys = await inspector.keys('*');
    expect(keys.filter((key) => !key.startsWith('tokenflow:'))).toEqual(['someone-else:counter']);
    expect(await inspector.get('someone-else:counter')).toBe('41');
    const dump = JSON.stringify(
      await Promise.all(
        keys
          .filter((key) => key.startsWith('tokenflow:'))
          .map(async (key) => [key, await inspector.type(key), await inspector.dump(key)]),
      ),
    );
    expect(dump).not.toContain('FLEET-SECRET');
    expect(dump).not.toContain('tk-live');
  });

  it('refuses an unreachable Redis with its URL, credentials hidden, and sends no request', async () => {
    const governor: RedisGovernor = redisGovernor({ url: 'redis://admin:hunter2@127.0.0.1:1/0', clock });
    const failure = await governor.ready().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RedisConnectionError);
    expect((failure as Error).message).toContain('redis://***:***@127.0.0.1:1/0');
    expect((failure as Error).message).not.toContain('hunter2');
    const gateway = createGateway({ apiKey, baseUrl: emulator.url, clock, governor, fallback: false });
    const before = emulator.requests.length;
    await expect(gateway.chatModel(flash).invoke('Hello')).rejects.toBeInstanceOf(RedisConnectionError);
    expect(emulator.requests.length).toBe(before);
    await gateway.close();
  });
});
