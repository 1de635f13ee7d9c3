import type { FaultName } from '../faults/fault-config.js';
import type { ErrorBody, GenerateContentResponse } from '../wire/types.js';

/** What a matching request gets instead of the model's answer. Exactly one of the answer fields is set. */
export interface ScriptEntry {
  /** Only requests to this model (id without `models/`). @default any model */
  model?: string;
  /**
   * Only requests whose last user text contains this string or matches this RegExp.
   * @default any prompt
   */
  prompt?: string | RegExp;
  /** How many requests this entry answers before it is used up. @default Infinity */
  times?: number;
  /** A full response body. Unary calls get it as is; streams get it as one chunk. @default none */
  response?: GenerateContentResponse | Record<string, unknown>;
  /** Stream chunks, each one SSE event (or one `alt=json` array element). Unary calls get the last. @default none */
  chunks?: (GenerateContentResponse | Record<string, unknown>)[];
  /** An error answer: HTTP status, the body, and optional extra headers (e.g. `retry-after`). @default none */
  error?: { status: number; body: ErrorBody | Record<string, unknown>; headers?: Record<string, string> };
  /** One of the named faults, applied to the model's own answer. @default none */
  fault?: FaultName;
}
