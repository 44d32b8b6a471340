//! The writer's answers, given once the disk has its batch, while the next batch is already
//! being written.
//!
//! With `storage.sqlite_synchronous = "full"` every commit used to wait for its own `fsync` of
//! the log before the writer could begin the next transaction: at the 1:1 peak the commits were
//! a third of the writer's time, mostly that wait, with the SQLite thread idle (BENCHMARKS.md,
//! session 19). Now the
//! writer's own transactions commit without syncing (`synchronous = NORMAL`, on its connection
//! only while it writes) and hand their answers here; this task syncs the log file once for
//! every batch committed since the last sync, and only then answers each caller (and runs its
//! `after` hook, the push to live sessions) in commit order. An answer still means the write is
//! on disk; the sync of batch N overlaps the statements of batch N + 1 instead of preceding them.
//!
//! Why syncing the log file ourselves is enough: in WAL mode a commit is its frames in the log,
//! and a sync of the file covers every frame written before it, so a batch is durable once a
//! sync that began after its commit has returned. SQLite with `synchronous = NORMAL` still syncs
//! the log before each checkpoint, the database after it, and the log's header when the log
//! starts over, so what was answered before stays durable through checkpoints. Readers on other
//! connections see a batch from its commit: a history read in the few milliseconds before its
//! sync may show a message that a power cut (not a crash of the process: the kernel has the
//! data) would then undo, and whose sender was never answered. Nothing answered is ever undone.

use std::path::PathBuf;

use tokio::sync::{mpsc, oneshot};

use super::writes::Outcome;
use crate::domain::model::Appended;
use crate::domain::ports::AfterAppend;
use crate::error::{Error, Result};

/// Where a write's answer goes.
pub(super) enum Reply {
    Append(oneshot::Sender<Result<Appended>>, Option<AfterAppend>),
    MarkRead(oneshot::Sender<Result<i64>>),
}

impl Reply {
    pub(super) fn send(self, outcome: Outcome) {
        let mismatch = || Error::internal("storing a write", "an outcome of the wrong kind");
        // A caller that went away (its client disconnected) no longer needs the answer; what
        // it asked for is stored all the same.
        match self {
            Reply::Append(reply, after) => {
                let _ = reply.send(match outcome {
                    Outcome::Appended(appended) => {
                        if let Some(after) = after {
                            after(&appended);
                        }
                        Ok(*appended)
                    }
                    Outcome::Failed(error) => Err(error),
                    Outcome::Read(_) => Err(mismatch()),
                });
            }
            Reply::MarkRead(reply) => {
                let _ = reply.send(match outcome {
                    Outcome::Read(seq) => Ok(seq),
                    Outcome::Failed(error) => Err(error),
                    Outcome::Appended(_) => Err(mismatch()),
                });
            }
        }
    }
}

/// A committed batch's replies with their outcomes, in queue order.
pub(super) type Committed = Vec<(Reply, Outcome)>;

/// Most committed batches one sync of the log answers.
const MOST_BATCHES_PER_SYNC: usize = 64;

/// Answers committed batches in order until the writer stops; with `log` (the database's WAL
/// file), only after a sync of it that began after their commit.
pub(super) async fn answer(mut committed: mpsc::Receiver<Committed>, log: Option<PathBuf>) {
    let mut batches = Vec::with_capacity(MOST_BATCHES_PER_SYNC);
    while committed
        .recv_many(&mut batches, MOST_BATCHES_PER_SYNC)
        .await
        > 0
    {
        let synced = match &log {
            Some(log) => sync(log.clone()).await,
            None => Ok(()),
        };
        // A write whose sync failed is stored, perhaps not durably, so it is not acknowledged:
        // its retry finds it and is answered with the original (dedup).
        let refusal = synced.err().map(|error| {
            Error::unavailable(
                "storing a write",
                format!("syncing the database's log failed: {error}"),
            )
        });
        for (reply, outcome) in batches.drain(..).flatten() {
            match (&refusal, outcome) {
                (Some(refusal), Outcome::Appended(_) | Outcome::Read(_)) => {
                    reply.send(Outcome::Failed(refusal.clone()));
                }
                (_, outcome) => reply.send(outcome),
            }
        }
    }
}

/// Flushes `log` to the disk (its data and size, as SQLite's own commit sync does). Opened anew
/// each time, so a log SQLite replaced is never missed. Closing a descriptor drops the process's
/// POSIX locks on that file, which is why SQLite never closes its database's; it keeps none on
/// the log (WAL mode locks the `-shm` file and the database), so this one is free to close.
async fn sync(log: PathBuf) -> std::io::Result<()> {
    tokio::task::spawn_blocking(move || std::fs::File::open(&log)?.sync_data())
        .await
        .unwrap_or_else(|join| Err(std::io::Error::other(join)))
}
