/**
 * The contenders of the throughput benchmark, by key: what each does with a batch of rows at a given
 * concurrency against one emulator. Shared by the benchmark (names, order) and its per-contender child
 * process (the runs).
 */
import type { RowOutcome } from './bench-rows.js';
import { runGateway } from './gateway-contender.js';
import { runLangChain } from './langchain-contender.js';
import { runPlainFetch } from './plain-fetch-contender.js';
import { runPlainUndici } from './plain-undici-contender.js';

export const throughputModel = 'gemini-2.5-flash-lite';

/** How the gateway is told about the emulator's quota (see gateway-throughput.ts). */
export interface GatewayQuotaSetup {
  /** `rpm: Infinity` (true) or `rpm: 'unknown'` (false). */
  rpmKnown: boolean;
  pacing: boolean;
}

export type ThroughputRun = (
  prompts: string[],
  url: string,
  concurrency: number,
  signal: AbortSignal,
) => Promise<RowOutcome[]>;

export interface ThroughputContender {
  key: string;
  name: string;
  run: ThroughputRun;
}

export function throughputContenders(quota: GatewayQuotaSetup): ThroughputContender[] {
  const model = throughputModel;
  return [
    {
      key: 'gateway',
      name: quota.rpmKnown
        ? 'tokenflow gateway (rpm: Infinity)'
        : `tokenflow gateway (rpm unknown${quota.pacing ? '' : ', pacing off'})`,
      run: (prompts, url, concurrency, signal) =>
        runGateway(prompts, {
          url,
          model,
          concurrency,
          fallback: false,
          signal,
          pacing: quota.pacing,
          ...(quota.rpmKnown ? { rpm: Number.POSITIVE_INFINITY } : {}),
        }),
    },
    {
      key: 'langchain',
      name: 'LangChain .batch',
      run: (prompts, url, concurrency, signal) =>
        runLangChain(prompts, { url, models: [model], concurrency, signal }),
    },
    {
      key: 'fetch',
      name: 'p-queue + fetch',
      run: (prompts, url, concurrency, signal) =>
        runPlainFetch(prompts, { url, models: [model], concurrency, signal }),
    },
    {
      key: 'undici',
      name: 'p-queue + undici request (floor: no retries, no checks)',
      run: (prompts, url, concurrency) => runPlainUndici(prompts, { url, model, concurrency }),
    },
  ];
}
