//! 1:1 chat: users in pairs, one session each, every user sending to its peer. Reports the
//! closed-loop peak (sent, acked, delivered per second with latencies) and, paced at half that
//! peak, the latencies a lightly loaded server gives.

use super::fleet::{Fleet, Spec};
use super::load::{self, Pace, Sender};
use super::readback::{self, Ledger};
use super::{Ctx, personal_channel};
use crate::stats::report::Row;

pub const NAME: &str = "1:1";

pub async fn run(ctx: &Ctx) -> anyhow::Result<Vec<Row>> {
    let users = ctx.opts.users.min(ctx.users.len()) / 2 * 2;
    anyhow::ensure!(users >= 2, "the 1:1 scenario needs at least two users");
    let specs: Vec<Spec> = (0..users)
        .map(|i| Spec {
            index: i,
            user: i,
            channel: personal_channel(&ctx.users[i]),
            recover: None,
        })
        .collect();
    let fleet = Fleet::open(ctx, &specs, ctx.opts.streams_per_conn, ctx.opts.window).await?;
    let keep_alive = fleet.keep_alive(ctx.opts.ping_interval);
    fleet.wait_quiet(std::time::Duration::from_secs(30)).await;
    // Presence announcements of the connect, counted from the first session on.
    let presence = fleet.other_events();
    let senders: Vec<Sender> = fleet
        .conns
        .iter()
        .enumerate()
        .map(|(i, conn)| Sender {
            conn: conn.clone(),
            dest: ctx.peer_dest(i, i ^ 1),
        })
        .collect();
    let label = ctx.label(NAME);
    let mut rows = Vec::new();
    if !ctx.opts.warmup.is_zero() {
        load::run(
            ctx,
            &format!("{label} warmup"),
            &senders,
            Pace::ClosedLoop,
            ctx.opts.warmup,
            1,
        )
        .await;
    }
    let peak = load::run(
        ctx,
        &format!("{label} peak"),
        &senders,
        super::first_pace(ctx),
        ctx.opts.duration,
        1,
    )
    .await;
    let peak_rate = peak.acked_per_s();
    let mut row = peak.into_row(ctx.row(NAME, super::first_phase_name(ctx)));
    row.notes.push(format!(
        "{users} sessions, window {} per sender, {} B text; {presence} presence events on connect",
        ctx.opts.window, ctx.opts.payload
    ));
    rows.push(row);
    if ctx.opts.half_peak && peak_rate > 0.0 {
        let paced_rate = ctx.opts.one_to_one_paced_rate.unwrap_or(peak_rate / 2.0);
        let half = load::run(
            ctx,
            &format!("{label} half-peak"),
            &senders,
            Pace::Rate(paced_rate),
            ctx.opts.duration,
            1,
        )
        .await;
        let mut row = half.into_row(ctx.row(NAME, "half-peak"));
        row.notes.push(match ctx.opts.one_to_one_paced_rate {
            Some(rate) => format!("paced at {rate:.0} msg/s (--one-to-one-paced-rate)"),
            None => format!("paced at {:.0} msg/s", peak_rate / 2.0),
        });
        rows.push(row);
    }
    let broken = fleet.broken();
    let sessions: Vec<_> = fleet.conns.iter().map(|c| c.session().clone()).collect();
    // The fleet closes each stream and waits for its reader: no ack comes after the ledger.
    drop(senders);
    drop(keep_alive);
    fleet.close().await;
    // Every pair's conversation, read as its first member.
    let conversations: Vec<(String, usize)> = (0..users)
        .step_by(2)
        .map(|i| (ctx.peer_dest(i, i + 1).conversation_id, i))
        .collect();
    let ledger = Ledger::of_sessions(&ctx.run, sessions.iter().map(|s| s.as_ref()));
    let integrity = readback::check(ctx, &label, &conversations, &ledger).await;
    let checked = readback::attach(&mut rows, integrity);
    anyhow::ensure!(
        broken == 0,
        "{broken} sessions ended during the 1:1 scenario (seq check: {checked})"
    );
    Ok(rows)
}
