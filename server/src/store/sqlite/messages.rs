//! Messages and conversation state on SQLite.
//!
//! A conversation row holds the max seq; appending a message increments it and inserts the
//! message in one transaction, so seqs are dense and never reused, and the unique index on
//! (sender, client_msg_id) makes a retry find the original instead of storing a second copy.
//! Appends and read positions are group-committed (see `writer`).

use async_trait::async_trait;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{SqliteStore, db_error};
use crate::domain::ids::ConversationKind;
use crate::domain::model::*;
use crate::domain::ports::{AfterAppend, MessageStore, Page};
use crate::error::{Error, Reason, Result};
use crate::store::sql::to_i64;

pub(super) const MESSAGE_COLUMNS: &str = "id, conversation_id, seq, sender_id, client_msg_id, content, sent_at, recalled_by, recalled_at, reply_to, edited_at, mentions";
const USER_CONVERSATION_COLUMNS: &str = "uc.user_id, uc.conversation_id, uc.read_seq,
    uc.cleared_seq, uc.hidden_at_seq, uc.pinned, uc.muted, c.kind, c.max_seq,
    MAX(c.updated_at, uc.opened_at) AS updated_at";

fn kind_to_db(kind: ConversationKind) -> i64 {
    match kind {
        ConversationKind::Single => 1,
        ConversationKind::Group => 2,
    }
}

fn kind_from_db(value: i64) -> ConversationKind {
    match value {
        2 => ConversationKind::Group,
        _ => ConversationKind::Single,
    }
}

pub(super) fn message_from_row(row: &SqliteRow) -> Result<Message> {
    let conversation_id: String = row.get("conversation_id");
    let content: Option<String> = row.get("content");
    let content = content
        .map(|json| serde_json::from_str(&json))
        .transpose()
        .map_err(|e| Error::internal("decoding stored message content", e))?;
    let reply_to: Option<String> = row.get("reply_to");
    let reply_to = reply_to
        .map(|json| serde_json::from_str(&json))
        .transpose()
        .map_err(|e| Error::internal("decoding a stored reply's quote", e))?;
    let mentions: Option<String> = row.get("mentions");
    let mentions = mentions
        .map(|json| serde_json::from_str(&json))
        .transpose()
        .map_err(|e| Error::internal("decoding a stored message's mentions", e))?
        .unwrap_or_default();
    let recalled_by: Option<String> = row.get("recalled_by");
    let recalled_at: Option<i64> = row.get("recalled_at");
    Ok(Message {
        message_id: row.get("id"),
        kind: if conversation_id.starts_with("g_") {
            ConversationKind::Group
        } else {
            ConversationKind::Single
        },
        conversation_id,
        sender_id: row.get("sender_id"),
        seq: row.get("seq"),
        client_msg_id: row.get("client_msg_id"),
        content,
        sent_at: row.get("sent_at"),
        recall: recalled_by.map(|by| Recall {
            by,
            at: recalled_at.unwrap_or_default(),
        }),
        reply_to,
        edited_at: row.get("edited_at"),
        reactions: Vec::new(),
        mentions,
    })
}

fn user_conversation_from_row(row: &SqliteRow) -> UserConversation {
    UserConversation {
        user_id: row.get("user_id"),
        conversation_id: row.get("conversation_id"),
        kind: kind_from_db(row.get("kind")),
        max_seq: row.get("max_seq"),
        read_seq: row.get("read_seq"),
        cleared_seq: row.get("cleared_seq"),
        hidden_at_seq: row.get("hidden_at_seq"),
        pinned: row.get::<i64, _>("pinned") != 0,
        muted: row.get::<i64, _>("muted") != 0,
        updated_at: row.get("updated_at"),
    }
}

#[async_trait]
impl MessageStore for SqliteStore {
    async fn open_conversation(
        &self,
        conversation_id: &str,
        kind: ConversationKind,
        user_ids: &[String],
        now: Millis,
    ) -> Result<()> {
        let context = "opening a conversation";
        let mut tx = self.write.begin().await.map_err(db_error(context))?;
        sqlx::query(
            "INSERT OR IGNORE INTO conversations (id, kind, max_seq, updated_at) VALUES (?, ?, 0, ?)",
        )
        .bind(conversation_id)
        .bind(kind_to_db(kind))
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_error(context))?;
        for user_id in user_ids {
            // A newcomer starts at the current end: earlier history is not theirs to read.
            sqlx::query(
                "INSERT OR IGNORE INTO user_conversations
                 (user_id, conversation_id, read_seq, cleared_seq, opened_at)
                 SELECT ?, id, max_seq, max_seq, ? FROM conversations WHERE id = ?",
            )
            .bind(user_id)
            .bind(now)
            .bind(conversation_id)
            .execute(&mut *tx)
            .await
            .map_err(db_error(context))?;
        }
        tx.commit().await.map_err(db_error(context))
    }

    async fn close_conversation(&self, conversation_id: &str, user_ids: &[String]) -> Result<()> {
        if user_ids.is_empty() {
            return Ok(());
        }
        let placeholders = vec!["?"; user_ids.len()].join(", ");
        let sql = format!(
            "DELETE FROM user_conversations WHERE conversation_id = ? AND user_id IN ({placeholders})"
        );
        let mut query = sqlx::query(&sql).bind(conversation_id);
        for id in user_ids {
            query = query.bind(id);
        }
        query
            .execute(&self.write)
            .await
            .map_err(db_error("closing a conversation"))?;
        Ok(())
    }

    async fn append(&self, message: &NewMessage) -> Result<Appended> {
        self.writer.append(message, None).await
    }

    async fn append_then(&self, message: &NewMessage, after: AfterAppend) -> Result<Appended> {
        self.writer.append(message, Some(after)).await
    }

    async fn message(&self, message_id: &str) -> Result<Option<Message>> {
        let row = sqlx::query(&format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = ?"
        ))
        .bind(message_id)
        .fetch_optional(&self.read)
        .await
        .map_err(db_error("loading a message"))?;
        row.as_ref().map(message_from_row).transpose()
    }

    async fn history(
        &self,
        user_id: &str,
        conversation_id: &str,
        cleared_seq: i64,
        page: HistoryPage,
        limit: u64,
    ) -> Result<Vec<Message>> {
        let (bound, order) = match page {
            HistoryPage::Backward { before } => (
                format!("seq > ?3 AND ({before} = 0 OR seq < {before})"),
                "DESC",
            ),
            HistoryPage::Forward { after } => (format!("seq > MAX(?3, {after})"), "ASC"),
        };
        let rows = sqlx::query(&format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages m WHERE conversation_id = ?1 AND {bound}
             AND NOT EXISTS (SELECT 1 FROM deleted_messages d WHERE d.user_id = ?2 AND d.message_id = m.id)
             ORDER BY seq {order} LIMIT ?4"
        ))
        .bind(conversation_id)
        .bind(user_id)
        .bind(cleared_seq)
        .bind(to_i64(limit))
        .fetch_all(&self.read)
        .await
        .map_err(db_error("reading history"))?;
        rows.iter().map(message_from_row).collect()
    }

    async fn is_deleted_for(&self, user_id: &str, message_id: &str) -> Result<bool> {
        let row =
            sqlx::query("SELECT 1 FROM deleted_messages WHERE user_id = ? AND message_id = ?")
                .bind(user_id)
                .bind(message_id)
                .fetch_optional(&self.read)
                .await
                .map_err(db_error("checking a deleted message"))?;
        Ok(row.is_some())
    }

    async fn user_conversation(
        &self,
        user_id: &str,
        conversation_id: &str,
    ) -> Result<Option<UserConversation>> {
        let row = sqlx::query(&format!(
            "SELECT {USER_CONVERSATION_COLUMNS} FROM user_conversations uc
             JOIN conversations c ON c.id = uc.conversation_id
             WHERE uc.user_id = ? AND uc.conversation_id = ?"
        ))
        .bind(user_id)
        .bind(conversation_id)
        .fetch_optional(&self.read)
        .await
        .map_err(db_error("loading a conversation"))?;
        Ok(row.as_ref().map(user_conversation_from_row))
    }

    async fn list_user_conversations(
        &self,
        user_id: &str,
        include_hidden: bool,
        page: Page,
    ) -> Result<Vec<UserConversation>> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_CONVERSATION_COLUMNS} FROM user_conversations uc
             JOIN conversations c ON c.id = uc.conversation_id
             WHERE uc.user_id = ? AND (? OR uc.hidden_at_seq IS NULL OR c.max_seq > uc.hidden_at_seq)
             ORDER BY uc.pinned DESC, updated_at DESC, c.id LIMIT ? OFFSET ?"
        ))
        .bind(user_id)
        .bind(include_hidden)
        .bind(to_i64(page.limit))
        .bind(to_i64(page.offset))
        .fetch_all(&self.read)
        .await
        .map_err(db_error("listing conversations"))?;
        Ok(rows.iter().map(user_conversation_from_row).collect())
    }

    async fn update_user_conversation(
        &self,
        user_id: &str,
        conversation_id: &str,
        patch: &ConversationPatch,
    ) -> Result<()> {
        let hidden_at_seq = match patch.hidden {
            None => "hidden_at_seq",
            Some(true) => "(SELECT max_seq FROM conversations WHERE id = ?4)",
            Some(false) => "NULL",
        };
        sqlx::query(&format!(
            "UPDATE user_conversations SET hidden_at_seq = {hidden_at_seq},
             pinned = COALESCE(?1, pinned), muted = COALESCE(?2, muted)
             WHERE user_id = ?3 AND conversation_id = ?4"
        ))
        .bind(patch.pinned)
        .bind(patch.muted)
        .bind(user_id)
        .bind(conversation_id)
        .execute(&self.write)
        .await
        .map_err(db_error("updating a conversation"))?;
        Ok(())
    }

    async fn mark_read(&self, user_id: &str, conversation_id: &str, seq: i64) -> Result<i64> {
        self.writer.mark_read(user_id, conversation_id, seq).await
    }

    async fn read_seqs(&self, conversation_id: &str) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query(
            "SELECT user_id, read_seq FROM user_conversations WHERE conversation_id = ?",
        )
        .bind(conversation_id)
        .fetch_all(&self.read)
        .await
        .map_err(db_error("loading read positions"))?;
        Ok(rows
            .iter()
            .map(|row| (row.get("user_id"), row.get("read_seq")))
            .collect())
    }

    async fn recall(&self, message_id: &str, by: &str, at: Millis) -> Result<Message> {
        let row = sqlx::query(&format!(
            "UPDATE messages SET content = NULL,
             recalled_by = COALESCE(recalled_by, ?), recalled_at = COALESCE(recalled_at, ?)
             WHERE id = ? RETURNING {MESSAGE_COLUMNS}"
        ))
        .bind(by)
        .bind(at)
        .bind(message_id)
        .fetch_optional(&self.write)
        .await
        .map_err(db_error("recalling a message"))?;
        let row =
            row.ok_or_else(|| Error::not_found(Reason::MessageNotFound, "no such message"))?;
        message_from_row(&row)
    }

    async fn mentioned_after(
        &self,
        user_id: &str,
        conversation_id: &str,
        after_seq: i64,
    ) -> Result<bool> {
        let row = sqlx::query(
            "SELECT 1 FROM mentions WHERE conversation_id = ?1 AND user_id = ?2 AND seq > ?4
             UNION ALL
             SELECT 1 FROM mentions WHERE conversation_id = ?1 AND user_id = ?3 AND seq > ?4
             LIMIT 1",
        )
        .bind(conversation_id)
        .bind(user_id)
        .bind(super::writes::EVERYONE)
        .bind(after_seq)
        .fetch_optional(&self.read)
        .await
        .map_err(db_error("looking for mentions"))?;
        Ok(row.is_some())
    }

    async fn messages_by_ids(&self, message_ids: &[String]) -> Result<Vec<Message>> {
        if message_ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = vec!["?"; message_ids.len()].join(", ");
        let sql = format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE id IN ({placeholders})");
        let mut query = sqlx::query(&sql);
        for id in message_ids {
            query = query.bind(id);
        }
        let rows = query
            .fetch_all(&self.read)
            .await
            .map_err(db_error("loading messages"))?;
        rows.iter().map(message_from_row).collect()
    }

    async fn edit(
        &self,
        message_id: &str,
        content: &Content,
        at: Millis,
    ) -> Result<Option<Message>> {
        let content = serde_json::to_string(content)
            .map_err(|e| Error::internal("encoding edited content", e))?;
        let edited = sqlx::query(&format!(
            "UPDATE messages SET content = ?, edited_at = ?
             WHERE id = ? AND recalled_by IS NULL RETURNING {MESSAGE_COLUMNS}"
        ))
        .bind(content)
        .bind(at)
        .bind(message_id)
        .fetch_optional(&self.write)
        .await
        .map_err(db_error("editing a message"))?;
        match edited {
            Some(row) => message_from_row(&row).map(Some),
            None => match self.message(message_id).await? {
                Some(_) => Ok(None),
                None => Err(Error::not_found(Reason::MessageNotFound, "no such message")),
            },
        }
    }

    async fn delete_for_user(
        &self,
        user_id: &str,
        conversation_id: &str,
        message_ids: &[String],
    ) -> Result<u64> {
        let context = "deleting messages";
        let mut tx = self.write.begin().await.map_err(db_error(context))?;
        let mut deleted = 0;
        for message_id in message_ids {
            let result = sqlx::query(
                "INSERT OR IGNORE INTO deleted_messages (user_id, message_id, conversation_id)
                 SELECT ?, id, conversation_id FROM messages WHERE id = ? AND conversation_id = ?",
            )
            .bind(user_id)
            .bind(message_id)
            .bind(conversation_id)
            .execute(&mut *tx)
            .await
            .map_err(db_error(context))?;
            deleted += result.rows_affected();
        }
        tx.commit().await.map_err(db_error(context))?;
        Ok(deleted)
    }

    async fn clear_for_user(&self, user_id: &str, conversation_id: &str) -> Result<i64> {
        let row = sqlx::query(
            "UPDATE user_conversations
             SET cleared_seq = (SELECT max_seq FROM conversations WHERE id = ?2),
                 read_seq = MAX(read_seq, (SELECT max_seq FROM conversations WHERE id = ?2))
             WHERE user_id = ?1 AND conversation_id = ?2 RETURNING cleared_seq",
        )
        .bind(user_id)
        .bind(conversation_id)
        .fetch_optional(&self.write)
        .await
        .map_err(db_error("clearing a conversation"))?;
        row.map(|row| row.get("cleared_seq")).ok_or_else(|| {
            Error::denied(
                Reason::NotConversationMember,
                "you do not belong to this conversation",
            )
        })
    }
}
