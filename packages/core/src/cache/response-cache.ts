import cacache from 'cacache';

/** Options of {@link ResponseCache}. */
export interface ResponseCacheOptions {
  /** The cache folder (created if missing). */
  dir: string;
  /**
   * Entries older than this are ignored (and overwritten on the next store).
   * @default Infinity
   */
  ttlMs?: number;
  /** Time source for entry ages. @default Date.now */
  now?: () => number;
}

interface StoredMetadata {
  storedAt: number;
}

/**
 * A content-addressed response cache on disk, on cacache (an embedded store: no server, safe for several
 * processes sharing a folder, integrity-checked reads). Keys are request hashes (`requestCacheKey`);
 * values are JSON. A damaged or unreadable entry is a miss, never an error: the cache can only save
 * calls, not fail them.
 */
export class ResponseCache {
  readonly dir: string;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: ResponseCacheOptions) {
    this.dir = options.dir;
    this.#ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
    this.#now = options.now ?? Date.now;
  }

  /** The stored value for `key`, or undefined on a miss (absent, expired or unreadable). */
  async get(key: string): Promise<unknown> {
    try {
      const entry = await cacache.get(this.dir, key);
      const metadata = entry.metadata as StoredMetadata | undefined;
      if (metadata && this.#now() - metadata.storedAt > this.#ttlMs) return undefined;
      return JSON.parse(entry.data.toString('utf8'));
    } catch {
      return undefined;
    }
  }

  /** Stores `value` (JSON-serialisable) under `key`. Write failures are swallowed: returns false. */
  async set(key: string, value: unknown): Promise<boolean> {
    try {
      const metadata: StoredMetadata = { storedAt: this.#now() };
      await cacache.put(this.dir, key, JSON.stringify(value), { metadata });
      return true;
    } catch {
      return false;
    }
  }

  /** Removes every entry. */
  async clear(): Promise<void> {
    await cacache.rm.all(this.dir);
  }
}
