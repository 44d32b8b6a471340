//! Emoji reactions on SQLite (`ReactionStore`): who reacted with what in `reactions`, and a
//! count per (message, emoji) in `reaction_counts`, changed in the same transaction, so the
//! bounds are exact and a page of history reads counts, not reacting users.

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use sqlx::Row;

use super::{SqliteStore, db_error};
use crate::domain::model::{Millis, ReactionCount};
use crate::domain::ports::{ReactionAdded, ReactionBounds, ReactionStore};
use crate::error::Result;

#[async_trait]
impl ReactionStore for SqliteStore {
    async fn add(
        &self,
        message_id: &str,
        user_id: &str,
        emoji: &str,
        bounds: ReactionBounds,
        at: Millis,
    ) -> Result<ReactionAdded> {
        let context = "adding a reaction";
        let mut tx = self.write.begin().await.map_err(db_error(context))?;
        let row = sqlx::query(
            "SELECT
               EXISTS (SELECT 1 FROM reactions WHERE message_id = ?1 AND user_id = ?2 AND emoji = ?3) AS mine,
               (SELECT COUNT(*) FROM reactions WHERE message_id = ?1 AND user_id = ?2) AS by_user,
               (SELECT COUNT(*) FROM reaction_counts WHERE message_id = ?1) AS distinct_emoji,
               EXISTS (SELECT 1 FROM reaction_counts WHERE message_id = ?1 AND emoji = ?3) AS known",
        )
        .bind(message_id)
        .bind(user_id)
        .bind(emoji)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_error(context))?;
        if row.get::<bool, _>("mine") {
            return Ok(ReactionAdded::AlreadyThere);
        }
        if row.get::<i64, _>("by_user") >= i64::from(bounds.max_per_user) {
            return Ok(ReactionAdded::TooManyByUser);
        }
        if !row.get::<bool, _>("known")
            && row.get::<i64, _>("distinct_emoji") >= i64::from(bounds.max_distinct)
        {
            return Ok(ReactionAdded::TooManyOnMessage);
        }
        sqlx::query("INSERT INTO reactions (message_id, user_id, emoji, at) VALUES (?, ?, ?, ?)")
            .bind(message_id)
            .bind(user_id)
            .bind(emoji)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(db_error(context))?;
        // A new emoji's `first_at` comes after every other emoji's on the message, even when
        // the clock has not moved (two adds in one millisecond) or went back: it orders the
        // list, first added first, and ties would fall back to the emoji's bytes.
        sqlx::query(
            "INSERT INTO reaction_counts (message_id, emoji, count, first_at)
             VALUES (?1, ?2, 1, MAX(?3, COALESCE(
                 (SELECT MAX(first_at) + 1 FROM reaction_counts WHERE message_id = ?1), ?3)))
             ON CONFLICT (message_id, emoji) DO UPDATE SET count = count + 1",
        )
        .bind(message_id)
        .bind(emoji)
        .bind(at)
        .execute(&mut *tx)
        .await
        .map_err(db_error(context))?;
        tx.commit().await.map_err(db_error(context))?;
        Ok(ReactionAdded::Added)
    }

    async fn remove(&self, message_id: &str, user_id: &str, emoji: &str) -> Result<bool> {
        let context = "removing a reaction";
        let mut tx = self.write.begin().await.map_err(db_error(context))?;
        let deleted =
            sqlx::query("DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?")
                .bind(message_id)
                .bind(user_id)
                .bind(emoji)
                .execute(&mut *tx)
                .await
                .map_err(db_error(context))?
                .rows_affected();
        if deleted > 0 {
            sqlx::query(
                "UPDATE reaction_counts SET count = count - 1 WHERE message_id = ? AND emoji = ?",
            )
            .bind(message_id)
            .bind(emoji)
            .execute(&mut *tx)
            .await
            .map_err(db_error(context))?;
            sqlx::query(
                "DELETE FROM reaction_counts WHERE message_id = ? AND emoji = ? AND count <= 0",
            )
            .bind(message_id)
            .bind(emoji)
            .execute(&mut *tx)
            .await
            .map_err(db_error(context))?;
        }
        tx.commit().await.map_err(db_error(context))?;
        Ok(deleted > 0)
    }

    async fn reactions(
        &self,
        message_ids: &[String],
        reader: &str,
    ) -> Result<HashMap<String, Vec<ReactionCount>>> {
        if message_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let context = "reading reactions";
        let placeholders = vec!["?"; message_ids.len()].join(", ");
        let sql = format!(
            "SELECT message_id, emoji, count FROM reaction_counts
             WHERE message_id IN ({placeholders}) ORDER BY first_at, emoji"
        );
        let mut query = sqlx::query(&sql);
        for id in message_ids {
            query = query.bind(id);
        }
        let counts = query
            .fetch_all(&self.read)
            .await
            .map_err(db_error(context))?;
        if counts.is_empty() {
            return Ok(HashMap::new());
        }
        let sql = format!(
            "SELECT message_id, emoji FROM reactions WHERE message_id IN ({placeholders}) AND user_id = ?"
        );
        let mut query = sqlx::query(&sql);
        for id in message_ids {
            query = query.bind(id);
        }
        let mine: HashSet<(String, String)> = query
            .bind(reader)
            .fetch_all(&self.read)
            .await
            .map_err(db_error(context))?
            .iter()
            .map(|row| (row.get("message_id"), row.get("emoji")))
            .collect();
        let mut by_message: HashMap<String, Vec<ReactionCount>> = HashMap::new();
        for row in &counts {
            let message_id: String = row.get("message_id");
            let emoji: String = row.get("emoji");
            let reacted_by_me = mine.contains(&(message_id.clone(), emoji.clone()));
            by_message
                .entry(message_id)
                .or_default()
                .push(ReactionCount {
                    emoji,
                    count: row.get("count"),
                    reacted_by_me,
                });
        }
        Ok(by_message)
    }
}
