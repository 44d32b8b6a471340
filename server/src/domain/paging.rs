//! Page tokens: opaque to clients, validated here so a forged or stale token is a clear
//! INVALID_ARGUMENT rather than a silent restart from the beginning.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::ports::Page;
use crate::error::{Error, Reason, Result};

const OFFSET_PREFIX: &str = "o1:";

/// Page size and position requested by a List RPC.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub page: Page,
}

impl PageRequest {
    /// Reads `page_size` (0 = `default`, above `max` = `max`, negative refused) and `page_token`.
    pub fn parse(page_size: i32, page_token: &str, default: u64, max: u64) -> Result<PageRequest> {
        let limit = match page_size {
            n if n < 0 => return Err(Error::invalid_field("page_size", "must not be negative")),
            0 => default,
            n => (n as u64).min(max),
        };
        let offset = if page_token.is_empty() {
            0
        } else {
            decode_offset(page_token)?
        };
        Ok(PageRequest {
            page: Page { offset, limit },
        })
    }

    /// The store query: one row more than the page, to know whether another page follows.
    pub fn probe(&self) -> Page {
        Page {
            offset: self.page.offset,
            limit: self.page.limit + 1,
        }
    }

    /// Cuts the probe result to the page and returns the next page token ("" at the end).
    pub fn finish<T>(&self, mut rows: Vec<T>) -> (Vec<T>, String) {
        if rows.len() as u64 > self.page.limit {
            rows.truncate(self.page.limit as usize);
            let next = self.page.offset + self.page.limit;
            (rows, encode(&format!("{OFFSET_PREFIX}{next}")))
        } else {
            (rows, String::new())
        }
    }
}

pub fn encode(raw: &str) -> String {
    URL_SAFE_NO_PAD.encode(raw)
}

/// Decodes a token made by `encode`; anything else is INVALID_PAGE_TOKEN.
pub fn decode(token: &str) -> Result<String> {
    URL_SAFE_NO_PAD
        .decode(token)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(invalid_token)
}

fn decode_offset(token: &str) -> Result<u64> {
    decode(token)?
        .strip_prefix(OFFSET_PREFIX)
        .and_then(|n| n.parse().ok())
        .ok_or_else(invalid_token)
}

pub fn invalid_token() -> Error {
    Error::invalid(
        Reason::InvalidPageToken,
        "page_token was not issued by this server for this list; start again without it",
    )
}

/// Property tests: 256 cases each (proptest's default), `PROPTEST_CASES` for a longer run
/// (docs/testing.md).
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::error::ErrorKind;

    fn assert_invalid_token(error: &Error) {
        assert_eq!(error.kind, ErrorKind::InvalidArgument);
        assert_eq!(error.reason, Reason::InvalidPageToken);
        // The message is fixed: a forged token is never echoed back.
        assert_eq!(error.message, invalid_token().message);
    }

    /// Tokens: base64 of offsets and near misses, and any text at all.
    fn token() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<u64>().prop_map(|n| encode(&format!("{OFFSET_PREFIX}{n}"))),
            "(o1:|o2:|o1|h1:f:|)[-+0-9a-z ]{0,24}".prop_map(|raw| encode(&raw)),
            "[A-Za-z0-9_=+/-]{0,40}",
            any::<String>(),
        ]
    }

    proptest! {
        #[test]
        fn any_text_encodes_and_decodes_to_itself(raw in any::<String>()) {
            let token = encode(&raw);
            prop_assert!(token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            prop_assert_eq!(decode(&token).expect("a token we made"), raw);
        }

        #[test]
        fn decoding_any_text_is_a_string_or_invalid_page_token(token in token()) {
            match decode(&token) {
                Ok(raw) => prop_assert_eq!(encode(&raw), token),
                Err(error) => assert_invalid_token(&error),
            }
        }

        #[test]
        fn page_requests_are_bounded_or_refused(
            page_size in any::<i32>(),
            token in token(),
            default in 1u64..100,
            extra in 0u64..1000,
        ) {
            let max = default + extra;
            match PageRequest::parse(page_size, &token, default, max) {
                Ok(request) => {
                    prop_assert!((1..=max).contains(&request.page.limit));
                    prop_assert!(page_size >= 0);
                    if page_size == 0 {
                        prop_assert_eq!(request.page.limit, default);
                    }
                    let raw = if token.is_empty() { None } else { Some(decode(&token).expect("accepted")) };
                    let offset = raw.map_or(0, |raw| raw[OFFSET_PREFIX.len()..].parse().expect("an offset"));
                    prop_assert_eq!(request.page.offset, offset);
                }
                Err(error) if page_size < 0 => {
                    prop_assert_eq!(error.reason, Reason::InvalidField);
                    prop_assert!(error.message.starts_with("page_size:"), "{}", error.message);
                }
                Err(error) => assert_invalid_token(&error),
            }
        }

        #[test]
        fn the_next_page_token_reads_back_as_the_next_offset(
            offset in 0u64..(u64::MAX / 2),
            page_size in 1i32..=500,
            rows in 0usize..600,
        ) {
            let first = encode(&format!("{OFFSET_PREFIX}{offset}"));
            let request = PageRequest::parse(page_size, &first, 50, 200).expect("a valid token");
            prop_assert_eq!(request.probe().limit, request.page.limit + 1);
            let (page, next) = request.finish(vec![(); rows]);
            prop_assert_eq!(page.len() as u64, (rows as u64).min(request.page.limit));
            if rows as u64 > request.page.limit {
                let following = PageRequest::parse(page_size, &next, 50, 200).expect("our own token");
                prop_assert_eq!(following.page.offset, offset + request.page.limit);
            } else {
                prop_assert_eq!(next, "");
            }
        }
    }
}
