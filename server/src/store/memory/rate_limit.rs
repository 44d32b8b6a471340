//! Token buckets in this process's memory: the embedded `RateLimiter`. Each node counts on its
//! own, so with several nodes a user gets the budget once per node; `store::redis` shares it.

use std::collections::HashMap;
use std::sync::Mutex;

use async_trait::async_trait;
use tokio::time::Instant;

use crate::config::Limits;
use crate::domain::ports::{Action, RateLimiter};
use crate::domain::rate_limits::Budgets;
use crate::error::Result;

/// Buckets are swept when the map has grown to this many since the last sweep (at least)…
const MIN_SWEEP_AT: usize = 1024;
/// …and at least this often whatever its size, so a burst of keys that never come back is
/// forgotten once it refilled, not kept until the map grows again.
const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(10);

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

#[derive(Debug)]
struct Buckets {
    by_key: HashMap<(Action, String), Bucket>,
    sweep_at: usize,
    swept: Instant,
}

/// Memory stays bounded by the keys active within one refill period (plus `SWEEP_EVERY`): a
/// bucket left alone until it is full again is the same as no bucket, and is evicted by the next
/// sweep. Keys are short: the domain validates what it builds them from (phone numbers, ids).
#[derive(Debug)]
pub struct LocalRateLimiter {
    budgets: Budgets,
    buckets: Mutex<Buckets>,
}

impl LocalRateLimiter {
    pub fn new(limits: &Limits) -> LocalRateLimiter {
        LocalRateLimiter {
            budgets: Budgets::new(limits),
            buckets: Mutex::new(Buckets {
                by_key: HashMap::new(),
                sweep_at: MIN_SWEEP_AT,
                swept: Instant::now(),
            }),
        }
    }

    /// Number of buckets held (for tests of the eviction).
    pub fn bucket_count(&self) -> usize {
        self.lock().by_key.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Buckets> {
        self.buckets.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Drops every bucket that has refilled completely.
    fn sweep(&self, buckets: &mut Buckets, now: Instant) {
        buckets.by_key.retain(|(action, _), bucket| {
            self.budgets
                .get(*action)
                .is_some_and(|budget| now.duration_since(bucket.updated) < budget.idle_after())
        });
        buckets.by_key.shrink_to_fit();
        buckets.sweep_at = (buckets.by_key.len() * 2).max(MIN_SWEEP_AT);
        buckets.swept = now;
    }
}

#[async_trait]
impl RateLimiter for LocalRateLimiter {
    async fn check(&self, key: &str, action: Action) -> Result<()> {
        let Some(budget) = self.budgets.get(action) else {
            return Ok(());
        };
        let now = Instant::now();
        let mut buckets = self.lock();
        if buckets.by_key.len() >= buckets.sweep_at
            || now.duration_since(buckets.swept) >= SWEEP_EVERY
        {
            self.sweep(&mut buckets, now);
        }
        let bucket = buckets
            .by_key
            .entry((action, key.to_owned()))
            .or_insert(Bucket {
                tokens: budget.capacity,
                updated: now,
            });
        let elapsed = now.duration_since(bucket.updated).as_secs_f64();
        let tokens = (bucket.tokens + elapsed * budget.per_sec).min(budget.capacity);
        bucket.updated = now;
        if tokens >= 1.0 {
            bucket.tokens = tokens - 1.0;
            Ok(())
        } else {
            bucket.tokens = tokens;
            Err(budget.exceeded(budget.wait_for_one(tokens)))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn limiter() -> LocalRateLimiter {
        LocalRateLimiter::new(&Limits {
            messages_per_second: 2.0,
            message_burst: 3,
            ..Limits::default()
        })
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_over_the_budget_is_refused_until_it_refills() {
        let limiter = limiter();
        for _ in 0..3 {
            limiter
                .check("alice", Action::SendMessage)
                .await
                .expect("within burst");
        }
        let refused = limiter
            .check("alice", Action::SendMessage)
            .await
            .unwrap_err();
        assert_eq!(refused.reason, crate::error::Reason::RateLimited);
        assert_eq!(refused.retry_after, Some(Duration::from_millis(500)));
        limiter
            .check("bob", Action::SendMessage)
            .await
            .expect("bob has his own budget");

        tokio::time::advance(Duration::from_millis(500)).await;
        limiter
            .check("alice", Action::SendMessage)
            .await
            .expect("refilled");
    }

    #[tokio::test(start_paused = true)]
    async fn buckets_that_refilled_are_evicted() {
        let limiter = limiter();
        for n in 0..MIN_SWEEP_AT {
            limiter
                .check(&format!("user-{n}"), Action::SendMessage)
                .await
                .expect("first send");
        }
        assert_eq!(limiter.bucket_count(), MIN_SWEEP_AT);
        // 3 tokens at 2 per second: full again after 1.5 s.
        tokio::time::advance(Duration::from_secs(2)).await;
        limiter
            .check("late", Action::SendMessage)
            .await
            .expect("send");
        assert_eq!(limiter.bucket_count(), 1, "only the new bucket is left");
    }

    #[tokio::test(start_paused = true)]
    async fn a_few_buckets_that_refilled_are_evicted_by_age() {
        let limiter = limiter();
        for n in 0..10 {
            limiter
                .check(&format!("user-{n}"), Action::SendMessage)
                .await
                .expect("first send");
        }
        // Far below the size that triggers a sweep: only age can evict them.
        tokio::time::advance(SWEEP_EVERY).await;
        limiter
            .check("late", Action::SendMessage)
            .await
            .expect("send");
        assert_eq!(limiter.bucket_count(), 1, "only the new bucket is left");
    }
}
