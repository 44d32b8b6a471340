//! The writes the embedded store's group commit applies, and what each comes to: shared by the
//! writer (which queues them and, when a batch fails, applies them one by one) and `batch`
//! (which applies a whole batch in one transaction).

use sqlx::Row;

use super::db_error;
use crate::domain::model::{Appended, Message, NewMessage};
use crate::error::{Error, Reason, Result};

/// A queued write.
pub(super) enum Write {
    /// Boxed: a message is ten times the size of a read position.
    Append {
        message: Box<NewMessage>,
        /// The content's stored form (JSON), encoded by the caller, not the writer.
        content: String,
    },
    MarkRead {
        user_id: String,
        conversation_id: String,
        seq: i64,
    },
}

/// What a write of a batch comes to (once the batch has committed).
pub(super) enum Outcome {
    Appended(Box<Appended>),
    Read(i64),
    Failed(Error),
}

/// Why a batch cannot be committed together.
pub(super) enum Anomaly {
    /// A message goes to a conversation that does not exist (each job must learn on its own).
    MissingConversation,
    Failed(Error),
}

impl From<Error> for Anomaly {
    fn from(error: Error) -> Self {
        Anomaly::Failed(error)
    }
}

pub(super) async fn mark_read<'e>(
    executor: impl sqlx::SqliteExecutor<'e>,
    user_id: &str,
    conversation_id: &str,
    seq: i64,
) -> Result<i64> {
    let row = sqlx::query(
        "UPDATE user_conversations
         SET read_seq = MAX(read_seq, MIN(?1, (SELECT max_seq FROM conversations WHERE id = ?3)))
         WHERE user_id = ?2 AND conversation_id = ?3 RETURNING read_seq",
    )
    .bind(seq)
    .bind(user_id)
    .bind(conversation_id)
    .fetch_optional(executor)
    .await
    .map_err(db_error("marking read"))?;
    row.map(|row| row.get("read_seq")).ok_or_else(|| {
        Error::denied(
            Reason::NotConversationMember,
            "you do not belong to this conversation",
        )
    })
}

/// The message as stored with `seq`.
pub(super) fn stored_form(message: &NewMessage, seq: i64) -> Message {
    Message {
        message_id: message.message_id.clone(),
        conversation_id: message.conversation_id.clone(),
        kind: message.kind,
        sender_id: message.sender_id.clone(),
        seq,
        client_msg_id: message.client_msg_id.clone(),
        content: Some(message.content.clone()),
        sent_at: message.sent_at,
        recall: None,
        reply_to: message.reply_to.clone(),
        edited_at: None,
        reactions: Vec::new(),
        mentions: message.mentions.clone(),
    }
}

/// The stored form (JSON) of whom the message mentions, if anyone (a `Mentions` always encodes).
pub(super) fn mentions_json(message: &NewMessage) -> Option<String> {
    (!message.mentions.is_empty())
        .then(|| serde_json::to_string(&message.mentions).ok())
        .flatten()
}

/// The `mentions` rows of a stored message: one per mentioned user, `*` for everyone.
pub(super) async fn insert_mentions<'e>(
    executor: impl sqlx::SqliteExecutor<'e>,
    message: &NewMessage,
    seq: i64,
) -> Result<()> {
    let mentions = &message.mentions;
    let users: Vec<&str> = mentions
        .user_ids
        .iter()
        .map(String::as_str)
        .chain(mentions.all.then_some(EVERYONE))
        .collect();
    if users.is_empty() {
        return Ok(());
    }
    let rows = vec!["(?, ?, ?)"; users.len()].join(", ");
    let sql =
        format!("INSERT OR IGNORE INTO mentions (conversation_id, user_id, seq) VALUES {rows}");
    let mut query = sqlx::query(&sql);
    for user in users {
        query = query
            .bind(message.conversation_id.as_str())
            .bind(user)
            .bind(seq);
    }
    query
        .execute(executor)
        .await
        .map_err(db_error("storing mentions"))?;
    Ok(())
}

/// The `mentions.user_id` of a mention of everyone (user ids are UUIDs, never `*`).
pub(super) const EVERYONE: &str = "*";

/// The stored form (JSON) of the message's quote, if it replies to one. A `Quote` is strings and
/// numbers, which always encode.
pub(super) fn reply_to_json(message: &NewMessage) -> Option<String> {
    message
        .reply_to
        .as_ref()
        .and_then(|quote| serde_json::to_string(quote).ok())
}
