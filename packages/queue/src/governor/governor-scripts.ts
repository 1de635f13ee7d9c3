// The governor's Lua scripts. Redis runs each one atomically, so two processes can never both take the last
// place of a window or a concurrency slot. Every key a script touches is passed in KEYS (all under
// `tokenflow:{<key id>}:`, one hash slot), and the current time comes from the caller's clock in ARGV, so
// tests inject time as they do for the local governor.
//
// Per key id and model:
//   window   ZSET  permit id -> the time the request counts from (its send, moved to its answer)
//   entries  HASH  permit id -> "<input tokens>:<sent at>"
//   inflight ZSET  permit id -> when its lease ends (a crashed process's permits end with their lease)
//   state    HASH  tokens (sum over the window), heldUntil, rpm, tpm (learned from 429s), limit, epoch,
//                  shrankAt, roundTripMs (the shared AIMD state), circuitUntil, circuitReason

const tokensOf = `
local function tokensOf(entry)
  if not entry then return 0 end
  return tonumber(string.match(entry, '^([^:]+)')) or 0
end
`;

/**
 * ARGV: now, tokens, rpm (-1 = off), tpm (-1 = off), concurrency, permit id, lease ms, window ms,
 * adaptive ('1'/'0'), key ttl ms.
 * Returns {'open', until, reason} | {'wait', ms} | {'full', limit} | {'granted', epoch}.
 */
export const acquireScript = `${tokensOf}
local window, entries, inflight, state = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local now = tonumber(ARGV[1])
local tokens = tonumber(ARGV[2])
local rpm = tonumber(ARGV[3])
local tpm = tonumber(ARGV[4])
local concurrency = tonumber(ARGV[5])
local id = ARGV[6]
local lease = tonumber(ARGV[7])
local windowMs = tonumber(ARGV[8])
local adaptive = ARGV[9] == '1'
local ttl = tonumber(ARGV[10])

local circuit = tonumber(redis.call('HGET', state, 'circuitUntil') or '0')
if circuit > now then
  return {'open', tostring(circuit), redis.call('HGET', state, 'circuitReason') or 'overloaded'}
end

-- Requests older than the window leave it, with their tokens.
local expired = redis.call('ZRANGEBYSCORE', window, '-inf', now - windowMs)
if #expired > 0 then
  local freed = 0
  for _, member in ipairs(expired) do
    freed = freed + tokensOf(redis.call('HGET', entries, member))
    redis.call('HDEL', entries, member)
    redis.call('ZREM', window, member)
  end
  redis.call('HINCRBY', state, 'tokens', -freed)
end
-- Leases that ended belong to processes that died holding them.
redis.call('ZREMRANGEBYSCORE', inflight, '-inf', now)

local wait = 0
local held = tonumber(redis.call('HGET', state, 'heldUntil') or '0')
if held > now then wait = held - now end
local learnedRpm = tonumber(redis.call('HGET', state, 'rpm') or '-1')
if learnedRpm > 0 and (rpm < 0 or learnedRpm < rpm) then rpm = learnedRpm end
local learnedTpm = tonumber(redis.call('HGET', state, 'tpm') or '-1')
if learnedTpm > 0 and (tpm < 0 or learnedTpm < tpm) then tpm = learnedTpm end

local count = redis.call('ZCARD', window)
if rpm >= 0 and count >= rpm then
  local oldest = redis.call('ZRANGE', window, count - rpm, count - rpm, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + windowMs - now)
end
local total = tonumber(redis.call('HGET', state, 'tokens') or '0')
if tpm >= 0 and count > 0 and total + tokens > tpm then
  -- The entry whose expiry leaves room (or empties the window for a request larger than the budget).
  local members = redis.call('ZRANGE', window, 0, -1, 'WITHSCORES')
  local left = total
  for i = 1, #members, 2 do
    left = left - tokensOf(redis.call('HGET', entries, members[i]))
    if left + tokens <= tpm or left <= 0 then
      wait = math.max(wait, tonumber(members[i + 1]) + windowMs - now)
      break
    end
  end
end
if wait > 0 then return {'wait', tostring(wait)} end

local limit = concurrency
if adaptive then
  local value = tonumber(redis.call('HGET', state, 'limit') or tostring(concurrency))
  limit = math.max(1, math.min(concurrency, math.floor(value)))
end
if redis.call('ZCARD', inflight) >= limit then return {'full', tostring(limit)} end

redis.call('ZADD', window, now, id)
redis.call('HSET', entries, id, tostring(tokens) .. ':' .. tostring(now))
redis.call('HINCRBY', state, 'tokens', tokens)
redis.call('ZADD', inflight, now + lease, id)
for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ttl) end
return {'granted', redis.call('HGET', state, 'epoch') or '0'}
`;

/**
 * ARGV: now, permit id, result ('success'|'congestion'|'other'), refused ('1'/'0'), input tokens ('' when
 * unknown), max arrival lag ms, epoch at acquire, duration ms, concurrency (the ceiling), adaptive ('1'/'0'),
 * decrease factor, increase step.
 */
export const releaseScript = `${tokensOf}
local window, entries, inflight, state = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local now = tonumber(ARGV[1])
local id = ARGV[2]
local result = ARGV[3]
local refused = ARGV[4] == '1'
local lag = tonumber(ARGV[6])
local epoch = tonumber(ARGV[7])
local duration = tonumber(ARGV[8])
local concurrency = tonumber(ARGV[9])
local adaptive = ARGV[10] == '1'
local factor = tonumber(ARGV[11])
local step = tonumber(ARGV[12])

redis.call('ZREM', inflight, id)
local entry = redis.call('HGET', entries, id)
if entry then
  local old = tokensOf(entry)
  local sentAt = tonumber(string.match(entry, ':(.+)$'))
  if refused then
    -- The server did not count it (a 429, or never sent): it leaves the window.
    redis.call('ZREM', window, id)
    redis.call('HDEL', entries, id)
    redis.call('HINCRBY', state, 'tokens', -old)
  else
    if ARGV[5] ~= '' then
      local real = tonumber(ARGV[5])
      redis.call('HINCRBY', state, 'tokens', real - old)
      redis.call('HSET', entries, id, tostring(real) .. ':' .. tostring(sentAt))
    end
    -- It counts from its answer, never later than the longest arrival lag after its send.
    local later = math.min(now, sentAt + lag)
    local score = tonumber(redis.call('ZSCORE', window, id) or '0')
    if later > score then redis.call('ZADD', window, 'XX', later, id) end
  end
end

if adaptive then
  local value = tonumber(redis.call('HGET', state, 'limit') or tostring(concurrency))
  local roundTrip = tonumber(redis.call('HGET', state, 'roundTripMs') or '0')
  if result == 'success' then
    if duration >= 0 then
      if roundTrip == 0 then roundTrip = duration else roundTrip = roundTrip * 0.8 + duration * 0.2 end
      redis.call('HSET', state, 'roundTripMs', tostring(roundTrip))
    end
    if value < concurrency then
      local current = math.max(1, math.min(concurrency, math.floor(value)))
      redis.call('HSET', state, 'limit', tostring(math.min(concurrency, value + step / current)))
    end
  elseif result == 'congestion' then
    local current = tonumber(redis.call('HGET', state, 'epoch') or '0')
    local shrankAt = tonumber(redis.call('HGET', state, 'shrankAt') or '-1')
    -- One shrink per epoch and per round trip, fleet-wide: a burst of 429s answers one too-high limit.
    if epoch == current and (shrankAt < 0 or now - shrankAt >= roundTrip) then
      redis.call('HSET', state, 'limit', tostring(math.max(1, value * factor)))
      redis.call('HSET', state, 'epoch', tostring(current + 1))
      redis.call('HSET', state, 'shrankAt', tostring(now))
    end
  end
end
return 1
`;

/**
 * KEYS: state. ARGV: now, type, until ms, reason, hold until ms, rpm, tpm, key ttl ms ('' where unused).
 */
export const reportScript = `
local state = KEYS[1]
local now = tonumber(ARGV[1])
local kind = ARGV[2]
if kind == 'circuit-open' then
  local untilMs = tonumber(ARGV[3])
  local current = tonumber(redis.call('HGET', state, 'circuitUntil') or '0')
  if untilMs > current then
    redis.call('HSET', state, 'circuitUntil', ARGV[3], 'circuitReason', ARGV[4])
  end
elseif kind == 'circuit-close' then
  -- A successful probe closes the fleet's circuit, unless another process opened it again since.
  local current = tonumber(redis.call('HGET', state, 'circuitUntil') or '0')
  if current <= now then redis.call('HDEL', state, 'circuitUntil', 'circuitReason') end
elseif kind == 'rate-limited' then
  if ARGV[5] ~= '' then
    local held = tonumber(redis.call('HGET', state, 'heldUntil') or '0')
    if tonumber(ARGV[5]) > held then redis.call('HSET', state, 'heldUntil', ARGV[5]) end
  end
  for _, pair in ipairs({{'rpm', ARGV[6]}, {'tpm', ARGV[7]}}) do
    if pair[2] ~= '' then
      local learned = tonumber(redis.call('HGET', state, pair[1]) or '-1')
      local value = tonumber(pair[2])
      if value > 0 and (learned < 0 or value < learned) then redis.call('HSET', state, pair[1], pair[2]) end
    end
  end
end
redis.call('PEXPIRE', state, tonumber(ARGV[8]))
return 1
`;

/** KEYS: inflight. ARGV: lease end, then permit ids. Extends only leases that still exist. */
export const renewScript = `
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', ARGV[1], ARGV[i]) end
return 1
`;
