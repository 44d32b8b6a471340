//! Opening and closing the sessions of a scenario, whatever the system: gRPC streams spread
//! over a pool of HTTP/2 connections, or one WebSocket each.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use futures::StreamExt;
use tonic::transport::Channel;

use super::{Ctx, System, Transport};
use crate::transport::centrifugo::{CentrifugoConn, Position};
use crate::transport::grpc::{self, GrpcConn};
use crate::transport::ws::WsConn;
use crate::transport::{Conn, Session};

/// One session to open.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The session's index (its `Session::index`).
    pub index: usize,
    /// Index of the user it acts as, in `Ctx::users`.
    pub user: usize,
    /// Centrifugo: the channel to subscribe to, and where to recover it from.
    pub channel: String,
    pub recover: Option<Position>,
}

/// The keep-alive task of a fleet; it stops when dropped.
pub struct KeepAlive(tokio::task::JoinHandle<()>);

impl Drop for KeepAlive {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Open sessions and the HTTP/2 connections they share.
pub struct Fleet {
    pub conns: Vec<Arc<Conn>>,
    channels: Vec<Channel>,
    meter: Arc<crate::stats::meter::Meter>,
}

/// Number of HTTP/2 connections for `sessions` gRPC streams, `per_conn` each.
pub fn pool_size(sessions: usize, per_conn: usize) -> usize {
    sessions.div_ceil(per_conn.max(1))
}

/// Connects the HTTP/2 pool for `sessions` streams (none for WebSocket transports).
pub async fn connect_pool(
    ctx: &Ctx,
    sessions: usize,
    per_conn: usize,
) -> anyhow::Result<Vec<Channel>> {
    if ctx.transport != Transport::Grpc {
        return Ok(Vec::new());
    }
    let url = ctx
        .grpc_url
        .clone()
        .context("--server is needed for gRPC")?;
    let urls: Vec<String> = std::iter::once(url)
        .chain(ctx.more_grpc_urls.iter().cloned())
        .collect();
    grpc::connect_pool(&urls, pool_size(sessions, per_conn), &ctx.meter).await
}

/// Opens one session as `spec` says; gRPC streams go on `channel`.
pub async fn open_one(
    ctx: &Ctx,
    spec: &Spec,
    channel: Option<Channel>,
    window: usize,
) -> anyhow::Result<Conn> {
    let session = Session::new(spec.index, ctx.meter.clone(), window);
    let user = &ctx.users[spec.user];
    match (ctx.system, ctx.transport) {
        (System::Centrifugo, _) => {
            let url = ctx
                .ws_url
                .as_deref()
                .context("--ws is needed for Centrifugo")?;
            let conn =
                CentrifugoConn::open(url, &spec.channel, spec.recover.as_ref(), session).await?;
            Ok(Conn::Centrifugo(conn))
        }
        (_, Transport::Ws) => {
            let url = ctx
                .ws_url
                .as_deref()
                .context("--ws is needed for WebSocket")?;
            let conn = WsConn::open(url, &user.token, session, ctx.run.clone()).await?;
            Ok(Conn::Ws(conn))
        }
        (_, Transport::Grpc) => {
            let channel = channel.context("a gRPC session needs a channel")?;
            let conn = GrpcConn::open(channel, &user.token, session, ctx.run.clone()).await?;
            Ok(Conn::Grpc(conn))
        }
    }
}

impl Fleet {
    /// Opens every spec's session, `ctx.opts.connect_parallel` at a time, printing progress.
    pub async fn open(
        ctx: &Ctx,
        specs: &[Spec],
        streams_per_conn: usize,
        window: usize,
    ) -> anyhow::Result<Fleet> {
        let started = Instant::now();
        let channels = connect_pool(ctx, specs.len(), streams_per_conn).await?;
        let per_conn = streams_per_conn.max(1);
        let total = specs.len();
        let step = (total / 10).max(1);
        let mut conns = Vec::with_capacity(total);
        {
            let mut opening = futures::stream::iter(specs.iter().enumerate())
                .map(|(i, spec)| {
                    let channel = channels.get(i / per_conn).cloned();
                    async move {
                        open_one(ctx, spec, channel, window).await.with_context(|| {
                            format!("opening session {} (user {})", spec.index, spec.user)
                        })
                    }
                })
                .buffered(ctx.opts.connect_parallel.max(1));
            while let Some(conn) = opening.next().await {
                conns.push(Arc::new(conn?));
                if conns.len() % step == 0 || conns.len() == total {
                    eprintln!(
                        "[connect] {}/{total} sessions over {} connections in {:.1}s",
                        conns.len(),
                        if channels.is_empty() {
                            conns.len()
                        } else {
                            channels.len()
                        },
                        started.elapsed().as_secs_f64()
                    );
                }
            }
        }
        Ok(Fleet {
            conns,
            channels,
            meter: ctx.meter.clone(),
        })
    }

    /// Pushed events other than benchmark messages (presence, receipts) received so far.
    pub fn other_events(&self) -> u64 {
        self.conns
            .iter()
            .map(|c| {
                c.session()
                    .other_events
                    .load(std::sync::atomic::Ordering::Relaxed)
            })
            .sum()
    }

    /// Waits until no other event arrived for a second (the presence announcements of a mass
    /// connect have been delivered), at most `limit`; returns how many arrived meanwhile.
    pub async fn wait_quiet(&self, limit: std::time::Duration) -> u64 {
        let started = Instant::now();
        let first = self.other_events();
        let mut last = first;
        let mut quiet_since = Instant::now();
        while started.elapsed() < limit {
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            let now = self.other_events();
            if now != last {
                last = now;
                quiet_since = Instant::now();
            } else if quiet_since.elapsed() >= std::time::Duration::from_secs(1) {
                break;
            }
        }
        last - first
    }

    /// Pings every session once per `interval` until the guard is dropped, so that sessions
    /// that only receive are not closed for silence (EasyChat: 90 s, its gateway: 60 s).
    pub fn keep_alive(&self, interval: std::time::Duration) -> KeepAlive {
        let conns = self.conns.clone();
        let interval = interval.max(std::time::Duration::from_secs(1));
        KeepAlive(tokio::spawn(async move {
            let mut ticker = tokio::time::interval(interval);
            ticker.tick().await;
            loop {
                ticker.tick().await;
                for conn in &conns {
                    let _ = conn.ping().await;
                }
            }
        }))
    }

    /// Sessions that ended on their own.
    pub fn broken(&self) -> usize {
        self.conns
            .iter()
            .filter(|c| {
                c.session()
                    .broken
                    .load(std::sync::atomic::Ordering::Relaxed)
            })
            .count()
    }

    /// Closes every session, then the HTTP/2 connections.
    pub async fn close(self) {
        let Fleet {
            conns,
            channels,
            meter,
        } = self;
        futures::stream::iter(conns)
            .for_each_concurrent(256, |conn| async move {
                match Arc::try_unwrap(conn) {
                    Ok(conn) => conn.close().await,
                    // Still shared by a finished task's leftovers: dropping the last handle
                    // closes it all the same.
                    Err(shared) => shared
                        .session()
                        .closing
                        .store(true, std::sync::atomic::Ordering::Relaxed),
                }
            })
            .await;
        grpc::release_pool(channels, &meter);
    }
}
