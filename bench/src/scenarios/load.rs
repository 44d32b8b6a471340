//! Timed send phases: every sender sends to its destination either as fast as its window of
//! unacknowledged messages allows (closed loop: the peak), or on a fixed schedule (paced: the
//! latency at a given rate). Both stop at the deadline or when the phase's message budget is
//! spent, then wait a bounded time for the stragglers' acks and deliveries.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::task::JoinSet;

use super::Ctx;
use crate::stats::clock::{now_us, stamp};
use crate::stats::cpu;
use crate::stats::meter::{Counts, Percentiles};
use crate::stats::progress::Progress;
use crate::stats::report::Row;
use crate::transport::{Conn, Dest};

/// A session that sends, and where to.
#[derive(Clone)]
pub struct Sender {
    pub conn: Arc<Conn>,
    pub dest: Dest,
}

#[derive(Debug, Clone, Copy)]
pub enum Pace {
    /// As fast as the window allows.
    ClosedLoop,
    /// This many messages per second over all senders; latency counts from the scheduled
    /// time, so a late send is not hidden (no coordinated omission).
    Rate(f64),
}

/// What a phase measured.
#[derive(Debug, Clone)]
pub struct Phase {
    /// Counter increments between start and deadline: the rates.
    pub counts: Counts,
    pub duration_s: f64,
    /// The bench's own CPU time over the phase (`None` without `/proc`).
    pub bench_cpu: Option<Duration>,
    pub ack_latency: Option<Percentiles>,
    pub delivery_latency: Option<Percentiles>,
    /// Deliveries still missing after the drain.
    pub missing: u64,
}

impl Phase {
    pub fn acked_per_s(&self) -> f64 {
        self.counts.acked as f64 / self.duration_s.max(0.001)
    }

    pub fn into_row(self, mut row: Row) -> Row {
        row.set_counts(self.counts, self.duration_s);
        row.ack_latency = self.ack_latency;
        row.delivery_latency = self.delivery_latency;
        row.missing = self.missing;
        if let Some(bench_cpu) = self.bench_cpu {
            row.notes
                .push(cpu::note(bench_cpu, self.duration_s, self.counts.acked));
        }
        row
    }
}

/// Runs one phase; every acked message should reach `recipients` sessions.
pub async fn run(
    ctx: &Ctx,
    label: &str,
    senders: &[Sender],
    pace: Pace,
    duration: Duration,
    recipients: u64,
) -> Phase {
    let meter = ctx.meter.clone();
    meter.reset_latencies();
    let before = meter.counts();
    let budget = Arc::new(AtomicU64::new(ctx.opts.max_messages));
    let cpu_before = cpu::own();
    let started = Instant::now();
    let deadline = tokio::time::Instant::from_std(started + duration);
    let progress = Progress::start(label.to_owned(), meter.clone());
    let mut tasks = JoinSet::new();
    let count = senders.len().max(1);
    for (k, sender) in senders.iter().enumerate() {
        let sender = sender.clone();
        let budget = budget.clone();
        let payload = ctx.opts.payload;
        match pace {
            Pace::ClosedLoop => {
                tasks.spawn(closed_loop(sender, deadline, budget, payload));
            }
            Pace::Rate(total) => {
                let per_sender = (total / count as f64).max(0.001);
                // Spread the senders' schedules over one interval, not all at once.
                let offset_us = (1e6 / per_sender * k as f64 / count as f64) as u64;
                tasks.spawn(paced(
                    sender, deadline, budget, payload, per_sender, offset_us,
                ));
            }
        }
    }
    while tasks.join_next().await.is_some() {}
    let elapsed = started.elapsed().as_secs_f64().min(duration.as_secs_f64());
    let counts = meter.counts().since(&before);
    let bench_cpu = cpu::own()
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    let settled = settle(ctx, &before, recipients).await;
    drop(progress);
    let total = meter.counts().since(&before);
    Phase {
        counts,
        duration_s: elapsed,
        bench_cpu,
        ack_latency: meter.ack_latency(),
        delivery_latency: meter.delivery_latency(),
        missing: if settled {
            0
        } else {
            (total.acked * recipients).saturating_sub(total.delivered)
        },
    }
}

/// Waits until every sent message is acked (or failed) and every acked one delivered, at most
/// the drain time; returns whether everything settled.
async fn settle(ctx: &Ctx, before: &Counts, recipients: u64) -> bool {
    let deadline = Instant::now() + ctx.opts.drain;
    loop {
        let now = ctx.meter.counts().since(before);
        let acked_all = now.acked + now.errors >= now.sent;
        if acked_all && now.delivered >= now.acked * recipients {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn take_budget(budget: &AtomicU64) -> bool {
    budget
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
            left.checked_sub(1)
        })
        .is_ok()
}

async fn closed_loop(
    sender: Sender,
    deadline: tokio::time::Instant,
    budget: Arc<AtomicU64>,
    payload: usize,
) {
    let session = sender.conn.session().clone();
    loop {
        let Ok(Ok(permit)) = tokio::time::timeout_at(deadline, session.window.acquire()).await
        else {
            break;
        };
        permit.forget();
        if !take_budget(&budget) {
            session.window.add_permits(1);
            break;
        }
        let id = session.next_id();
        let now = now_us();
        session.begin_send(id, now);
        let text = stamp(now, session.index, payload);
        if sender.conn.send(id, &sender.dest, text).await.is_err() {
            break;
        }
    }
}

async fn paced(
    sender: Sender,
    deadline: tokio::time::Instant,
    budget: Arc<AtomicU64>,
    payload: usize,
    rate: f64,
    offset_us: u64,
) {
    let session = sender.conn.session().clone();
    let interval_us = 1e6 / rate;
    let start_us = now_us() + offset_us;
    let end_us = start_us
        + deadline
            .duration_since(tokio::time::Instant::now())
            .as_micros() as u64;
    for k in 0u64.. {
        let due_us = start_us + (k as f64 * interval_us) as u64;
        if due_us >= end_us || !take_budget(&budget) {
            break;
        }
        let now = now_us();
        if due_us > now {
            tokio::time::sleep(Duration::from_micros(due_us - now)).await;
        }
        let Ok(Ok(permit)) = tokio::time::timeout_at(deadline, session.window.acquire()).await
        else {
            break;
        };
        permit.forget();
        let id = session.next_id();
        session.begin_send(id, due_us);
        let text = stamp(due_us, session.index, payload);
        if sender.conn.send(id, &sender.dest, text).await.is_err() {
            break;
        }
    }
}
