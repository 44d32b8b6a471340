//! Message search: the text messages of a user's conversations that contain a query, newest
//! first, with a snippet and where the query occurs in it. The index (`SearchIndex`) finds
//! candidates; what is shown is checked here against the message as it is now and as this user
//! may see it (not recalled, not deleted for them, after what they cleared or before they
//! joined, not from a user they blocked), so an index that lags an edit can only make a page shorter, never wrong.

use std::collections::HashMap;

use super::*;
use crate::domain::ports::{Page, SearchCursor, SearchScope};

const MAX_QUERY_CHARS: usize = 100;
const DEFAULT_SEARCH_PAGE: u64 = 20;
const MAX_SEARCH_PAGE: u64 = 50;
/// The most conversations one search covers: the user's most recently active.
const MAX_SEARCHED_CONVERSATIONS: u64 = 1000;
/// Characters of a snippet around the first match.
const SNIPPET_CHARS: usize = 80;
/// Characters kept before the first match when the text is cut.
const SNIPPET_LEAD: usize = 20;

/// A message found by `Messaging::search`.
#[derive(Debug, Clone)]
pub struct SearchHit {
    pub message: Message,
    pub snippet: String,
    /// Where the query occurs in `snippet`: [start, end) in chars.
    pub highlights: Vec<(usize, usize)>,
}

impl Messaging {
    /// One page of `me`'s text messages containing `query` (in `conversation_id` only, when
    /// given), newest first, and the next page's token ("" at the end).
    pub async fn search(
        &self,
        me: &str,
        query: &str,
        conversation_id: &str,
        page_size: i32,
        page_token: &str,
    ) -> Result<(Vec<SearchHit>, String)> {
        let index = self.search.as_ref().ok_or_else(|| {
            Error::precondition(
                Reason::SearchUnavailable,
                "message search is not configured on this server (backends.search.url)",
            )
        })?;
        let query = checked_query(query)?;
        let limit = PageRequest::parse(page_size, "", DEFAULT_SEARCH_PAGE, MAX_SEARCH_PAGE)?
            .page
            .limit;
        let before = match page_token {
            "" => None,
            token => Some(decode_search_token(token)?),
        };
        // Every well-formed attempt counts, refused ones included.
        self.limiter.check(me, Action::Search).await?;
        let scopes = self.search_scopes(me, conversation_id).await?;
        if scopes.is_empty() {
            return Ok((Vec::new(), String::new()));
        }
        let mut ids = index
            .search(&scopes, &query, before.as_ref(), limit + 1)
            .await?;
        let more = ids.len() as u64 > limit;
        ids.truncate(limit as usize);
        let mut found: HashMap<String, Message> = self
            .store
            .messages_by_ids(&ids)
            .await?
            .into_iter()
            .map(|m| (m.message_id.clone(), m))
            .collect();
        let mut last = None;
        let mut hits = Vec::with_capacity(ids.len());
        for id in &ids {
            let Some(message) = found.remove(id) else {
                continue;
            };
            last = Some(SearchCursor {
                sent_at: message.sent_at,
                message_id: message.message_id.clone(),
            });
            if let Some(hit) = hit_of(message, &query)
                && !self.store.is_deleted_for(me, id).await?
            {
                hits.push(hit);
            }
        }
        let blocked = self.social.blocked_ids(me).await?;
        hits.retain(|hit| !blocked.contains(&hit.message.sender_id));
        let mut messages: Vec<Message> = hits.iter().map(|h| h.message.clone()).collect();
        self.annotate(me, &mut messages).await?;
        for (hit, message) in hits.iter_mut().zip(messages) {
            hit.message = message;
        }
        let next = match (more, last) {
            (true, Some(last)) => encode_search_token(&last),
            _ => String::new(),
        };
        Ok((hits, next))
    }

    /// Where `me` may find messages: after each conversation's cleared seq (which is also
    /// where a member who joined a group late starts).
    async fn search_scopes(&self, me: &str, conversation_id: &str) -> Result<Vec<SearchScope>> {
        let scope = |state: UserConversation| SearchScope {
            conversation_id: state.conversation_id,
            after_seq: state.cleared_seq,
        };
        if !conversation_id.is_empty() {
            return Ok(vec![scope(self.membership(me, conversation_id).await?)]);
        }
        let everything = Page {
            offset: 0,
            limit: MAX_SEARCHED_CONVERSATIONS,
        };
        let states = self
            .store
            .list_user_conversations(me, true, everything)
            .await?;
        Ok(states.into_iter().map(scope).collect())
    }
}

fn checked_query(query: &str) -> Result<String> {
    let query = query.trim();
    let chars = query.chars().count();
    if chars == 0 {
        return Err(Error::invalid_field("query", "is required"));
    }
    if chars > MAX_QUERY_CHARS {
        return Err(Error::invalid_field(
            "query",
            format!("must be at most {MAX_QUERY_CHARS} characters"),
        ));
    }
    if query.chars().any(char::is_control) {
        return Err(Error::invalid_field(
            "query",
            "must not contain control characters",
        ));
    }
    Ok(query.to_owned())
}

/// The hit of `message` for `query`, if it is a live text message that contains it.
fn hit_of(message: Message, query: &str) -> Option<SearchHit> {
    if message.recall.is_some() {
        return None;
    }
    let Some(Content::Text { text }) = &message.content else {
        return None;
    };
    let text: Vec<char> = text.chars().collect();
    let query: Vec<char> = query.chars().collect();
    let matches = occurrences(&text, &query);
    let first = *matches.first()?;
    let (snippet, highlights) = snippet(&text, query.len(), first, &matches);
    Some(SearchHit {
        message,
        snippet,
        highlights,
    })
}

/// Where `query` starts in `text`, without overlaps, ASCII letters in any case (the rule every
/// index applies).
fn occurrences(text: &[char], query: &[char]) -> Vec<usize> {
    let mut found = Vec::new();
    if query.is_empty() || query.len() > text.len() {
        return found;
    }
    let mut at = 0;
    while at + query.len() <= text.len() {
        let matches = text[at..at + query.len()]
            .iter()
            .zip(query)
            .all(|(a, b)| a.eq_ignore_ascii_case(b));
        if matches {
            found.push(at);
            at += query.len();
        } else {
            at += 1;
        }
    }
    found
}

/// The text around the first match (`…` where it is cut) and the matches inside it.
fn snippet(
    text: &[char],
    query_len: usize,
    first: usize,
    matches: &[usize],
) -> (String, Vec<(usize, usize)>) {
    let (start, end) = if text.len() <= SNIPPET_CHARS {
        (0, text.len())
    } else {
        let start = first
            .saturating_sub(SNIPPET_LEAD)
            .min(text.len() - SNIPPET_CHARS);
        (start, start + SNIPPET_CHARS)
    };
    let lead = usize::from(start > 0);
    let mut snippet = String::new();
    if start > 0 {
        snippet.push('…');
    }
    snippet.extend(&text[start..end]);
    if end < text.len() {
        snippet.push('…');
    }
    let highlights = matches
        .iter()
        .filter(|&&at| at >= start && at + query_len <= end)
        .map(|&at| (at - start + lead, at - start + lead + query_len))
        .collect();
    (snippet, highlights)
}

fn encode_search_token(cursor: &SearchCursor) -> String {
    paging::encode(&format!("s1:{}:{}", cursor.sent_at, cursor.message_id))
}

fn decode_search_token(token: &str) -> Result<SearchCursor> {
    let raw = paging::decode(token)?;
    let mut parts = raw.splitn(3, ':');
    match (
        parts.next(),
        parts.next().map(str::parse::<i64>),
        parts.next(),
    ) {
        (Some("s1"), Some(Ok(sent_at)), Some(id)) if !id.is_empty() => Ok(SearchCursor {
            sent_at,
            message_id: parse_id("page_token", id).map_err(|_| paging::invalid_token())?,
        }),
        _ => Err(paging::invalid_token()),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn occurrences_ignore_ascii_case_and_never_overlap() {
        assert_eq!(
            occurrences(&chars("Hello hello HELLO"), &chars("hello")),
            [0, 6, 12]
        );
        assert_eq!(occurrences(&chars("aaaa"), &chars("aa")), [0, 2]);
        assert_eq!(
            occurrences(&chars("我们去吃饭吧，吃饭"), &chars("吃饭")),
            [3, 7]
        );
        assert!(occurrences(&chars("short"), &chars("much longer")).is_empty());
    }

    #[test]
    fn a_long_text_is_cut_around_the_first_match() {
        let text = format!("{}needle{}", "x".repeat(200), "y".repeat(200));
        let hit = hit_of(
            Message {
                message_id: "m".to_owned(),
                conversation_id: "c".to_owned(),
                kind: crate::domain::ids::ConversationKind::Single,
                sender_id: "u".to_owned(),
                seq: 1,
                client_msg_id: "c".to_owned(),
                content: Some(Content::Text { text }),
                sent_at: 1,
                recall: None,
                reply_to: None,
                edited_at: None,
                reactions: Vec::new(),
                mentions: Mentions::default(),
            },
            "NEEDLE",
        )
        .expect("a hit");
        assert!(hit.snippet.starts_with('…') && hit.snippet.ends_with('…'));
        let (start, end) = hit.highlights[0];
        let shown: String = hit.snippet.chars().skip(start).take(end - start).collect();
        assert_eq!(shown, "needle");
    }

    proptest! {
        /// Every highlight points at the query in the snippet, whatever the text.
        #[test]
        fn highlights_point_at_the_query(
            before in "[a-zA-Z 我们]{0,120}",
            after in "[a-zA-Z 吃饭]{0,120}",
            query in "[a-zA-Z吃]{1,6}",
        ) {
            let text: Vec<char> = format!("{before}{query}{after}").chars().collect();
            let q: Vec<char> = query.chars().collect();
            let matches = occurrences(&text, &q);
            prop_assert!(!matches.is_empty());
            let (snippet, highlights) = snippet(&text, q.len(), matches[0], &matches);
            let shown: Vec<char> = snippet.chars().collect();
            prop_assert!(!highlights.is_empty(), "the first match is always shown");
            for (start, end) in highlights {
                prop_assert!(end <= shown.len());
                let part = &shown[start..end];
                prop_assert!(part.iter().zip(&q).all(|(a, b)| a.eq_ignore_ascii_case(b)));
            }
        }

        #[test]
        fn search_tokens_read_back_or_are_refused(sent_at in any::<i64>(), junk in any::<String>()) {
            let cursor = SearchCursor { sent_at, message_id: crate::domain::ids::new_id() };
            prop_assert_eq!(decode_search_token(&encode_search_token(&cursor)).unwrap(), cursor);
            if let Err(error) = decode_search_token(&junk) {
                prop_assert_eq!(error.reason, Reason::InvalidPageToken);
            }
        }
    }
}
