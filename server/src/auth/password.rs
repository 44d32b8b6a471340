//! Password hashing with argon2id (the crate's default parameters, OWASP's minimum).
//! Hashing is deliberately slow, so it runs on the blocking pool, off the async workers.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::error::{Error, Result};

pub async fn hash(password: &str) -> Result<String> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| Error::internal("hashing a password", e))
    })
    .await
    .map_err(|e| Error::internal("hashing a password", e))?
}

/// Whether `password` matches `stored` (a PHC string made by `hash`).
pub async fn verify(password: &str, stored: &str) -> Result<bool> {
    let password = password.to_owned();
    let stored = stored.to_owned();
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&stored)
            .map_err(|e| Error::internal("reading a password hash", e))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| Error::internal("verifying a password", e))?
}
