/**
 * LangChain's stock peer: `ChatGoogleGenerativeAI` (stock retries: AsyncCaller, 6 retries) pointed at the
 * emulator, `.batch(rows, { maxConcurrency })` with `returnExceptions`. With a chain, the stock way to
 * fall back: `primary.withFallbacks([...])`. Its `.batch` throws "Not implemented" with
 * `returnExceptions` (@langchain/core 1.4), so there each row's error is caught inside a
 * `RunnableLambda` around it, and that lambda is what `.batch` runs.
 */
import { setMaxListeners } from 'node:events';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import { type Runnable, RunnableLambda } from '@langchain/core/runnables';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { describeError, type RowOutcome } from './bench-rows.js';

export interface LangChainSetup {
  url: string;
  models: readonly string[];
  concurrency: number;
  signal: AbortSignal;
}

export function stockChat(url: string, model: string): ChatGoogleGenerativeAI {
  return new ChatGoogleGenerativeAI({ model, apiKey: 'bench-key', baseUrl: url });
}

export async function runLangChain(prompts: readonly string[], setup: LangChainSetup): Promise<RowOutcome[]> {
  // every row listens to the one deadline signal
  setMaxListeners(0, setup.signal);
  const [first, ...rest] = setup.models.map((model) => stockChat(setup.url, model));
  if (first === undefined) throw new Error('runLangChain: expected at least one model');
  const withFallbacks = first.withFallbacks(rest);
  const runnable: Runnable<BaseLanguageModelInput, unknown> =
    rest.length === 0
      ? first
      : RunnableLambda.from(async (prompt: BaseLanguageModelInput, config) => {
          try {
            return await withFallbacks.invoke(prompt, config);
          } catch (error) {
            return error instanceof Error ? error : new Error(String(error));
          }
        });
  const results = await runnable.batch(
    [...prompts],
    { maxConcurrency: setup.concurrency, signal: setup.signal },
    { returnExceptions: true },
  );
  return results.map((result) =>
    result instanceof Error
      ? { ok: false, error: setup.signal.aborted ? 'not finished by the deadline' : describeError(result) }
      : { ok: true },
  );
}
