//! One async mutex per key, created on first use and dropped when nobody holds or waits for it,
//! so the map only ever holds the keys in use.
//!
//! The Mongo store takes the lock of a conversation around choosing its next seq and inserting
//! the message: appends of one process to one conversation then never race each other for a seq
//! (that race is correct, thanks to the unique index, but every loser pays a retry). Read-seq
//! raises and clears take it too: FerretDB, the test server, does not apply `$max` atomically.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::OwnedMutexGuard;

#[derive(Debug, Default)]
pub(super) struct KeyedLocks {
    locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

/// Holds the lock of one key; releases it when dropped (also when the holder is cancelled).
pub(super) struct KeyGuard<'a> {
    owner: &'a KeyedLocks,
    key: String,
    guard: Option<OwnedMutexGuard<()>>,
}

impl KeyedLocks {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<tokio::sync::Mutex<()>>>> {
        self.locks.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits for the lock of `key`.
    pub(super) async fn lock(&self, key: &str) -> KeyGuard<'_> {
        let lock = self.map().entry(key.to_owned()).or_default().clone();
        let guard = lock.lock_owned().await;
        KeyGuard {
            owner: self,
            key: key.to_owned(),
            guard: Some(guard),
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.map().len()
    }
}

impl Drop for KeyGuard<'_> {
    fn drop(&mut self) {
        drop(self.guard.take());
        let mut map = self.owner.map();
        // Only the map's own reference left: nobody holds it and nobody waits (a waiter clones
        // the Arc under the map's mutex, which this holds now).
        if map
            .get(&self.key)
            .is_some_and(|lock| Arc::strong_count(lock) == 1)
        {
            map.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    // Paused clock: the timeout below fires only once every task is idle, i.e. when the waiter
    // is really blocked on the lock, not because the machine was slow.
    #[tokio::test(start_paused = true)]
    async fn one_holder_per_key_and_the_map_empties_after_use() {
        let locks = Arc::new(KeyedLocks::default());
        let first = locks.lock("a").await;
        // Another key is independent.
        drop(locks.lock("b").await);
        let (acquired, mut acquired_rx) = tokio::sync::mpsc::channel::<()>(1);
        let waiter = {
            let locks = locks.clone();
            tokio::spawn(async move {
                let _guard = locks.lock("a").await;
                let _ = acquired.send(()).await;
            })
        };
        tokio::time::timeout(Duration::from_secs(1), acquired_rx.recv())
            .await
            .expect_err("a second lock of the same key waits for the first");
        drop(first);
        acquired_rx
            .recv()
            .await
            .expect("the waiter gets the lock once it is free");
        waiter.await.expect("waiter finishes");
        assert_eq!(locks.len(), 0);
    }
}
