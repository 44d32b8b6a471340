//! Result rows of a run, printed as a Markdown table (pasted as is into BENCHMARKS.md) and
//! written as JSON (`--json FILE`) for later comparison.

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::meter::{Counts, Percentiles};

/// One measured phase of one scenario against one system.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Row {
    /// `1:1`, `fan-out`, `idle` or `reconnect`.
    pub scenario: String,
    /// `easychat`, `baseline-grpc`, `baseline-ws` or `centrifugo`.
    pub system: String,
    /// `grpc` or `ws`.
    pub transport: String,
    /// `peak` (closed loop), `half-peak` (paced), `hold` (idle), `storm` (reconnect).
    pub phase: String,
    pub duration_s: f64,
    /// Counter increments during the phase (gauges at its end).
    pub counts: Counts,
    pub sent_per_s: f64,
    pub acked_per_s: f64,
    pub delivered_per_s: f64,
    pub ack_latency: Option<Percentiles>,
    pub delivery_latency: Option<Percentiles>,
    /// Deliveries expected from the acked messages but not seen before the drain deadline.
    pub missing: u64,
    pub memory: Vec<Memory>,
    pub catch_up: Option<CatchUp>,
    /// The scenario's conversations read back after its last phase (EasyChat only; on the
    /// scenario's first row, covering all its phases); `null` when not checked.
    #[serde(default)]
    pub integrity: Option<Integrity>,
    pub notes: Vec<String>,
}

impl Row {
    pub fn new(scenario: &str, system: &str, transport: &str, phase: &str) -> Row {
        Row {
            scenario: scenario.to_owned(),
            system: system.to_owned(),
            transport: transport.to_owned(),
            phase: phase.to_owned(),
            duration_s: 0.0,
            counts: Counts::default(),
            sent_per_s: 0.0,
            acked_per_s: 0.0,
            delivered_per_s: 0.0,
            ack_latency: None,
            delivery_latency: None,
            missing: 0,
            memory: Vec::new(),
            catch_up: None,
            integrity: None,
            notes: Vec::new(),
        }
    }

    /// Fills the counts and rates of a phase that lasted `duration_s`.
    pub fn set_counts(&mut self, counts: Counts, duration_s: f64) {
        let per_s = |n: u64| {
            if duration_s > 0.0 {
                n as f64 / duration_s
            } else {
                0.0
            }
        };
        self.duration_s = duration_s;
        self.sent_per_s = per_s(counts.sent);
        self.acked_per_s = per_s(counts.acked);
        self.delivered_per_s = per_s(counts.delivered);
        self.counts = counts;
    }
}

/// Resident memory of one process before and after a scenario opened its idle sessions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Memory {
    /// `server`, `gateway` or `peer`.
    pub process: String,
    pub pid: u32,
    pub rss_before_kb: u64,
    pub rss_after_kb: u64,
    pub per_session_bytes: f64,
    pub per_transport_bytes: f64,
}

/// How long a reconnect storm took to catch every client up.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CatchUp {
    pub clients: u64,
    /// Until every session was ready again.
    pub all_ready_s: f64,
    /// Until every client had every message it missed.
    pub all_caught_up_s: f64,
    /// Per client, from the start of the storm.
    pub per_client: Option<Percentiles>,
    /// Messages fetched by the clients' syncs.
    pub synced_messages: u64,
}

/// What reading a scenario's conversations back through `ListMessages` found, once its sends
/// had stopped: every conversation it sent into, every page. The counts from `seq_gaps` to
/// `unread_conversations` must be zero ([`Integrity::clean`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Integrity {
    /// Conversations read back.
    pub conversations: u64,
    /// Messages they hold, earlier scenarios' included.
    pub stored: u64,
    /// Of those, messages of earlier scenarios (the 1:1 conversations are the reconnect
    /// scenario's too).
    pub stored_other: u64,
    /// Sends of this scenario the harness counted as acked.
    pub acked: u64,
    /// Seqs missing from 1..=max of a conversation, plus messages numbered below 1.
    pub seq_gaps: u64,
    /// Messages at a seq another message of the conversation has (n at one seq count n − 1).
    pub seq_duplicates: u64,
    /// Extra copies of a client_msg_id in a conversation (n copies count n − 1).
    pub client_msg_id_duplicates: u64,
    /// Acked sends with no message of their client_msg_id: lost.
    pub acked_not_stored: u64,
    /// Acked sends stored at another seq than the ack told.
    pub ack_seq_mismatches: u64,
    /// Conversations that could not be read back (ListMessages failed after retries).
    pub unread_conversations: u64,
    /// Sends of this scenario stored without an ack: refused, timed out or answered after the
    /// drain (a send that timed out may still have been stored). Information, not a failure.
    pub stored_not_acked: u64,
}

impl Integrity {
    /// Nothing acked lost, nothing stored twice, seqs dense, every conversation read.
    pub fn clean(&self) -> bool {
        self.seq_gaps == 0
            && self.seq_duplicates == 0
            && self.client_msg_id_duplicates == 0
            && self.acked_not_stored == 0
            && self.ack_seq_mismatches == 0
            && self.unread_conversations == 0
    }

    /// One line: `ok …` or `FAILED …` with the counts that are not zero.
    pub fn summary(&self) -> String {
        let faults: Vec<String> = [
            (self.seq_gaps, "seq gaps"),
            (self.seq_duplicates, "duplicate seqs"),
            (self.client_msg_id_duplicates, "duplicate client_msg_ids"),
            (self.acked_not_stored, "acked not stored"),
            (self.ack_seq_mismatches, "stored at another seq than acked"),
            (self.unread_conversations, "conversations not read"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        let figures = format!(
            "{} conversations, {} stored ({} of earlier scenarios), {} acked, {} stored not acked",
            self.conversations, self.stored, self.stored_other, self.acked, self.stored_not_acked
        );
        if faults.is_empty() {
            format!("ok: {figures}")
        } else {
            format!("FAILED: {}; {figures}", faults.join(", "))
        }
    }

    /// The table's cell.
    fn cell(&self) -> String {
        if self.clean() {
            format!("ok ({} acked, all stored)", self.acked)
        } else {
            format!(
                "**FAILED**: gaps {}, dup seqs {}, dup ids {}, lost {}, seq ≠ ack {}, unread {}",
                self.seq_gaps,
                self.seq_duplicates,
                self.client_msg_id_duplicates,
                self.acked_not_stored,
                self.ack_seq_mismatches,
                self.unread_conversations
            )
        }
    }
}

/// Everything a run produced.
#[derive(Debug, Serialize, Deserialize)]
pub struct Report {
    pub command: String,
    pub started_unix: u64,
    /// `/proc/loadavg` when the run started and when it ended.
    pub loadavg_start: String,
    pub loadavg_end: String,
    pub rows: Vec<Row>,
}

impl Report {
    pub fn new() -> Report {
        Report {
            command: std::env::args().collect::<Vec<_>>().join(" "),
            started_unix: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or_default(),
            loadavg_start: loadavg(),
            loadavg_end: String::new(),
            rows: Vec::new(),
        }
    }

    pub fn finish(&mut self) {
        self.loadavg_end = loadavg();
    }

    pub fn write_json(&self, path: &Path) -> anyhow::Result<()> {
        let text = serde_json::to_string_pretty(self)?;
        std::fs::write(path, text + "\n")?;
        Ok(())
    }

    /// The rows as a Markdown table, with the load average around the run below it.
    pub fn table(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "| scenario | system | transport | phase | sent/s | acked/s | delivered/s | ack p50/p99/p999 ms | e2e p50/p99/p999 ms | sessions/tcp | memory per session | missing | errors | seq check |\n",
        );
        out.push_str("|---|---|---|---|---:|---:|---:|---|---|---|---|---:|---:|---|\n");
        for row in &self.rows {
            let memory = row
                .memory
                .iter()
                .map(|m| format!("{} {:.1} KB", m.process, m.per_session_bytes / 1024.0))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {:.0} | {:.0} | {:.0} | {} | {} | {}/{} | {} | {} | {} | {} |",
                row.scenario,
                row.system,
                row.transport,
                phase_cell(row),
                row.sent_per_s,
                row.acked_per_s,
                row.delivered_per_s,
                latency_cell(row.ack_latency),
                latency_cell(row.delivery_latency),
                row.counts.sessions,
                row.counts.transports,
                if memory.is_empty() {
                    "-".to_owned()
                } else {
                    memory
                },
                row.missing,
                row.counts.errors,
                row.integrity
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), Integrity::cell),
            );
        }
        let _ = writeln!(
            out,
            "\nload average: {} at start, {} at end",
            self.loadavg_start, self.loadavg_end
        );
        for row in &self.rows {
            for note in &row.notes {
                let _ = writeln!(
                    out,
                    "- {} {} {}: {note}",
                    row.scenario, row.system, row.phase
                );
            }
        }
        out
    }
}

impl Default for Report {
    fn default() -> Self {
        Report::new()
    }
}

fn phase_cell(row: &Row) -> String {
    match &row.catch_up {
        Some(c) => format!(
            "{} ({} clients: ready {:.2}s, caught up {:.2}s)",
            row.phase, c.clients, c.all_ready_s, c.all_caught_up_s
        ),
        None => format!("{} ({:.0}s)", row.phase, row.duration_s),
    }
}

fn latency_cell(p: Option<Percentiles>) -> String {
    match p {
        Some(p) => format!("{:.2} / {:.2} / {:.2}", p.p50_ms, p.p99_ms, p.p999_ms),
        None => "-".to_owned(),
    }
}

/// The first three fields of `/proc/loadavg` (1, 5 and 15 minutes).
pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}
