import type { FlowEvent } from './flow-events.js';
import type { PipelineDefinition } from './pipeline-definition.js';
import type { RunOptions } from './run-options.js';
import { runPipeline } from './run-pipeline.js';
import type { RunResult } from './run-result.js';

/** A running pipeline as a stream of events, plus its final result. */
export interface FlowRun<Result = RunResult> extends AsyncIterable<FlowEvent> {
  /**
   * Resolves with the run result, or rejects like `run()`. Safe to ignore: iterating the events
   * alone surfaces a failure too (the iterator throws after `run-end`).
   */
  readonly result: Promise<Result>;
}

/**
 * Starts a run and yields its events in order (`run-start` ... `run-end`), with model answers streamed
 * as `text-delta` events. Breaking out of the loop cancels the run.
 */
export function streamPipeline<Result = RunResult>(
  definition: PipelineDefinition,
  input: unknown,
  options: Omit<RunOptions, 'onEvent' | 'streamText'> = {},
): FlowRun<Result> {
  const queue: FlowEvent[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const controller = new AbortController();
  const outer = options.signal;
  const forward = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) forward();
  else outer?.addEventListener('abort', forward, { once: true });
  const result = runPipeline(definition, input, {
    ...options,
    signal: controller.signal,
    streamText: true,
    onEvent: (event) => {
      queue.push(event);
      wake?.();
    },
  }) as Promise<Result>;
  const settled = result.then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  void settled.finally(() => {
    done = true;
    outer?.removeEventListener('abort', forward);
    wake?.();
  });
  async function* events(): AsyncGenerator<FlowEvent> {
    try {
      for (;;) {
        const event = queue.shift();
        if (event) {
          yield event;
          continue;
        }
        if (done) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
      const outcome = await settled;
      if (outcome) throw outcome.error;
    } finally {
      if (!done) controller.abort(new Error('The event stream was closed before the run ended.'));
    }
  }
  return { result, [Symbol.asyncIterator]: events };
}
