//! Media uploads on SQLite (`MediaStore`).

use async_trait::async_trait;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{SqliteStore, db_error};
use crate::domain::model::{MediaKind, MediaRecord, Millis};
use crate::domain::ports::MediaStore;
use crate::error::{Error, Result};

fn kind_from(name: &str) -> Result<MediaKind> {
    match name {
        "image" => Ok(MediaKind::Image),
        "file" => Ok(MediaKind::File),
        "voice" => Ok(MediaKind::Voice),
        other => Err(Error::internal("reading a media kind", other)),
    }
}

fn record(row: &SqliteRow) -> Result<MediaRecord> {
    Ok(MediaRecord {
        media_id: row.get("media_id"),
        kind: kind_from(row.get::<&str, _>("kind"))?,
        mime_type: row.get("mime_type"),
        size: row.get("size"),
        sha256: row.get("sha256"),
        file_name: row.get("file_name"),
        width: row.get("width"),
        height: row.get("height"),
        uploader_id: row.get("uploader_id"),
        created_at: row.get("created_at"),
        completed: row.get("completed"),
    })
}

#[async_trait]
impl MediaStore for SqliteStore {
    async fn create_media(&self, media: &MediaRecord) -> Result<()> {
        sqlx::query(
            "INSERT INTO media (media_id, kind, mime_type, size, sha256, file_name, width, height,
                                uploader_id, created_at, completed)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&media.media_id)
        .bind(media.kind.as_str())
        .bind(&media.mime_type)
        .bind(media.size)
        .bind(&media.sha256)
        .bind(&media.file_name)
        .bind(media.width)
        .bind(media.height)
        .bind(&media.uploader_id)
        .bind(media.created_at)
        .bind(media.completed)
        .execute(&self.write)
        .await
        .map_err(db_error("reserving an upload"))?;
        Ok(())
    }

    async fn media(&self, media_id: &str) -> Result<Option<MediaRecord>> {
        let row = sqlx::query("SELECT * FROM media WHERE media_id = ?")
            .bind(media_id)
            .fetch_optional(&self.read)
            .await
            .map_err(db_error("reading an upload"))?;
        row.as_ref().map(record).transpose()
    }

    async fn complete_media(&self, media_id: &str, width: i32, height: i32) -> Result<()> {
        sqlx::query("UPDATE media SET completed = 1, width = ?, height = ? WHERE media_id = ?")
            .bind(width)
            .bind(height)
            .bind(media_id)
            .execute(&self.write)
            .await
            .map_err(db_error("completing an upload"))?;
        Ok(())
    }

    async fn uploaded_bytes(&self, uploader_id: &str, since: Millis) -> Result<i64> {
        sqlx::query_scalar(
            "SELECT COALESCE(SUM(size), 0) FROM media
             WHERE uploader_id = ? AND (completed = 1 OR created_at > ?)",
        )
        .bind(uploader_id)
        .bind(since)
        .fetch_one(&self.read)
        .await
        .map_err(db_error("summing a user's uploads"))
    }

    async fn share_media(&self, media_id: &str, conversation_id: &str) -> Result<()> {
        sqlx::query(
            "INSERT OR IGNORE INTO media_conversations (media_id, conversation_id) VALUES (?, ?)",
        )
        .bind(media_id)
        .bind(conversation_id)
        .execute(&self.write)
        .await
        .map_err(db_error("sharing an upload"))?;
        Ok(())
    }

    async fn media_conversations(&self, media_id: &str) -> Result<Vec<String>> {
        sqlx::query_scalar("SELECT conversation_id FROM media_conversations WHERE media_id = ?")
            .bind(media_id)
            .fetch_all(&self.read)
            .await
            .map_err(db_error("reading where an upload was sent"))
    }
}
