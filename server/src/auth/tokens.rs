//! Bearer tokens: HS256 JWTs naming the user, the token id (for revocation) and the user's
//! token version (bumped by a password change, which revokes every older token at once).

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Serialize};

use crate::domain::ids::new_id;
use crate::domain::model::{Millis, now_millis};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Claims {
    /// User id.
    sub: String,
    /// Token id.
    jti: String,
    /// Token version of the user when issued.
    ver: i64,
    /// Issued at / expires at, in seconds.
    iat: i64,
    exp: i64,
}

/// A token just issued.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub token: String,
    pub expires_at: Millis,
}

/// What a valid token says about its bearer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenClaims {
    pub user_id: String,
    pub token_id: String,
    pub token_version: i64,
    pub expires_at: Millis,
}

#[derive(Clone)]
pub struct TokenIssuer {
    encoding: EncodingKey,
    decoding: DecodingKey,
    ttl_secs: i64,
}

impl std::fmt::Debug for TokenIssuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenIssuer")
            .field("ttl_secs", &self.ttl_secs)
            .finish_non_exhaustive()
    }
}

impl TokenIssuer {
    pub fn new(secret: &[u8], ttl_secs: u64) -> TokenIssuer {
        TokenIssuer {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            ttl_secs: ttl_secs.min(i64::MAX as u64 / 2000) as i64,
        }
    }

    pub fn issue(&self, user_id: &str, token_version: i64) -> Result<IssuedToken> {
        let now = now_millis() / 1000;
        let claims = Claims {
            sub: user_id.to_owned(),
            jti: new_id(),
            ver: token_version,
            iat: now,
            exp: now + self.ttl_secs,
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| Error::internal("signing a token", e))?;
        Ok(IssuedToken {
            token,
            expires_at: claims.exp * 1000,
        })
    }

    /// Checks signature and expiry. Revocation is checked by the caller against the stores.
    pub fn verify(&self, token: &str) -> Result<TokenClaims> {
        let mut validation = Validation::new(Algorithm::HS256);
        // Expiry is exact: a client told "expires at T" must not find the token working after T.
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub", "jti"]);
        match jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation) {
            Ok(data) => Ok(TokenClaims {
                user_id: data.claims.sub,
                token_id: data.claims.jti,
                token_version: data.claims.ver,
                // Saturating: a token signed with our secret but made elsewhere may say anything.
                expires_at: data.claims.exp.saturating_mul(1000),
            }),
            Err(e) if matches!(e.kind(), ErrorKind::ExpiredSignature) => Err(
                Error::unauthenticated("TOKEN_EXPIRED", "the token has expired: log in again"),
            ),
            Err(_) => Err(Error::unauthenticated(
                "TOKEN_INVALID",
                "the token is malformed or was not issued by this server",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_token_verifies_with_its_claims() {
        let issuer = TokenIssuer::new(b"secret", 60);
        let issued = issuer.issue("u1", 3).unwrap();
        let claims = issuer.verify(&issued.token).unwrap();
        assert_eq!(claims.user_id, "u1");
        assert_eq!(claims.token_version, 3);
        assert_eq!(claims.expires_at, issued.expires_at);
    }

    #[test]
    fn token_of_another_secret_is_invalid() {
        let token = TokenIssuer::new(b"one", 60).issue("u1", 0).unwrap().token;
        let err = TokenIssuer::new(b"two", 60).verify(&token).unwrap_err();
        assert_eq!(err.reason, "TOKEN_INVALID");
    }
}
