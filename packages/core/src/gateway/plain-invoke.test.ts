import type { CallbackHandlerMethods } from '@langchain/core/callbacks/base';
// Importing the context entry point turns on LangChain's AsyncLocalStorage (LangGraph does the same), through
// which a runnable hands its config, callbacks included, to the model calls inside it.
import '@langchain/core/context';
import { type RunnableConfig, RunnableLambda } from '@langchain/core/runnables';
import { afterEach, describe, expect, it } from 'vitest';
import { runsWithoutCallbacks, unconfiguredCallOptions } from './plain-invoke.js';
import { useEmulator } from './test-support/emulator-setup.js';

const context = useEmulator();

/** A handler that only counts what it is told. */
function counter() {
  const seen: string[] = [];
  const handler: CallbackHandlerMethods = {
    handleChatModelStart: () => {
      seen.push('chat-model-start');
    },
    handleLLMEnd: () => {
      seen.push('llm-end');
    },
  };
  return { seen, handler };
}

const tracingVariable = 'LANGCHAIN_TRACING_V2';
const tracingBefore = process.env[tracingVariable];
afterEach(() => {
  if (tracingBefore === undefined) delete process.env[tracingVariable];
  else process.env[tracingVariable] = tracingBefore;
});

describe('a routed call no callback watches', () => {
  it('returns the message LangChain returns when a handler watches, but for the run id', async () => {
    const model = context.gateway().chatModel('gemini-2.5-flash');
    const plain = await model.invoke('Say hello.');
    const { seen, handler } = counter();
    const watched = await model.invoke('Say hello.', { callbacks: [handler] });
    expect(seen).toEqual(['chat-model-start', 'llm-end']);
    expect(plain.id).toBeUndefined();
    expect(watched.id).toMatch(/^run-/);
    expect(plain.content).toEqual(watched.content);
    expect(plain.usage_metadata).toEqual(watched.usage_metadata);
    // Same fields in the same order: llmOutput's tokenUsage, then generationInfo, then the answer's own.
    expect(Object.keys(plain.response_metadata)).toEqual(Object.keys(watched.response_metadata));
    const { tokenflow: plainServed, responseId: _plainId, ...plainRest } = plain.response_metadata;
    const { tokenflow: watchedServed, responseId: _watchedId, ...watchedRest } = watched.response_metadata;
    expect(plainRest).toEqual(watchedRest);
    expect(plainRest.tokenUsage).toEqual({
      promptTokens: plain.usage_metadata?.input_tokens,
      completionTokens: plain.usage_metadata?.output_tokens,
      totalTokens: plain.usage_metadata?.total_tokens,
    });
    expect(plainServed).toMatchObject({ model: 'gemini-2.5-flash', attempts: 1 });
    expect(watchedServed).toMatchObject({ model: 'gemini-2.5-flash', attempts: 1 });
  });

  it('still reaches the handlers of an enclosing runnable, which LangChain passes implicitly', async () => {
    const model = context.gateway().chatModel('gemini-2.5-flash');
    const { seen, handler } = counter();
    const outer = RunnableLambda.from((input: string) => model.invoke(input));
    const answer = await outer.invoke('Say hello.', { callbacks: [handler] });
    expect(seen).toEqual(['chat-model-start', 'llm-end']);
    expect(answer.id).toMatch(/^run-/);
  });

  it('turns a LangChain timeout into the call signal, as LangChain does', async () => {
    const model = context.gateway().chatModel('gemini-2.5-flash');
    const answer = await model.invoke('Say hello.', { timeout: 60_000 });
    expect(String(answer.content).length).toBeGreaterThan(0);
  });
});

describe('runsWithoutCallbacks', () => {
  it('is true for a model and a call with no callbacks, cache, verbose logging or tracing', () => {
    delete process.env[tracingVariable];
    const model = context.gateway().chatModel('gemini-2.5-flash');
    expect(runsWithoutCallbacks(model, {}, undefined)).toBe(true);
  });

  it('is false when the call or the model has callbacks, even an empty list', () => {
    const model = context.gateway().chatModel('gemini-2.5-flash');
    expect(runsWithoutCallbacks(model, { callbacks: [] }, undefined)).toBe(false);
    const withCallbacks = context.gateway().chatModel('gemini-2.5-flash', { langchain: { callbacks: [] } });
    expect(runsWithoutCallbacks(withCallbacks, {}, undefined)).toBe(false);
  });

  it('is false with verbose logging, LangSmith tracing from the environment, or v1 output', () => {
    const verbose = context.gateway().chatModel('gemini-2.5-flash', { langchain: { verbose: true } });
    expect(runsWithoutCallbacks(verbose, {}, undefined)).toBe(false);
    const model = context.gateway().chatModel('gemini-2.5-flash');
    expect(runsWithoutCallbacks(model, {}, 'v1')).toBe(false);
    process.env[tracingVariable] = 'true';
    expect(runsWithoutCallbacks(model, {}, undefined)).toBe(false);
  });
});

describe('unconfiguredCallOptions', () => {
  const signal = new AbortController().signal;
  /** LangChain's own split of a call's options (a protected method of every chat model). */
  const separate = (model: unknown, options: Record<string, unknown> | undefined) =>
    (
      model as {
        _separateRunnableConfigFromCallOptionsCompat(
          options: Record<string, unknown> | undefined,
        ): [RunnableConfig, Record<string, unknown>];
      }
    )._separateRunnableConfigFromCallOptionsCompat(options);

  it('holds what LangChain puts in the call options of a call with no config', () => {
    const model = context.gateway().chatModel('gemini-2.5-flash');
    const cases: (Record<string, unknown> | undefined)[] = [
      undefined,
      {},
      { signal },
      { stop: ['.'], tools: [], responseSchema: { type: 'object' }, outputVersion: 'v0' },
    ];
    for (const options of cases) {
      const [config, langChain] = separate(model, options);
      expect(config.callbacks).toBeUndefined();
      const copy = unconfiguredCallOptions(options);
      expect(copy).toEqual(langChain);
      expect(Object.keys(copy ?? {}).sort()).toEqual(Object.keys(langChain).sort());
      expect(copy).not.toBe(options);
    }
  });

  it('is undefined for options holding a key LangChain moves to the config', () => {
    const model = context.gateway().chatModel('gemini-2.5-flash');
    const keys = ['callbacks', 'tags', 'metadata', 'runName', 'configurable'];
    for (const key of [...keys, 'recursionLimit', 'maxConcurrency', 'runId', 'timeout']) {
      const options = { signal, [key]: key === 'timeout' ? 60_000 : undefined };
      expect(unconfiguredCallOptions(options)).toBeUndefined();
      // LangChain does take each of these keys out of the call options.
      const [, langChain] = separate(model, options);
      expect(Object.hasOwn(langChain, key)).toBe(false);
    }
  });

  it('is undefined inside a runnable, whose config LangChain hands down implicitly', async () => {
    const inside = await RunnableLambda.from(() => unconfiguredCallOptions({ signal })).invoke('x', {
      tags: ['outer'],
    });
    expect(inside).toBeUndefined();
    expect(unconfiguredCallOptions({ signal })).toEqual({ signal });
  });
});
