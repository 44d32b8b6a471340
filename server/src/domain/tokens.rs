//! Bearer tokens: HS256 JWTs naming the user, the token id (for revocation) and the user's
//! token version (bumped by a password change, which revokes every older token at once).

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Serialize};

use super::ids::new_id;
use super::model::{Millis, now_millis};
use crate::error::{Error, Reason, Result};

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

/// The authenticated user of a call: the claims of the token it presented.
#[derive(Debug, Clone)]
pub struct Caller {
    pub claims: TokenClaims,
}

impl Caller {
    pub fn user_id(&self) -> &str {
        &self.claims.user_id
    }
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
                Error::unauthenticated(Reason::TokenExpired, "the token has expired: log in again"),
            ),
            Err(_) => Err(Error::unauthenticated(
                Reason::TokenInvalid,
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
        assert_eq!(err.reason, Reason::TokenInvalid);
    }
}

/// Property tests: 256 cases each (proptest's default), `PROPTEST_CASES` for a longer run
/// (docs/testing.md).
#[cfg(test)]
mod properties {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use proptest::prelude::*;

    use super::*;

    const SECRET: &[u8] = b"property-secret";

    fn issuer() -> TokenIssuer {
        TokenIssuer::new(SECRET, 3600)
    }

    /// A refusal: TOKEN_INVALID or TOKEN_EXPIRED, with a fixed message (never the token).
    fn assert_refused(result: Result<TokenClaims>, token: &str) -> Reason {
        let error = match result {
            Ok(claims) => panic!("accepted {token:?} as {claims:?}"),
            Err(error) => error,
        };
        assert_eq!(error.kind, crate::error::ErrorKind::Unauthenticated);
        assert!(
            matches!(error.reason, Reason::TokenInvalid | Reason::TokenExpired),
            "{error}"
        );
        assert!(error.message.len() < 80, "{}", error.message);
        error.reason
    }

    /// `header.payload.signature` with the JSON parts as given and an HMAC of `secret` made
    /// with `alg` (none: an empty signature).
    fn forge(header: &str, payload: &str, secret: &[u8], alg: Option<Algorithm>) -> String {
        let signed = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(payload)
        );
        let signature = match alg {
            Some(alg) => jsonwebtoken::crypto::sign(
                signed.as_bytes(),
                &EncodingKey::from_secret(secret),
                alg,
            )
            .expect("an HMAC signature"),
            None => String::new(),
        };
        format!("{signed}.{signature}")
    }

    /// Claims, well-formed or not: wrong types, missing fields, extreme times.
    fn payload() -> impl Strategy<Value = String> {
        let now = now_millis() / 1000;
        let time = prop_oneof![
            (now - 1_000_000..now + 1_000_000).prop_map(|t| t.to_string()),
            any::<i64>().prop_map(|t| t.to_string()),
            Just("1e30".to_owned()),
            Just("-1".to_owned()),
            Just("\"soon\"".to_owned()),
            Just("null".to_owned()),
            Just("18446744073709551616".to_owned()),
        ];
        let text = prop_oneof![
            "[a-z0-9]{0,12}".prop_map(|s| format!("{s:?}")),
            Just("7".to_owned()),
            Just("null".to_owned()),
            Just("[]".to_owned()),
        ];
        let field = |name: &'static str, value: BoxedStrategy<String>| {
            proptest::option::weighted(0.9, value.prop_map(move |v| format!("\"{name}\":{v}")))
        };
        (
            field("sub", text.clone().boxed()),
            field("jti", text.boxed()),
            field("ver", time.clone().boxed()),
            field("iat", time.clone().boxed()),
            field("exp", time.boxed()),
        )
            .prop_map(|(a, b, c, d, e)| {
                let fields: Vec<String> = [a, b, c, d, e].into_iter().flatten().collect();
                format!("{{{}}}", fields.join(","))
            })
    }

    proptest! {
        #[test]
        fn any_text_is_refused(token in prop_oneof![
            any::<String>(),
            "[A-Za-z0-9_-]{0,40}\\.[A-Za-z0-9_-]{0,60}\\.[A-Za-z0-9_-]{0,43}",
            "[.a-zA-Z0-9=+/_-]{0,200}",
        ]) {
            assert_refused(issuer().verify(&token), &token);
        }

        /// Any change to a valid token (a character replaced, inserted or removed, in the
        /// header, payload or signature) makes it invalid.
        #[test]
        fn a_tampered_token_is_invalid(
            at in any::<prop::sample::Index>(),
            edit in 0u8..3,
            c in prop_oneof!["[A-Za-z0-9_-]", "[.=+/ ]", any::<char>().prop_map(String::from)],
        ) {
            let token = issuer().issue("u1", 1).expect("a token").token;
            let chars: Vec<char> = token.chars().collect();
            let at = at.index(chars.len());
            let c = c.chars().next().expect("a char");
            let mut tampered = chars.clone();
            match edit {
                0 => tampered[at] = c,
                1 => tampered.insert(at, c),
                _ => {
                    tampered.remove(at);
                }
            }
            let tampered: String = tampered.into_iter().collect();
            prop_assume!(tampered != token);
            prop_assert_eq!(assert_refused(issuer().verify(&tampered), &tampered), Reason::TokenInvalid);
        }

        /// Claims signed with another secret, another algorithm or none are refused, whatever
        /// they say; signed with ours, they verify or are refused without panicking.
        #[test]
        fn only_our_hs256_signature_is_accepted(
            payload in payload(),
            alg in prop_oneof![
                Just(None),
                Just(Some(Algorithm::HS256)),
                Just(Some(Algorithm::HS384)),
                Just(Some(Algorithm::HS512)),
            ],
            header_alg in prop_oneof![
                Just("HS256"), Just("none"), Just("None"), Just("HS512"), Just("RS256"), Just("")
            ],
            our_secret in any::<bool>(),
        ) {
            let header = format!(r#"{{"alg":"{header_alg}","typ":"JWT"}}"#);
            let secret: &[u8] = if our_secret { SECRET } else { b"someone-else" };
            let token = forge(&header, &payload, secret, alg);
            let result = issuer().verify(&token);
            let genuine = our_secret && alg == Some(Algorithm::HS256) && header_alg == "HS256";
            if !genuine {
                prop_assert_eq!(assert_refused(result, &token), Reason::TokenInvalid);
            } else if let Ok(claims) = result {
                // Accepted claims are the well-formed, unexpired ones.
                prop_assert!(claims.expires_at > now_millis() - 1000, "{payload}");
            } else {
                assert_refused(result, &token);
            }
        }

        /// A token with our signature and any times verifies or is refused, without
        /// overflowing.
        #[test]
        fn our_signature_with_any_times_never_panics(
            exp in prop_oneof![any::<i64>(), Just(i64::MAX), Just(i64::MIN)],
            iat in any::<i64>(),
        ) {
            let payload = format!(r#"{{"sub":"u1","jti":"t1","ver":0,"iat":{iat},"exp":{exp}}}"#);
            let token = forge(r#"{"alg":"HS256","typ":"JWT"}"#, &payload, SECRET, Some(Algorithm::HS256));
            let now = now_millis() / 1000;
            match issuer().verify(&token) {
                Ok(claims) => {
                    prop_assert!(exp >= now);
                    prop_assert_eq!(claims.user_id, "u1");
                }
                // A negative exp is malformed.
                Err(error) if exp < 0 => prop_assert_eq!(error.reason, Reason::TokenInvalid),
                Err(error) => {
                    prop_assert!(exp <= now);
                    prop_assert_eq!(error.reason, Reason::TokenExpired);
                }
            }
        }

        /// Huge tokens are refused like small ones.
        #[test]
        fn huge_tokens_are_refused(repeat in 1usize..64, junk in "[A-Za-z0-9_.-]{1,16}") {
            let token = issuer().issue("u1", 1).expect("a token").token;
            let huge = format!("{token}{}", junk.repeat(repeat * 1024));
            prop_assert_eq!(assert_refused(issuer().verify(&huge), "(huge)"), Reason::TokenInvalid);
        }
    }
}
