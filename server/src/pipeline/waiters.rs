//! Senders waiting for their accepted message to be stored, by message id.
//!
//! A waiter may carry an `after` step (the push of the new message to the conversation's
//! members). It runs in the consumer when the sender waits on the consumer's own node, before
//! the sender is woken, so the pushes of one conversation leave in the order its messages were
//! stored, whatever order the senders' tasks are scheduled in afterwards. An outcome from
//! another node only wakes its sender: that node's consumer pushed the message (it cannot know
//! whether the sender's node is still there to do it).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

use crate::domain::model::Appended;
use crate::domain::ports::AfterAppend;
use crate::error::Result;

struct Waiter {
    wake: oneshot::Sender<Result<Appended>>,
    after: Option<AfterAppend>,
}

#[derive(Clone, Default)]
pub struct Waiters {
    waiting: Arc<Mutex<HashMap<String, Waiter>>>,
}

impl Waiters {
    /// Registers a wait for `message_id`, with what to do once it is stored; the wait ends when
    /// the returned `Waiting` is dropped (the send finished, or its client went away), so
    /// abandoned sends do not accumulate.
    pub fn register(&self, message_id: &str, after: Option<AfterAppend>) -> Waiting {
        let (wake, receiver) = oneshot::channel();
        self.lock()
            .insert(message_id.to_owned(), Waiter { wake, after });
        Waiting {
            waiters: self.clone(),
            message_id: message_id.to_owned(),
            receiver,
        }
    }

    /// Hands the outcome to the sender waiting on this node, if any, running its `after` step
    /// first when the message is stored; returns whether a sender was waiting (and so took
    /// care of the push).
    pub fn complete(&self, message_id: &str, outcome: Result<Appended>) -> bool {
        // Taken out first: the `after` step publishes, which must not run under the lock.
        let Some(waiter) = self.lock().remove(message_id) else {
            return false;
        };
        if let (Ok(appended), Some(after)) = (&outcome, waiter.after) {
            after(appended);
        }
        let _ = waiter.wake.send(outcome);
        true
    }

    /// Hands the outcome to the sender waiting on this node, if any, without its `after` step:
    /// the message was stored, and pushed, by another node's consumer.
    pub fn wake(&self, message_id: &str, outcome: Result<Appended>) {
        if let Some(waiter) = self.lock().remove(message_id) {
            let _ = waiter.wake.send(outcome);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Waiter>> {
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

impl crate::cluster::bus::WaitingSenders for Waiters {
    fn wake(&self, message_id: &str, outcome: Result<Appended>) {
        Waiters::wake(self, message_id, outcome);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::domain::ids::ConversationKind;
    use crate::domain::model::{Content, Message};
    use crate::error::Error;

    fn stored(message_id: &str, seq: i64) -> Appended {
        Appended {
            message: Message {
                message_id: message_id.to_owned(),
                conversation_id: "g_1".to_owned(),
                kind: ConversationKind::Group,
                sender_id: "u1".to_owned(),
                seq,
                client_msg_id: message_id.to_owned(),
                content: Some(Content::Text {
                    text: "hi".to_owned(),
                }),
                sent_at: 1,
                recall: None,
                reply_to: None,
                edited_at: None,
                reactions: Vec::new(),
                mentions: Default::default(),
            },
            duplicate: false,
        }
    }

    #[tokio::test]
    async fn the_after_step_runs_before_the_sender_wakes_and_only_when_stored() {
        let waiters = Waiters::default();
        let ran = Arc::new(AtomicUsize::new(0));
        let counter = ran.clone();
        let mut waiting = waiters.register(
            "m1",
            Some(Box::new(move |appended: &Appended| {
                counter.store(appended.message.seq as usize, Ordering::SeqCst);
            })),
        );
        assert!(waiters.complete("m1", Ok(stored("m1", 7))));
        assert_eq!(ran.load(Ordering::SeqCst), 7, "ran in complete, not later");
        assert_eq!(
            (&mut waiting.receiver).await.unwrap().unwrap().message.seq,
            7
        );

        let refused = Arc::new(AtomicUsize::new(0));
        let counter = refused.clone();
        let _waiting = waiters.register(
            "m2",
            Some(Box::new(move |_: &Appended| {
                counter.fetch_add(1, Ordering::SeqCst);
            })),
        );
        waiters.complete(
            "m2",
            Err(Error::not_found(
                crate::error::Reason::ConversationNotFound,
                "gone",
            )),
        );
        assert_eq!(
            refused.load(Ordering::SeqCst),
            0,
            "nothing stored, nothing pushed"
        );
    }

    #[tokio::test]
    async fn an_outcome_from_another_node_wakes_the_sender_without_pushing() {
        let waiters = Waiters::default();
        let ran = Arc::new(AtomicUsize::new(0));
        let counter = ran.clone();
        let mut waiting = waiters.register(
            "m1",
            Some(Box::new(move |_: &Appended| {
                counter.fetch_add(1, Ordering::SeqCst);
            })),
        );
        waiters.wake("m1", Ok(stored("m1", 3)));
        assert_eq!(
            (&mut waiting.receiver).await.unwrap().unwrap().message.seq,
            3
        );
        assert_eq!(ran.load(Ordering::SeqCst), 0, "the other node pushed it");
    }

    #[test]
    fn a_sender_that_went_away_leaves_nothing_behind() {
        let waiters = Waiters::default();
        drop(waiters.register("m1", None));
        assert!(waiters.lock().is_empty());
        assert!(!waiters.complete("m1", Ok(stored("m1", 1))));
    }
}
