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
    }
}

/// The stored form (JSON) of the message's quote, if it replies to one. A `Quote` is strings and
/// numbers, which always encode.
pub(super) fn reply_to_json(message: &NewMessage) -> Option<String> {
    message
        .reply_to
        .as_ref()
        .and_then(|quote| serde_json::to_string(quote).ok())
}
