//! Rigorous-mode acks waiting for the client's confirmation. An ack is re-sent every `resend`
//! until the client sends it back, and forgotten `give_up` after it was first sent. The frame
//! itself is processed at once: resends with the same id are deduplicated upstream, so holding
//! it back until confirmation (as the old server did) would only add latency.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

pub struct PendingAcks {
    resend: Duration,
    give_up: Duration,
    limit: usize,
    pending: HashMap<String, Pending>,
}

struct Pending {
    first_sent: Instant,
    next_resend: Instant,
    /// Times sent so far, told to the client as `ackSeq`.
    sends: u32,
}

impl PendingAcks {
    pub fn new(resend: Duration, give_up: Duration, limit: usize) -> PendingAcks {
        PendingAcks {
            resend,
            give_up,
            limit,
            pending: HashMap::new(),
        }
    }

    /// Starts waiting for the confirmation of the ack just sent for `id`. Past the limit the ack
    /// is not tracked (it was sent once), so a client that never confirms cannot grow the map.
    pub fn track(&mut self, id: &str, now: Instant) {
        if self.pending.len() >= self.limit && !self.pending.contains_key(id) {
            tracing::debug!("too many unconfirmed acks; this one is sent once only");
            return;
        }
        self.pending.insert(
            id.to_owned(),
            Pending {
                first_sent: now,
                next_resend: now + self.resend,
                sends: 1,
            },
        );
    }

    /// The client confirmed the ack of `id`.
    pub fn confirm(&mut self, id: &str) {
        self.pending.remove(id);
    }

    /// When `due` next has something to do.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.pending.values().map(|p| p.next_resend).min()
    }

    /// The acks to re-send at `now`, with their new `ackSeq`; those past `give_up` are dropped.
    pub fn due(&mut self, now: Instant) -> Vec<(String, u32)> {
        let give_up = self.give_up;
        self.pending
            .retain(|_, pending| now < pending.first_sent + give_up);
        let resend = self.resend;
        self.pending
            .iter_mut()
            .filter(|(_, pending)| pending.next_resend <= now)
            .map(|(id, pending)| {
                pending.sends += 1;
                pending.next_resend = now + resend;
                (id.clone(), pending.sends)
            })
            .collect()
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.pending.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acks() -> PendingAcks {
        PendingAcks::new(Duration::from_secs(1), Duration::from_secs(3), 2)
    }

    #[test]
    fn an_unconfirmed_ack_is_resent_until_give_up() {
        let start = Instant::now();
        let mut acks = acks();
        acks.track("a", start);
        assert!(acks.due(start).is_empty());
        let after = |s: u64| start + Duration::from_secs(s);
        assert_eq!(acks.due(after(1)), vec![("a".to_owned(), 2)]);
        assert_eq!(acks.due(after(2)), vec![("a".to_owned(), 3)]);
        assert!(acks.due(after(3)).is_empty());
        assert_eq!(acks.next_deadline(), None);
    }

    #[test]
    fn a_confirmed_ack_is_not_resent() {
        let start = Instant::now();
        let mut acks = acks();
        acks.track("a", start);
        acks.confirm("a");
        assert!(acks.due(start + Duration::from_secs(1)).is_empty());
    }

    #[test]
    fn tracking_stops_at_the_limit() {
        let now = Instant::now();
        let mut acks = acks();
        for id in ["a", "b", "c"] {
            acks.track(id, now);
        }
        assert_eq!(acks.len(), 2);
    }
}
