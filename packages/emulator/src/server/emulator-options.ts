import type { FaultsByModel } from '../faults/fault-config.js';
import type { ScriptEntry } from '../script/script-entry.js';

/** Options of {@link startEmulator}. Every one has a default that suits tests. */
export interface EmulatorOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /** Path prefix of the API, as in TokenOff's `https://tokenoff.com/api`. @default '/api' */
  basePath?: string;
  /**
   * Keys the server accepts. Empty: any non-empty key is accepted; a missing key is still refused (403).
   * @default []
   */
  apiKeys?: readonly string[];
  /** Seed for responseIds, the model's choices and every random fault draw. @default 0 */
  seed?: number;
  /** Faults per model id; `"*"` applies to models without their own entry. @default {} */
  faults?: FaultsByModel;
  /** Scripted answers tried before the model. @default [] */
  script?: readonly ScriptEntry[];
  /** Request bodies above this many bytes get the real 400 "Request payload size exceeds the limit". @default 20971520 */
  maxBodyBytes?: number;
  /** JSON nested deeper than this gets a 400 before it reaches the validator. @default 100 */
  maxJsonDepth?: number;
  /** Roughly how many characters of text go into one streamed chunk. @default 200 */
  streamChunkChars?: number;
  /**
   * End streams on a separate chunk with no parts (`"content": {"role": "model"}`) that carries only
   * `finishReason` and the final usage, as TokenOff's documentation shows. Google's API (the default)
   * puts `finishReason` on the chunk with the last delta.
   * @default false
   */
  separateFinishChunk?: boolean;
  /** How many requests `requests` keeps (the oldest are dropped); 0 keeps none. @default 10000 */
  maxRecordedRequests?: number;
  /** Total body bytes `requests` keeps; past it the oldest records are dropped. @default 67108864 (64 MiB) */
  maxRecordedBytes?: number;
  /**
   * Called once per request when its status is decided (for a stream: when it starts; 0 for a reset
   * or a stall). For logs; the record has secrets redacted. An exception thrown here is ignored.
   * @default none
   */
  onRequest?: (request: RecordedRequest) => void;
  /** The clock, in milliseconds since the epoch; quota windows and `time` in `requests` read it. @default Date.now */
  now?: () => number;
  /** Waits for latency faults; resolve early on `signal` abort. @default a setTimeout-based sleep */
  sleep?: (milliseconds: number, signal: AbortSignal) => Promise<void>;
}

/** One request as the emulator received it; API keys are replaced by `[redacted]`. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/api/v1beta/models/gemini-2.5-pro:generateContent`. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names; `x-goog-api-key` and `authorization` values are redacted. */
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  /** The model id from the path (without `models/`), when the route names one. */
  model?: string;
  /** `generateContent`, `streamGenerateContent`, `countTokens`, `listModels`, `getModel`, ... */
  action?: string;
  /** Where the key came from, without the key itself. */
  apiKeySource?: 'x-goog-api-key' | 'query' | 'bearer';
  /** The HTTP status answered (200 for streams, even when a fault cut them later). */
  status?: number;
  /** `now()` when the request arrived. */
  time: number;
}

/** Counts per model and status, live. */
export interface EmulatorStats {
  /** Every request, including unroutable ones. */
  requests: number;
  byStatus: Record<string, number>;
  byModel: Record<string, { requests: number; byStatus: Record<string, number> }>;
  /** Faults injected, by name (`429-requests-per-minute`, `503-capacity`, `stall`, ...). */
  faults: Record<string, number>;
  /** Generate calls admitted and not yet finished, per model (what `maxConcurrent` counts). */
  inFlight: Record<string, number>;
}

/** A running emulator. */
export interface EmulatorHandle {
  /** Base URL including the base path, e.g. `http://127.0.0.1:54321/api`. */
  url: string;
  port: number;
  /** Every request received, oldest first (up to `maxRecordedRequests`). */
  requests: RecordedRequest[];
  stats: EmulatorStats;
  /** Replaces the faults (all models) from now on; in-flight requests keep what they drew. */
  setFaults(faults: FaultsByModel): void;
  /** Appends scripted answers. */
  script(entries: readonly ScriptEntry[]): void;
  /** Drops every scripted answer. */
  clearScript(): void;
  /** Stops listening, cuts open connections (stalled streams too) and resolves when closed. */
  close(): Promise<void>;
}
