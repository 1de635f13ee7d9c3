import { createHash } from 'node:crypto';
import { TokenflowError } from '../errors/tokenflow-error.js';
import type { TokenOffErrorKind } from '../models/tokenoff-error.js';
import type { SlotOutcome } from './model-lane.js';

/** What one attempt asks of a governor shared by several processes. */
export interface GovernorRequest {
  /**
   * Who the quota belongs to: a short hash of the API key (see `governorKeyId`), never the key. Processes
   * with the same key share limits and circuits; other keys are counted apart.
   */
  keyId: string;
  model: string;
  /** The estimated input tokens of the request (counted against TPM). */
  tokens: number;
  /**
   * This process's limits for the model: the configured or catalog ones, lowered by any quota a 429 named.
   * The fleet holds every process to the limits it passes, so processes on one key should pass the same.
   */
  limits: { concurrency: number; rpm: number; tpm: number };
  signal?: AbortSignal | undefined;
}

/** The fleet's answer: a permit to send one request, or the model's circuit is open for every process. */
export type GovernorAdmission =
  | { type: 'granted'; permit: GovernorPermit }
  | { type: 'circuit-open'; untilMs: number; reason: TokenOffErrorKind };

/** The right to send one request, held until the attempt ends. */
export interface GovernorPermit {
  /** The attempt ended. Never throws and is not awaited: a lost release expires with its lease. */
  release(outcome: SlotOutcome): void;
}

/** What a process tells the fleet about a model (never awaited, never throws). */
export type GovernorReport =
  | { type: 'circuit-open'; untilMs: number; reason: TokenOffErrorKind }
  | { type: 'circuit-close' }
  | {
      type: 'rate-limited';
      holdUntilMs?: number | undefined;
      rpm?: number | undefined;
      tpm?: number | undefined;
    };

/**
 * A rate governor and circuit state shared by every process that uses one API key (for example
 * `redisGovernor` from `@tokenflow/queue`). The gateway asks it for a permit after its own lane admitted
 * the attempt, so the process's own limits still hold, and the fleet's hold on top of them. Core defines
 * only this contract and depends on no store.
 */
export interface GatewayGovernor {
  /** Waits until the fleet has room for the request, or says the model's circuit is open for everyone. */
  acquire(request: GovernorRequest): Promise<GovernorAdmission>;
  /** Tells the fleet what this process learned about `model` (a circuit opened or closed, a 429). */
  report(keyId: string, model: string, report: GovernorReport): void;
}

/**
 * The id under which a key's quota is shared: the first 16 hex digits of SHA-256 over the key. A person
 * reading the store learns nothing usable about the key, and the same key always maps to the same id.
 */
export function governorKeyId(apiKey: string | undefined): string {
  return createHash('sha256')
    .update(`tokenflow-key\n${apiKey ?? ''}`)
    .digest('hex')
    .slice(0, 16);
}

/** Checks the `governor` option of `createGateway` (validated here, beside its contract). */
export function checkGovernor(value: unknown): GatewayGovernor | undefined {
  if (value === undefined) return undefined;
  const candidate = value as Partial<GatewayGovernor> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.acquire !== 'function' ||
    typeof candidate.report !== 'function'
  ) {
    throw new TokenflowError(
      'invalid_option',
      'Expected `governor` to be a GatewayGovernor (an object with `acquire` and `report`, such as ' +
        `redisGovernor({ url }) from @tokenflow/queue); got ${value === null ? 'null' : typeof value}.`,
    );
  }
  return candidate as GatewayGovernor;
}
