//! Where a connection's bearer token comes from, in this order: `Authorization: Bearer <token>`,
//! the `Sec-WebSocket-Protocol` header (browsers cannot set other headers on a WebSocket), or
//! the `?token=` query parameter.
//!
//! A browser fails the handshake unless the server echoes one of the subprotocols it offered,
//! so one is always chosen when any was offered: the token's entry, or the first entry.

use axum::http::{HeaderMap, HeaderValue, header};

/// Subprotocol entries some clients put before the token (`["access_token", token]`); they are
/// never the token themselves.
const MARKERS: &[&str] = &["bearer", "access_token", "token"];

/// What the upgrade request carried.
#[derive(Debug, Default)]
pub struct Credentials {
    /// The bearer token, if any (never logged).
    pub token: Option<String>,
    /// The subprotocol to echo in the handshake response.
    pub protocol: Option<HeaderValue>,
}

/// Reads the token from the upgrade request's headers and its `token` query parameter.
pub fn extract(headers: &HeaderMap, query_token: Option<String>) -> Credentials {
    let offered: Vec<&str> = headers
        .get_all(header::SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .collect();
    let protocol_token = offered
        .iter()
        .find(|entry| !MARKERS.iter().any(|m| entry.eq_ignore_ascii_case(m)))
        .copied();

    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(bearer);

    let (token, echoed) = match (authorization, protocol_token) {
        (Some(token), _) => (Some(token.to_owned()), offered.first().copied()),
        (None, Some(token)) => (Some(token.to_owned()), Some(token)),
        (None, None) => (
            query_token.filter(|t| !t.is_empty()),
            offered.first().copied(),
        ),
    };
    Credentials {
        token,
        protocol: echoed.and_then(|p| HeaderValue::from_str(p).ok()),
    }
}

/// The token of an `Authorization: Bearer <token>` value; the scheme is case-insensitive.
fn bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name.clone(), HeaderValue::from_str(value).expect("header"));
        }
        map
    }

    #[test]
    fn the_subprotocol_is_the_token_and_is_echoed() {
        let found = extract(
            &headers(&[(header::SEC_WEBSOCKET_PROTOCOL, "abc.def")]),
            None,
        );
        assert_eq!(found.token.as_deref(), Some("abc.def"));
        assert_eq!(
            found.protocol.as_ref().map(|p| p.as_bytes()),
            Some(&b"abc.def"[..])
        );
    }

    #[test]
    fn a_marker_before_the_token_is_skipped() {
        let found = extract(
            &headers(&[(header::SEC_WEBSOCKET_PROTOCOL, "access_token, abc")]),
            None,
        );
        assert_eq!(found.token.as_deref(), Some("abc"));
    }

    #[test]
    fn authorization_wins_and_a_subprotocol_is_still_echoed() {
        let found = extract(
            &headers(&[
                (header::AUTHORIZATION, "bearer tok"),
                (header::SEC_WEBSOCKET_PROTOCOL, "chat"),
            ]),
            Some("other".into()),
        );
        assert_eq!(found.token.as_deref(), Some("tok"));
        assert_eq!(
            found.protocol.as_ref().map(|p| p.as_bytes()),
            Some(&b"chat"[..])
        );
    }

    #[test]
    fn the_query_is_the_last_resort() {
        let found = extract(&HeaderMap::new(), Some("q".into()));
        assert_eq!(found.token.as_deref(), Some("q"));
        assert!(found.protocol.is_none());
        assert!(extract(&HeaderMap::new(), None).token.is_none());
    }
}
