//! The session hub: every live session of this node, by user, each with a bounded event queue.
//!
//! Publishing never blocks: an event goes to each session queue with `try_send`; a session whose
//! queue is full is closed (SLOW_CONSUMER) rather than buffered without bound, and its client
//! recovers by sync. Every event is durable before it is published, so nothing is lost by that.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;
use tonic::Status;

use super::events::{PushedEvent, to_proto};
use super::receipts::ReceiptMerger;
use crate::domain::ids::{ConversationKind, new_id};
use crate::domain::ports::{Event, EventSink, Presence, SessionRevoker};
use crate::domain::tokens::TokenClaims;
use crate::error::{Error, Reason};

/// What a session's queue carries: the proto and its encoding, shared by every recipient.
pub type Pushed = Arc<PushedEvent>;

struct SessionEntry {
    session_id: String,
    token_id: String,
    token_version: i64,
    queue: mpsc::Sender<Pushed>,
    close: watch::Sender<Option<Status>>,
}

impl SessionEntry {
    fn close(&self, status: Status) {
        self.close.send_if_modified(|current| {
            if current.is_some() {
                return false;
            }
            *current = Some(status);
            true
        });
    }
}

/// Live sessions by user id. foldhash rather than the default SipHash: every delivery looks a
/// recipient up here (SipHash was 6 % of a WebSocket delivery's instructions), and the keys are
/// user ids the server generated, not input an attacker chooses.
type SessionMap = HashMap<String, Vec<SessionEntry>, foldhash::fast::RandomState>;

struct Inner {
    sessions: RwLock<SessionMap>,
    presence: Arc<dyn Presence>,
    queue_size: usize,
    max_sessions_per_user: usize,
    receipts: ReceiptMerger,
    shutdown: CancellationToken,
}

#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
}

/// A registered session. Dropping it unregisters the session.
pub struct SessionHandle {
    pub session_id: String,
    pub user_id: String,
    /// Set when the hub ends the session (revoked token, slow consumer).
    pub closed: watch::Receiver<Option<Status>>,
    /// Whether this session brought the user online.
    pub came_online: bool,
    hub: Hub,
    left: bool,
}

impl SessionHandle {
    /// Unregisters the session; returns whether the user's last session (on any node) just
    /// ended.
    pub async fn leave(&mut self) -> bool {
        if std::mem::replace(&mut self.left, true) {
            return false;
        }
        self.hub.remove_local(&self.user_id, &self.session_id);
        let presence = &self.hub.inner.presence;
        presence
            .session_ended(&self.user_id, &self.session_id)
            .await
            .unwrap_or_else(|e| {
                // The directory lets the session expire, as if its node had died.
                tracing::warn!(error = %e, "session end not recorded in the presence directory");
                false
            })
    }
}

/// A session dropped without `leave` (its task was cancelled): unregistered here; Drop cannot
/// wait for the presence directory, which lets the session expire.
impl Drop for SessionHandle {
    fn drop(&mut self) {
        if !std::mem::replace(&mut self.left, true) {
            self.hub.remove_local(&self.user_id, &self.session_id);
            self.hub
                .inner
                .presence
                .session_dropped(&self.user_id, &self.session_id);
        }
    }
}

impl Hub {
    /// Creates the hub and starts its receipt merger (which stops on `shutdown`).
    pub fn start(
        presence: Arc<dyn Presence>,
        queue_size: usize,
        max_sessions_per_user: usize,
        receipt_flush_count: usize,
        receipt_flush_ms: u64,
    ) -> Hub {
        let shutdown = CancellationToken::new();
        Hub {
            inner: Arc::new_cyclic(|weak: &std::sync::Weak<Inner>| {
                let weak = weak.clone();
                let deliver = move |recipients: Vec<String>, event: Event| {
                    if let Some(inner) = weak.upgrade() {
                        (Hub { inner }).deliver(&recipients, event, None);
                    }
                };
                Inner {
                    sessions: RwLock::new(SessionMap::default()),
                    presence,
                    queue_size: queue_size.max(1),
                    max_sessions_per_user: max_sessions_per_user.max(1),
                    receipts: ReceiptMerger::start(
                        receipt_flush_count,
                        receipt_flush_ms,
                        shutdown.clone(),
                        deliver,
                    ),
                    shutdown,
                }
            }),
        }
    }

    /// Registers a live session of the token's user, unless they already have
    /// `max_sessions_per_user` on this node (RESOURCE_EXHAUSTED/TOO_MANY_SESSIONS); returns
    /// the session and the queue of its events. The queue is apart from the handle because
    /// the session's stream reads it while the session's task holds the handle.
    pub async fn join(
        &self,
        claims: &TokenClaims,
    ) -> Result<(SessionHandle, mpsc::Receiver<Pushed>), Error> {
        let (queue, events) = mpsc::channel(self.inner.queue_size);
        let (close, closed) = watch::channel(None);
        let session_id = new_id();
        let entry = SessionEntry {
            session_id: session_id.clone(),
            token_id: claims.token_id.clone(),
            token_version: claims.token_version,
            queue,
            close,
        };
        {
            let mut sessions = self.write_sessions();
            let mine = sessions.entry(claims.user_id.clone()).or_default();
            let max = self.inner.max_sessions_per_user;
            if mine.len() >= max {
                return Err(Error::exhausted(
                    Reason::TooManySessions,
                    format!(
                        "this user already has {max} live sessions on this server (the most \
                         allowed): close one first"
                    ),
                ));
            }
            mine.push(entry);
        }
        // The handle exists before the wait, so a session cancelled meanwhile is unregistered.
        let mut handle = SessionHandle {
            session_id,
            user_id: claims.user_id.clone(),
            closed,
            came_online: false,
            hub: self.clone(),
            left: false,
        };
        handle.came_online = self
            .inner
            .presence
            .session_started(&handle.user_id, &handle.session_id)
            .await
            .unwrap_or_else(|e| {
                // Best effort: the session works without it (presence and routing catch up at
                // the node's next refresh of its sessions).
                tracing::warn!(error = %e, "session start not recorded in the presence directory");
                false
            });
        Ok((handle, events))
    }

    fn remove_local(&self, user_id: &str, session_id: &str) {
        let mut sessions = self.write_sessions();
        if let Some(list) = sessions.get_mut(user_id) {
            list.retain(|s| s.session_id != session_id);
            if list.is_empty() {
                sessions.remove(user_id);
            }
        }
    }

    /// Completes when the server starts shutting down.
    pub fn shutdown_signal(&self) -> CancellationToken {
        self.inner.shutdown.clone()
    }

    /// Ends every session (they answer UNAVAILABLE) and stops the receipt merger.
    pub fn shut_down(&self) {
        self.inner.shutdown.cancel();
    }

    fn deliver(&self, recipients: &[String], event: Event, origin: Option<&str>) {
        self.deliver_pushed(
            recipients,
            Arc::new(PushedEvent::new(to_proto(event))),
            origin,
        );
    }

    /// Delivers an event already in its pushed form (converted and encoded once, here or on
    /// another node) to every live session of `recipients` on this node, except `origin`.
    pub fn deliver_pushed(&self, recipients: &[String], pushed: Pushed, origin: Option<&str>) {
        let sessions = self.read_sessions();
        for user in recipients {
            for session in sessions.get(user).into_iter().flatten() {
                if origin == Some(session.session_id.as_str()) {
                    continue;
                }
                if let Err(mpsc::error::TrySendError::Full(_)) =
                    session.queue.try_send(pushed.clone())
                {
                    session.close(slow_consumer());
                }
            }
        }
    }

    fn close_where(&self, user_id: &str, status: Status, matches: impl Fn(&SessionEntry) -> bool) {
        let sessions = self.read_sessions();
        for session in sessions.get(user_id).into_iter().flatten() {
            if matches(session) {
                session.close(status.clone());
            }
        }
    }

    fn read_sessions(&self) -> std::sync::RwLockReadGuard<'_, SessionMap> {
        self.inner
            .sessions
            .read()
            .unwrap_or_else(|p| p.into_inner())
    }

    fn write_sessions(&self) -> std::sync::RwLockWriteGuard<'_, SessionMap> {
        self.inner
            .sessions
            .write()
            .unwrap_or_else(|p| p.into_inner())
    }
}

/// The status of a session whose client does not keep up with its events.
pub fn slow_consumer() -> Status {
    Error::exhausted(
        Reason::SlowConsumer,
        "the client did not keep up with its events: reconnect and sync",
    )
    .into()
}

impl EventSink for Hub {
    fn publish(&self, recipients: &[String], event: Event, origin: Option<&str>) {
        match event {
            Event::ReadReceipt {
                conversation_id,
                kind: ConversationKind::Group,
                positions,
            } => self
                .inner
                .receipts
                .add(recipients.to_vec(), conversation_id, positions),
            event => self.deliver(recipients, event, origin),
        }
    }
}

impl SessionRevoker for Hub {
    fn token_revoked(&self, user_id: &str, token_id: &str) {
        let status: Status =
            Error::unauthenticated(Reason::TokenRevoked, "the token was revoked: log in again")
                .into();
        self.close_where(user_id, status, |s| s.token_id == token_id);
    }

    fn tokens_before(&self, user_id: &str, token_version: i64) {
        let status: Status =
            Error::unauthenticated(Reason::TokenRevoked, "the password changed: log in again")
                .into();
        self.close_where(user_id, status, |s| s.token_version < token_version);
    }
}

impl Hub {
    /// Live sessions and how full their queues are, read when metrics are scraped.
    pub fn session_stats(&self) -> crate::observability::metrics::SessionStats {
        let mut stats = crate::observability::metrics::SessionStats::default();
        for session in self.read_sessions().values().flatten() {
            let queued = session.queue.max_capacity() - session.queue.capacity();
            stats.sessions += 1;
            stats.queued += queued;
            stats.max_queued = stats.max_queued.max(queued);
        }
        stats
    }
}
