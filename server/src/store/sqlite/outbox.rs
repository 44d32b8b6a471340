//! The embedded webhook outbox: events in a table in the order they were appended, and one
//! cursor per endpoint. An endpoint configured for the first time starts at the oldest event
//! still kept; events every configured endpoint is past are deleted.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::Row;
use sqlx::sqlite::SqlitePool;
use tokio::sync::Notify;

use super::{SqliteStore, db_error};
use crate::domain::ports::{EventOutbox, OutboxEvent, OutboxReader};
use crate::error::Result;

/// How long `next` waits for an event before answering empty.
const WAIT: Duration = Duration::from_secs(1);

#[derive(Clone)]
pub struct SqliteOutbox {
    write: SqlitePool,
    read: SqlitePool,
    /// Wakes the readers when events are appended.
    appended: Arc<Notify>,
}

impl SqliteStore {
    /// The outbox of the webhook endpoints named `endpoints`; cursors of endpoints no longer
    /// configured are dropped, so they no longer hold events back.
    pub async fn webhook_outbox(&self, endpoints: &[String]) -> anyhow::Result<SqliteOutbox> {
        let mut tx = self.write.begin().await?;
        let known: Vec<String> = sqlx::query_scalar("SELECT endpoint FROM webhook_cursors")
            .fetch_all(&mut *tx)
            .await?;
        for gone in known.iter().filter(|name| !endpoints.contains(name)) {
            sqlx::query("DELETE FROM webhook_cursors WHERE endpoint = ?")
                .bind(gone)
                .execute(&mut *tx)
                .await?;
        }
        for endpoint in endpoints {
            sqlx::query("INSERT OR IGNORE INTO webhook_cursors (endpoint, pos) VALUES (?, 0)")
                .bind(endpoint)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(SqliteOutbox {
            write: self.write.clone(),
            read: self.read.clone(),
            appended: Arc::new(Notify::new()),
        })
    }
}

#[async_trait]
impl EventOutbox for SqliteOutbox {
    async fn append(&self, events: &[OutboxEvent]) -> Result<()> {
        let mut tx = self
            .write
            .begin()
            .await
            .map_err(db_error("storing webhook events"))?;
        for event in events {
            sqlx::query(
                "INSERT INTO webhook_events (event_id, event_type, created_at, body) \
                 VALUES (?, ?, ?, ?)",
            )
            .bind(&event.event_id)
            .bind(&event.event_type)
            .bind(event.created_at)
            .bind(&event.body)
            .execute(&mut *tx)
            .await
            .map_err(db_error("storing webhook events"))?;
        }
        tx.commit()
            .await
            .map_err(db_error("storing webhook events"))?;
        self.appended.notify_waiters();
        Ok(())
    }

    async fn reader(&self, endpoint: &str) -> Result<Box<dyn OutboxReader>> {
        let pos: i64 = sqlx::query_scalar("SELECT pos FROM webhook_cursors WHERE endpoint = ?")
            .bind(endpoint)
            .fetch_optional(&self.read)
            .await
            .map_err(db_error("reading a webhook cursor"))?
            .unwrap_or(0);
        Ok(Box::new(SqliteReader {
            outbox: self.clone(),
            endpoint: endpoint.to_owned(),
            committed: pos,
            read: pos,
        }))
    }
}

struct SqliteReader {
    outbox: SqliteOutbox,
    endpoint: String,
    committed: i64,
    read: i64,
}

impl SqliteReader {
    async fn fetch(&mut self, max: usize) -> Result<Vec<OutboxEvent>> {
        let rows = sqlx::query(
            "SELECT pos, event_id, event_type, created_at, body FROM webhook_events \
             WHERE pos > ? ORDER BY pos LIMIT ?",
        )
        .bind(self.read)
        .bind(max as i64)
        .fetch_all(&self.outbox.read)
        .await
        .map_err(db_error("reading webhook events"))?;
        let mut events = Vec::with_capacity(rows.len());
        for row in rows {
            self.read = row.get("pos");
            events.push(OutboxEvent {
                event_id: row.get("event_id"),
                event_type: row.get("event_type"),
                created_at: row.get("created_at"),
                body: row.get("body"),
            });
        }
        Ok(events)
    }
}

#[async_trait]
impl OutboxReader for SqliteReader {
    async fn next(&mut self, max: usize) -> Result<Vec<OutboxEvent>> {
        // Armed before the read, so an append between the read and the wait still wakes us.
        let appended = self.outbox.appended.clone();
        let woken = appended.notified();
        tokio::pin!(woken);
        woken.as_mut().enable();
        let events = self.fetch(max).await?;
        if !events.is_empty() {
            return Ok(events);
        }
        let _ = tokio::time::timeout(WAIT, woken).await;
        self.fetch(max).await
    }

    async fn commit(&mut self) -> Result<()> {
        if self.read == self.committed {
            return Ok(());
        }
        let mut tx = self
            .outbox
            .write
            .begin()
            .await
            .map_err(db_error("committing a webhook cursor"))?;
        sqlx::query("UPDATE webhook_cursors SET pos = ? WHERE endpoint = ?")
            .bind(self.read)
            .bind(&self.endpoint)
            .execute(&mut *tx)
            .await
            .map_err(db_error("committing a webhook cursor"))?;
        sqlx::query(
            "DELETE FROM webhook_events WHERE pos <= (SELECT MIN(pos) FROM webhook_cursors)",
        )
        .execute(&mut *tx)
        .await
        .map_err(db_error("dropping delivered webhook events"))?;
        tx.commit()
            .await
            .map_err(db_error("committing a webhook cursor"))?;
        self.committed = self.read;
        Ok(())
    }
}
