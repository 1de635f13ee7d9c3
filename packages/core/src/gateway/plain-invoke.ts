import { CallbackManager } from '@langchain/core/callbacks/manager';
import type { BaseLanguageModel } from '@langchain/core/language_models/base';
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { RunnableConfig } from '@langchain/core/runnables';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { spreadInto } from '../models/spread-into.js';

/**
 * Whether LangChain's `generate` path would run a call without any callback manager: no callbacks on the
 * model or in the call's config (an enclosing runnable's included, which `ensureConfig` has merged in),
 * no LangChain cache, output version `v0`, and nothing `CallbackManager.configure` adds by itself (verbose
 * logging, LangSmith tracing from the environment or an enclosing traceable, configure hooks). Asking
 * LangChain's own `configure` keeps this decision LangChain's, whatever version is installed.
 *
 * Such a call has no run id, no run manager and no handler to notify, so what `invoke` does around
 * `_generate` (callback configuration, tracing parameters, message conversion twice, two promise fan-outs)
 * comes down to {@link plainInvokeAnswer}.
 */
export function runsWithoutCallbacks(
  model: BaseLanguageModel & { outputVersion?: string | undefined },
  config: RunnableConfig,
  outputVersion: string | undefined,
): boolean {
  if (model.callbacks !== undefined || config.callbacks !== undefined || model.cache) return false;
  if ((outputVersion ?? model.outputVersion ?? 'v0') !== 'v0') return false;
  return (
    CallbackManager.configure(undefined, undefined, undefined, undefined, undefined, undefined, {
      verbose: model.verbose,
    }) === undefined
  );
}

/**
 * The message `BaseChatModel.invoke` returns for `result` when no callback manager runs: the first
 * generation's message, its `response_metadata` preceded by the generation's `generationInfo` and, for a
 * lone generation, the result's `llmOutput` (LangChain's `_generateUncached` merges them the same way).
 */
export function plainInvokeAnswer(result: ChatResult): BaseMessage {
  const [generation] = result.generations;
  if (!generation) throw new TypeError('Expected at least one generation from _generate, got none.');
  // What `{ ...llmOutput, ...generationInfo, ...response_metadata }` builds, without the spreads' slow copy.
  const metadata = spreadInto(
    {} as Record<string, unknown>,
    result.generations.length === 1 ? result.llmOutput : undefined,
  );
  spreadInto(metadata, generation.generationInfo);
  generation.message.response_metadata = spreadInto(metadata, generation.message.response_metadata);
  return generation.message;
}

/**
 * The keys LangChain's `Runnable._separateRunnableConfigFromCallOptions` moves from a call's options to
 * its config, `signal` aside (the config's signal goes back into the call options).
 */
const runnableConfigKeys = [
  'callbacks',
  'tags',
  'metadata',
  'runName',
  'configurable',
  'recursionLimit',
  'maxConcurrency',
  'runId',
  'timeout',
] as const;

/**
 * The call options `BaseChatModel._separateRunnableConfigFromCallOptionsCompat(options)` returns, when the
 * call has no config to separate: no enclosing runnable's (LangChain's AsyncLocalStorage holds none) and
 * no config key in `options` but `signal`. Then LangChain's config would hold its defaults and `signal`
 * only, no callbacks, and its call options are a copy of `options` with the same `signal`: this copy,
 * without building that config (`ensureConfig`, an array of entries per key: about 1.4 KB and 1.2 µs per
 * call). Undefined when there is a config: ask LangChain.
 */
export function unconfiguredCallOptions<T extends { signal?: AbortSignal | undefined }>(
  options: T | undefined,
): T | undefined {
  if (AsyncLocalStorageProviderSingleton.getRunnableConfig() !== undefined) return undefined;
  if (options === undefined) return { signal: undefined } as T;
  for (const key of runnableConfigKeys) if (Object.hasOwn(options, key)) return undefined;
  // A copy of the caller's object (it is LangChain's too): a leading spread, cloned by the source's shape.
  const copy = { ...options };
  copy.signal = options.signal;
  return copy;
}
