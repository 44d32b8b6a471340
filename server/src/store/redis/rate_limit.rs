//! Token buckets in Redis: the same budgets as the in-process limiter, shared by every node.
//!
//! One Lua script per check reads, refills, spends and writes the bucket atomically (no two
//! nodes can spend the same token) on Redis's clock (nodes' clocks may disagree). A bucket
//! expires once it would be full again, so idle users cost nothing.

use async_trait::async_trait;
use redis::Script;

use super::{Redis, redis_error};
use crate::config::Limits;
use crate::domain::ports::{Action, RateLimiter};
use crate::domain::rate_limits::{Budgets, action_key};
use crate::error::Result;

/// KEYS[1] the bucket (hash: tokens, at), ARGV[1] capacity, ARGV[2] refill per second.
/// Returns {1, 0} when a token was spent, else {0, milliseconds until one is available}.
const TOKEN_BUCKET: &str = r"
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2]) / 1000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
local spent = 0
if tokens >= 1 then
  tokens = tokens - 1
  spent = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / per_ms) + 1000)
if spent == 1 then
  return {1, 0}
end
return {0, math.ceil((1 - tokens) / per_ms)}
";

pub struct RedisRateLimiter {
    redis: Redis,
    budgets: Budgets,
    script: Script,
}

impl RedisRateLimiter {
    pub fn new(redis: Redis, limits: &Limits) -> RedisRateLimiter {
        RedisRateLimiter {
            redis,
            budgets: Budgets::new(limits),
            script: Script::new(TOKEN_BUCKET),
        }
    }
}

#[async_trait]
impl RateLimiter for RedisRateLimiter {
    async fn check(&self, key: &str, action: Action) -> Result<()> {
        let Some(budget) = self.budgets.get(action) else {
            return Ok(());
        };
        let bucket = self.redis.key(&format!("rate:{}", action_key(action)), key);
        let (spent, wait_ms): (i64, i64) = self
            .script
            .key(bucket)
            .arg(budget.capacity)
            .arg(budget.per_sec)
            .invoke_async(&mut self.redis.connection())
            .await
            .map_err(redis_error("checking a rate limit"))?;
        if spent == 1 {
            Ok(())
        } else {
            let wait = std::time::Duration::from_millis(u64::try_from(wait_ms).unwrap_or(1).max(1));
            Err(budget.exceeded(wait))
        }
    }
}
