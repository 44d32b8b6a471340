//! Message search on SQLite (`SearchIndex`): the FTS5 trigram table `message_text`, kept by
//! triggers in the transaction of each insert, edit and recall (migration 0006), contentless
//! since migration 0009 (it holds the postings, not a second copy of each text), keyed by the
//! messages' own rowid `n` since migration 0010. A query of 3
//! characters or more is a phrase `MATCH`, which the trigram index answers as a substring search;
//! a shorter one (a 2-character Chinese word, say) has no trigram and scans the searched
//! conversations' text messages with `LIKE`. Both fold case at least for ASCII letters; the
//! domain keeps the ASCII rule.

use async_trait::async_trait;
use sqlx::Row;

use super::{SqliteStore, db_error};
use crate::domain::ports::{SearchCursor, SearchIndex, SearchScope};
use crate::error::Result;
use crate::store::sql::{like_pattern, to_i64};

/// The shortest query the trigram index can answer.
const MIN_TRIGRAM_CHARS: usize = 3;

/// `query` as an FTS5 phrase: in double quotes, its own double quotes doubled, so nothing in it
/// reads as query syntax.
fn phrase(query: &str) -> String {
    format!("\"{}\"", query.replace('"', "\"\""))
}

#[async_trait]
impl SearchIndex for SqliteStore {
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
        let values = vec!["(?, ?)"; scopes.len()].join(", ");
        // The index answers trigram queries; shorter ones read the text where it is kept.
        let (source, matching, pattern) = if query.chars().count() >= MIN_TRIGRAM_CHARS {
            (
                "message_text f JOIN messages m ON m.n = f.rowid",
                "f.text MATCH ?",
                phrase(query),
            )
        } else {
            (
                "messages m",
                "json_extract(m.content, '$.kind') = 'text'
                 AND json_extract(m.content, '$.text') LIKE ? ESCAPE '!'",
                like_pattern(query),
            )
        };
        let older = if before.is_some() {
            "AND (m.sent_at < ? OR (m.sent_at = ? AND m.id < ?))"
        } else {
            ""
        };
        let sql = format!(
            "WITH scope(conversation_id, after_seq) AS (VALUES {values})
             SELECT m.id FROM {source}
             JOIN scope ON scope.conversation_id = m.conversation_id AND m.seq > scope.after_seq
             WHERE {matching} {older}
             ORDER BY m.sent_at DESC, m.id DESC LIMIT ?"
        );
        let mut statement = sqlx::query(&sql);
        for scope in scopes {
            statement = statement
                .bind(scope.conversation_id.as_str())
                .bind(scope.after_seq);
        }
        statement = statement.bind(pattern);
        if let Some(cursor) = before {
            statement = statement
                .bind(cursor.sent_at)
                .bind(cursor.sent_at)
                .bind(cursor.message_id.as_str());
        }
        let rows = statement
            .bind(to_i64(limit))
            .fetch_all(&self.read)
            .await
            .map_err(db_error("searching messages"))?;
        Ok(rows.iter().map(|row| row.get("id")).collect())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use sqlx::migrate::Migrator;
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};

    use super::*;
    use crate::config::StorageConfig;
    use crate::domain::ports::MessageStore;

    const MIGRATIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite");

    /// A database at the schema before `until` (exclusive), with its migrations applied from
    /// the repository's own files.
    async fn database_before(data_dir: &Path, until: &str) -> SqlitePool {
        let older = data_dir.join("older-migrations");
        std::fs::create_dir_all(&older).unwrap();
        for entry in std::fs::read_dir(MIGRATIONS).unwrap() {
            let entry = entry.unwrap();
            if entry.file_name().to_string_lossy().as_ref() < until {
                std::fs::copy(entry.path(), older.join(entry.file_name())).unwrap();
            }
        }
        let pool = SqlitePool::connect_with(
            SqliteConnectOptions::new()
                .filename(data_dir.join("easychat.db"))
                .create_if_missing(true),
        )
        .await
        .unwrap();
        Migrator::new(older.as_path())
            .await
            .unwrap()
            .run(&pool)
            .await
            .unwrap();
        pool
    }

    /// The store opened on a database made before migration `until`, holding one message per
    /// content (stored JSON) in conversation `c1`: `m1`, `m2`, ... with seqs 1, 2, ...
    async fn store_with_messages_from_before(
        dir: &Path,
        until: &str,
        contents: &[&str],
    ) -> SqliteStore {
        let pool = database_before(dir, until).await;
        for (seq, content) in (1_i64..).zip(contents) {
            sqlx::query(
                "INSERT INTO messages (id, conversation_id, seq, sender_id, client_msg_id, content, sent_at)
                 VALUES (?, 'c1', ?, 'u1', ?, ?, ?)",
            )
            .bind(format!("m{seq}"))
            .bind(seq)
            .bind(format!("client-{seq}"))
            .bind(*content)
            .bind(seq)
            .execute(&pool)
            .await
            .unwrap();
        }
        pool.close().await;
        SqliteStore::open(dir, &StorageConfig::default())
            .await
            .unwrap()
    }

    /// The whole of conversation `c1`.
    fn c1() -> [SearchScope; 1] {
        [SearchScope {
            conversation_id: "c1".into(),
            after_seq: 0,
        }]
    }

    fn text(text: &str) -> String {
        serde_json::json!({"kind": "text", "text": text}).to_string()
    }

    #[tokio::test]
    async fn texts_stored_before_the_index_became_contentless_are_still_found() {
        let dir = tempfile::tempdir().unwrap();
        let contents = [text("the old harbour"), text("港口很远")];
        let contents: Vec<&str> = contents.iter().map(String::as_str).collect();
        let store = store_with_messages_from_before(dir.path(), "0009", &contents).await;
        let scope = c1();
        let trigram = store.search(&scope, "harb", None, 10).await.unwrap();
        let short = store.search(&scope, "港口", None, 10).await.unwrap();
        assert_eq!(trigram, ["m1"], "a trigram query reads the rebuilt index");
        assert_eq!(short, ["m2"], "a short query reads the messages");
        store.close().await;
    }

    #[tokio::test]
    async fn texts_stored_before_the_index_took_the_messages_own_key_are_found_edited_and_recalled()
    {
        let dir = tempfile::tempdir().unwrap();
        // Before 0010 the index's keys came from message_search_ids; a photo had none, so
        // old keys and new rowids differ.
        let contents = [
            text("the old harbour"),
            r#"{"kind":"image","url":"https://example.com/a.png","width":1,"height":1,"size":1}"#
                .to_owned(),
            text("a red lighthouse"),
            text("harbour lights at night"),
        ];
        let contents: Vec<&str> = contents.iter().map(String::as_str).collect();
        let store = store_with_messages_from_before(dir.path(), "0010", &contents).await;
        let scope = c1();
        let search = |query: &'static str| store.search(&scope, query, None, 10);
        assert_eq!(search("harbour").await.unwrap(), ["m4", "m1"]);
        assert_eq!(search("lighthouse").await.unwrap(), ["m3"]);

        let edited = crate::domain::model::Content::Text {
            text: "a green lighthouse".into(),
        };
        store.edit("m3", &edited, 10).await.unwrap();
        store.recall("m4", "u1", 11).await.unwrap();
        assert_eq!(search("red light").await.unwrap(), Vec::<String>::new());
        assert_eq!(search("green light").await.unwrap(), ["m3"]);
        assert_eq!(
            search("harbour").await.unwrap(),
            ["m1"],
            "the recalled text is gone"
        );
        store.close().await;
    }
}
