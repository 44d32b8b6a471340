//! Reconnect storm: every user online, every connection dropped at once, messages posted into
//! every conversation meanwhile, then every user reconnecting at the same moment and syncing
//! from where it stood. Reports the time until all sessions are ready and until all have every
//! message they missed.
//!
//! EasyChat over gRPC catches up with the Chat stream's `sync`; Centrifugo with its
//! subscription recovery. The gateway's protocol and the baselines have no catch-up request:
//! for them "caught up" is "ready", as the notes of their rows say.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::Context;
use futures::StreamExt;
use hdrhistogram::Histogram;

use super::fleet::{self, Fleet, Spec};
use super::load::{self, Sender};
use super::readback::{self, Ledger};
use super::{Ctx, System, personal_channel};
use crate::setup::Setup;
use crate::stats::clock::{now_us, stamp};
use crate::stats::meter::Percentiles;
use crate::stats::report::{CatchUp, Row};
use crate::transport::centrifugo::{CentrifugoConn, Position};
use crate::transport::{Conn, Session, grpc};

pub const NAME: &str = "reconnect";

/// Longest wait for one client's sync answer.
const SYNC_TIMEOUT: Duration = Duration::from_secs(120);
/// Messages each session sends first, so that it knows where its conversation stands.
const PRIME: Duration = Duration::from_secs(1);

pub async fn run(ctx: &Ctx) -> anyhow::Result<Vec<Row>> {
    let users = ctx.opts.users.min(ctx.users.len()) / 2 * 2;
    anyhow::ensure!(
        users >= 2,
        "the reconnect scenario needs at least two users"
    );
    let specs: Vec<Spec> = (0..users)
        .map(|i| Spec {
            index: i,
            user: i,
            channel: personal_channel(&ctx.users[i]),
            recover: None,
        })
        .collect();
    let label = ctx.label(NAME);

    // Online, and each session knows the newest seq of its conversation.
    let fleet = Fleet::open(ctx, &specs, ctx.opts.streams_per_conn, ctx.opts.window).await?;
    let keep_alive = fleet.keep_alive(ctx.opts.ping_interval);
    fleet.wait_quiet(Duration::from_secs(30)).await;
    let senders: Vec<Sender> = (0..users)
        .map(|i| Sender {
            conn: fleet.conns[i].clone(),
            dest: ctx.peer_dest(i, i ^ 1),
        })
        .collect();
    load::run(
        ctx,
        &format!("{label} prime"),
        &senders,
        super::first_pace(ctx),
        PRIME,
        1,
    )
    .await;
    let positions: Vec<(i64, Option<Position>)> = fleet
        .conns
        .iter()
        .map(|conn| {
            let seq = conn.session().last_seq.load(Ordering::Relaxed);
            let epoch = match conn.as_ref() {
                Conn::Centrifugo(c) => Some(Position {
                    epoch: c.subscription.position.epoch.clone(),
                    offset: seq,
                }),
                _ => None,
            };
            (seq, epoch)
        })
        .collect();
    drop(senders);
    let sessions: Vec<_> = fleet.conns.iter().map(|c| c.session().clone()).collect();

    // Everyone drops; the conversations move on without them.
    eprintln!("[{label}] dropping {users} sessions");
    drop(keep_alive);
    fleet.close().await;
    // What the prime phase sent; then the backlog's sends.
    let mut ledger = Ledger::of_sessions(&ctx.run, sessions.iter().map(|s| s.as_ref()));
    let backlog = ctx.opts.reconnect_backlog;
    let expected = post_backlog(ctx, users, backlog, &mut ledger).await?;

    // The storm: everyone back at once.
    eprintln!("[{label}] reconnecting {users} sessions at once");
    let counts_before = ctx.meter.counts();
    let started = Instant::now();
    let channels = fleet::connect_pool(ctx, users, ctx.opts.streams_per_conn).await?;
    let per_conn = ctx.opts.streams_per_conn.max(1);
    let outcomes: Vec<anyhow::Result<Outcome>> = futures::stream::iter(0..users)
        .map(|i| {
            let mut spec = specs[i].clone();
            spec.recover = positions[i].1.clone();
            let channel = channels.get(i / per_conn).cloned();
            let last_seq = positions[i].0;
            async move { reconnect_one(ctx, &spec, channel, last_seq, i).await }
        })
        .buffer_unordered(users)
        .collect()
        .await;
    let mut conns = Vec::with_capacity(users);
    let mut ready_max = Duration::ZERO;
    let mut caught_max = Duration::ZERO;
    let mut per_client = Histogram::<u64>::new(3).context("histogram")?;
    let mut synced = 0u64;
    let mut failed = 0usize;
    let mut synced_any = false;
    for outcome in outcomes {
        match outcome {
            Ok(outcome) => {
                ready_max = ready_max.max(outcome.ready);
                caught_max = caught_max.max(outcome.caught_up);
                per_client.saturating_record(outcome.caught_up.as_micros() as u64);
                synced += outcome.conn.session().synced.load(Ordering::Relaxed);
                synced_any |= outcome.synced;
                conns.push(outcome.conn);
            }
            Err(e) => {
                failed += 1;
                ctx.meter.count_error();
                if failed <= 3 {
                    eprintln!("error: {e:#}");
                }
            }
        }
    }
    let counts = ctx.meter.counts().since(&counts_before);
    let mut row = ctx.row(NAME, "storm");
    row.set_counts(counts, started.elapsed().as_secs_f64());
    row.catch_up = Some(CatchUp {
        clients: users as u64,
        all_ready_s: ready_max.as_secs_f64(),
        all_caught_up_s: caught_max.as_secs_f64(),
        per_client: percentiles(&per_client),
        synced_messages: synced,
    });
    row.missing = expected.saturating_sub(synced);
    row.notes.push(format!(
        "{users} clients, {backlog} messages per conversation posted while offline, {synced} fetched on reconnect; {failed} failed"
    ));
    if !synced_any {
        row.notes
            .push("this protocol has no catch-up request: caught up = ready".to_owned());
        row.missing = 0;
    }
    futures::stream::iter(conns)
        .for_each_concurrent(256, |conn| conn.close())
        .await;
    grpc::release_pool(channels, &ctx.meter);
    // Every pair's conversation (the 1:1 scenario's messages in it too), read as its first
    // member.
    let conversations: Vec<(String, usize)> = (0..users)
        .step_by(2)
        .map(|i| (ctx.peer_dest(i, i + 1).conversation_id, i))
        .collect();
    let mut rows = vec![row];
    let integrity = readback::check(ctx, &label, &conversations, &ledger).await;
    let checked = readback::attach(&mut rows, integrity);
    anyhow::ensure!(
        failed == 0,
        "{failed} clients did not reconnect (seq check: {checked})"
    );
    Ok(rows)
}

struct Outcome {
    conn: Conn,
    ready: Duration,
    caught_up: Duration,
    /// Whether a catch-up request was made (or recovery happened).
    synced: bool,
}

async fn reconnect_one(
    ctx: &Ctx,
    spec: &Spec,
    channel: Option<tonic::transport::Channel>,
    last_seq: i64,
    index: usize,
) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let conn = fleet::open_one(ctx, spec, channel, ctx.opts.window).await?;
    let ready = started.elapsed();
    let dest = ctx.peer_dest(index, index ^ 1);
    let session = conn.session().clone();
    let recovered = matches!(&conn, Conn::Centrifugo(c) if c.subscription.recovered);
    let requested = conn.sync(&dest, last_seq).await?;
    if requested {
        tokio::time::timeout(SYNC_TIMEOUT, session.sync_done.notified())
            .await
            .with_context(|| format!("session {} did not finish its sync", spec.index))?;
        anyhow::ensure!(
            !session.broken.load(Ordering::Relaxed),
            "session {} ended during its sync",
            spec.index
        );
    }
    Ok(Outcome {
        conn,
        ready,
        caught_up: started.elapsed(),
        synced: requested || recovered,
    })
}

/// Posts `backlog` messages into every conversation while its users are offline, each acked
/// send into `ledger`; returns how many messages the reconnecting clients should fetch in all.
async fn post_backlog(
    ctx: &Ctx,
    users: usize,
    backlog: usize,
    ledger: &mut Ledger,
) -> anyhow::Result<u64> {
    if backlog == 0 {
        return Ok(0);
    }
    match ctx.system {
        System::Easychat => {
            let url = ctx.grpc_url.as_deref().context("--server is needed")?;
            let setup = Setup::connect(url, 16, &ctx.run).await?;
            let started = Instant::now();
            let sends = (0..users / 2).flat_map(|k| (0..backlog).map(move |m| (k, m)));
            let results: Vec<anyhow::Result<(String, i64)>> = futures::stream::iter(sends)
                .map(|(k, m)| {
                    let (a, b) = (&ctx.users[2 * k], &ctx.users[2 * k + 1]);
                    let setup = &setup;
                    async move {
                        let client_msg_id = format!("{}.offline.{k}.{m}", ctx.run);
                        let request = easychat_proto::im::v1::SendMessageRequest {
                            client_msg_id: client_msg_id.clone(),
                            target: Some(
                                easychat_proto::im::v1::send_message_request::Target::ConversationId(
                                    crate::setup::single_conversation_id(&a.user_id, &b.user_id),
                                ),
                            ),
                            content: Some(grpc::text_content(stamp(now_us(), usize::MAX, ctx.opts.payload))),
..Default::default()
};
                        let stored = setup.im(k, a)?.send_message(request).await?.into_inner();
                        let seq = stored.message.map(|m| m.seq).unwrap_or_default();
                        Ok((client_msg_id, seq))
                    }
                })
                .buffer_unordered(setup.parallel())
                .collect()
                .await;
            for result in results {
                let (client_msg_id, seq) = result?;
                ledger.acked(client_msg_id, seq);
            }
            eprintln!(
                "[reconnect] posted {} messages while offline in {:.1}s",
                users / 2 * backlog,
                started.elapsed().as_secs_f64()
            );
            // Both members of a conversation miss all of its backlog.
            Ok((users * backlog) as u64)
        }
        System::Centrifugo => {
            let url = ctx.ws_url.as_deref().context("--ws is needed")?;
            let session = Session::new(usize::MAX, ctx.meter.clone(), 64);
            let publisher = Conn::Centrifugo(
                CentrifugoConn::open(url, "bench_publisher", None, session.clone()).await?,
            );
            for i in 0..users {
                let dest = ctx.peer_dest(i ^ 1, i);
                for _ in 0..backlog {
                    session.window.acquire().await?.forget();
                    let id = session.next_id();
                    let now = now_us();
                    session.begin_send(id, now);
                    publisher
                        .send(id, &dest, stamp(now, usize::MAX, ctx.opts.payload))
                        .await?;
                }
            }
            // Every publish acknowledged: the window is whole again.
            let _all =
                tokio::time::timeout(Duration::from_secs(30), session.window.acquire_many(64))
                    .await
                    .context("publishes of the backlog not acknowledged")??;
            publisher.close().await;
            Ok((users * backlog) as u64)
        }
        System::Baseline => Ok(0),
    }
}

fn percentiles(histogram: &Histogram<u64>) -> Option<Percentiles> {
    if histogram.is_empty() {
        return None;
    }
    let ms = |us: u64| us as f64 / 1000.0;
    Some(Percentiles {
        samples: histogram.len(),
        p50_ms: ms(histogram.value_at_quantile(0.5)),
        p99_ms: ms(histogram.value_at_quantile(0.99)),
        p999_ms: ms(histogram.value_at_quantile(0.999)),
        max_ms: ms(histogram.max()),
    })
}
