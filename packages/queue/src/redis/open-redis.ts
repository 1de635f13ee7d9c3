import { Redis } from 'ioredis';
import { redactRedisUrl } from './redact-redis-url.js';
import { RedisConnectionError } from './redis-connection-error.js';

/** How a connection behaves once it has connected. */
export interface OpenRedisOptions {
  /**
   * What the connection is for, to name in errors ("the shared governor", "the batch queue").
   * @default 'tokenflow'
   */
  purpose?: string;
  /**
   * Called for every connection error after the first connection succeeded (the connection keeps
   * retrying; commands wait meanwhile). Use it to show "Redis unreachable, retrying".
   * @default ignore
   */
  onError?: (error: Error) => void;
}

/**
 * Connects to Redis at `url` and waits for the first connection. The first connection failing (refused,
 * unknown host, wrong password, a URL that is not `redis://` or `rediss://`) rejects at once with a
 * `RedisConnectionError` naming the URL without credentials; nothing is sent. Once connected, a lost
 * connection is retried forever and commands wait for it instead of failing (`maxRetriesPerRequest: null`,
 * which BullMQ workers need anyway): a Redis restart pauses tokenflow rather than failing its calls.
 */
export async function openRedis(url: string, options: OpenRedisOptions = {}): Promise<Redis> {
  const shown = redactRedisUrl(url);
  const purpose = options.purpose ?? 'tokenflow';
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch (error) {
    throw new RedisConnectionError(
      shown,
      `Cannot use ${shown} for ${purpose}: expected a Redis URL such as redis://127.0.0.1:6379 ` +
        '(or rediss:// for TLS, redis://user:password@host:port with a password).',
      { cause: error },
    );
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new RedisConnectionError(
      shown,
      `Cannot use ${shown} for ${purpose}: expected a redis:// or rediss:// URL, got ${protocol}//. ` +
        'Give the address of a Redis server, e.g. redis://127.0.0.1:6379.',
    );
  }
  let connected = false;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    // Before the first connection, fail fast (the URL is likely wrong); after it, keep trying.
    retryStrategy: (times) => (connected ? Math.min(times * 100, 2_000) : null),
  });
  let firstError: Error | undefined;
  redis.on('error', (error: Error) => {
    if (connected) options.onError?.(error);
    else firstError ??= error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    // ioredis rejects with "Connection is closed"; the 'error' event before it says why (ECONNREFUSED...).
    const cause = firstError ?? error;
    const reason = (cause instanceof Error ? cause.message : String(cause))
      .replaceAll(url, shown)
      .replace(/\.$/, '');
    throw new RedisConnectionError(
      shown,
      `Cannot reach Redis at ${shown} for ${purpose}: ${reason}. Check that redis-server runs there ` +
        '(redis-server --port 6379), and the host, port and password in the URL.',
      { cause },
    );
  }
  connected = true;
  return redis;
}
