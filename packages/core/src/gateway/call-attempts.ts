import { createAttemptSignal } from '../async/attempt-signal.js';
import type { TokenUsage } from '../models/token-usage.js';
import type { CallRun } from './call-run.js';
import type { ServedCall } from './gateway-events.js';
import type { GatewayCallRequest } from './gateway-requests.js';

/** Runs attempts of one call until one succeeds; `run.fail` retries, falls back or throws. */
export async function callAttempts<T>(
  run: CallRun,
  request: GatewayCallRequest<T>,
  attemptTimeoutMs: number,
): Promise<{ value: T; served: ServedCall }> {
  for (;;) {
    // A call that finds room is sent without yielding (see CallRun.nextAttemptNow).
    const ticket = run.nextAttemptNow() ?? (await run.nextAttempt());
    const { signal, dispose } = createAttemptSignal(request.signal, attemptTimeoutMs);
    let result: { value: T; usage: TokenUsage };
    try {
      result = await request.attempt({
        callId: run.callId,
        model: ticket.model,
        attempt: ticket.attempt,
        signal,
      });
    } catch (error) {
      dispose();
      await run.fail(ticket, error, signal);
      continue;
    }
    dispose();
    return { value: result.value, served: run.succeed(ticket, result.usage) };
  }
}
