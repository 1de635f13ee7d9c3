/**
 * The plain peer: p-queue + fetch, written the way a careful user would without a framework. Each
 * attempt goes through the queue (concurrency, and when the quota is known `intervalCap` = RPM per
 * 60 s). 429, 500, 503, 504 and network errors are retried up to `maxAttempts` per model with full-jitter
 * exponential backoff (1 s doubling, 30 s cap) or the `Retry-After` header when there is one (Gemini
 * sends none: the delay is in the body's RetryInfo, which this peer does not parse). After the last
 * attempt on a model it moves to the next model of `chain`.
 */
import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import { describeError, type RowOutcome } from './bench-rows.js';

export interface PlainFetchSetup {
  url: string;
  models: readonly string[];
  concurrency: number;
  rpm?: number;
  signal: AbortSignal;
  maxAttempts?: number;
}

const retryable = new Set([429, 500, 503, 504]);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function generateOnce(url: string, model: string, prompt: string, signal?: AbortSignal) {
  const response = await fetch(`${url}/v1beta/models/${model}:generateContent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'bench-key' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: prompt }] }] }),
    ...(signal === undefined ? {} : { signal }),
  });
  const body = (await response.json()) as { candidates?: { content?: { parts?: { text?: string }[] } }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

export async function runPlainFetch(
  prompts: readonly string[],
  setup: PlainFetchSetup,
): Promise<RowOutcome[]> {
  // every row listens to the one deadline signal
  setMaxListeners(0, setup.signal);
  const queue = new PQueue({
    concurrency: setup.concurrency,
    ...(setup.rpm === undefined ? {} : { intervalCap: setup.rpm, interval: 60_000 }),
  });
  const maxAttempts = setup.maxAttempts ?? 7;
  const row = async (prompt: string): Promise<RowOutcome> => {
    let last = '';
    for (const model of setup.models) {
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        try {
          const answer = await queue.add(() => generateOnce(setup.url, model, prompt, setup.signal), {
            signal: setup.signal,
          });
          if (answer.status === 200) return { ok: true };
          last = `HTTP ${answer.status}`;
          if (!retryable.has(answer.status)) return { ok: false, error: last };
          if (attempt === maxAttempts) break;
          const header = answer.retryAfter === null ? Number.NaN : Number(answer.retryAfter) * 1000;
          const backoff = Math.random() * Math.min(30_000, 1_000 * 2 ** (attempt - 1));
          await sleep(Number.isFinite(header) ? header : backoff, setup.signal);
        } catch (error) {
          if (setup.signal.aborted) return { ok: false, error: 'not finished by the deadline' };
          last = describeError(error);
          if (attempt < maxAttempts)
            await sleep(Math.random() * 1_000 * 2 ** (attempt - 1), setup.signal).catch(() => undefined);
        }
      }
    }
    return { ok: false, error: last };
  };
  return Promise.all(prompts.map(row));
}
