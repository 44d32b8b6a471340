//! Revoked token ids in Redis, each kept until its token would have expired anyway (the key
//! expires at the token's expiry), so every node refuses a logged-out token at once.

use async_trait::async_trait;
use redis::AsyncCommands;

use super::{Redis, redis_error};
use crate::domain::model::{Millis, now_millis};
use crate::domain::ports::TokenRevocations;
use crate::error::Result;

pub struct RedisRevocations {
    redis: Redis,
}

impl RedisRevocations {
    pub fn new(redis: Redis) -> RedisRevocations {
        RedisRevocations { redis }
    }
}

#[async_trait]
impl TokenRevocations for RedisRevocations {
    async fn revoke(&self, token_id: &str, expires_at: Millis) -> Result<()> {
        if expires_at <= now_millis() {
            // Expired tokens are refused anyway.
            return Ok(());
        }
        let expires_at = u64::try_from(expires_at).unwrap_or(u64::MAX);
        let options =
            redis::SetOptions::default().with_expiration(redis::SetExpiry::PXAT(expires_at));
        let () = self
            .redis
            .connection()
            .set_options(self.redis.key("revoked", token_id), 1, options)
            .await
            .map_err(redis_error("revoking a token"))?;
        Ok(())
    }

    async fn is_revoked(&self, token_id: &str) -> Result<bool> {
        self.redis
            .connection()
            .exists(self.redis.key("revoked", token_id))
            .await
            .map_err(redis_error("checking a token revocation"))
    }
}
