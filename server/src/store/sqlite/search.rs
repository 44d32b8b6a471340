//! Message search on SQLite (`SearchIndex`): the FTS5 trigram table `message_text`, kept by
//! triggers in the transaction of each insert, edit and recall (migration 0006). A query of 3
//! characters or more is a phrase `MATCH`, which the trigram index answers as a substring search;
//! a shorter one (a 2-character Chinese word, say) has no trigram and scans the table with `LIKE`.
//! Both fold case at least for ASCII letters; the domain keeps the ASCII rule.

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
        let (matching, pattern) = if query.chars().count() >= MIN_TRIGRAM_CHARS {
            ("f.text MATCH ?", phrase(query))
        } else {
            ("f.text LIKE ? ESCAPE '!'", like_pattern(query))
        };
        let older = if before.is_some() {
            "AND (m.sent_at < ? OR (m.sent_at = ? AND m.id < ?))"
        } else {
            ""
        };
        let sql = format!(
            "WITH scope(conversation_id, after_seq) AS (VALUES {values})
             SELECT m.id FROM message_text f
             JOIN message_search_ids s ON s.id = f.rowid
             JOIN messages m ON m.id = s.message_id
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
