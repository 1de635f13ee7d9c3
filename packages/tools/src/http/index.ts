export { type AddressPolicy, type AddressPolicyOptions, createAddressPolicy } from './address-policy.js';
export { checkFetchTarget } from './check-fetch-target.js';
export { checkUrl, type UrlCheck, type UrlPolicyOptions } from './check-url.js';
export {
  AddressRefusedError,
  createGuardedLookup,
  HostNotFoundError,
  type HostResolver,
  systemResolver,
} from './guarded-lookup.js';
export { matchesHostPattern } from './host-pattern.js';
export { type HttpFetchOptions, httpFetch, httpFetchFactory } from './http-fetch.js';
export { httpFetchOptionsSchema } from './http-fetch-options-schema.js';
export { redactUrl } from './redact-url.js';
