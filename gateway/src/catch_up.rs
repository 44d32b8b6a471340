//! After a connection moved to another server: the messages its client missed while it moved,
//! read through the public API (ListConversations, ListMessages) of the new server.
//!
//! Conversations with activity since the session began are looked at (the list is ordered by
//! last activity, so the scan stops at the first older one that is not pinned):
//! - where the client got messages in this session, everything after the first run of seqs it
//!   got, minus what it has (`Delivered`);
//! - where it got none, every message sent since the session began: none of them was pushed.
//!
//! "Since the session began" compares the gateway's clock with the send times the servers stamp,
//! so it assumes clocks kept in step (NTP); the seq ranges, which cover every conversation with
//! traffic in the session, do not depend on clocks.

use std::time::{SystemTime, UNIX_EPOCH};

use easychat_proto::im::v1::{self as im, PageDirection};
use prost_types::Timestamp;
use tonic::Status;

use crate::delivered::Delivered;
use crate::upstream::Calls;

/// Messages per ListMessages call.
const PAGE: i32 = 100;

#[derive(Debug)]
pub enum CatchUpError {
    /// An upstream call failed.
    Upstream(Status),
    /// More than the limit were missed: pushing them all would overflow the client's queue.
    TooMany(usize),
}

impl From<Status> for CatchUpError {
    fn from(status: Status) -> CatchUpError {
        CatchUpError::Upstream(status)
    }
}

/// What the catch-up looks at.
pub struct Since<'a> {
    /// When the session began (ms since the epoch).
    pub began_ms: i64,
    pub delivered: &'a Delivered,
    /// Messages the client gets otherwise (its own sends still waiting for their answer).
    pub skip: &'a (dyn Fn(&im::Message) -> bool + Sync),
    /// At most this many messages.
    pub limit: usize,
}

/// The missed messages, each conversation's in seq order.
pub async fn missed(calls: &Calls, since: &Since<'_>) -> Result<Vec<im::Message>, CatchUpError> {
    let mut missed = Vec::new();
    let mut page_token = String::new();
    loop {
        let page = calls.list_conversations(page_token).await?;
        for conversation in &page.conversations {
            let active = millis(conversation.update_time.as_ref()) >= since.began_ms;
            if !active && conversation.pinned {
                continue;
            }
            if !active {
                return Ok(missed);
            }
            let id = &conversation.conversation_id;
            // Past the first gap even when the listed max_seq says there is nothing: a message
            // stored and pushed while the connection moved may not show in the conversation's
            // max_seq yet (the store updates it after the message), and its push was missed.
            let found = match since.delivered.first_gap_after(id) {
                Some(from) => after(calls, id, from, conversation.max_seq, since).await?,
                None => sent_since(calls, id, since).await?,
            };
            missed.extend(found.into_iter().filter(|m| !(since.skip)(m)));
            if missed.len() > since.limit {
                return Err(CatchUpError::TooMany(since.limit));
            }
        }
        if page.next_page_token.is_empty() {
            return Ok(missed);
        }
        page_token = page.next_page_token;
    }
}

/// Messages after `from` up to `max_seq` the client does not have.
async fn after(
    calls: &Calls,
    conversation_id: &str,
    from: i64,
    max_seq: i64,
    since: &Since<'_>,
) -> Result<Vec<im::Message>, CatchUpError> {
    let mut found = Vec::new();
    let mut anchor = from;
    // At least one page, whatever `max_seq` says (see `missed`).
    let mut first = true;
    while std::mem::take(&mut first) || anchor < max_seq {
        let page = calls
            .list_messages(conversation_id, anchor, PageDirection::Forward, PAGE)
            .await?;
        let Some(last) = page.last() else { break };
        anchor = last.seq;
        let short = page.len() < PAGE as usize;
        found.extend(
            page.into_iter()
                .filter(|m| !since.delivered.contains(conversation_id, m.seq)),
        );
        if found.len() > since.limit {
            return Err(CatchUpError::TooMany(since.limit));
        }
        if short {
            break;
        }
    }
    Ok(found)
}

/// Messages sent since the session began, oldest first.
async fn sent_since(
    calls: &Calls,
    conversation_id: &str,
    since: &Since<'_>,
) -> Result<Vec<im::Message>, CatchUpError> {
    let mut found = Vec::new();
    let mut anchor = 0;
    loop {
        let page = calls
            .list_messages(conversation_id, anchor, PageDirection::Backward, PAGE)
            .await?;
        let short = page.len() < PAGE as usize;
        let mut older_reached = false;
        for message in page {
            if millis(message.send_time.as_ref()) < since.began_ms {
                older_reached = true;
                break;
            }
            anchor = message.seq;
            found.push(message);
        }
        if found.len() > since.limit {
            return Err(CatchUpError::TooMany(since.limit));
        }
        if short || older_reached || anchor <= 1 {
            break;
        }
    }
    found.reverse();
    Ok(found)
}

/// Now, in ms since the epoch.
pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}

/// A time stamped by the server, in ms since the epoch; 0 when missing.
fn millis(timestamp: Option<&Timestamp>) -> i64 {
    crate::push::millis(timestamp).unwrap_or(0)
}
