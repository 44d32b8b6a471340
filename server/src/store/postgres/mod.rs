//! PostgreSQL (`backends.search.url`): the text index of messages for search when they are
//! stored in MongoDB, which has no index the stand-in supports for substrings (FerretDB 1.x has
//! no text index at all, and MongoDB's own does not split Chinese into words).
//!
//! One row per live text message (`message_text`) with a `pg_trgm` GIN index on the text: a
//! substring of 3 characters or more in any script is an index search (`ILIKE`), a shorter one
//! is answered from the (conversation, time) index of the searched conversations. The rows are
//! written by `IndexedMessages`, in front of the message store: after each store write and
//! before it is acknowledged, idempotently, so a failed index write fails the store call, whose
//! retry (the consumer's, or the client's with the same client_msg_id) writes it again.

mod indexed;
#[cfg(test)]
mod tests;

pub use indexed::IndexedMessages;

use anyhow::Context;
use async_trait::async_trait;
use sqlx::Row;
use sqlx::postgres::{PgPool, PgPoolOptions};

use crate::domain::model::{Content, Message};
use crate::domain::ports::{SearchCursor, SearchIndex, SearchScope};
use crate::error::{Error, Result};
use crate::store::sql::{like_pattern, to_i64};

/// Connections to PostgreSQL: the index is written once per stored batch and read by searches.
const POOL_SIZE: u32 = 8;

/// The advisory lock key of the setup below ("easychat" in ASCII).
const SETUP_LOCK: i64 = 0x6561_7379_6368_6174;

const SETUP: &[&str] = &[
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TABLE IF NOT EXISTS message_text (
        message_id      TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        seq             BIGINT NOT NULL,
        sent_at         BIGINT NOT NULL,
        text            TEXT NOT NULL
    )",
    "CREATE INDEX IF NOT EXISTS message_text_trigrams ON message_text USING gin (text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS message_text_by_conversation
        ON message_text (conversation_id, sent_at DESC, message_id DESC)",
];

#[derive(Clone)]
pub struct PgSearch {
    pool: PgPool,
}

impl PgSearch {
    /// Connects to `url` and creates the table and its indexes when missing.
    pub async fn open(url: &str) -> anyhow::Result<PgSearch> {
        let pool = PgPoolOptions::new()
            .max_connections(POOL_SIZE)
            .acquire_timeout(std::time::Duration::from_secs(5))
            .connect(url)
            .await
            .context("connecting to PostgreSQL")?;
        // `IF NOT EXISTS` does not hold against a concurrent `CREATE`: two nodes starting
        // together both found no index, and one failed on the catalog's unique name
        // ("duplicate key value violates unique constraint pg_class_relname_nsp_index"). The
        // setup runs in one transaction holding an advisory lock, so one node at a time does it
        // (DDL is transactional in PostgreSQL; the lock is released at commit).
        let mut setup = pool
            .begin()
            .await
            .context("starting the search index setup")?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(SETUP_LOCK)
            .execute(&mut *setup)
            .await
            .context("waiting for another node's search index setup")?;
        for statement in SETUP {
            sqlx::query(statement)
                .execute(&mut *setup)
                .await
                .with_context(|| format!("creating the search index: {statement}"))?;
        }
        setup
            .commit()
            .await
            .context("committing the search index setup")?;
        Ok(PgSearch { pool })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Indexes the live text messages among `messages`; ones indexed already are left as they
    /// are (a retry, or a duplicate's original).
    pub(crate) async fn index(&self, messages: &[&Message]) -> Result<()> {
        let texts: Vec<(&Message, &str)> = messages
            .iter()
            .filter(|m| m.recall.is_none())
            .filter_map(|m| match &m.content {
                Some(Content::Text { text }) => Some((*m, text.as_str())),
                _ => None,
            })
            .collect();
        if texts.is_empty() {
            return Ok(());
        }
        let mut ids = Vec::with_capacity(texts.len());
        let mut conversations = Vec::with_capacity(texts.len());
        let mut seqs = Vec::with_capacity(texts.len());
        let mut times = Vec::with_capacity(texts.len());
        let mut bodies = Vec::with_capacity(texts.len());
        for (message, text) in texts {
            ids.push(message.message_id.as_str());
            conversations.push(message.conversation_id.as_str());
            seqs.push(message.seq);
            times.push(message.sent_at);
            bodies.push(text);
        }
        sqlx::query(
            "INSERT INTO message_text (message_id, conversation_id, seq, sent_at, text)
             SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[])
             ON CONFLICT (message_id) DO NOTHING",
        )
        .bind(ids)
        .bind(conversations)
        .bind(seqs)
        .bind(times)
        .bind(bodies)
        .execute(&self.pool)
        .await
        .map_err(pg_error("indexing messages"))?;
        Ok(())
    }

    /// The message as it is after an edit or a recall: its new text, or no row.
    pub(crate) async fn reindex(&self, message: &Message) -> Result<()> {
        match (&message.recall, &message.content) {
            (None, Some(Content::Text { text })) => {
                sqlx::query(
                    "INSERT INTO message_text (message_id, conversation_id, seq, sent_at, text)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (message_id) DO UPDATE SET text = EXCLUDED.text",
                )
                .bind(&message.message_id)
                .bind(&message.conversation_id)
                .bind(message.seq)
                .bind(message.sent_at)
                .bind(text)
                .execute(&self.pool)
                .await
                .map_err(pg_error("re-indexing a message"))?;
            }
            _ => {
                sqlx::query("DELETE FROM message_text WHERE message_id = $1")
                    .bind(&message.message_id)
                    .execute(&self.pool)
                    .await
                    .map_err(pg_error("removing a message from the index"))?;
            }
        }
        Ok(())
    }
}

#[async_trait]
impl SearchIndex for PgSearch {
    async fn search(
        &self,
        scopes: &[SearchScope],
        query: &str,
        before: Option<&SearchCursor>,
        limit: u64,
    ) -> Result<Vec<String>> {
        if scopes.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let conversations: Vec<&str> = scopes.iter().map(|s| s.conversation_id.as_str()).collect();
        let after: Vec<i64> = scopes.iter().map(|s| s.after_seq).collect();
        // ILIKE folds more than ASCII; the domain keeps the ASCII rule of every index.
        let rows = sqlx::query(
            "SELECT t.message_id FROM message_text t
             JOIN unnest($1::text[], $2::bigint[]) AS scope(conversation_id, after_seq)
               ON t.conversation_id = scope.conversation_id AND t.seq > scope.after_seq
             WHERE t.text ILIKE $3 ESCAPE '!'
               AND ($4::bigint IS NULL OR (t.sent_at, t.message_id) < ($4, $5))
             ORDER BY t.sent_at DESC, t.message_id DESC LIMIT $6",
        )
        .bind(conversations)
        .bind(after)
        .bind(like_pattern(query))
        .bind(before.map(|c| c.sent_at))
        .bind(before.map(|c| c.message_id.as_str()).unwrap_or_default())
        .bind(to_i64(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(pg_error("searching messages"))?;
        Ok(rows.iter().map(|row| row.get("message_id")).collect())
    }
}

/// A failed index read or write (worth a retry when PostgreSQL could not be reached).
fn pg_error(context: &'static str) -> impl FnOnce(sqlx::Error) -> Error {
    crate::store::sql::db_error(context, |_| false)
}
