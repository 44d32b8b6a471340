//! Which messages a connection's client has been given since its session began, per
//! conversation: every pushed message and every acked send, as ranges of seqs.
//!
//! Two uses, both for moving a connection to another server (`failover`): the catch-up fetches
//! what lies in the gaps and above, and a message the client already has, pushed again by the
//! new server or found twice, is dropped instead of shown twice. Pushes of one conversation
//! arrive in seq order, but a send's ack can overtake the push before it, so a conversation's
//! seqs are kept as ranges rather than as one high-water mark.

use std::collections::{BTreeMap, HashMap};

/// Ranges kept per conversation; past it the oldest range is forgotten. Ranges only pile up
/// when pushes go missing, which a failover repairs, so the bound is never reached in practice.
const MAX_RANGES: usize = 64;

#[derive(Debug, Default)]
pub struct Delivered {
    /// foldhash, not SipHash: looked up on every push, keyed by the server's conversation ids.
    conversations: HashMap<String, Ranges, foldhash::fast::RandomState>,
}

/// Disjoint, non-adjacent ranges of seqs: start → end, both inclusive.
#[derive(Debug, Default)]
struct Ranges(BTreeMap<i64, i64>);

impl Delivered {
    /// Records that the client got `seq`; false when it already had it.
    pub fn record(&mut self, conversation_id: &str, seq: i64) -> bool {
        match self.conversations.get_mut(conversation_id) {
            Some(ranges) => ranges.insert(seq),
            None => {
                let mut ranges = Ranges::default();
                ranges.insert(seq);
                self.conversations
                    .insert(conversation_id.to_owned(), ranges);
                true
            }
        }
    }

    /// Whether the client got `seq`.
    pub fn contains(&self, conversation_id: &str, seq: i64) -> bool {
        self.conversations
            .get(conversation_id)
            .is_some_and(|ranges| ranges.contains(seq))
    }

    /// Where a catch-up of the conversation starts: the end of the first run of seqs the client
    /// got (everything after it, skipping what it has, may be missing); `None` when it got
    /// nothing of the conversation in this session.
    pub fn first_gap_after(&self, conversation_id: &str) -> Option<i64> {
        self.conversations
            .get(conversation_id)
            .and_then(|ranges| ranges.0.values().next().copied())
    }
}

impl Ranges {
    fn contains(&self, seq: i64) -> bool {
        self.0
            .range(..=seq)
            .next_back()
            .is_some_and(|(_, &end)| seq <= end)
    }

    fn insert(&mut self, seq: i64) -> bool {
        if self.contains(seq) {
            return false;
        }
        let before = self
            .0
            .range(..seq)
            .next_back()
            .filter(|(_, end)| **end == seq - 1)
            .map(|(&start, _)| start);
        let after = self.0.remove(&(seq + 1));
        let start = before.unwrap_or(seq);
        let end = after.unwrap_or(seq);
        self.0.insert(start, end);
        if self.0.len() > MAX_RANGES {
            self.0.pop_first();
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(delivered: &Delivered, conversation_id: &str) -> Vec<(i64, i64)> {
        delivered.conversations[conversation_id]
            .0
            .iter()
            .map(|(&start, &end)| (start, end))
            .collect()
    }

    #[test]
    fn seqs_join_into_ranges_in_any_order() {
        let mut delivered = Delivered::default();
        for seq in [5, 7, 6, 9, 3] {
            assert!(delivered.record("c", seq), "{seq} is new");
        }
        assert_eq!(ranges(&delivered, "c"), vec![(3, 3), (5, 7), (9, 9)]);
        assert!(delivered.record("c", 4));
        assert!(delivered.record("c", 8));
        assert_eq!(ranges(&delivered, "c"), vec![(3, 9)]);
    }

    #[test]
    fn a_seq_seen_before_is_a_duplicate() {
        let mut delivered = Delivered::default();
        delivered.record("c", 1);
        delivered.record("c", 2);
        delivered.record("c", 4);
        assert!(!delivered.record("c", 2));
        assert!(!delivered.record("c", 4));
        assert!(delivered.contains("c", 1));
        assert!(!delivered.contains("c", 3));
        assert!(!delivered.contains("other", 1));
    }

    #[test]
    fn the_catch_up_starts_after_the_first_run() {
        let mut delivered = Delivered::default();
        assert_eq!(delivered.first_gap_after("c"), None);
        // An ack of the client's own send overtook the push of the message before it.
        delivered.record("c", 10);
        delivered.record("c", 12);
        delivered.record("c", 13);
        assert_eq!(delivered.first_gap_after("c"), Some(10));
    }

    #[test]
    fn the_oldest_range_is_forgotten_past_the_bound() {
        let mut delivered = Delivered::default();
        for i in 0..=MAX_RANGES as i64 {
            delivered.record("c", i * 2);
        }
        assert_eq!(delivered.conversations["c"].0.len(), MAX_RANGES);
        assert!(!delivered.contains("c", 0));
        assert!(delivered.contains("c", 2));
    }
}
