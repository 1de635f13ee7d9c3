import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TokenOffErrorKind } from '../models/tokenoff-error.js';
import { maxRateLimitedRetries } from './call-run.js';
import type { GatewayEvent } from './gateway-events.js';
import { createGateway } from './model-gateway.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { type Scripted, scriptedAttempts, tokenOffError } from './test-support/scripted-attempts.js';

const kinds: TokenOffErrorKind[] = [
  'rate_limited',
  'overloaded',
  'server',
  'timeout',
  'network',
  'quota_exhausted',
  'not_found',
  'invalid_request',
  'auth',
];
const retryable = new Set<TokenOffErrorKind>(['rate_limited', 'overloaded', 'server', 'timeout', 'network']);
const chain = ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite'];

const answer = fc.oneof(
  fc.constant<Scripted>('ok'),
  fc
    .record({
      kind: fc.constantFrom(...kinds),
      delay: fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: undefined }),
    })
    .map(({ kind, delay }) => tokenOffError(kind, delay === undefined ? {} : { retryDelayMs: delay })),
);

describe('gateway retry properties', () => {
  it('bounds attempts and waits, honours retryDelay, and never retries or falls back on the caller’s errors', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(answer, { minLength: 1, maxLength: 6 }),
        fc.array(answer, { minLength: 1, maxLength: 6 }),
        fc.array(answer, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        async (pro, flash, lite, maxAttempts, maxTotalWaitMs, draw) => {
          const clock = createFakeClock();
          const events: GatewayEvent[] = [];
          const gateway = createGateway({
            apiKey: 'k',
            clock,
            random: () => draw,
            retry: { maxAttempts, maxTotalWaitMs },
            breaker: { minimumCalls: 1_000 },
          });
          gateway.on((event) => events.push(event));
          const script = scriptedAttempts({
            [chain[0] as string]: pro,
            [chain[1] as string]: flash,
            [chain[2] as string]: lite,
          });
          const outcome = await gateway
            .call({ model: 'gemini-2.5-pro', attempt: script.attempt })
            .catch((error) => error);

          const perModel = new Map<string, number>();
          for (const model of script.models()) perModel.set(model, (perModel.get(model) ?? 0) + 1);
          // Per-minute 429s are waited out without using up maxAttempts, up to maxRateLimitedRetries.
          for (const count of perModel.values()) {
            expect(count).toBeLessThanOrEqual(maxAttempts + maxRateLimitedRetries);
          }
          const failedOther = new Map<string, number>();
          for (const event of events) {
            if (event.type === 'model-retry' && event.error.kind !== 'rate_limited') {
              failedOther.set(event.model, (failedOther.get(event.model) ?? 0) + 1);
            }
          }
          for (const count of failedOther.values()) expect(count).toBeLessThan(maxAttempts);
          expect(script.models()).toEqual(
            [...script.models()].sort((a, b) => chain.indexOf(a) - chain.indexOf(b)),
          );

          const retries = events.filter((event) => event.type === 'model-retry');
          const waited = retries.reduce((sum, event) => sum + event.delayMs, 0);
          expect(waited).toBeLessThanOrEqual(maxTotalWaitMs);
          for (const retry of retries) {
            expect(retryable.has(retry.error.kind)).toBe(true);
            expect(retry.delayMs).toBeGreaterThanOrEqual(retry.error.retryDelayMs ?? 0);
          }
          for (const fallback of events.filter((event) => event.type === 'model-fallback')) {
            expect(['invalid_request', 'auth']).not.toContain(fallback.reason);
          }
          if (outcome instanceof Error) {
            const last = (outcome as { kind?: TokenOffErrorKind }).kind;
            if (last === 'invalid_request' || last === 'auth') {
              // The call stopped at the first such answer.
              const stoppedOn = script.models().at(-1);
              expect(events.filter((event) => event.type === 'model-request').at(-1)).toMatchObject({
                model: stoppedOn,
              });
            }
          } else {
            expect(outcome.served.attempts).toBe(script.seen.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
