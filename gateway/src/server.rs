//! The HTTP side: the `/ws` route and its upgrade handler, the `Gateway` that owns every
//! session, and `run`, which serves until shutdown and then closes every socket with a close
//! frame within a bounded wait.

use std::sync::Arc;

use axum::Router;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Query, State, rejection::QueryRejection};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder as ConnectionBuilder;
use hyper_util::service::TowerToHyperService;
use serde::Deserialize;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tower::ServiceExt;

use crate::config::GatewayConfig;
use crate::in_process::InProcessChat;
use crate::listener::GuardedListener;
use crate::rest::{self, ClientPeer};
use crate::session;
use crate::shared::Shared;
use crate::token;
use crate::upstream::Upstreams;
use crate::web;

/// A gateway: its router and control over its sessions' lifetime.
#[derive(Clone)]
pub struct Gateway {
    shared: Arc<Shared>,
}

impl Gateway {
    /// A gateway for `config`. It is not validated here (see [`GatewayConfig::validate`]);
    /// invalid upstream URLs are logged and skipped.
    pub fn new(config: GatewayConfig) -> Gateway {
        let upstreams = Upstreams::new(&config);
        Gateway::with_upstreams(config, upstreams)
    }

    /// A gateway inside the server at `config.upstreams[0]` (its only upstream), which opens
    /// its connections' Chat sessions through `chat` rather than over gRPC. Its configuration
    /// is validated.
    pub fn in_process(
        config: GatewayConfig,
        chat: Arc<dyn InProcessChat>,
    ) -> anyhow::Result<Gateway> {
        config.validate()?;
        let upstreams = Upstreams::in_process(&config, chat).map_err(anyhow::Error::msg)?;
        Ok(Gateway::with_upstreams(config, upstreams))
    }

    fn with_upstreams(config: GatewayConfig, upstreams: Upstreams) -> Gateway {
        let connections = Arc::new(Semaphore::new(config.max_connections.max(1)));
        Gateway {
            shared: Arc::new(Shared {
                config,
                upstreams,
                shutdown: CancellationToken::new(),
                sessions: TaskTracker::new(),
                connections,
            }),
        }
    }

    /// Makes `urls` the upstream servers (a gateway following the node registry calls this on
    /// every change). New connections spread over them; open ones stay where they are until
    /// their stream ends, then move (`failover_timeout_secs`).
    pub fn set_upstreams(&self, urls: &[String]) {
        self.shared.upstreams.replace(urls);
        tracing::info!(upstreams = ?self.shared.upstreams.uris(), "upstreams changed");
    }

    /// The upstream servers' URIs, in round-robin order.
    pub fn upstreams(&self) -> Vec<String> {
        self.shared.upstreams.uris()
    }

    /// The routes (`/ws`, REST under `/v1/` and `/openapi.json`), to serve alone or merged
    /// with others on the same port.
    pub fn router(&self) -> Router {
        let router = Router::new()
            .route("/ws", any(upgrade))
            .with_state(self.shared.clone())
            .merge(rest::router(self.shared.clone()));
        match &self.shared.config.web_root {
            Some(root) => web::serve_app(router, root),
            None => router,
        }
    }

    /// Closes every session (error frame `SHUTTING_DOWN`, then a close frame) and refuses new
    /// ones; waits for them at most `shutdown_grace_secs`. Returns whether all closed in time.
    pub async fn shutdown(&self) -> bool {
        self.shared.shutdown.cancel();
        self.shared.sessions.close();
        let grace = self.shared.config.shutdown_grace();
        tokio::time::timeout(grace, self.shared.sessions.wait())
            .await
            .is_ok()
    }
}

/// The gateway's routes for `config`. Their sessions end when the connection or the process
/// does; use [`Gateway`] to also close them on shutdown.
pub fn router(config: GatewayConfig) -> Router {
    Gateway::new(config).router()
}

/// Serves the gateway on `listener` until `shutdown` completes; then stops accepting, closes
/// every socket with a close frame and waits for them, at most `shutdown_grace_secs`.
pub async fn run(
    config: GatewayConfig,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    config.validate()?;
    Gateway::new(config).serve(listener, shutdown).await
}

impl Gateway {
    /// [`run`] for a gateway built already (one whose upstreams change as nodes come and go);
    /// its configuration is not validated here.
    ///
    /// Serves with hyper directly rather than `axum::serve`, which sets no timer: without one
    /// hyper enforces no header read timeout, and a client trickling its request head (a
    /// slowloris) would hold its connection forever. The listener adds the connection caps and
    /// the deadline for the first request (see `crate::listener`).
    pub async fn serve(
        &self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let config = &self.shared.config;
        let grace = config.shutdown_grace();
        let header_read_timeout = config.header_read_timeout();
        let listener = GuardedListener::new(listener, config.connection_limits());
        if let Some(root) = &config.web_root {
            let root = web::display_root(root);
            if web::is_built(&root) {
                let app = listener.local_addr().map(|addr| format!("http://{addr}/"));
                tracing::info!(web_root = %root.display(), "browser app at {}", app.unwrap_or_default());
            } else {
                // A fresh clone has no built app: say how, once, instead of a silent 404.
                tracing::warn!(
                    web_root = %root.display(),
                    "the browser app is not built (no index.html): from the repository root run `{}`; until then / answers how",
                    web::BUILD_COMMANDS
                );
            }
        }
        let router = self.router();
        // Cancelled when accepting stops: each connection then shuts down gracefully.
        let stop_accepting = CancellationToken::new();
        // Each connection holds a receiver; all are gone once every connection has closed.
        let (open_tx, _) = tokio::sync::watch::channel(());
        let accept = async {
            loop {
                let (io, peer) = listener.accept().await;
                // The REST calls forward the client's address upstream (per-address limits).
                let service = TowerToHyperService::new(router.clone().map_request(
                    move |mut request: axum::extract::Request<hyper::body::Incoming>| {
                        request.extensions_mut().insert(ClientPeer(peer));
                        request
                    },
                ));
                let stop = stop_accepting.clone();
                let open = open_tx.subscribe();
                tokio::spawn(async move {
                    let _open = open;
                    let mut builder = ConnectionBuilder::new(TokioExecutor::new());
                    builder
                        .http1()
                        .timer(TokioTimer::new())
                        .header_read_timeout(header_read_timeout);
                    // The CONNECT protocol carries WebSockets over HTTP/2.
                    builder.http2().enable_connect_protocol();
                    let conn = builder.serve_connection_with_upgrades(TokioIo::new(io), service);
                    tokio::pin!(conn);
                    tokio::select! {
                        served = conn.as_mut() => {
                            if let Err(error) = served {
                                tracing::debug!(%error, "HTTP connection ended with an error");
                            }
                            return;
                        }
                        () = stop.cancelled() => {}
                    }
                    conn.as_mut().graceful_shutdown();
                    if let Err(error) = conn.await {
                        tracing::debug!(%error, "HTTP connection ended with an error");
                    }
                });
            }
        };
        tokio::select! {
            () = accept => unreachable!("the listener accepts forever"),
            () = shutdown => {}
        }
        tracing::info!("WebSocket gateway shutting down");
        drop(listener);
        stop_accepting.cancel();
        if !self.shutdown().await {
            tracing::warn!("some WebSocket sessions did not close within the grace period");
        }
        // Upgraded sockets are no longer hyper's; what is left are plain HTTP connections.
        if tokio::time::timeout(grace, open_tx.closed()).await.is_err() {
            tracing::warn!("HTTP connections still open after the grace period");
        }
        Ok(())
    }
}

#[derive(Debug, Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

async fn upgrade(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    query: Result<Query<TokenQuery>, QueryRejection>,
    upgrade: WebSocketUpgrade,
) -> Response {
    if shared.shutdown.is_cancelled() {
        return (StatusCode::SERVICE_UNAVAILABLE, "shutting down").into_response();
    }
    let Ok(permit) = shared.connections.clone().try_acquire_owned() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "too many connections").into_response();
    };
    let query_token = query.ok().and_then(|Query(query)| query.token);
    let credentials = token::extract(&headers, query_token);
    let config = &shared.config;
    let limit = config.max_socket_message_bytes;
    let mut upgrade = upgrade
        .max_message_size(limit)
        .max_frame_size(limit)
        .read_buffer_size(config.socket_read_buffer_bytes)
        .write_buffer_size(config.socket_write_buffer_bytes);
    if let Some(protocol) = credentials.protocol {
        upgrade.set_selected_protocol(protocol);
    }
    // Taken now, not after the upgrade, so shutdown also waits for handshakes in progress.
    let tracked = shared.sessions.token();
    let token = credentials.token;
    upgrade
        .on_failed_upgrade(|error| tracing::debug!(%error, "WebSocket upgrade failed"))
        .on_upgrade(move |socket| session::run(socket, token, shared, (tracked, permit)))
}
