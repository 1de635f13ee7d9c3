export { requestCacheKey } from './request-cache-key.js';
export type { ResponseCacheOptions } from './response-cache.js';
export { ResponseCache } from './response-cache.js';
export { stableStringify } from './stable-stringify.js';
