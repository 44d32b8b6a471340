//! Password hashing with argon2id (the crate's default parameters, OWASP's minimum: 19 MiB and
//! two passes per hash).
//!
//! Hashing is deliberately slow and memory-hungry, so it runs on a few threads of its own, off
//! the async workers, each reusing one 19 MiB work area for every hash it computes:
//! - at most `concurrency` hashes run at once; `queue` more wait, and past that a call is
//!   refused (UNAVAILABLE/SERVER_BUSY, retryable) instead of queueing without bound (unbounded,
//!   64 concurrent Registers took 1.5 GB and 44 threads);
//! - the work areas are allocated once, not per hash. Freeing a fresh 19 MiB area after every
//!   hash made glibc raise its mmap threshold to that size, after which every later hash (and
//!   any other large allocation) came from heap arenas that never shrank: 1.6 GB stayed after
//!   a benchmark had registered its users.

use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{OnceCell, oneshot};

use crate::error::{Error, ErrorKind, Reason, Result};

/// A hashing job: given the worker's work area, computes and answers.
type Job = Box<dyn FnOnce(&mut Vec<Block>) + Send>;

/// The bounded pool of password hashers. Its threads stop once every clone is dropped.
#[derive(Clone)]
pub struct Passwords {
    jobs: SyncSender<Job>,
    /// A hash of nothing anyone knows, verified for unknown accounts (see `verify_nothing`).
    decoy: Arc<OnceCell<String>>,
}

impl std::fmt::Debug for Passwords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passwords").finish_non_exhaustive()
    }
}

impl Passwords {
    /// `concurrency` hashing threads (0: one per CPU core), `queue` more calls waiting.
    pub fn new(concurrency: usize, queue: usize) -> Passwords {
        let concurrency = if concurrency == 0 {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        } else {
            concurrency
        };
        let (jobs, waiting) = sync_channel::<Job>(queue);
        let waiting = Arc::new(Mutex::new(waiting));
        for n in 0..concurrency {
            let waiting = waiting.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("easychat-argon2-{n}"))
                .spawn(move || hash_worker(&waiting));
            if let Err(e) = spawned {
                // Fewer hashers than asked; with none at all every call fails clearly below.
                tracing::error!(error = %e, "starting a password hashing thread");
            }
        }
        Passwords {
            jobs,
            decoy: Arc::new(OnceCell::new()),
        }
    }

    pub async fn hash(&self, password: &str) -> Result<String> {
        let password = password.to_owned();
        self.run("hashing a password", move |memory| {
            let salt = SaltString::generate(&mut rand::rngs::OsRng);
            hash_with(memory, &password, &salt)
        })
        .await
    }

    /// Whether `password` matches `stored` (a PHC string made by `hash`).
    pub async fn verify(&self, password: &str, stored: &str) -> Result<bool> {
        let password = password.to_owned();
        let stored = stored.to_owned();
        self.run("verifying a password", move |memory| {
            verify_with(memory, &password, &stored)
        })
        .await
    }

    /// Does the work of a `verify` that fails, for a login to an account that does not exist:
    /// answering at once would tell a caller which phone numbers have accounts.
    pub async fn verify_nothing(&self, password: &str) -> Result<()> {
        let decoy = self
            .decoy
            .get_or_try_init(|| async {
                let unguessable = super::ids::new_id();
                self.hash(&unguessable).await
            })
            .await?;
        self.verify(password, decoy).await.map(|_| ())
    }

    async fn run<T: Send + 'static>(
        &self,
        context: &'static str,
        work: impl FnOnce(&mut Vec<Block>) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move |memory| {
            let _ = answer.send(work(memory));
        });
        match self.jobs.try_send(job) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                return Err(Error::new(
                    ErrorKind::Unavailable,
                    Reason::ServerBusy,
                    "too many password checks in progress: retry in a moment",
                )
                .retry_after(Duration::from_secs(1)));
            }
            Err(TrySendError::Disconnected(_)) => {
                return Err(Error::internal(
                    context,
                    "no password hashing thread is running",
                ));
            }
        }
        answered
            .await
            .map_err(|_| Error::internal(context, "the hashing thread stopped"))?
    }
}

/// One hashing thread: takes jobs until the pool is dropped, with one work area for all.
fn hash_worker(waiting: &Mutex<Receiver<Job>>) {
    let mut memory = Vec::new();
    loop {
        let job = {
            let waiting = waiting.lock().unwrap_or_else(|e| e.into_inner());
            waiting.recv()
        };
        match job {
            Ok(job) => job(&mut memory),
            Err(_) => return,
        }
    }
}

/// The work area for `params`, grown (once, for the parameters this server uses) if needed.
fn work_area<'m>(memory: &'m mut Vec<Block>, params: &Params) -> &'m mut [Block] {
    let blocks = params.block_count();
    if memory.len() < blocks {
        *memory = vec![Block::default(); blocks];
    }
    &mut memory[..blocks]
}

fn hash_with(memory: &mut Vec<Block>, password: &str, salt: &SaltString) -> Result<String> {
    let failed = |e: &dyn std::fmt::Display| Error::internal("hashing a password", e);
    let params = Params::default();
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt
        .as_salt()
        .decode_b64(&mut salt_bytes)
        .map_err(|e| failed(&e))?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon2
        .hash_password_into_with_memory(
            password.as_bytes(),
            salt_bytes,
            &mut out,
            work_area(memory, &params),
        )
        .map_err(|e| failed(&e))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(phc.to_string())
}

fn verify_with(memory: &mut Vec<Block>, password: &str, stored: &str) -> Result<bool> {
    let unreadable = |e: &dyn std::fmt::Display| Error::internal("reading a password hash", e);
    let phc = PasswordHash::new(stored).map_err(|e| unreadable(&e))?;
    let algorithm = Algorithm::try_from(phc.algorithm).map_err(|e| unreadable(&e))?;
    let version = match phc.version {
        Some(version) => Version::try_from(version).map_err(|e| unreadable(&e))?,
        None => Version::default(),
    };
    let params = Params::try_from(&phc).map_err(|e| unreadable(&e))?;
    let (Some(salt), Some(expected)) = (phc.salt, phc.hash) else {
        return Err(unreadable(&"no salt or no hash"));
    };
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt
        .decode_b64(&mut salt_bytes)
        .map_err(|e| unreadable(&e))?;
    let mut out = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params.clone())
        .hash_password_into_with_memory(
            password.as_bytes(),
            salt_bytes,
            &mut out,
            work_area(memory, &params),
        )
        .map_err(|e| Error::internal("verifying a password", e))?;
    // `Output`'s equality is constant-time.
    Ok(Output::new(&out).is_ok_and(|computed| computed == expected))
}

#[cfg(test)]
mod tests {
    use argon2::PasswordHasher;

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
    async fn hashes_read_both_ways_with_the_crates_own_format() {
        let passwords = Passwords::new(1, 1);
        // Stored by earlier versions, which used the crate's PasswordHasher.
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        let theirs = Argon2::default()
            .hash_password(b"correct horse", &salt)
            .unwrap()
            .to_string();
        assert!(passwords.verify("correct horse", &theirs).await.unwrap());
        assert!(!passwords.verify("wrong horse", &theirs).await.unwrap());
        // And ours verify with the crate's verifier.
        let ours = passwords.hash("correct horse").await.unwrap();
        use argon2::PasswordVerifier;
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"correct horse", &parsed)
                .is_ok()
        );
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
                    assert_eq!(e.reason, Reason::ServerBusy);
                    assert_eq!(e.kind, ErrorKind::Unavailable);
                    busy += 1;
                }
            }
        }
        assert!(hashed >= 1, "the place in line is always taken");
        assert!(
            busy >= 1,
            "six at once do not fit one hasher and one waiting"
        );
    }
}
