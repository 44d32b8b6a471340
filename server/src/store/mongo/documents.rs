//! The documents of the three collections and their conversion to domain types.
//!
//! - `messages`: one per message, `_id` = message id. `content` is absent once recalled;
//!   `deleted_for` (never loaded, see `MESSAGE_PROJECTION`) lists the users who deleted it for
//!   themselves.
//! - `conversations`: one per conversation, `_id` = conversation id: kind, max seq, updated at,
//!   and `sent_seqs`: each sender's last stored message (`SENT_SEQS`).
//! - `user_conversations`: one per (user, conversation): read and cleared seqs, flags.
//! - `reactions`: one per (message, user, emoji), `_id` = their `ReactionKey`; and
//!   `reaction_counts`: one per (message, emoji) with its count (`reactions` module).
//! - `mentions`: one per (message, mentioned user or `*`), written before the message
//!   (`mentions` module).
//! - `pins`: one per pinned message (`pins` module).
//!
//! A user's read seq is the higher of their `read_seq` and their entry in the conversation's
//! `sent_seqs` (senders have read what they sent). Storing a batch then updates one document
//! per conversation, not one more per sender: on the MongoDB stand-in a single-document update
//! costs as much as inserting ten messages, and a 1:1 batch had twice as many sender updates as
//! conversation updates (BENCHMARKS.md, "The production path").
//!
//! Seqs and times are always written as 64-bit integers. No field is ever written as null: an
//! optional field is absent, which a `{field: null}` filter matches.

use std::collections::HashMap;

use bson::{Document, doc};
use serde::{Deserialize, Serialize};

use crate::domain::ids::ConversationKind;
use crate::domain::model::{Content, Mentions, Message, Millis, Quote, Recall, UserConversation};
use crate::error::{Error, Result};

pub(super) const MESSAGES: &str = "messages";
pub(super) const CONVERSATIONS: &str = "conversations";
pub(super) const USER_CONVERSATIONS: &str = "user_conversations";
pub(super) const REACTIONS: &str = "reactions";
pub(super) const MENTIONS: &str = "mentions";
pub(super) const PINS: &str = "pins";
pub(super) const MEDIA: &str = "media";
pub(super) const MEDIA_CONVERSATIONS: &str = "media_conversations";
pub(super) const REACTION_COUNTS: &str = "reaction_counts";

/// Message reads leave out the list of users who deleted it: it can grow with the group and
/// no read needs it (filters use it server-side).
pub(super) fn message_projection() -> Document {
    doc! { "deleted_for": 0 }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct MessageDoc {
    #[serde(rename = "_id")]
    pub id: String,
    pub conversation_id: String,
    pub seq: i64,
    pub sender_id: String,
    pub client_msg_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Content>,
    pub sent_at: Millis,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recalled_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recalled_at: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<Quote>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_at: Option<Millis>,
    /// The mentioned users' ids, `EVERYONE` for a mention of every member.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<String>,
}

/// The `mentions` entry of a mention of everyone (user ids are UUIDs, never `*`).
pub(super) const EVERYONE: &str = "*";

/// The stored form of whom a message mentions.
pub(super) fn mentions_field(mentions: &Mentions) -> Vec<String> {
    let mut field = mentions.user_ids.clone();
    if mentions.all {
        field.push(EVERYONE.to_owned());
    }
    field
}

impl From<MessageDoc> for Message {
    fn from(doc: MessageDoc) -> Message {
        Message {
            kind: kind_of_conversation(&doc.conversation_id),
            message_id: doc.id,
            conversation_id: doc.conversation_id,
            sender_id: doc.sender_id,
            seq: doc.seq,
            client_msg_id: doc.client_msg_id,
            content: doc.content,
            sent_at: doc.sent_at,
            recall: doc.recalled_by.map(|by| Recall {
                by,
                at: doc.recalled_at.unwrap_or_default(),
            }),
            reply_to: doc.reply_to,
            edited_at: doc.edited_at,
            reactions: Vec::new(),
            mentions: Mentions {
                all: doc.mentions.iter().any(|id| id == EVERYONE),
                user_ids: doc
                    .mentions
                    .into_iter()
                    .filter(|id| id != EVERYONE)
                    .collect(),
            },
        }
    }
}

/// Group conversation ids start with `g_` (`domain::ids::ConversationId`).
fn kind_of_conversation(conversation_id: &str) -> ConversationKind {
    if conversation_id.starts_with("g_") {
        ConversationKind::Group
    } else {
        ConversationKind::Single
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct ConversationDoc {
    #[serde(rename = "_id")]
    pub id: String,
    /// `kind_to_db`.
    pub kind: i32,
    /// The highest seq whose message is stored and reported (raised after each insert).
    pub max_seq: i64,
    /// When the conversation last had a message (or was opened).
    pub updated_at: Millis,
    /// User id → the seq of their last stored message here. Loaded only where a read seq is
    /// needed, and then only the entries of the users concerned (`conversation_projection`).
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    pub sent_seqs: HashMap<String, i64>,
}

/// The conversation field holding each sender's last seq.
pub(super) const SENT_SEQS: &str = "sent_seqs";

/// The path of one user's entry in `sent_seqs`. User ids are UUIDs (`domain::ids`), so they
/// never contain the `.` or leading `$` a field name may not have; anything else is refused
/// rather than written under a wrong path.
pub(super) fn sent_seq_path(user_id: &str) -> Result<String> {
    if user_id.is_empty() || user_id.contains('.') || user_id.starts_with('$') {
        return Err(Error::internal(
            "naming a sender's seq",
            format!("user id {user_id:?} cannot be a field name"),
        ));
    }
    Ok(format!("{SENT_SEQS}.{user_id}"))
}

/// The conversation's fields, with `sent_seqs` cut down to the given users' entries (none when
/// empty): a group's map has an entry per member who has sent.
pub(super) fn conversation_projection(user_ids: &[&str]) -> Result<Document> {
    let mut projection = doc! { "kind": 1, "max_seq": 1, "updated_at": 1 };
    for user_id in user_ids {
        projection.insert(sent_seq_path(user_id)?, 1);
    }
    Ok(projection)
}

impl ConversationDoc {
    /// The seq of the user's last stored message here (0 when none, or not loaded).
    pub fn sent_seq(&self, user_id: &str) -> i64 {
        self.sent_seqs.get(user_id).copied().unwrap_or(0)
    }
}

pub(super) fn kind_to_db(kind: ConversationKind) -> i32 {
    match kind {
        ConversationKind::Single => 1,
        ConversationKind::Group => 2,
    }
}

fn kind_from_db(value: i32) -> ConversationKind {
    match value {
        2 => ConversationKind::Group,
        _ => ConversationKind::Single,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct UserConversationDoc {
    pub user_id: String,
    pub conversation_id: String,
    pub read_seq: i64,
    /// Messages up to this seq are not shown to the user (cleared, or before they joined).
    pub cleared_seq: i64,
    /// Absent when not hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_at_seq: Option<i64>,
    #[serde(default)]
    pub pinned: bool,
    #[serde(default)]
    pub muted: bool,
    pub opened_at: Millis,
}

impl UserConversationDoc {
    /// The user's view, with the conversation's own state.
    pub fn view(self, conversation: &ConversationDoc) -> UserConversation {
        UserConversation {
            kind: kind_from_db(conversation.kind),
            max_seq: conversation.max_seq,
            // A conversation opened for a user (they joined) counts as activity for them.
            updated_at: conversation.updated_at.max(self.opened_at),
            read_seq: self.read_seq.max(conversation.sent_seq(&self.user_id)),
            user_id: self.user_id,
            conversation_id: self.conversation_id,
            cleared_seq: self.cleared_seq,
            hidden_at_seq: self.hidden_at_seq,
            pinned: self.pinned,
            muted: self.muted,
        }
    }
}

/// The filter of one user's state in one conversation.
pub(super) fn user_conversation_key(user_id: &str, conversation_id: &str) -> Document {
    doc! { "user_id": user_id, "conversation_id": conversation_id }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(content: Content) -> MessageDoc {
        MessageDoc {
            id: "m".to_owned(),
            conversation_id: "g_1".to_owned(),
            seq: 7,
            sender_id: "u".to_owned(),
            client_msg_id: "c".to_owned(),
            content: Some(content),
            sent_at: 1,
            recalled_by: None,
            recalled_at: None,
            reply_to: None,
            edited_at: None,
            mentions: Vec::new(),
        }
    }

    #[test]
    fn every_content_kind_round_trips_through_bson() {
        let contents = [
            Content::Text {
                text: "hi".to_owned(),
            },
            Content::Image {
                url: "https://x/y.png".to_owned(),
                width: 3,
                height: 4,
                size: 1 << 40,
                media_id: Some("0193a8f6-0000-7000-8000-000000000001".to_owned()),
            },
            Content::File {
                url: "https://x/f".to_owned(),
                name: "f".to_owned(),
                size: 5,
                mime_type: "text/plain".to_owned(),
                media_id: None,
            },
            Content::Voice {
                url: "https://x/v".to_owned(),
                duration_ms: 1500,
                media_id: None,
            },
            Content::Location {
                latitude: 31.2,
                longitude: -121.5,
                title: "here".to_owned(),
            },
            Content::Custom {
                custom_type: "card".to_owned(),
                data: vec![0, 1, 254, 255],
            },
        ];
        for content in contents {
            let stored = bson::serialize_to_document(&message(content.clone())).unwrap();
            let loaded: MessageDoc = bson::deserialize_from_document(stored).unwrap();
            assert_eq!(loaded.content, Some(content));
        }
    }

    #[test]
    fn custom_data_is_stored_as_binary() {
        let stored = bson::serialize_to_document(&message(Content::Custom {
            custom_type: "card".to_owned(),
            data: vec![1, 2, 3],
        }))
        .unwrap();
        let data = stored.get_document("content").unwrap().get("data").unwrap();
        assert!(
            matches!(data, bson::Bson::Binary(b) if b.bytes == [1, 2, 3]),
            "{data:?}"
        );
    }

    #[test]
    fn optional_fields_are_absent_not_null() {
        let mut doc = message(Content::Text {
            text: "x".to_owned(),
        });
        doc.content = None;
        let stored = bson::serialize_to_document(&doc).unwrap();
        for field in ["content", "recalled_by", "recalled_at"] {
            assert!(!stored.contains_key(field), "{field} is written");
        }
        assert_eq!(stored.get_i64("seq").unwrap(), 7);
        assert_eq!(Message::from(doc).kind, ConversationKind::Group);
    }
}
