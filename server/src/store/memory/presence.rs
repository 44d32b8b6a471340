//! Presence on this node only: live sessions per user, and when each was last seen.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use crate::domain::model::{Millis, now_millis};
use crate::domain::ports::Presence;

/// Live sessions per user on this node. The real-time layer registers and drops sessions.
#[derive(Debug, Default)]
pub struct LocalPresence {
    sessions: Mutex<HashMap<String, usize>>,
    last_seen: Mutex<HashMap<String, Millis>>,
}

impl LocalPresence {
    /// Records one more live session of `user_id`; returns true when the user just came online.
    pub fn connect(&self, user_id: &str) -> bool {
        let mut sessions = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        let count = sessions.entry(user_id.to_owned()).or_default();
        *count += 1;
        *count == 1
    }

    /// Records one session fewer; returns true when the user's last session ended.
    pub fn disconnect(&self, user_id: &str) -> bool {
        let mut sessions = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        match sessions.get_mut(user_id) {
            Some(count) if *count > 1 => {
                *count -= 1;
                false
            }
            Some(_) => {
                sessions.remove(user_id);
                self.last_seen
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(user_id.to_owned(), now_millis());
                true
            }
            None => false,
        }
    }
}

impl Presence for LocalPresence {
    fn online_among(&self, user_ids: &[String]) -> HashSet<String> {
        let sessions = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        user_ids
            .iter()
            .filter(|id| sessions.contains_key(*id))
            .cloned()
            .collect()
    }

    fn last_seen(&self, user_id: &str) -> Option<Millis> {
        if self.is_online(user_id) {
            return None;
        }
        let last_seen = self.last_seen.lock().unwrap_or_else(|p| p.into_inner());
        last_seen.get(user_id).copied()
    }
}
