import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyHttpError } from './classify-http-error.js';

const quotaMessage =
  'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. \n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 10, model: gemini-2.5-flash\nPlease retry in 17.338413s.';

function quota429(quotaId: string | undefined, retryDelay: string | undefined, message = quotaMessage) {
  const details: Record<string, unknown>[] = [
    {
      '@type': 'type.googleapis.com/google.rpc.Help',
      links: [
        {
          description: 'Learn more about Gemini API quotas',
          url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
        },
      ],
    },
  ];
  if (quotaId) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        { quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId },
      ],
    });
  }
  if (retryDelay) details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay });
  return JSON.stringify({ error: { code: 429, message, status: 'RESOURCE_EXHAUSTED', details } }, null, 2);
}

const context = { model: 'gemini-2.5-flash' };

describe('classifyHttpError on 429s', () => {
  it('reads a per-minute quota as rate_limited with RetryInfo delay and quota id', () => {
    const error = classifyHttpError(
      { status: 429, body: quota429('GenerateRequestsPerMinutePerProjectPerModel-FreeTier', '17s') },
      context,
    );
    expect(error).toMatchObject({
      kind: 'rate_limited',
      status: 429,
      retryDelayMs: 17_000,
      quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
      rpcStatus: 'RESOURCE_EXHAUSTED',
      model: 'gemini-2.5-flash',
    });
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/gemini-2\.5-flash.*HTTP 429.*wait 17s/s);
  });

  it('reads fractional protobuf durations', () => {
    const error = classifyHttpError({ status: 429, body: quota429('X-PerMinute', '45.837906927s') }, context);
    expect(error.retryDelayMs).toBe(45_838);
  });

  it('treats a PerDay quota id as quota_exhausted even with a short delay', () => {
    const error = classifyHttpError(
      { status: 429, body: quota429('GenerateRequestsPerDayPerProjectPerModel-FreeTier', '20s') },
      context,
    );
    expect(error).toMatchObject({
      kind: 'quota_exhausted',
      quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier',
    });
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/fall back/);
  });

  it('treats a very long delay as quota_exhausted, with the threshold as an option', () => {
    const body = quota429(undefined, '3600s');
    expect(classifyHttpError({ status: 429, body }, context).kind).toBe('quota_exhausted');
    expect(
      classifyHttpError({ status: 429, body }, { ...context, quotaExhaustedAfterMs: 7_200_000 }).kind,
    ).toBe('rate_limited');
  });

  it('falls back to a Retry-After header in seconds, then as an HTTP date', () => {
    const body = quota429('X-PerMinute', undefined, 'Too many requests');
    expect(
      classifyHttpError({ status: 429, body, headers: { 'Retry-After': '30' } }, context).retryDelayMs,
    ).toBe(30_000);
    const now = Date.parse('2026-01-15T12:00:00Z');
    const headers = new Headers({ 'retry-after': 'Thu, 15 Jan 2026 12:01:30 GMT' });
    expect(
      classifyHttpError({ status: 429, body, headers }, { ...context, now: () => now }).retryDelayMs,
    ).toBe(90_000);
  });

  it('falls back to "Please retry in" in the message when there is no RetryInfo and no header', () => {
    const error = classifyHttpError({ status: 429, body: quota429('X-PerMinute', undefined) }, context);
    expect(error.retryDelayMs).toBe(17_338);
  });

  it('prefers RetryInfo over the header and the message', () => {
    const error = classifyHttpError(
      { status: 429, body: quota429('X-PerMinute', '5s'), headers: { 'retry-after': '99' } },
      context,
    );
    expect(error.retryDelayMs).toBe(5000);
  });
});

describe('classifyHttpError on other statuses', () => {
  it.each([
    [503, 'UNAVAILABLE', 'overloaded'],
    [500, 'INTERNAL', 'server'],
    [502, undefined, 'server'],
    [504, 'DEADLINE_EXCEEDED', 'server'],
    [400, 'INVALID_ARGUMENT', 'invalid_request'],
    [400, 'FAILED_PRECONDITION', 'invalid_request'],
    [401, 'UNAUTHENTICATED', 'auth'],
    [403, 'PERMISSION_DENIED', 'auth'],
    [404, 'NOT_FOUND', 'not_found'],
    [402, undefined, 'quota_exhausted'],
    [408, undefined, 'timeout'],
    [413, undefined, 'invalid_request'],
  ] as const)('maps %i %s to %s', (status, rpcStatus, kind) => {
    const body = JSON.stringify({ error: { code: status, message: 'something', status: rpcStatus } });
    expect(classifyHttpError({ status, body }, context).kind).toBe(kind);
  });

  it('maps a 400 API_KEY_INVALID to auth and names the key variable, not the key', () => {
    const key = 'AIzaSy-SECRET-123';
    const body = JSON.stringify({
      error: {
        code: 400,
        message: `API key not valid. Please pass a valid API key. (${key})`,
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            metadata: { key },
          },
        ],
      },
    });
    const error = classifyHttpError({ status: 400, body }, { ...context, secrets: [key] });
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/TOKENOFF_API_KEY/);
    expect(error.message).not.toContain(key);
    expect(JSON.stringify(error.details)).not.toContain(key);
    expect(JSON.stringify(error)).not.toContain(key);
  });

  it('classifies a non-JSON proxy page by its status and quotes its start', () => {
    const error = classifyHttpError({ status: 502, body: '<html>Bad Gateway</html>' }, context);
    expect(error.kind).toBe('server');
    expect(error.message).toContain('Bad Gateway');
  });

  it('reads an array-wrapped error body (the JSON-array stream form)', () => {
    const body = JSON.stringify([
      { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } },
    ]);
    expect(classifyHttpError({ status: 503, body }, context)).toMatchObject({
      kind: 'overloaded',
      rpcStatus: 'UNAVAILABLE',
    });
  });

  it('says where a mid-stream failure happened', () => {
    const body = { error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } };
    const error = classifyHttpError(
      { status: 503, body },
      { ...context, where: 'mid-stream, after 2 chunk(s)' },
    );
    expect(error.message).toContain('mid-stream, after 2 chunk(s)');
  });
});

describe('classifyHttpError and secrets', () => {
  it('never lets the key through, whatever the status and wherever the server echoes it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 599 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{12,40}$/),
        fc.string(),
        (status, secret, noise) => {
          const body = JSON.stringify({
            error: {
              code: status,
              message: `${noise} key=${secret} ${noise}`,
              status: 'X',
              details: [
                {
                  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                  reason: 'R',
                  metadata: { key: secret },
                },
              ],
            },
          });
          const error = classifyHttpError({ status, body }, { model: 'm', secrets: [secret] });
          for (const text of [error.message, JSON.stringify(error), JSON.stringify(error.details)]) {
            expect(text).not.toContain(secret);
          }
        },
      ),
    );
  });
});
