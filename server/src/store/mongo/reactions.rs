//! Emoji reactions (`ReactionStore`): one document per (message, user, emoji) in `reactions`,
//! and one count per (message, emoji) in `reaction_counts`, changed by `$inc` with each add or
//! remove, so a page of history reads one count per emoji, not one document per reacting user.
//!
//! Without transactions the two writes are not atomic: a crash between them leaves a count one
//! off until the next change of that emoji. The bounds (`ReactionBounds`) are checked under a
//! per-message lock, exact on one node; two nodes adding different new emoji at the same instant
//! can go one over `max_distinct` each.

use std::collections::HashMap;

use async_trait::async_trait;
use bson::{Document, doc};
use futures::TryStreamExt;
use serde::{Deserialize, Serialize};

use super::{MongoStore, is_duplicate_key, mongo_error};
use crate::domain::model::{Millis, ReactionCount};
use crate::domain::ports::{ReactionAdded, ReactionBounds, ReactionStore};
use crate::error::Result;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct ReactionDoc {
    /// `reaction_id`.
    #[serde(rename = "_id")]
    pub id: String,
    pub message_id: String,
    pub user_id: String,
    pub emoji: String,
    pub at: Millis,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct ReactionCountDoc {
    /// `count_id`.
    #[serde(rename = "_id")]
    pub id: String,
    pub message_id: String,
    pub emoji: String,
    pub count: i64,
    /// When the emoji was first added to the message: the order reactions are listed in.
    pub first_at: Millis,
}

/// Message and user ids are UUIDs (`domain::ids`), so only the emoji, last, may hold a `|`.
fn reaction_id(message_id: &str, user_id: &str, emoji: &str) -> String {
    format!("{message_id}|{user_id}|{emoji}")
}

fn count_id(message_id: &str, emoji: &str) -> String {
    format!("{message_id}|{emoji}")
}

impl MongoStore {
    async fn counts_of(&self, message_ids: &[String]) -> Result<Vec<ReactionCountDoc>> {
        let context = "reading reaction counts";
        self.reaction_counts
            .find(doc! { "message_id": { "$in": message_ids }, "count": { "$gt": 0_i64 } })
            .sort(doc! { "first_at": 1, "_id": 1 })
            .await
            .map_err(mongo_error(context))?
            .try_collect()
            .await
            .map_err(mongo_error(context))
    }
}

#[async_trait]
impl ReactionStore for MongoStore {
    async fn add(
        &self,
        message_id: &str,
        user_id: &str,
        emoji: &str,
        bounds: ReactionBounds,
        at: Millis,
    ) -> Result<ReactionAdded> {
        let context = "adding a reaction";
        let id = reaction_id(message_id, user_id, emoji);
        let _turn = self.reaction_locks.lock(message_id).await;
        let existing = self
            .reactions
            .find_one(doc! { "_id": &id })
            .await
            .map_err(mongo_error(context))?;
        if existing.is_some() {
            return Ok(ReactionAdded::AlreadyThere);
        }
        let mine = self
            .reactions
            .count_documents(doc! { "message_id": message_id, "user_id": user_id })
            .await
            .map_err(mongo_error(context))?;
        if mine >= u64::from(bounds.max_per_user) {
            return Ok(ReactionAdded::TooManyByUser);
        }
        let counts = self.counts_of(&[message_id.to_owned()]).await?;
        if !counts.iter().any(|c| c.emoji == emoji) && counts.len() >= bounds.max_distinct as usize
        {
            return Ok(ReactionAdded::TooManyOnMessage);
        }
        let reaction = ReactionDoc {
            id,
            message_id: message_id.to_owned(),
            user_id: user_id.to_owned(),
            emoji: emoji.to_owned(),
            at,
        };
        match self.reactions.insert_one(&reaction).await {
            Ok(_) => {}
            Err(e) if is_duplicate_key(&e) => return Ok(ReactionAdded::AlreadyThere),
            Err(e) => return Err(mongo_error(context)(e)),
        }
        // A new emoji's `first_at` comes after the others' on the message, even when the clock
        // has not moved or went back: it orders the list, first added first (the message's
        // lock above keeps this node's adds in turn).
        let first_at = counts
            .iter()
            .map(|c| c.first_at + 1)
            .max()
            .map_or(at, |after_the_others| after_the_others.max(at));
        self.reaction_counts
            .update_one(
                doc! { "_id": count_id(message_id, emoji) },
                doc! {
                    "$inc": { "count": 1_i64 },
                    "$setOnInsert": { "message_id": message_id, "emoji": emoji, "first_at": first_at },
                },
            )
            .upsert(true)
            .await
            .map_err(mongo_error(context))?;
        Ok(ReactionAdded::Added)
    }

    async fn remove(&self, message_id: &str, user_id: &str, emoji: &str) -> Result<bool> {
        let context = "removing a reaction";
        let _turn = self.reaction_locks.lock(message_id).await;
        let deleted = self
            .reactions
            .delete_one(doc! { "_id": reaction_id(message_id, user_id, emoji) })
            .await
            .map_err(mongo_error(context))?;
        if deleted.deleted_count == 0 {
            return Ok(false);
        }
        let id = count_id(message_id, emoji);
        self.reaction_counts
            .update_one(doc! { "_id": &id }, doc! { "$inc": { "count": -1_i64 } })
            .await
            .map_err(mongo_error(context))?;
        self.reaction_counts
            .delete_one(doc! { "_id": &id, "count": { "$lte": 0_i64 } })
            .await
            .map_err(mongo_error(context))?;
        Ok(true)
    }

    async fn reactions(
        &self,
        message_ids: &[String],
        reader: &str,
    ) -> Result<HashMap<String, Vec<ReactionCount>>> {
        if message_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let counts = self.counts_of(message_ids).await?;
        if counts.is_empty() {
            return Ok(HashMap::new());
        }
        let context = "reading my reactions";
        let mine: Vec<Document> = self
            .reactions
            .clone_with_type::<Document>()
            .find(doc! { "message_id": { "$in": message_ids }, "user_id": reader })
            .projection(doc! { "message_id": 1, "emoji": 1 })
            .await
            .map_err(mongo_error(context))?
            .try_collect()
            .await
            .map_err(mongo_error(context))?;
        let mine: std::collections::HashSet<(&str, &str)> = mine
            .iter()
            .filter_map(|d| Some((d.get_str("message_id").ok()?, d.get_str("emoji").ok()?)))
            .collect();
        let mut by_message: HashMap<String, Vec<ReactionCount>> = HashMap::new();
        for count in &counts {
            let reacted_by_me = mine.contains(&(count.message_id.as_str(), count.emoji.as_str()));
            by_message
                .entry(count.message_id.clone())
                .or_default()
                .push(ReactionCount {
                    emoji: count.emoji.clone(),
                    count: count.count,
                    reacted_by_me,
                });
        }
        Ok(by_message)
    }
}
