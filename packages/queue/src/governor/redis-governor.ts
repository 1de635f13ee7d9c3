import { randomUUID } from 'node:crypto';
import { TokenflowError } from '@tokenflow/core';
import type {
  AdaptiveSettings,
  Clock,
  GatewayGovernor,
  GovernorAdmission,
  GovernorReport,
  GovernorRequest,
  SlotOutcome,
} from '@tokenflow/core/gateway';
import { defaultAdaptive } from '@tokenflow/core/gateway';
import type { Redis } from 'ioredis';
import { openRedis } from '../redis/open-redis.js';
import { redactRedisUrl } from '../redis/redact-redis-url.js';
import { governorKeys } from './governor-keys.js';
import { acquireScript, releaseScript, renewScript, reportScript } from './governor-scripts.js';

/**
 * The local governor's window (`rateWindowMs` in core's rate-window.ts): a minute plus a second of margin
 * for the server counting a request a little after we do. The same semantics, fleet-wide.
 */
const rateWindowMs = 61_000;
/** The longest a request is assumed to take to reach the server (`maxArrivalLagMs` in core). */
const maxArrivalLagMs = 5_000;
/** Keys live a day and two hours past their last use: longer than any daily-quota circuit. */
const keyTtlMs = 26 * 3_600_000;

/** Options of `redisGovernor`. */
export interface RedisGovernorOptions {
  /**
   * The Redis server, e.g. `redis://127.0.0.1:6379` (`redis://user:password@host:port` with a password;
   * the password never appears in errors). Either this or `redis`.
   */
  url?: string;
  /** An ioredis connection to use instead of `url` (not closed by `close()`). */
  redis?: Redis;
  /**
   * How the fleet's shared concurrency limit adapts to 429s and 503s (AIMD, as the local lanes do).
   * @default the gateway's defaults: enabled, halve on congestion, +1 per window of successes
   */
  adaptive?: Partial<AdaptiveSettings>;
  /**
   * A permit's lease: a process that dies holding permits gives them back when their lease ends. Live
   * processes renew their leases every third of it.
   * @default 60_000
   */
  leaseMs?: number;
  /**
   * How often a call waiting for a concurrency slot held by another process asks again (waits for RPM
   * and TPM room are computed exactly, not polled).
   * @default 50
   */
  pollMs?: number;
  /**
   * Time source. Scripts run on the caller's clock, so machines sharing a key should keep their clocks
   * in sync (NTP): the window's one-second margin absorbs small skews.
   * @default the system clock
   */
  clock?: Clock;
  /** Called with errors of releases, reports and renewals (never thrown: they are not awaited). */
  onError?: (error: Error) => void;
}

/** A live permit: what its release needs. */
interface HeldPermit {
  keys: [string, string, string, string];
  epoch: number;
  concurrency: number;
  acquiredAt: number;
}

type CircuitReason = Extract<GovernorAdmission, { type: 'circuit-open' }>['reason'];

type Eval = (...args: (string | number)[]) => Promise<unknown>;

/**
 * A `GatewayGovernor` in Redis: RPM, TPM and concurrency per model per API key, enforced by atomic Lua
 * scripts with the local governor's sliding-window semantics; the adaptive (AIMD) concurrency limit and
 * the circuit state are shared as well. Only a hash of the key is written (see `governorKeyId`), under
 * the `tokenflow:` prefix.
 */
export class RedisGovernor implements GatewayGovernor {
  readonly #url: string | undefined;
  readonly #adaptive: AdaptiveSettings;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #clock: Clock;
  readonly #onError: (error: Error) => void;
  readonly #held = new Map<string, HeldPermit>();
  /** One waiter per key and model polls Redis at a time; the others queue behind it in this process. */
  readonly #tails = new Map<string, Promise<unknown>>();
  readonly #connection: Promise<Redis>;
  readonly #ownsConnection: boolean;
  #renewal: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: RedisGovernorOptions) {
    if ((options.url === undefined) === (options.redis === undefined)) {
      throw new TokenflowError(
        'invalid_option',
        'redisGovernor needs exactly one of `url` (e.g. redis://127.0.0.1:6379) or `redis` (an ioredis connection).',
      );
    }
    this.#url = options.url === undefined ? undefined : redactRedisUrl(options.url);
    this.#adaptive = { ...defaultAdaptive, ...options.adaptive };
    this.#leaseMs = positive('leaseMs', options.leaseMs ?? 60_000);
    this.#pollMs = positive('pollMs', options.pollMs ?? 50);
    this.#clock = options.clock ?? { now: () => Date.now(), sleep: defaultSleep };
    this.#onError = options.onError ?? (() => undefined);
    this.#ownsConnection = options.redis === undefined;
    this.#connection = options.redis
      ? Promise.resolve(options.redis)
      : openRedis(options.url ?? '', { purpose: 'the shared governor', onError: this.#onError });
    // Unobserved until the first call awaits it; `ready()` reports the failure too.
    this.#connection.catch(() => undefined);
  }

  /** Resolves once connected; rejects with a `RedisConnectionError` when Redis cannot be reached. */
  async ready(): Promise<void> {
    await this.#connection;
  }

  async acquire(request: GovernorRequest): Promise<GovernorAdmission> {
    const queue = `${request.keyId}\n${request.model}`;
    const turn = (this.#tails.get(queue) ?? Promise.resolve()).then(() => this.#admit(request));
    const tail = turn.catch(() => undefined);
    this.#tails.set(queue, tail);
    tail.then(() => {
      if (this.#tails.get(queue) === tail) this.#tails.delete(queue);
    });
    return turn;
  }

  report(keyId: string, model: string, report: GovernorReport): void {
    const [, , , state] = governorKeys(keyId, model);
    const args: (string | number)[] = [this.#clock.now(), report.type, '', '', '', '', '', keyTtlMs];
    if (report.type === 'circuit-open') {
      args[2] = Math.ceil(report.untilMs);
      args[3] = report.reason;
    }
    if (report.type === 'rate-limited') {
      if (report.holdUntilMs !== undefined) args[4] = Math.ceil(report.holdUntilMs);
      if (report.rpm !== undefined) args[5] = report.rpm;
      if (report.tpm !== undefined) args[6] = report.tpm;
    }
    this.#run('report', reportScript, [state], args).catch((error: unknown) => this.#fail(error));
  }

  /** Stops renewing leases and, when it opened the connection itself, closes it. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#renewal) clearInterval(this.#renewal);
    this.#renewal = undefined;
    if (!this.#ownsConnection) return;
    const redis = await this.#connection.catch(() => undefined);
    await redis?.quit().catch(() => undefined);
  }

  async #admit(request: GovernorRequest): Promise<GovernorAdmission> {
    const keys = governorKeys(request.keyId, request.model);
    const { concurrency, rpm, tpm } = request.limits;
    const tokens = Math.max(0, Math.ceil(request.tokens));
    for (;;) {
      request.signal?.throwIfAborted();
      if (this.#closed) {
        throw new TokenflowError('governor_closed', 'The shared governor was closed (governor.close()).');
      }
      const id = randomUUID();
      const now = this.#clock.now();
      const answer = (await this.#run('acquire', acquireScript, keys, [
        now,
        tokens,
        finite(rpm),
        finite(tpm),
        concurrency,
        id,
        this.#leaseMs,
        rateWindowMs,
        this.#adaptive.enabled ? '1' : '0',
        keyTtlMs,
        // An attempt waits for the script like any Redis command: through a reconnect if need be.
      ])) as [string, string, string?];
      const [kind, value, reason] = answer;
      if (kind === 'open') {
        return {
          type: 'circuit-open',
          untilMs: Number(value),
          reason: (reason ?? 'overloaded') as CircuitReason,
        };
      }
      if (kind === 'granted') {
        this.#hold(id, { keys, epoch: Number(value), concurrency, acquiredAt: now });
        return { type: 'granted', permit: { release: (outcome) => this.#release(id, outcome) } };
      }
      const wait = kind === 'wait' ? Number(value) : this.#pollMs;
      await this.#clock.sleep(Math.max(1, wait), request.signal);
    }
  }

  #hold(id: string, permit: HeldPermit): void {
    this.#held.set(id, permit);
    this.#renewal ??= setInterval(() => this.#renew(), Math.max(1, Math.floor(this.#leaseMs / 3)));
    this.#renewal.unref();
  }

  #release(id: string, outcome: SlotOutcome): void {
    const permit = this.#held.get(id);
    if (!permit) return;
    this.#held.delete(id);
    if (this.#held.size === 0 && this.#renewal) {
      clearInterval(this.#renewal);
      this.#renewal = undefined;
    }
    const now = this.#clock.now();
    this.#run('release', releaseScript, permit.keys, [
      now,
      id,
      outcome.result,
      outcome.refused ? '1' : '0',
      outcome.inputTokens === undefined || !Number.isFinite(outcome.inputTokens)
        ? ''
        : Math.max(0, Math.ceil(outcome.inputTokens)),
      maxArrivalLagMs,
      permit.epoch,
      Math.max(0, now - permit.acquiredAt),
      permit.concurrency,
      this.#adaptive.enabled ? '1' : '0',
      this.#adaptive.decreaseFactor,
      this.#adaptive.increaseStep,
    ]).catch((error: unknown) => this.#fail(error));
  }

  #renew(): void {
    const byKey = new Map<string, string[]>();
    for (const [id, permit] of this.#held) {
      const inflight = permit.keys[2];
      byKey.set(inflight, [...(byKey.get(inflight) ?? []), id]);
    }
    const until = this.#clock.now() + this.#leaseMs;
    for (const [inflight, ids] of byKey) {
      this.#run('renew', renewScript, [inflight], [until, ...ids]).catch((error: unknown) =>
        this.#fail(error),
      );
    }
  }

  async #run(name: string, script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    const redis = await this.#connection;
    const command = `tokenflowGovernor${name[0]?.toUpperCase()}${name.slice(1)}`;
    const commands = redis as unknown as Record<string, Eval | undefined>;
    if (!commands[command]) {
      redis.defineCommand(command, {
        numberOfKeys: keys.length,
        lua: script,
      });
    }
    const run = commands[command] as Eval;
    try {
      return await run.call(redis, ...keys, ...args);
    } catch (error) {
      throw new TokenflowError(
        'governor_failed',
        `The shared governor's ${name} script failed on Redis${this.#url ? ` at ${this.#url}` : ''}: ` +
          `${error instanceof Error ? error.message : String(error)}. Check that the server is Redis >= 6.2.`,
        { cause: error },
      );
    }
  }

  #fail(error: unknown): void {
    this.#onError(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * A governor in Redis for `createGateway({ governor })`: every process that shares an API key and a Redis
 * stays within one set of limits together, and a circuit opened by one is open for all.
 *
 * @example
 * const governor = redisGovernor({ url: 'redis://127.0.0.1:6379' });
 * const gateway = createGateway({ governor, limits: { 'gemini-2.5-flash': { rpm: 600 } } });
 * // ... later
 * await gateway.close();
 * await governor.close();
 */
export function redisGovernor(options: RedisGovernorOptions): RedisGovernor {
  return new RedisGovernor(options);
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : -1;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new TokenflowError(
      'invalid_option',
      `Expected \`${name}\` to be a positive number of milliseconds, got \`${String(value)}\`.`,
    );
  }
  return value;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
