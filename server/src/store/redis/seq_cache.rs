//! The last stored seq per conversation in Redis, shared by every node: `<prefix>seq:<id>`.
//!
//! Advancing is one Lua script (set if greater), so concurrent nodes can only move an entry up.
//! Entries expire after a day without an append: an idle conversation costs nothing, and its
//! next append reads MongoDB once. A flushed or restarted Redis loses entries, which is safe:
//! the store falls back to its own last seq (see `domain::ports::SeqCache`).

use std::time::Duration;

use async_trait::async_trait;
use redis::{AsyncCommands, Script};

use super::{Redis, redis_error};
use crate::domain::ports::SeqCache;
use crate::error::Result;

/// How long an entry lives after its last advance.
const ENTRY_TTL: Duration = Duration::from_secs(24 * 3600);

/// KEYS[1] the entry, ARGV[1] the new seq, ARGV[2] the TTL in seconds. Sets the entry to ARGV[1]
/// when it is missing (GET answers false, hence `or ''`: tonumber('') is nil) or lower, refreshes
/// its TTL either way, and returns the resulting value.
const ADVANCE: &str = r"
local current = tonumber(redis.call('GET', KEYS[1]) or '')
local seq = tonumber(ARGV[1])
if current == nil or seq > current then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
  return seq
end
redis.call('EXPIRE', KEYS[1], ARGV[2])
return current
";

pub struct RedisSeqCache {
    redis: Redis,
    advance: Script,
}

impl RedisSeqCache {
    pub fn new(redis: Redis) -> RedisSeqCache {
        RedisSeqCache {
            redis,
            advance: Script::new(ADVANCE),
        }
    }

    /// The key of a conversation's entry (tests and operators inspect it).
    pub fn key(&self, conversation_id: &str) -> String {
        self.redis.key("seq", conversation_id)
    }
}

#[async_trait]
impl SeqCache for RedisSeqCache {
    async fn last_seq(&self, conversation_id: &str) -> Result<Option<i64>> {
        self.redis
            .connection()
            .get(self.key(conversation_id))
            .await
            .map_err(redis_error("reading the seq cache"))
    }

    async fn advance(&self, conversation_id: &str, seq: i64) -> Result<()> {
        let _: i64 = self
            .advance
            .key(self.key(conversation_id))
            .arg(seq)
            .arg(ENTRY_TTL.as_secs())
            .invoke_async(&mut self.redis.connection())
            .await
            .map_err(redis_error("advancing the seq cache"))?;
        Ok(())
    }

    async fn forget(&self, conversation_id: &str) -> Result<()> {
        let _: i64 = self
            .redis
            .connection()
            .del(self.key(conversation_id))
            .await
            .map_err(redis_error("forgetting a seq cache entry"))?;
        Ok(())
    }
}
