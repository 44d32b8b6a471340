//! Pinned messages on SQLite (`PinStore`): the bound is checked in the pin's transaction, so it
//! is exact.

use async_trait::async_trait;
use sqlx::Row;

use super::{SqliteStore, db_error};
use crate::domain::model::Pin;
use crate::domain::ports::{PinAdded, PinStore};
use crate::error::Result;

#[async_trait]
impl PinStore for SqliteStore {
    async fn pin(&self, conversation_id: &str, pin: &Pin, max: u32) -> Result<PinAdded> {
        let context = "pinning a message";
        let mut tx = self.write.begin().await.map_err(db_error(context))?;
        let row = sqlx::query(
            "SELECT EXISTS (SELECT 1 FROM pinned_messages WHERE conversation_id = ?1 AND message_id = ?2) AS pinned,
                    (SELECT COUNT(*) FROM pinned_messages WHERE conversation_id = ?1) AS pins",
        )
        .bind(conversation_id)
        .bind(&pin.message_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_error(context))?;
        if row.get::<bool, _>("pinned") {
            return Ok(PinAdded::AlreadyPinned);
        }
        if row.get::<i64, _>("pins") >= i64::from(max) {
            return Ok(PinAdded::TooMany);
        }
        sqlx::query(
            "INSERT INTO pinned_messages (conversation_id, message_id, seq, pinned_by, pinned_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(conversation_id)
        .bind(&pin.message_id)
        .bind(pin.seq)
        .bind(&pin.pinned_by)
        .bind(pin.pinned_at)
        .execute(&mut *tx)
        .await
        .map_err(db_error(context))?;
        tx.commit().await.map_err(db_error(context))?;
        Ok(PinAdded::Pinned)
    }

    async fn unpin(&self, conversation_id: &str, message_id: &str) -> Result<bool> {
        let deleted =
            sqlx::query("DELETE FROM pinned_messages WHERE conversation_id = ? AND message_id = ?")
                .bind(conversation_id)
                .bind(message_id)
                .execute(&self.write)
                .await
                .map_err(db_error("unpinning a message"))?;
        Ok(deleted.rows_affected() > 0)
    }

    async fn pins(&self, conversation_id: &str) -> Result<Vec<Pin>> {
        let rows = sqlx::query(
            "SELECT message_id, seq, pinned_by, pinned_at FROM pinned_messages
             WHERE conversation_id = ? ORDER BY pinned_at DESC, seq DESC",
        )
        .bind(conversation_id)
        .fetch_all(&self.read)
        .await
        .map_err(db_error("listing pinned messages"))?;
        Ok(rows
            .iter()
            .map(|row| Pin {
                message_id: row.get("message_id"),
                seq: row.get("seq"),
                pinned_by: row.get("pinned_by"),
                pinned_at: row.get("pinned_at"),
            })
            .collect())
    }
}
