import { describe, expect, it } from 'vitest';
import type { GatewayEvent } from './gateway-events.js';
import type { GatewayGovernor, GovernorReport, GovernorRequest } from './gateway-governor.js';
import { governorKeyId } from './gateway-governor.js';
import { createGateway } from './model-gateway.js';
import type { SlotOutcome } from './model-lane.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { scriptedAttempts, tokenOffError } from './test-support/scripted-attempts.js';

const flash = 'gemini-2.5-flash';
const pro = 'gemini-2.5-pro';

/** A governor in memory that records what the gateway asks and tells it; `openUntil` plays the fleet's circuit. */
function recordingGovernor() {
  const requests: GovernorRequest[] = [];
  const releases: SlotOutcome[] = [];
  const reports: { keyId: string; model: string; report: GovernorReport }[] = [];
  const openUntil = new Map<string, number>();
  const governor: GatewayGovernor = {
    acquire: async (request) => {
      requests.push(request);
      const until = openUntil.get(request.model);
      if (until !== undefined) return { type: 'circuit-open', untilMs: until, reason: 'quota_exhausted' };
      return { type: 'granted', permit: { release: (outcome) => releases.push(outcome) } };
    },
    report: (keyId, model, report) => {
      reports.push({ keyId, model, report });
    },
  };
  return { governor, requests, releases, reports, openUntil };
}

describe('a gateway with a shared governor', () => {
  it('asks the governor for a permit per attempt with a hash of the key, and releases it with the outcome', async () => {
    const shared = recordingGovernor();
    const gateway = createGateway({
      apiKey: 'tk-secret-governed',
      clock: createFakeClock(),
      governor: shared.governor,
      limits: { [flash]: { rpm: 30, concurrency: 4 } },
    });
    const { attempt } = scriptedAttempts({ [flash]: ['ok'] });
    await gateway.call({ model: flash, attempt, estimatedInputTokens: 120 });
    expect(shared.requests).toEqual([
      expect.objectContaining({
        keyId: governorKeyId('tk-secret-governed'),
        model: flash,
        tokens: 120,
        limits: { concurrency: 4, rpm: 30, tpm: expect.any(Number) },
      }),
    ]);
    expect(shared.releases).toEqual([expect.objectContaining({ result: 'success', inputTokens: 100 })]);
    expect(JSON.stringify(shared.requests)).not.toContain('tk-secret');
  });

  it('falls back without sending when the fleet says the circuit is open, and opens its own until then', async () => {
    const clock = createFakeClock();
    const shared = recordingGovernor();
    const until = clock.now() + 3_600_000;
    shared.openUntil.set(pro, until);
    const events: GatewayEvent[] = [];
    const gateway = createGateway({ apiKey: 'k', clock, governor: shared.governor });
    gateway.on((event) => events.push(event));
    const { attempt, seen } = scriptedAttempts({ [pro]: ['ok'], [flash]: ['ok'] });
    const { served } = await gateway.call({ model: pro, attempt });
    expect(served.model).toBe(flash);
    expect(seen.map((context) => context.model)).toEqual([flash]);
    expect(events).toContainEqual({
      type: 'circuit-open',
      model: pro,
      untilMs: until,
      reason: 'quota_exhausted',
    });
    expect(gateway.circuits()).toContainEqual({ model: pro, state: 'open', openUntil: until });
  });

  it('tells the governor when a daily quota opens a circuit, so other processes stop too', async () => {
    const clock = createFakeClock();
    const shared = recordingGovernor();
    const gateway = createGateway({ apiKey: 'k', clock, governor: shared.governor });
    const exhausted = tokenOffError('quota_exhausted', {
      status: 429,
      quotaId: 'GenerateRequestsPerDayPerProjectPerModel',
    });
    const { attempt } = scriptedAttempts({ [pro]: [exhausted], [flash]: ['ok'] });
    await gateway.call({ model: pro, attempt });
    expect(shared.reports).toContainEqual({
      keyId: governorKeyId('k'),
      model: pro,
      report: { type: 'circuit-open', untilMs: expect.any(Number), reason: 'quota_exhausted' },
    });
    // The permit of the refused attempt leaves the fleet's window: the server did not count it.
    expect(shared.releases[0]).toMatchObject({ result: 'other', refused: true });
  });

  it('refuses a governor that is not one, naming the option', () => {
    expect(() => createGateway({ apiKey: 'k', governor: {} as GatewayGovernor })).toThrow(/`governor`/);
  });
});
