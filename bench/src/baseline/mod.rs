//! The baselines: the least a server must do to carry the benchmark's workload, with nothing
//! behind it (no accounts, no storage, no authorization). They measure the ceiling of the
//! transport on this machine, so every EasyChat figure also reads as a fraction of it.
//!
//! Both take the token as the user id, ack every message with a seq, and push it to the
//! recipients' sessions through bounded queues: to the other user of `s_<a>_<b>` (or `recvId`),
//! or, for a group, to every connected session but the sender's (the fan-out scenario connects
//! exactly the group's members).

pub mod grpc;
pub mod ws;

use std::collections::HashMap;
use std::sync::RwLock;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

/// Frames queued towards one session; a full queue drops the frame (and counts it).
pub const SESSION_QUEUE: usize = 1024;

/// A session's id and the sending half of its queue.
type Entry<T> = (u64, tokio::sync::mpsc::Sender<T>);

/// Every live session, by user.
pub struct Hub<T> {
    users: RwLock<HashMap<String, Vec<Entry<T>>>>,
    next_session: AtomicU64,
    seq: AtomicI64,
    /// Frames dropped at a full queue, reported when the server stops.
    pub dropped: AtomicU64,
}

impl<T: Clone> Default for Hub<T> {
    fn default() -> Self {
        Hub {
            users: RwLock::new(HashMap::new()),
            next_session: AtomicU64::new(0),
            seq: AtomicI64::new(0),
            dropped: AtomicU64::new(0),
        }
    }
}

/// Who a message goes to.
#[derive(Debug, PartialEq, Eq)]
pub enum Route<'a> {
    User(&'a str),
    EveryoneElse,
}

/// The recipients of a message of `me` to an EasyChat conversation id.
pub fn route<'a>(conversation_id: &'a str, me: &str) -> Option<Route<'a>> {
    if conversation_id.starts_with("g_") {
        return Some(Route::EveryoneElse);
    }
    let pair = conversation_id.strip_prefix("s_")?;
    if let Some(other) = pair.strip_prefix(me).and_then(|r| r.strip_prefix('_')) {
        return Some(Route::User(other));
    }
    pair.strip_suffix(me)
        .and_then(|r| r.strip_suffix('_'))
        .map(Route::User)
}

impl<T: Clone> Hub<T> {
    /// Registers a session; it stays until [`Hub::leave`].
    pub fn join(&self, user: &str, queue: tokio::sync::mpsc::Sender<T>) -> u64 {
        let id = self.next_session.fetch_add(1, Ordering::Relaxed);
        self.users
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .entry(user.to_owned())
            .or_default()
            .push((id, queue));
        id
    }

    pub fn leave(&self, user: &str, session: u64) {
        let mut users = self.users.write().unwrap_or_else(|p| p.into_inner());
        if let Some(list) = users.get_mut(user) {
            list.retain(|(id, _)| *id != session);
            if list.is_empty() {
                users.remove(user);
            }
        }
    }

    pub fn next_seq(&self) -> i64 {
        self.seq.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// Queues `frame` for the route's sessions, never for `from` itself.
    pub fn deliver(&self, route: Route<'_>, from: u64, frame: &T) {
        let users = self.users.read().unwrap_or_else(|p| p.into_inner());
        let push = |queue: &tokio::sync::mpsc::Sender<T>| {
            if queue.try_send(frame.clone()).is_err() {
                self.dropped.fetch_add(1, Ordering::Relaxed);
            }
        };
        match route {
            Route::User(user) => {
                for (id, queue) in users.get(user).into_iter().flatten() {
                    if *id != from {
                        push(queue);
                    }
                }
            }
            Route::EveryoneElse => {
                for (id, queue) in users.values().flatten() {
                    if *id != from {
                        push(queue);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_chat_goes_to_the_other_user() {
        assert_eq!(route("s_u1_u2", "u1"), Some(Route::User("u2")));
        assert_eq!(route("s_u1_u2", "u2"), Some(Route::User("u1")));
        assert_eq!(route("s_u1_u2", "u3"), None);
        assert_eq!(route("g_x", "u3"), Some(Route::EveryoneElse));
    }

    #[tokio::test]
    async fn the_sender_gets_no_copy() {
        let hub = Hub::<u32>::default();
        let (a, mut a_rx) = tokio::sync::mpsc::channel(4);
        let (b, mut b_rx) = tokio::sync::mpsc::channel(4);
        let a_id = hub.join("a", a);
        hub.join("b", b);
        hub.deliver(Route::EveryoneElse, a_id, &7);
        assert_eq!(b_rx.recv().await, Some(7));
        assert!(a_rx.try_recv().is_err());
    }
}
