import { isIP } from 'node:net';
import { type AddressPolicyOptions, createAddressPolicy } from './address-policy.js';
import { checkUrl, type UrlCheck, type UrlPolicyOptions } from './check-url.js';
import { type HostResolver, systemResolver } from './guarded-lookup.js';

/**
 * Checks a URL the way `http_fetch` would, DNS included, without fetching it: useful to validate URLs
 * from configuration up front. It is advice, not a guarantee: DNS can answer differently later, which
 * is why `http_fetch` checks the addresses again when it connects.
 * @example
 * const check = await checkFetchTarget('https://example.com/', {});
 * if (!check.ok) throw new Error(check.reason);
 */
export async function checkFetchTarget(
  input: string,
  options: UrlPolicyOptions & AddressPolicyOptions & { lookup?: HostResolver },
): Promise<UrlCheck> {
  const policy = createAddressPolicy(options);
  const check = checkUrl(input, options, policy);
  if (!check.ok || isIP(check.url.hostname.replace(/^\[|\]$/g, '')) !== 0) return check;
  let answers: Awaited<ReturnType<HostResolver>>;
  try {
    answers = await (options.lookup ?? systemResolver)(check.url.hostname);
  } catch {
    return { ok: false, reason: `the host ${check.url.hostname} could not be found (DNS)` };
  }
  for (const answer of answers) {
    const refusal = policy(answer.address);
    if (refusal !== undefined)
      return { ok: false, reason: `${check.url.hostname} resolves to a refused address: ${refusal}` };
  }
  return check;
}
