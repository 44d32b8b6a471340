//! What every session of a gateway shares: the configuration, the upstreams, and the controls of
//! the sessions' lifetime. Its own module so the server (which creates it) and the sessions
//! (which read it) both depend on it rather than on each other.

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::config::GatewayConfig;
use crate::upstream::Upstreams;

/// What every session of a gateway shares.
pub(crate) struct Shared {
    pub config: GatewayConfig,
    pub upstreams: Upstreams,
    /// Cancelled when the gateway shuts down: each session closes its socket.
    pub shutdown: CancellationToken,
    /// Counts live sessions so shutdown can wait for them.
    pub sessions: TaskTracker,
    /// Bounds the sessions served at once (`max_connections`).
    pub connections: Arc<Semaphore>,
}
