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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::StorageConfig;

    fn event(n: usize) -> OutboxEvent {
        OutboxEvent {
            event_id: format!("e{n}"),
            event_type: "user.online".to_owned(),
            created_at: n as i64,
            body: format!("{{\"n\":{n}}}").into_bytes(),
        }
    }

    fn ids(events: &[OutboxEvent]) -> Vec<&str> {
        events.iter().map(|e| e.event_id.as_str()).collect()
    }

    #[tokio::test]
    async fn each_endpoint_reads_in_order_from_where_it_committed() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path(), &StorageConfig::default())
            .await
            .unwrap();
        let names = ["a".to_owned(), "b".to_owned()];
        let outbox = store.webhook_outbox(&names).await.unwrap();
        outbox
            .append(&(0..5).map(event).collect::<Vec<_>>())
            .await
            .unwrap();

        let mut a = outbox.reader("a").await.unwrap();
        assert_eq!(ids(&a.next(3).await.unwrap()), ["e0", "e1", "e2"]);
        a.commit().await.unwrap();
        assert_eq!(ids(&a.next(10).await.unwrap()), ["e3", "e4"]);
        // Not committed: a reader opened again (a restart) reads e3 and e4 again.
        let mut a = outbox.reader("a").await.unwrap();
        assert_eq!(ids(&a.next(10).await.unwrap()), ["e3", "e4"]);
        a.commit().await.unwrap();

        // b has committed nothing, so nothing was deleted for it.
        let mut b = outbox.reader("b").await.unwrap();
        assert_eq!(b.next(10).await.unwrap().len(), 5);
        b.commit().await.unwrap();
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_events")
            .fetch_one(&store.read)
            .await
            .unwrap();
        assert_eq!(left, 0, "events every endpoint is past are deleted");

        // An endpoint no longer configured stops holding events back.
        let outbox = store.webhook_outbox(&names[..1]).await.unwrap();
        outbox.append(&[event(5)]).await.unwrap();
        let mut a = outbox.reader("a").await.unwrap();
        assert_eq!(ids(&a.next(10).await.unwrap()), ["e5"]);
        a.commit().await.unwrap();
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_events")
            .fetch_one(&store.read)
            .await
            .unwrap();
        assert_eq!(left, 0);
        store.close().await;
    }

    #[tokio::test]
    async fn a_waiting_reader_wakes_when_an_event_is_appended() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path(), &StorageConfig::default())
            .await
            .unwrap();
        let outbox = store.webhook_outbox(&["a".to_owned()]).await.unwrap();
        let mut reader = outbox.reader("a").await.unwrap();
        let waiting = tokio::spawn(async move { reader.next(10).await.unwrap() });
        tokio::time::sleep(Duration::from_millis(100)).await;
        outbox.append(&[event(1)]).await.unwrap();
        let got = tokio::time::timeout(Duration::from_millis(900), waiting)
            .await
            .expect("woken before the one-second wait ran out")
            .unwrap();
        assert_eq!(ids(&got), ["e1"]);
        store.close().await;
    }
}
