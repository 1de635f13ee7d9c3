import { describe, expect, it } from 'vitest';
import { perMinuteQuotaOf } from './per-minute-quota.js';

const help = {
  '@type': 'type.googleapis.com/google.rpc.Help',
  links: [
    {
      description: 'Learn more about Gemini API quotas',
      url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
    },
  ],
};
const retryInfo = { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '41s' };

function quotaFailure(...violations: Record<string, unknown>[]) {
  return { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations };
}

describe('perMinuteQuotaOf', () => {
  it('reads the requests-per-minute quota value of a 429', () => {
    const details = [
      help,
      quotaFailure({
        quotaMetric: 'generativelanguage.googleapis.com/generate_requests_per_model',
        quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
        quotaDimensions: { location: 'global', model: 'gemini-2.5-flash-lite' },
        quotaValue: '120',
      }),
      retryInfo,
    ];
    expect(perMinuteQuotaOf(details)).toEqual({ rpm: 120 });
  });

  it('reads an input-tokens-per-minute quota as TPM, free tier included', () => {
    const details = [
      quotaFailure({
        quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_input_token_count',
        quotaId: 'GenerateContentInputTokensPerModelPerMinute-FreeTier',
        quotaValue: '250000',
      }),
    ];
    expect(perMinuteQuotaOf(details)).toEqual({ tpm: 250_000 });
  });

  it('ignores daily quotas, violations without a value (older servers) and other details', () => {
    expect(
      perMinuteQuotaOf([
        quotaFailure(
          { quotaId: 'GenerateRequestsPerDayPerProjectPerModel', quotaValue: '10000' },
          { quotaId: 'GenerateRequestsPerMinutePerProjectPerModel' },
          { quotaId: 'GenerateRequestsPerMinutePerProjectPerModel', quotaValue: 'many' },
        ),
        retryInfo,
      ]),
    ).toBeUndefined();
    expect(perMinuteQuotaOf([help, retryInfo])).toBeUndefined();
    expect(perMinuteQuotaOf(undefined)).toBeUndefined();
  });
});
