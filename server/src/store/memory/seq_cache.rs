//! The last stored seq per conversation in this process's memory: the `SeqCache` of a single
//! node (or of several nodes that do not share a Redis, each with its own, staler view).

use std::collections::HashMap;
use std::sync::Mutex;

use async_trait::async_trait;

use crate::domain::ports::SeqCache;
use crate::error::Result;

/// Most conversations remembered. Past it one entry is dropped for each new one: a missing entry
/// only costs one read of the durable store, so which one goes does not matter.
const DEFAULT_CAPACITY: usize = 100_000;

#[derive(Debug)]
pub struct LocalSeqCache {
    last: Mutex<HashMap<String, i64>>,
    capacity: usize,
}

impl Default for LocalSeqCache {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_CAPACITY)
    }
}

impl LocalSeqCache {
    pub fn with_capacity(capacity: usize) -> LocalSeqCache {
        LocalSeqCache {
            last: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
        }
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, i64>> {
        self.last.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[async_trait]
impl SeqCache for LocalSeqCache {
    async fn last_seq(&self, conversation_id: &str) -> Result<Option<i64>> {
        Ok(self.map().get(conversation_id).copied())
    }

    async fn advance(&self, conversation_id: &str, seq: i64) -> Result<()> {
        let mut map = self.map();
        if let Some(last) = map.get_mut(conversation_id) {
            *last = (*last).max(seq);
            return Ok(());
        }
        if map.len() >= self.capacity {
            let victim = map.keys().next().cloned();
            if let Some(victim) = victim {
                map.remove(&victim);
            }
        }
        map.insert(conversation_id.to_owned(), seq);
        Ok(())
    }

    async fn forget(&self, conversation_id: &str) -> Result<()> {
        self.map().remove(conversation_id);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn advance_never_lowers_the_cached_seq() {
        let cache = LocalSeqCache::default();
        assert_eq!(cache.last_seq("c").await.unwrap(), None);
        cache.advance("c", 5).await.unwrap();
        cache.advance("c", 3).await.unwrap();
        assert_eq!(cache.last_seq("c").await.unwrap(), Some(5));
        cache.advance("c", 6).await.unwrap();
        assert_eq!(cache.last_seq("c").await.unwrap(), Some(6));
        cache.forget("c").await.unwrap();
        assert_eq!(cache.last_seq("c").await.unwrap(), None);
    }

    #[tokio::test]
    async fn a_full_cache_drops_an_entry_for_a_new_one() {
        let cache = LocalSeqCache::with_capacity(2);
        for (n, id) in ["a", "b", "c"].into_iter().enumerate() {
            cache.advance(id, n as i64 + 1).await.unwrap();
        }
        assert_eq!(cache.map().len(), 2);
        assert_eq!(cache.last_seq("c").await.unwrap(), Some(3));
    }
}
