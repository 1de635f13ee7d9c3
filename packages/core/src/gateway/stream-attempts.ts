import { createAttemptSignal } from '../async/attempt-signal.js';
import { addUsage, emptyUsage, type TokenUsage } from '../models/token-usage.js';
import type { CallRun } from './call-run.js';
import type { ServedCall } from './gateway-events.js';
import type { GatewayStreamItem, GatewayStreamRequest } from './gateway-requests.js';
import { summarizeError } from './summarize-error.js';

/**
 * Runs streamed attempts of one call. A failure before the first chunk is handled like any failed
 * attempt. A failure after chunks were yielded restarts the answer: `stream-restart` is emitted and the
 * first chunk of the next attempt carries `restart`. A consumer that stops reading frees the slot.
 * `onDone` receives the chunks of the answer that completed (for the cache).
 */
export async function* streamAttempts<T>(
  run: CallRun,
  request: GatewayStreamRequest<T>,
  attemptTimeoutMs: number,
  onDone: (chunks: T[], served: ServedCall) => Promise<void>,
): AsyncGenerator<GatewayStreamItem<T>> {
  let restarts = 0;
  let discarded = 0;
  for (;;) {
    const ticket = run.nextAttemptNow() ?? (await run.nextAttempt());
    const { signal, dispose } = createAttemptSignal(request.signal, attemptTimeoutMs);
    const chunks: T[] = [];
    let usage: TokenUsage = { ...emptyUsage };
    let outcome: 'done' | 'failed' | undefined;
    try {
      const context = { callId: run.callId, model: ticket.model, attempt: ticket.attempt, signal };
      for await (const chunk of request.attempt(context)) {
        const delta = request.usageOf(chunk);
        if (delta) usage = addUsage(usage, delta);
        const restart =
          chunks.length === 0 && discarded > 0
            ? { attempt: ticket.attempt, discardedChunks: discarded }
            : undefined;
        chunks.push(chunk);
        yield { type: 'chunk', chunk, model: ticket.model, ...(restart ? { restart } : {}) };
      }
      outcome = 'done';
    } catch (error) {
      outcome = 'failed';
      dispose();
      const failure = await run.fail(ticket, error, signal);
      if (chunks.length > 0) {
        restarts += 1;
        discarded = chunks.length;
        run.emit({
          type: 'stream-restart',
          callId: run.callId,
          model: ticket.model,
          discardedChunks: chunks.length,
          error: summarizeError(failure),
        });
      }
      continue;
    } finally {
      dispose();
      // The consumer stopped reading (break / return): free the slot without judging the model.
      if (outcome === undefined) run.abandon(ticket);
    }
    const served = run.succeed(ticket, usage, restarts > 0 ? { streamRestarts: restarts } : {});
    await onDone(chunks, served);
    yield { type: 'served', served };
    return;
  }
}
