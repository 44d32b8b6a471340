//! Senders waiting for their accepted message to be stored, by message id.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

use crate::domain::model::Appended;
use crate::error::Result;

#[derive(Clone, Default)]
pub struct Waiters {
    waiting: Arc<Mutex<HashMap<String, oneshot::Sender<Result<Appended>>>>>,
}

impl Waiters {
    /// Registers a wait for `message_id`; the wait ends when the returned `Waiting` is dropped
    /// (the send finished, or its client went away), so abandoned sends do not accumulate.
    pub fn register(&self, message_id: &str) -> Waiting {
        let (sender, receiver) = oneshot::channel();
        self.lock().insert(message_id.to_owned(), sender);
        Waiting {
            waiters: self.clone(),
            message_id: message_id.to_owned(),
            receiver,
        }
    }

    /// Hands the outcome to the sender waiting on this node, if any; returns whether one was.
    pub fn complete(&self, message_id: &str, outcome: Result<Appended>) -> bool {
        match self.lock().remove(message_id) {
            Some(waiter) => {
                let _ = waiter.send(outcome);
                true
            }
            None => false,
        }
    }

    fn lock(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<String, oneshot::Sender<Result<Appended>>>> {
        self.waiting.lock().unwrap_or_else(|p| p.into_inner())
    }
}

pub struct Waiting {
    waiters: Waiters,
    message_id: String,
    pub receiver: oneshot::Receiver<Result<Appended>>,
}

impl Drop for Waiting {
    fn drop(&mut self) {
        self.waiters.lock().remove(&self.message_id);
    }
}
