//! Versions of cached facts shared by every node (`CacheVersions`): `<prefix>version:<scope>`,
//! a random number set by each write, expiring `VERSION_LIFETIME_FACTOR` × the copies' lifetime
//! after it.
//!
//! Random rather than counted: two nodes writing the same scope at once each set a value no
//! copy was read under, and a key that expired or was flushed reads `None` again, which the
//! port's rule covers (see `CacheVersions`).

use std::time::Duration;

use async_trait::async_trait;
use redis::AsyncCommands;

use super::{Redis, redis_error};
use crate::domain::ports::{CacheVersions, VERSION_LIFETIME_FACTOR};
use crate::error::Result;

pub struct RedisVersions {
    redis: Redis,
    lifetime: Duration,
}

impl RedisVersions {
    /// Versions for copies that live at most `copy_lifetime`.
    pub fn new(redis: Redis, copy_lifetime: Duration) -> RedisVersions {
        RedisVersions {
            redis,
            lifetime: copy_lifetime * VERSION_LIFETIME_FACTOR,
        }
    }

    fn key(&self, scope: &str) -> String {
        self.redis.key("version", scope)
    }
}

#[async_trait]
impl CacheVersions for RedisVersions {
    async fn current(&self, scope: &str) -> Result<Option<u64>> {
        self.redis
            .connection()
            .get(self.key(scope))
            .await
            .map_err(redis_error("reading a cache version"))
    }

    async fn bump(&self, scopes: &[String]) -> Result<()> {
        let lifetime = u64::try_from(self.lifetime.as_millis())
            .unwrap_or(u64::MAX)
            .max(1);
        let mut pipe = redis::pipe();
        for scope in scopes {
            let version = uuid::Uuid::new_v4().as_u64_pair().0;
            pipe.pset_ex(self.key(scope), version, lifetime).ignore();
        }
        let () = pipe
            .query_async(&mut self.redis.connection())
            .await
            .map_err(redis_error("changing a cache version"))?;
        Ok(())
    }
}
