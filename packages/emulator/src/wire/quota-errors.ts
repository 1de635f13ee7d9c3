import { type ErrorAnswer, errorBody } from './error-body.js';
import { formatDuration, formatRetrySeconds } from './format-duration.js';

/** Which quota a 429 reports. */
export type QuotaKind = 'requests-per-minute' | 'tokens-per-minute' | 'requests-per-day';

/** The billing tier whose metric and quota names a 429 uses. */
export type QuotaTier = 'free' | 'paid';

interface QuotaNames {
  metric: string;
  quotaId: string;
}

/**
 * Metric and quota ids as real 429s name them. The free-tier names are recorded; the paid-tier request
 * names follow the same pattern and are marked uncertain in gemini-wire.md.
 */
const quotaNames: Record<QuotaTier, Record<QuotaKind, QuotaNames>> = {
  free: {
    'requests-per-minute': {
      metric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
      quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
    },
    'requests-per-day': {
      metric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
      quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier',
    },
    'tokens-per-minute': {
      metric: 'generativelanguage.googleapis.com/generate_content_free_tier_input_token_count',
      quotaId: 'GenerateContentInputTokensPerModelPerMinute-FreeTier',
    },
  },
  paid: {
    'requests-per-minute': {
      metric: 'generativelanguage.googleapis.com/generate_requests_per_model',
      quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
    },
    'requests-per-day': {
      metric: 'generativelanguage.googleapis.com/generate_requests_per_model_per_day',
      quotaId: 'GenerateRequestsPerDayPerProjectPerModel',
    },
    'tokens-per-minute': {
      metric: 'generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count',
      quotaId: 'GenerateContentPaidTierInputTokensPerModelPerMinute',
    },
  },
};

/** What the 429 reports: which quota, its limit, the model, and how long until it frees. */
export interface ResourceExhaustedInput {
  kind: QuotaKind;
  tier: QuotaTier;
  model: string;
  limit: number;
  retryDelayMs: number;
  /** Also send `Retry-After` (whole seconds, rounded up). The real API never does. */
  retryAfterHeader: boolean;
}

/**
 * 429 RESOURCE_EXHAUSTED with the real message and details in order: Help, QuotaFailure, RetryInfo.
 */
export function resourceExhaustedError(input: ResourceExhaustedInput): ErrorAnswer {
  const names = quotaNames[input.tier][input.kind];
  const message =
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. ' +
    `\n* Quota exceeded for metric: ${names.metric}, limit: ${input.limit}, model: ${input.model}` +
    `\nPlease retry in ${formatRetrySeconds(input.retryDelayMs)}.`;
  const answer: ErrorAnswer = {
    status: 429,
    body: errorBody(429, message, {
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.Help',
          links: [
            {
              description: 'Learn more about Gemini API quotas',
              url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
            },
          ],
        },
        {
          '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
          violations: [
            {
              quotaMetric: names.metric,
              quotaId: names.quotaId,
              quotaDimensions: { location: 'global', model: input.model },
              quotaValue: String(input.limit),
            },
          ],
        },
        {
          '@type': 'type.googleapis.com/google.rpc.RetryInfo',
          retryDelay: formatDuration(input.retryDelayMs),
        },
      ],
    }),
  };
  if (input.retryAfterHeader) {
    answer.headers = { 'retry-after': String(Math.max(1, Math.ceil(input.retryDelayMs / 1000))) };
  }
  return answer;
}
