//! Versions of cached facts for one node (`CacheVersions`): a map of scope → (version, when set).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use async_trait::async_trait;

use crate::domain::ports::{CacheVersions, VERSION_LIFETIME_FACTOR};
use crate::error::Result;

/// Scopes kept before expired ones are dropped (a scope is a friendship or a group written in
/// the last `lifetime`; only their number of writes grows the map, and it shrinks again).
const PRUNE_ABOVE: usize = 10_000;

pub struct LocalVersions {
    /// How long a version lasts after its write; then the scope reads `None` again.
    lifetime: Duration,
    next: AtomicU64,
    scopes: Mutex<HashMap<String, (u64, Instant)>>,
}

impl LocalVersions {
    /// Versions for copies that live at most `copy_lifetime`.
    pub fn new(copy_lifetime: Duration) -> LocalVersions {
        LocalVersions {
            lifetime: copy_lifetime * VERSION_LIFETIME_FACTOR,
            next: AtomicU64::new(1),
            scopes: Mutex::new(HashMap::new()),
        }
    }

    fn scopes(&self) -> std::sync::MutexGuard<'_, HashMap<String, (u64, Instant)>> {
        // A panic while holding it cannot leave the map half-written: every change is one call.
        self.scopes.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[async_trait]
impl CacheVersions for LocalVersions {
    async fn current(&self, scope: &str) -> Result<Option<u64>> {
        let now = Instant::now();
        Ok(self
            .scopes()
            .get(scope)
            .filter(|(_, set)| now.duration_since(*set) < self.lifetime)
            .map(|(version, _)| *version))
    }

    async fn bump(&self, scopes: &[String]) -> Result<()> {
        let now = Instant::now();
        let mut map = self.scopes();
        if map.len() > PRUNE_ABOVE {
            map.retain(|_, (_, set)| now.duration_since(*set) < self.lifetime);
        }
        for scope in scopes {
            let version = self.next.fetch_add(1, Ordering::Relaxed);
            map.insert(scope.clone(), (version, now));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_bump_changes_the_version_until_it_expires() {
        let versions = LocalVersions::new(Duration::from_millis(20));
        assert_eq!(versions.current("g").await.unwrap(), None);
        versions.bump(&["g".to_owned()]).await.unwrap();
        let first = versions.current("g").await.unwrap();
        assert!(first.is_some());
        versions.bump(&["g".to_owned()]).await.unwrap();
        let second = versions.current("g").await.unwrap();
        assert!(second.is_some() && second != first);
        assert_eq!(versions.current("other").await.unwrap(), None);
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(versions.current("g").await.unwrap(), None, "expired");
    }
}
