import { GoogleGenerativeAIFetchError } from '@google/generative-ai';
import { describe, expect, it } from 'vitest';
import { classifyError } from './classify-error.js';
import { TokenOffError } from './tokenoff-error.js';

const context = { model: 'gemini-2.5-pro' };

describe('classifyError', () => {
  it('passes a TokenOffError through unchanged', () => {
    const error = new TokenOffError('x', { kind: 'server' });
    expect(classifyError(error, context)).toBe(error);
  });

  it('tells a timeout from a caller abort by the signal reason', () => {
    const timedOut = new AbortController();
    timedOut.abort(new DOMException('timed out', 'TimeoutError'));
    const aborted = new AbortController();
    aborted.abort();
    const thrown = new DOMException('This operation was aborted', 'AbortError');
    expect(classifyError(thrown, { ...context, signal: timedOut.signal }).kind).toBe('timeout');
    expect(classifyError(thrown, { ...context, signal: aborted.signal }).kind).toBe('aborted');
    expect(classifyError(new DOMException('t', 'TimeoutError'), context).kind).toBe('timeout');
  });

  it('classifies a refused connection as network', async () => {
    let thrown: unknown;
    try {
      await fetch('http://127.0.0.1:1/api/v1beta/models/x:generateContent', { method: 'POST' });
    } catch (error) {
      thrown = error;
    }
    const error = classifyError(thrown, context);
    expect(error.kind).toBe('network');
    expect(error.cause).toBe(thrown);
    expect(error.message).toMatch(/gemini-2\.5-pro/);
  });

  it('classifies errors of the stock Gemini SDK from their status and details', () => {
    const sdkError = new GoogleGenerativeAIFetchError('Error fetching from ...: [429 ] quota', 429, '', [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' },
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel' }],
      },
    ] as never);
    expect(classifyError(sdkError, context)).toMatchObject({
      kind: 'rate_limited',
      retryDelayMs: 12_000,
      quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
      cause: sdkError,
    });
  });

  it('turns anything else into a non-retried invalid_request that keeps the cause', () => {
    const bug = new Error('Google requires a tool name for each tool call response');
    const error = classifyError(bug, context);
    expect(error.kind).toBe('invalid_request');
    expect(error.retryable).toBe(false);
    expect(error.cause).toBe(bug);
    expect(error.message).toContain('tool name');
  });

  it('redacts secrets from the messages it builds', () => {
    const error = classifyError(new TypeError('fetch failed: key sk-SECRET in url'), {
      ...context,
      secrets: ['sk-SECRET'],
    });
    expect(error.kind).toBe('network');
    expect(error.message).not.toContain('sk-SECRET');
  });
});
