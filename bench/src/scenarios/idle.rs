//! Idle sessions: many sessions that only keep alive, held for a while; the server's resident
//! memory before and after tells what one idle session costs. gRPC streams share HTTP/2
//! connections as `--idle-streams-per-conn` says (one row per value: 1 is a device per TCP
//! connection, as phones are; 100 shows the cost of a stream alone).

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::task::JoinSet;

use super::fleet::{Fleet, Spec};
use super::{Ctx, Transport, personal_channel};
use crate::memory::rss_kb;
use crate::stats::progress::Progress;
use crate::stats::report::{Memory, Row};
use crate::transport::Conn;

pub const NAME: &str = "idle";

/// Time for allocations of a mass connect to settle before memory is read.
const SETTLE: Duration = Duration::from_secs(3);

pub async fn run(ctx: &Ctx) -> anyhow::Result<Vec<Row>> {
    anyhow::ensure!(!ctx.users.is_empty(), "the idle scenario needs users");
    let per_conn_values: Vec<usize> = if ctx.transport == Transport::Grpc {
        ctx.opts.idle_streams_per_conn.clone()
    } else {
        // One socket per session: the value does not apply.
        vec![1]
    };
    let mut rows = Vec::new();
    for per_conn in per_conn_values {
        rows.push(hold(ctx, per_conn).await?);
    }
    Ok(rows)
}

async fn hold(ctx: &Ctx, per_conn: usize) -> anyhow::Result<Row> {
    let sessions = ctx.opts.idle_sessions;
    let processes = watched(ctx);
    let before = read_all(&processes)?;
    let counts_before = ctx.meter.counts();
    // Several devices per user when there are more sessions than users.
    let specs: Vec<Spec> = (0..sessions)
        .map(|i| {
            let user = i % ctx.users.len();
            Spec {
                index: i,
                user,
                channel: personal_channel(&ctx.users[user]),
                recover: None,
            }
        })
        .collect();
    let fleet = Fleet::open(ctx, &specs, per_conn, 1).await?;
    let transports = ctx.meter.counts().transports;
    let phase = format!("hold x{per_conn}");
    let progress = Progress::start(format!("{} {phase}", ctx.label(NAME)), ctx.meter.clone());
    let mut pingers = JoinSet::new();
    let hold = ctx.opts.idle_hold;
    for conn in &fleet.conns {
        pingers.spawn(keep_alive(
            conn.clone(),
            hold,
            ctx.opts.ping_interval,
            sessions,
        ));
    }
    tokio::time::sleep(hold.max(SETTLE)).await;
    pingers.abort_all();
    while pingers.join_next().await.is_some() {}
    let after = read_all(&processes)?;
    drop(progress);
    let counts = ctx.meter.counts().since(&counts_before);
    let broken = fleet.broken();
    let mut row = ctx.row(NAME, &phase);
    row.set_counts(counts, hold.as_secs_f64());
    row.memory = processes
        .iter()
        .zip(before.iter().zip(after.iter()))
        .map(|((name, pid), (&b, &a))| {
            let grown = a.saturating_sub(b) as f64 * 1024.0;
            Memory {
                process: (*name).to_owned(),
                pid: *pid,
                rss_before_kb: b,
                rss_after_kb: a,
                per_session_bytes: grown / sessions.max(1) as f64,
                per_transport_bytes: grown / transports.max(1) as f64,
            }
        })
        .collect();
    row.notes.push(format!(
        "{sessions} sessions over {transports} connections ({} users), pings every {:?}, held {:?}; {broken} dropped",
        ctx.users.len(),
        ctx.opts.ping_interval,
        hold
    ));
    fleet.close().await;
    // Let the server free what the sessions held before the next row reads its memory.
    tokio::time::sleep(SETTLE).await;
    anyhow::ensure!(broken == 0, "{broken} idle sessions were dropped");
    Ok(row)
}

/// The processes whose memory is watched: the server, and the gateway when there is one.
fn watched(ctx: &Ctx) -> Vec<(&'static str, u32)> {
    let mut processes = Vec::new();
    if let Some(pid) = ctx.opts.server_pid {
        processes.push(("server", pid));
    }
    if let Some(pid) = ctx.opts.gateway_pid {
        processes.push(("gateway", pid));
    }
    processes
}

fn read_all(processes: &[(&'static str, u32)]) -> anyhow::Result<Vec<u64>> {
    processes
        .iter()
        .map(|(name, pid)| rss_kb(*pid).with_context(|| format!("memory of the {name}")))
        .collect()
}

/// Pings at `interval`, starting at a point of the interval that depends on the session, so
/// that the pings of many sessions are spread rather than synchronized.
async fn keep_alive(conn: Arc<Conn>, hold: Duration, interval: Duration, sessions: usize) {
    let index = conn.session().index;
    let offset = interval.mul_f64(index as f64 / sessions.max(1) as f64);
    let start = tokio::time::Instant::now() + offset;
    let mut ticker = tokio::time::interval_at(start, interval.max(Duration::from_millis(100)));
    let end = tokio::time::Instant::now() + hold;
    loop {
        if tokio::time::timeout_at(end, ticker.tick()).await.is_err() {
            break;
        }
        if conn.ping().await.is_err() {
            break;
        }
    }
}
