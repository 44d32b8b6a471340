//! Page tokens: opaque to clients, validated here so a forged or stale token is a clear
//! INVALID_ARGUMENT rather than a silent restart from the beginning.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::ports::Page;
use crate::error::{Error, Result};

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
        "INVALID_PAGE_TOKEN",
        "page_token was not issued by this server for this list; start again without it",
    )
}
