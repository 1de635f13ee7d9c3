/** Per-minute limits a 429 announced: what the lane's RPM and TPM windows should hold to. */
export interface PerMinuteQuota {
  /** Requests per minute (a `...RequestsPerMinute...` violation). */
  rpm?: number;
  /** Input tokens per minute (a `...InputTokens...PerMinute...` violation). */
  tpm?: number;
}

/**
 * Reads the per-minute quotas named by a 429's `google.rpc.QuotaFailure` violations (the error's raw
 * `details`). A violation counts when its `quotaId` is per-minute and it carries a `quotaValue` (newer
 * servers send it, as a decimal string: `{"quotaId": "GenerateRequestsPerMinutePerProjectPerModel",
 * "quotaValue": "120"}`); the metric or the id says whether it limits requests or input tokens. Returns
 * undefined when no violation says how much. Kept beside the gateway, which alone acts on it, rather than
 * as a field of every classified error.
 */
export function perMinuteQuotaOf(details: readonly unknown[] | undefined): PerMinuteQuota | undefined {
  const failure = details?.find(
    (detail) =>
      isRecord(detail) && typeof detail['@type'] === 'string' && detail['@type'].endsWith('.QuotaFailure'),
  );
  const violations = isRecord(failure) && Array.isArray(failure.violations) ? failure.violations : [];
  const quota: PerMinuteQuota = {};
  for (const violation of violations) {
    if (!isRecord(violation)) continue;
    const id = typeof violation.quotaId === 'string' ? violation.quotaId : '';
    const metric = typeof violation.quotaMetric === 'string' ? violation.quotaMetric : '';
    const value = Number(violation.quotaValue);
    if (!/PerMinute/i.test(id) || !Number.isFinite(value) || value <= 0) continue;
    if (/InputToken|input_token/i.test(`${id} ${metric}`)) quota.tpm = Math.min(quota.tpm ?? value, value);
    else if (/Request/i.test(`${id} ${metric}`)) quota.rpm = Math.min(quota.rpm ?? value, value);
  }
  return quota.rpm === undefined && quota.tpm === undefined ? undefined : quota;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
