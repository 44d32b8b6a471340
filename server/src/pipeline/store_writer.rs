//! The consumer side of the Kafka pipeline: stores accepted messages, retrying what failed
//! because a backend was down, and tells apart what can never be stored.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use crate::domain::model::{Appended, NewMessage};
use crate::domain::ports::MessageStore;
use crate::error::{ErrorKind, Result};

const FIRST_RETRY: Duration = Duration::from_millis(100);
const LONGEST_RETRY: Duration = Duration::from_secs(5);

/// Stores `message`. A store that is down (or failing unexpectedly) is retried with backoff
/// until it works, because the record must not be skipped: its sender may be waiting, or be
/// told it is stored after a retry. Returns `None` when `stopping` fires first (the record
/// stays uncommitted and is delivered again to whoever consumes the partition next). Errors a
/// retry cannot fix (the conversation does not exist) are returned as the record's outcome.
pub async fn store_until_done(
    store: &Arc<dyn MessageStore>,
    message: &NewMessage,
    stopping: &mut watch::Receiver<bool>,
) -> Option<Result<Appended>> {
    let mut delay = FIRST_RETRY;
    loop {
        match store.append(message).await {
            Err(error) if matches!(error.kind, ErrorKind::Unavailable | ErrorKind::Internal) => {
                tracing::warn!(
                    message_id = %message.message_id,
                    conversation_id = %message.conversation_id,
                    %error,
                    retry_in_ms = delay.as_millis() as u64,
                    "storing an accepted message failed; retrying"
                );
            }
            outcome => return Some(outcome),
        }
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = stopping.wait_for(|stop| *stop) => return None,
        }
        delay = (delay * 2).min(LONGEST_RETRY);
    }
}
