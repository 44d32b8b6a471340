//! Password hashing with argon2id (the crate's default parameters, OWASP's minimum: 19 MiB and
//! two passes per hash).
//!
//! Hashing is deliberately slow and memory-hungry, so it runs on the blocking pool, off the
//! async workers, and no more than `concurrency` hashes run at once: unbounded, 64 concurrent
//! Registers took 1.5 GB and 44 threads. A bounded number more wait their turn; past that a call
//! is refused (UNAVAILABLE/SERVER_BUSY, retryable) instead of queueing without bound.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use tokio::sync::{OnceCell, Semaphore};

use crate::error::{Error, ErrorKind, Result};

/// The bounded pool of password hashers.
#[derive(Clone)]
pub struct Passwords {
    hashers: Arc<Semaphore>,
    /// Calls holding or waiting for a hasher.
    busy: Arc<AtomicUsize>,
    max_busy: usize,
    /// A hash of nothing anyone knows, verified for unknown accounts (see `verify_nothing`).
    decoy: Arc<OnceCell<String>>,
}

impl std::fmt::Debug for Passwords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passwords")
            .field("max_busy", &self.max_busy)
            .finish_non_exhaustive()
    }
}

/// Gives the busy count back however the call ends (cancelled included).
struct BusyGuard(Arc<AtomicUsize>);

impl Drop for BusyGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Passwords {
    /// `concurrency` hashes at once (0: one per CPU core), `queue` more waiting.
    pub fn new(concurrency: usize, queue: usize) -> Passwords {
        let concurrency = if concurrency == 0 {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        } else {
            concurrency
        };
        Passwords {
            hashers: Arc::new(Semaphore::new(concurrency)),
            busy: Arc::new(AtomicUsize::new(0)),
            max_busy: concurrency + queue,
            decoy: Arc::new(OnceCell::new()),
        }
    }

    pub async fn hash(&self, password: &str) -> Result<String> {
        let password = password.to_owned();
        self.run("hashing a password", move || {
            let salt = SaltString::generate(&mut rand::rngs::OsRng);
            Argon2::default()
                .hash_password(password.as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .map_err(|e| Error::internal("hashing a password", e))
        })
        .await
    }

    /// Whether `password` matches `stored` (a PHC string made by `hash`).
    pub async fn verify(&self, password: &str, stored: &str) -> Result<bool> {
        let password = password.to_owned();
        let stored = stored.to_owned();
        self.run("verifying a password", move || {
            let parsed = PasswordHash::new(&stored)
                .map_err(|e| Error::internal("reading a password hash", e))?;
            Ok(Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok())
        })
        .await
    }

    /// Does the work of a `verify` that fails, for a login to an account that does not exist:
    /// answering at once would tell a caller which phone numbers have accounts.
    pub async fn verify_nothing(&self, password: &str) -> Result<()> {
        let decoy = self
            .decoy
            .get_or_try_init(|| async {
                let unguessable = crate::domain::ids::new_id();
                self.hash(&unguessable).await
            })
            .await?;
        self.verify(password, decoy).await.map(|_| ())
    }

    async fn run<T: Send + 'static>(
        &self,
        context: &'static str,
        work: impl FnOnce() -> Result<T> + Send + 'static,
    ) -> Result<T> {
        if self.busy.fetch_add(1, Ordering::AcqRel) >= self.max_busy {
            self.busy.fetch_sub(1, Ordering::AcqRel);
            return Err(Error::new(
                ErrorKind::Unavailable,
                "SERVER_BUSY",
                "too many password checks in progress: retry in a moment",
            )
            .retry_after(Duration::from_secs(1)));
        }
        let _busy = BusyGuard(self.busy.clone());
        let _hasher = self
            .hashers
            .acquire()
            .await
            .map_err(|e| Error::internal(context, e))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| Error::internal(context, e))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let passwords = Passwords::new(1, 1);
        let hash = passwords.hash("correct horse").await.unwrap();
        assert!(passwords.verify("correct horse", &hash).await.unwrap());
        assert!(!passwords.verify("wrong horse", &hash).await.unwrap());
        passwords.verify_nothing("anything").await.unwrap();
    }

    #[tokio::test]
    async fn calls_past_the_pool_and_its_queue_are_refused_as_busy() {
        let passwords = Passwords::new(1, 1);
        let calls: Vec<_> = (0..6)
            .map(|n| {
                let passwords = passwords.clone();
                tokio::spawn(async move { passwords.hash(&format!("password-{n}")).await })
            })
            .collect();
        let mut busy = 0;
        let mut hashed = 0;
        for call in calls {
            match call.await.unwrap() {
                Ok(_) => hashed += 1,
                Err(e) => {
                    assert_eq!(e.reason, "SERVER_BUSY");
                    assert_eq!(e.kind, ErrorKind::Unavailable);
                    busy += 1;
                }
            }
        }
        assert!(
            hashed >= 2,
            "one hashing and one waiting always get through"
        );
        assert!(
            busy >= 1,
            "six at once do not fit one hasher and one waiting"
        );
        assert_eq!(passwords.busy.load(Ordering::Acquire), 0);
    }
}
