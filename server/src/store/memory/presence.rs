//! Presence on this node only: live sessions per user, and when each was last seen. The
//! embedded default; a cluster shares a directory instead (`store::redis::RedisPresence`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Mutex;

use async_trait::async_trait;

use crate::domain::model::{Millis, now_millis};
use crate::domain::ports::Presence;
use crate::error::Result;

/// Live sessions per user on this node. The real-time layer registers and drops sessions.
#[derive(Debug)]
pub struct LocalPresence {
    node_id: String,
    sessions: Mutex<HashMap<String, usize>>,
    last_seen: Mutex<HashMap<String, Millis>>,
}

impl LocalPresence {
    /// Presence of the node `node_id` (which holds every session it knows of).
    pub fn new(node_id: &str) -> LocalPresence {
        LocalPresence {
            node_id: node_id.to_owned(),
            sessions: Mutex::default(),
            last_seen: Mutex::default(),
        }
    }

    /// Records one more live session of `user_id`; returns true when the user just came online.
    fn connect(&self, user_id: &str) -> bool {
        let mut sessions = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        let count = sessions.entry(user_id.to_owned()).or_default();
        *count += 1;
        *count == 1
    }

    /// Records one session fewer; returns true when the user's last session ended.
    fn disconnect(&self, user_id: &str) -> bool {
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

    fn online(&self, user_ids: &[String]) -> HashSet<String> {
        let sessions = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        user_ids
            .iter()
            .filter(|id| sessions.contains_key(*id))
            .cloned()
            .collect()
    }
}

#[async_trait]
impl Presence for LocalPresence {
    async fn session_started(&self, user_id: &str, _session_id: &str) -> Result<bool> {
        Ok(self.connect(user_id))
    }

    async fn session_ended(&self, user_id: &str, _session_id: &str) -> Result<bool> {
        Ok(self.disconnect(user_id))
    }

    fn session_dropped(&self, user_id: &str, _session_id: &str) {
        self.disconnect(user_id);
    }

    async fn online_among(&self, user_ids: &[String]) -> Result<HashSet<String>> {
        Ok(self.online(user_ids))
    }

    async fn last_seen(&self, user_ids: &[String]) -> Result<HashMap<String, Millis>> {
        let online = self.online(user_ids);
        let last_seen = self.last_seen.lock().unwrap_or_else(|p| p.into_inner());
        Ok(user_ids
            .iter()
            .filter(|id| !online.contains(*id))
            .filter_map(|id| Some((id.clone(), *last_seen.get(id)?)))
            .collect())
    }

    async fn nodes_of(&self, user_ids: &[String]) -> Result<BTreeMap<String, BTreeSet<String>>> {
        let online: BTreeSet<String> = self.online(user_ids).into_iter().collect();
        let mut nodes = BTreeMap::new();
        if !online.is_empty() {
            nodes.insert(self.node_id.clone(), online);
        }
        Ok(nodes)
    }
}
