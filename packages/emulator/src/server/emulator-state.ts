import type { FaultsByModel, ModelFaults } from '../faults/fault-config.js';
import { QuotaTracker } from '../faults/quota-tracker.js';
import { seededRandom } from '../faults/seeded-random.js';
import { ResponseScript } from '../script/response-script.js';
import type { EmulatorStats, RecordedRequest } from './emulator-options.js';

const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The settled options and the mutable state one server shares across its requests. */
export interface EmulatorSettings {
  basePath: string;
  apiKeys: ReadonlySet<string>;
  seed: number;
  maxBodyBytes: number;
  maxJsonDepth: number;
  streamChunkChars: number;
  separateFinishChunk: boolean;
  maxRecordedRequests: number;
  maxRecordedBytes: number;
  now: () => number;
  /** The `sleep` option; undefined for the built-in timer (`RequestContext.wait`). */
  sleep: ((milliseconds: number, signal: AbortSignal) => Promise<void>) | undefined;
  onRequest: ((request: RecordedRequest) => void) | undefined;
}

export class EmulatorState {
  readonly requests: RecordedRequest[] = [];
  readonly stats: EmulatorStats = { requests: 0, byStatus: {}, byModel: {}, faults: {}, inFlight: {} };
  readonly script = new ResponseScript();
  private faults: FaultsByModel = {};
  private readonly quotas = new Map<string, QuotaTracker>();
  private readonly requestCounts = new Map<string, number>();
  private responseCount = 0;
  private readonly bodySizes = new WeakMap<RecordedRequest, number>();
  private recordedBytes = 0;

  constructor(readonly settings: EmulatorSettings) {}

  setFaults(faults: FaultsByModel): void {
    this.faults = faults;
  }

  faultsFor(model: string): ModelFaults | undefined {
    return this.faults[model] ?? this.faults['*'];
  }

  quotaFor(model: string): QuotaTracker {
    let tracker = this.quotas.get(model);
    if (tracker === undefined) {
      tracker = new QuotaTracker();
      this.quotas.set(model, tracker);
    }
    return tracker;
  }

  /** A generator for this request's draws: seeded by model and its request number, so replays match. */
  randomFor(model: string): () => number {
    const count = (this.requestCounts.get(model) ?? 0) + 1;
    this.requestCounts.set(model, count);
    return seededRandom(this.settings.seed, `${model}#${count}`);
  }

  inFlightCount(model: string): number {
    return this.stats.inFlight[model] ?? 0;
  }

  enter(model: string): () => void {
    this.stats.inFlight[model] = this.inFlightCount(model) + 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.stats.inFlight[model] = Math.max(0, this.inFlightCount(model) - 1);
    };
  }

  /** A responseId shaped like the real ones (23 URL-safe base64 characters), reproducible from the seed. */
  nextResponseId(): string {
    this.responseCount += 1;
    const random = seededRandom(this.settings.seed, `responseId#${this.responseCount}`);
    let id = '';
    for (let index = 0; index < 23; index++) id += idAlphabet[Math.floor(random() * 64)];
    return id;
  }

  record(entry: RecordedRequest): void {
    const limit = this.settings.maxRecordedRequests;
    if (limit === 0) return;
    this.requests.push(entry);
    if (this.requests.length > limit) this.requests.splice(0, this.requests.length - limit);
  }

  /**
   * Keeps a recorded body, within `maxRecordedBytes` for all kept bodies: past it, the oldest records
   * are dropped, so a long run with large prompts cannot fill memory.
   */
  recordBody(entry: RecordedRequest, body: unknown, bytes: number): void {
    entry.body = body;
    // nothing is kept, so there is nothing to count (onRequest still sees the body)
    if (this.settings.maxRecordedRequests === 0) return;
    this.bodySizes.set(entry, bytes);
    this.recordedBytes += bytes;
    if (this.recordedBytes <= this.settings.maxRecordedBytes) return;
    // recount: callers may have emptied `requests` themselves
    this.recordedBytes = this.requests.reduce((sum, kept) => sum + (this.bodySizes.get(kept) ?? 0), 0);
    let drop = 0;
    while (this.recordedBytes > this.settings.maxRecordedBytes && drop < this.requests.length - 1) {
      const oldest = this.requests[drop];
      this.recordedBytes -= oldest === undefined ? 0 : (this.bodySizes.get(oldest) ?? 0);
      drop += 1;
    }
    if (drop > 0) this.requests.splice(0, drop);
  }

  /** Tells the `onRequest` listener, if any; its exceptions must not break the answer. */
  announce(entry: RecordedRequest): void {
    const listener = this.settings.onRequest;
    if (listener === undefined) return;
    try {
      listener(entry);
    } catch {
      // a logging callback that throws is the caller's bug; the request is still answered
    }
  }

  countStatus(model: string | undefined, status: number): void {
    const key = String(status);
    this.stats.requests += 1;
    this.stats.byStatus[key] = (this.stats.byStatus[key] ?? 0) + 1;
    if (model === undefined) return;
    let perModel = this.stats.byModel[model];
    if (perModel === undefined) {
      perModel = { requests: 0, byStatus: {} };
      this.stats.byModel[model] = perModel;
    }
    perModel.requests += 1;
    perModel.byStatus[key] = (perModel.byStatus[key] ?? 0) + 1;
  }

  countFault(name: string): void {
    this.stats.faults[name] = (this.stats.faults[name] ?? 0) + 1;
  }
}
