//! The counts of a soak: every acked message compared with what the conversations hold once
//! the load has stopped. Pure functions over what the senders recorded and what was read back,
//! so the definitions are tested on their own.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

/// A send the server answered with a message: what the sender was told.
#[derive(Debug, Clone, Serialize)]
pub struct Ack {
    /// Index of the sender (one user, one conversation, one transport, one send at a time).
    pub sender: usize,
    pub conversation_id: String,
    pub client_msg_id: String,
    pub message_id: String,
    pub seq: i64,
    /// The answer said `duplicate`: an earlier attempt with this client_msg_id was stored.
    pub duplicate: bool,
    /// When the first attempt was sent, and how long until the ack (retries included).
    pub sent_unix_ms: u64,
    pub latency_ms: u64,
}

/// A message as read back from a conversation's history.
#[derive(Debug, Clone)]
pub struct Stored {
    pub client_msg_id: String,
    pub message_id: String,
    pub seq: i64,
}

/// What the read-back found. The first five must be zero.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Acks recorded by the senders.
    pub acked: u64,
    /// Messages read back from the soak's conversations.
    pub stored: u64,
    /// Acked, but no message with that client_msg_id in the conversation.
    pub lost: u64,
    /// Acked, and stored, but not with the message id and seq of the ack.
    pub ack_mismatch: u64,
    /// Extra copies: a client_msg_id stored at n seqs counts n - 1.
    pub duplicated: u64,
    /// A sender's acked message stored at a seq not above that of the sender's previous acked
    /// message in the conversation. Senders send one message at a time, so the previous one was
    /// acked (stored) before this one was sent: its seq must be lower.
    pub reordered: u64,
    /// Seqs missing from 1..=max in a conversation, plus seqs held by two messages.
    pub seq_gaps: u64,
    /// Messages on which a Chat `sync` from seq 0 and ListMessages disagree (in one and not the
    /// other, or with another id or seq): the path a reconnecting client catches up by.
    pub sync_disagreements: u64,
    /// Stored without an ack: the sender gave up on it (an answer lost on the way is not a
    /// failure as long as it was stored once). Information, not an error.
    pub stored_unacked: u64,
    /// Stored with a client_msg_id this run never used. Information; expected 0.
    pub foreign: u64,
}

impl Counts {
    /// No acked message lost or changed, none stored twice, none out of order, no seq gaps.
    pub fn clean(&self) -> bool {
        self.lost == 0
            && self.ack_mismatch == 0
            && self.duplicated == 0
            && self.reordered == 0
            && self.seq_gaps == 0
            && self.sync_disagreements == 0
    }
}

/// Compares `acks` (in each sender's ack order) with `histories` (conversation id → messages);
/// client_msg_ids of this run start with `run_prefix`.
pub fn count(acks: &[Ack], histories: &BTreeMap<String, Vec<Stored>>, run_prefix: &str) -> Counts {
    let mut counts = Counts {
        acked: acks.len() as u64,
        ..Counts::default()
    };
    // conversation → client_msg_id → copies stored
    let mut by_client_id: HashMap<&str, HashMap<&str, Vec<&Stored>>> = HashMap::new();
    for (conversation_id, history) in histories {
        counts.stored += history.len() as u64;
        let copies = by_client_id.entry(conversation_id).or_default();
        let mut seqs = HashSet::new();
        let mut max_seq = 0;
        for message in history {
            copies
                .entry(message.client_msg_id.as_str())
                .or_default()
                .push(message);
            if !seqs.insert(message.seq) {
                counts.seq_gaps += 1;
            }
            max_seq = max_seq.max(message.seq);
        }
        let present = seqs
            .iter()
            .filter(|&&seq| (1..=max_seq).contains(&seq))
            .count();
        counts.seq_gaps += max_seq.max(0) as u64 - present as u64;
        for (client_msg_id, stored) in copies.iter() {
            counts.duplicated += stored.len() as u64 - 1;
            if !client_msg_id.starts_with(run_prefix) {
                counts.foreign += stored.len() as u64;
            }
        }
    }

    let acked_ids: HashSet<(&str, &str)> = acks
        .iter()
        .map(|ack| (ack.conversation_id.as_str(), ack.client_msg_id.as_str()))
        .collect();
    for (conversation_id, copies) in &by_client_id {
        counts.stored_unacked += copies
            .keys()
            .filter(|id| id.starts_with(run_prefix) && !acked_ids.contains(&(conversation_id, id)))
            .count() as u64;
    }

    // (sender, conversation) → seq of the previous acked message
    let mut previous: HashMap<(usize, &str), i64> = HashMap::new();
    for ack in acks {
        let stored = by_client_id
            .get(ack.conversation_id.as_str())
            .and_then(|copies| copies.get(ack.client_msg_id.as_str()))
            .and_then(|copies| copies.first());
        let seq = match stored {
            None => {
                counts.lost += 1;
                ack.seq
            }
            Some(stored) => {
                if stored.message_id != ack.message_id || stored.seq != ack.seq {
                    counts.ack_mismatch += 1;
                }
                stored.seq
            }
        };
        if let Some(before) = previous.insert((ack.sender, ack.conversation_id.as_str()), seq)
            && seq <= before
        {
            counts.reordered += 1;
        }
    }
    counts
}

/// Messages in one view and not in the other (compared by client_msg_id, message id and seq).
pub fn disagreements(listed: &[Stored], synced: &[Stored]) -> u64 {
    let key = |m: &Stored| (m.client_msg_id.clone(), m.message_id.clone(), m.seq);
    let listed: HashSet<_> = listed.iter().map(key).collect();
    let synced: HashSet<_> = synced.iter().map(key).collect();
    listed.symmetric_difference(&synced).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ack(sender: usize, id: &str, seq: i64) -> Ack {
        Ack {
            sender,
            conversation_id: "c".to_owned(),
            client_msg_id: id.to_owned(),
            message_id: format!("m-{id}"),
            seq,
            duplicate: false,
            sent_unix_ms: 0,
            latency_ms: 0,
        }
    }

    fn stored(id: &str, seq: i64) -> Stored {
        Stored {
            client_msg_id: id.to_owned(),
            message_id: format!("m-{id}"),
            seq,
        }
    }

    fn histories(messages: Vec<Stored>) -> BTreeMap<String, Vec<Stored>> {
        BTreeMap::from([("c".to_owned(), messages)])
    }

    #[test]
    fn a_complete_history_is_clean() {
        let acks = [ack(0, "r-1", 1), ack(1, "r-2", 2), ack(0, "r-3", 3)];
        let history = histories(vec![stored("r-1", 1), stored("r-2", 2), stored("r-3", 3)]);
        let counts = count(&acks, &history, "r-");
        assert!(counts.clean(), "{counts:?}");
        assert_eq!((counts.acked, counts.stored), (3, 3));
    }

    #[test]
    fn a_missing_ack_is_lost_and_leaves_a_gap() {
        let acks = [ack(0, "r-1", 1), ack(0, "r-2", 2), ack(0, "r-3", 3)];
        let counts = count(
            &acks,
            &histories(vec![stored("r-1", 1), stored("r-3", 3)]),
            "r-",
        );
        assert_eq!((counts.lost, counts.seq_gaps, counts.reordered), (1, 1, 0));
    }

    #[test]
    fn a_second_copy_is_a_duplicate() {
        let acks = [ack(0, "r-1", 1)];
        let counts = count(
            &acks,
            &histories(vec![stored("r-1", 1), stored("r-1", 2)]),
            "r-",
        );
        assert_eq!((counts.duplicated, counts.lost, counts.seq_gaps), (1, 0, 0));
    }

    #[test]
    fn a_later_ack_at_a_lower_seq_is_reordered() {
        let acks = [ack(0, "r-1", 2), ack(0, "r-2", 1)];
        let counts = count(
            &acks,
            &histories(vec![stored("r-2", 1), stored("r-1", 2)]),
            "r-",
        );
        assert_eq!(counts.reordered, 1);
        // Other senders interleave freely.
        let acks = [ack(0, "r-1", 2), ack(1, "r-2", 1)];
        assert_eq!(
            count(
                &acks,
                &histories(vec![stored("r-2", 1), stored("r-1", 2)]),
                "r-"
            )
            .reordered,
            0
        );
    }

    #[test]
    fn stored_at_another_seq_than_acked_is_a_mismatch() {
        let acks = [ack(0, "r-1", 2)];
        let counts = count(&acks, &histories(vec![stored("r-1", 1)]), "r-");
        assert_eq!((counts.ack_mismatch, counts.lost), (1, 0));
    }

    #[test]
    fn unacked_and_foreign_messages_are_told_apart() {
        let history = histories(vec![stored("r-1", 1), stored("other", 2)]);
        let counts = count(&[], &history, "r-");
        assert_eq!((counts.stored_unacked, counts.foreign), (1, 1));
        assert!(counts.clean());
    }

    #[test]
    fn sync_and_list_must_hold_the_same_messages() {
        let listed = [stored("r-1", 1), stored("r-2", 2)];
        assert_eq!(disagreements(&listed, &listed), 0);
        assert_eq!(disagreements(&listed, &[stored("r-1", 1)]), 1);
        assert_eq!(
            disagreements(&listed, &[stored("r-1", 1), stored("r-2", 3)]),
            2
        );
    }

    #[test]
    fn seqs_must_start_at_one() {
        let counts = count(&[], &histories(vec![stored("r-1", 2)]), "r-");
        assert_eq!(counts.seq_gaps, 1);
    }
}
