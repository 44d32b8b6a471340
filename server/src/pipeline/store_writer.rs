//! The consumer side of the Kafka pipeline: stores a batch of accepted messages, retrying what
//! failed because a backend was down, and tells apart what can never be stored.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::domain::ports::{MessageStore, NewRun, StoredRun};

const FIRST_RETRY: Duration = Duration::from_millis(100);
const LONGEST_RETRY: Duration = Duration::from_secs(5);

/// Stores the runs of a batch (`MessageStore::append_runs`). A store that is down (or failing
/// unexpectedly) is retried with backoff until it works, because no record may be skipped: its
/// sender may be waiting, or be told it is stored after a retry; a retry after a partial write
/// finds the stored part as duplicates of itself. Returns `None` when `stopping` fires first
/// (the records stay uncommitted and are delivered again to whoever consumes the partition
/// next). What a retry cannot fix (the conversation does not exist) is in the runs' outcomes.
pub async fn store_runs_until_done(
    store: &Arc<dyn MessageStore>,
    runs: &mut [NewRun],
    stopping: &CancellationToken,
) -> Option<Vec<StoredRun>> {
    let mut delay = FIRST_RETRY;
    loop {
        match store.append_runs(runs).await {
            Ok(stored) => return Some(stored),
            Err(error) => {
                tracing::warn!(
                    conversations = runs.len(),
                    messages = runs.iter().map(|run| run.messages.len()).sum::<usize>(),
                    %error,
                    retry_in_ms = delay.as_millis() as u64,
                    "storing accepted messages failed; retrying"
                );
                // What the failed try believed may be what failed (a seq taken over and over):
                // the store finds the truth itself next time.
                for run in runs.iter_mut() {
                    run.last_seq = None;
                }
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            () = stopping.cancelled() => return None,
        }
        delay = (delay * 2).min(LONGEST_RETRY);
    }
}
