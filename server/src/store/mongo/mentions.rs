//! Who is mentioned where: one document per (message, mentioned user) in `mentions` (`*` for a
//! mention of everyone), so "does this conversation mention me after my read seq" is a look-up
//! of my newest mentions there, without a third index on `messages`, the collection every send
//! writes.
//!
//! The documents are written before the message (an append that has mentions writes them
//! first, idempotently), and a mention counts only once its message is stored: a crash in
//! between leaves a document that points at nothing, never a stored mention without one.

use bson::{Document, doc};
use futures::TryStreamExt;
use mongodb::options::InsertManyOptions;
use serde::{Deserialize, Serialize};

use super::documents::{EVERYONE, mentions_field};
use super::{MongoStore, is_duplicate_key, mongo_error};
use crate::domain::model::{Millis, NewMessage};
use crate::error::Result;

/// How many of a user's newest mentions in a conversation are checked against their read seq.
/// Seqs follow send times within a conversation, so when the newest ones are read, older ones
/// are too.
const NEWEST_MENTIONS: i64 = 20;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct MentionDoc {
    /// `{message_id}|{user_id}`.
    #[serde(rename = "_id")]
    pub id: String,
    pub conversation_id: String,
    /// A mentioned user, or `EVERYONE`.
    pub user_id: String,
    pub message_id: String,
    pub sent_at: Millis,
}

impl MongoStore {
    /// Records the mentions of `messages` (those that have any); a retry writes nothing new.
    pub(super) async fn record_mentions<'m>(
        &self,
        messages: impl IntoIterator<Item = &'m NewMessage>,
    ) -> Result<()> {
        let docs: Vec<MentionDoc> = messages
            .into_iter()
            .flat_map(|message| {
                mentions_field(&message.mentions)
                    .into_iter()
                    .map(move |user_id| MentionDoc {
                        id: format!("{}|{user_id}", message.message_id),
                        conversation_id: message.conversation_id.clone(),
                        user_id,
                        message_id: message.message_id.clone(),
                        sent_at: message.sent_at,
                    })
            })
            .collect();
        if docs.is_empty() {
            return Ok(());
        }
        let unordered = InsertManyOptions::builder().ordered(false).build();
        match self
            .mentions
            .insert_many(&docs)
            .with_options(unordered)
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if is_duplicate_key(&e) => Ok(()),
            Err(e) => Err(mongo_error("recording mentions")(e)),
        }
    }

    /// Whether a stored message after `after_seq` mentions the user or everyone.
    pub(super) async fn mentions_after(
        &self,
        user_id: &str,
        conversation_id: &str,
        after_seq: i64,
    ) -> Result<bool> {
        let context = "looking for mentions";
        let newest: Vec<MentionDoc> = self
            .mentions
            .find(doc! {
                "conversation_id": conversation_id,
                "user_id": { "$in": [user_id, EVERYONE] },
            })
            .sort(doc! { "sent_at": -1 })
            .limit(NEWEST_MENTIONS)
            .await
            .map_err(mongo_error(context))?
            .try_collect()
            .await
            .map_err(mongo_error(context))?;
        if newest.is_empty() {
            return Ok(false);
        }
        let ids: Vec<&str> = newest.iter().map(|m| m.message_id.as_str()).collect();
        let unread = self
            .messages
            .clone_with_type::<Document>()
            .find_one(doc! { "_id": { "$in": ids }, "seq": { "$gt": after_seq } })
            .projection(doc! { "_id": 1 })
            .await
            .map_err(mongo_error(context))?;
        Ok(unread.is_some())
    }
}
