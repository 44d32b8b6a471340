//! Redis (`backends.redis.url`): rate limits, token revocations, the seq cache, the presence
//! directory and the versions of cached facts, shared by every node that points at the same
//! Redis and key prefix.
//!
//! Connections: `backends.redis.pool` multiplexed connections (`redis::aio::ConnectionManager`),
//! used round-robin. A multiplexed connection pipelines any number of concurrent requests and
//! reconnects by itself after a failure, so a classic check-out pool (deadpool-redis, bb8) would
//! only add a dependency and a wait for a free connection; several of them spread the load of
//! a busy node over several sockets and keep one slow reply from delaying every other request.

mod presence;
mod rate_limit;
mod revocations;
mod seq_cache;
mod versions;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::Context;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};

use crate::config::RedisConfig;
use crate::error::Error;

pub use presence::RedisPresence;
pub use rate_limit::RedisRateLimiter;
pub use revocations::RedisRevocations;
pub use seq_cache::RedisSeqCache;
pub use versions::RedisVersions;

/// How long connecting may take before the attempt fails.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a command may wait for its reply; past it the call answers UNAVAILABLE.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(3);

/// Connections to one Redis and the key prefix of this deployment.
#[derive(Clone)]
pub struct Redis {
    connections: Arc<[ConnectionManager]>,
    next: Arc<AtomicUsize>,
    prefix: Arc<str>,
}

impl Redis {
    /// Connects `backends.redis.pool` connections to `url`; fails when Redis does not answer.
    pub async fn open(url: &str, config: &RedisConfig) -> anyhow::Result<Redis> {
        let client = redis::Client::open(url).context("backends.redis.url is not a valid URL")?;
        let manager_config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            .set_response_timeout(Some(RESPONSE_TIMEOUT));
        let connections =
            futures::future::try_join_all((0..config.pool.max(1)).map(|_| {
                ConnectionManager::new_with_config(client.clone(), manager_config.clone())
            }))
            .await
            .context("connecting to Redis")?;
        let redis = Redis {
            connections: connections.into(),
            next: Arc::new(AtomicUsize::new(0)),
            prefix: config.key_prefix.as_str().into(),
        };
        let _: String = redis::cmd("PING")
            .query_async(&mut redis.connection())
            .await
            .context("pinging Redis")?;
        Ok(redis)
    }

    /// The next connection, round-robin (a clone is a handle to the same socket).
    fn connection(&self) -> ConnectionManager {
        let n = self.next.fetch_add(1, Ordering::Relaxed) % self.connections.len();
        self.connections[n].clone()
    }

    /// `<prefix><kind>:<id>`, e.g. `easychat:revoked:<token id>`.
    fn key(&self, kind: &str, id: &str) -> String {
        format!("{}{kind}:{id}", self.prefix)
    }
}

/// Maps a Redis error to the domain's, logging the detail. No connection, a dropped connection,
/// a timeout or a server that is loading or busy can be cured by a retry: `Unavailable`; the
/// rest (a script bug, a wrong type) are `Internal`.
fn redis_error(context: &'static str) -> impl FnOnce(redis::RedisError) -> Error {
    move |e| {
        use redis::{ErrorKind, ServerErrorKind};
        let transient = e.is_io_error()
            || e.is_timeout()
            || e.is_connection_dropped()
            || e.is_connection_refusal()
            || e.is_unrecoverable_error()
            || matches!(
                e.kind(),
                ErrorKind::Server(
                    ServerErrorKind::BusyLoading
                        | ServerErrorKind::TryAgain
                        | ServerErrorKind::ClusterDown
                        | ServerErrorKind::MasterDown
                )
            );
        if transient {
            Error::unavailable(context, e)
        } else {
            Error::internal(context, e)
        }
    }
}
