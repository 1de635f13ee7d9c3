// @tokenflow/queue: tokenflow beyond one machine. A rate governor and circuit state in Redis shared by every
// process on one API key, and batch runs spread over workers with BullMQ.
export { governorKeys, keyPrefix } from './governor/governor-keys.js';
export { RedisGovernor, type RedisGovernorOptions, redisGovernor } from './governor/redis-governor.js';
export { type OpenRedisOptions, openRedis } from './redis/open-redis.js';
export { redactRedisUrl } from './redis/redact-redis-url.js';
export { RedisConnectionError } from './redis/redis-connection-error.js';
