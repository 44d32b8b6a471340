//! Group fan-out: one group whose every member is online, a few members sending to it. Every
//! message is delivered to every other member, so deliveries per second is the figure.

use super::Ctx;
use super::fleet::{Fleet, Spec};
use super::load::{self, Pace, Sender};
use super::readback::{self, Ledger};
use crate::stats::report::Row;

pub const NAME: &str = "fan-out";

pub async fn run(ctx: &Ctx) -> anyhow::Result<Vec<Row>> {
    let members = ctx.opts.group_size.min(ctx.users.len());
    anyhow::ensure!(
        members >= 2,
        "the fan-out scenario needs at least two members"
    );
    let dest = ctx.group_dest();
    let specs: Vec<Spec> = (0..members)
        .map(|i| Spec {
            index: i,
            user: i,
            channel: dest.channel.clone(),
            recover: None,
        })
        .collect();
    let fleet = Fleet::open(ctx, &specs, ctx.opts.streams_per_conn, ctx.opts.window).await?;
    let keep_alive = fleet.keep_alive(ctx.opts.ping_interval);
    fleet.wait_quiet(std::time::Duration::from_secs(60)).await;
    // Presence announcements of the connect, counted from the first session on.
    let presence = fleet.other_events();
    let senders: Vec<Sender> = fleet
        .conns
        .iter()
        .take(ctx.opts.group_senders.clamp(1, members))
        .map(|conn| Sender {
            conn: conn.clone(),
            dest: dest.clone(),
        })
        .collect();
    let recipients = members as u64 - 1;
    let label = ctx.label(NAME);
    let mut rows = Vec::new();
    if !ctx.opts.warmup.is_zero() {
        let warmup = format!("{label} warmup");
        load::run(
            ctx,
            &warmup,
            &senders,
            Pace::ClosedLoop,
            ctx.opts.warmup,
            recipients,
        )
        .await;
    }
    let peak_label = format!("{label} peak");
    let peak = load::run(
        ctx,
        &peak_label,
        &senders,
        super::first_pace(ctx),
        ctx.opts.duration,
        recipients,
    )
    .await;
    let peak_rate = peak.acked_per_s();
    let mut row = peak.into_row(ctx.row(NAME, super::first_phase_name(ctx)));
    row.notes.push(format!(
        "{members} members online, {} senders with window {}; {presence} presence events on connect",
        senders.len(),
        ctx.opts.window
    ));
    rows.push(row);
    if ctx.opts.half_peak && peak_rate > 0.0 {
        let half_label = format!("{label} half-peak");
        let pace = Pace::Rate(peak_rate / 2.0);
        let half = load::run(
            ctx,
            &half_label,
            &senders,
            pace,
            ctx.opts.duration,
            recipients,
        )
        .await;
        let mut row = half.into_row(ctx.row(NAME, "half-peak"));
        row.notes
            .push(format!("paced at {:.0} msg/s", peak_rate / 2.0));
        rows.push(row);
    }
    let broken = fleet.broken();
    let sessions: Vec<_> = senders.iter().map(|s| s.conn.session().clone()).collect();
    // The fleet closes each stream and waits for its reader: no ack comes after the ledger.
    drop(senders);
    drop(keep_alive);
    fleet.close().await;
    // The group's conversation, read as its owner.
    let conversations = [(dest.conversation_id.clone(), 0)];
    let ledger = Ledger::of_sessions(&ctx.run, sessions.iter().map(|s| s.as_ref()));
    let integrity = readback::check(ctx, &label, &conversations, &ledger).await;
    let checked = readback::attach(&mut rows, integrity);
    anyhow::ensure!(
        broken == 0,
        "{broken} sessions ended during the fan-out scenario (seq check: {checked})"
    );
    Ok(rows)
}
