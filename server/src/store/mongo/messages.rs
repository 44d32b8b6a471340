//! Reading messages, history pages as one user sees them, recall, edits and per-user deletes.

use bson::{Document, doc};
use futures::TryStreamExt;

use super::documents::{MessageDoc, message_projection};
use super::{MongoStore, mongo_error, to_i64};
use crate::domain::model::{Content, HistoryPage, Message, Millis};
use crate::error::{Error, Reason, Result};

impl MongoStore {
    pub(super) async fn message_doc(&self, message_id: &str) -> Result<Option<MessageDoc>> {
        self.messages
            .find_one(doc! { "_id": message_id })
            .projection(message_projection())
            .await
            .map_err(mongo_error("loading a message"))
    }

    pub(super) async fn message_by_id(&self, message_id: &str) -> Result<Option<Message>> {
        Ok(self.message_doc(message_id).await?.map(Message::from))
    }

    pub(super) async fn messages_with_ids(&self, message_ids: &[String]) -> Result<Vec<Message>> {
        if message_ids.is_empty() {
            return Ok(Vec::new());
        }
        let context = "loading messages";
        let found: Vec<MessageDoc> = self
            .messages
            .find(doc! { "_id": { "$in": message_ids } })
            .projection(message_projection())
            .await
            .map_err(mongo_error(context))?
            .try_collect()
            .await
            .map_err(mongo_error(context))?;
        Ok(found.into_iter().map(Message::from).collect())
    }

    /// Messages after the user's cleared seq that they did not delete, one page in the
    /// direction asked, on the (conversation_id, seq) index.
    pub(super) async fn history_page(
        &self,
        user_id: &str,
        conversation_id: &str,
        cleared_seq: i64,
        page: HistoryPage,
        limit: u64,
    ) -> Result<Vec<Message>> {
        if limit == 0 {
            // MongoDB reads a limit of 0 as "no limit".
            return Ok(Vec::new());
        }
        let (seqs, order) = match page {
            HistoryPage::Backward { before } => {
                let mut seqs = doc! { "$gt": cleared_seq };
                if before != 0 {
                    seqs.insert("$lt", before);
                }
                (seqs, -1)
            }
            HistoryPage::Forward { after } => (doc! { "$gt": cleared_seq.max(after) }, 1),
        };
        let filter = doc! {
            "conversation_id": conversation_id,
            "seq": seqs,
            "deleted_for": { "$ne": user_id },
        };
        let found: Vec<MessageDoc> = self
            .messages
            .find(filter)
            .sort(doc! { "seq": order })
            .limit(to_i64(limit))
            .projection(message_projection())
            .await
            .map_err(mongo_error("reading history"))?
            .try_collect()
            .await
            .map_err(mongo_error("reading history"))?;
        Ok(found.into_iter().map(Message::from).collect())
    }

    pub(super) async fn deleted_for(&self, user_id: &str, message_id: &str) -> Result<bool> {
        let found = self
            .messages
            .clone_with_type::<Document>()
            .find_one(doc! { "_id": message_id, "deleted_for": user_id })
            .projection(doc! { "_id": 1 })
            .await
            .map_err(mongo_error("checking a deleted message"))?;
        Ok(found.is_some())
    }

    /// Erases the content; the first recall's author and time stay (a second recall changes
    /// nothing).
    pub(super) async fn recall_message(
        &self,
        message_id: &str,
        by: &str,
        at: Millis,
    ) -> Result<Message> {
        let context = "recalling a message";
        self.messages
            .update_one(
                doc! { "_id": message_id, "recalled_by": null },
                doc! {
                    "$set": { "recalled_by": by, "recalled_at": at },
                    "$unset": { "content": "" },
                },
            )
            .await
            .map_err(mongo_error(context))?;
        self.message_doc(message_id)
            .await?
            .map(Message::from)
            .ok_or_else(|| Error::not_found(Reason::MessageNotFound, "no such message"))
    }

    /// Replaces the content unless the message is recalled (one conditional update, so a
    /// recall either lands first and the edit finds nothing, or lands after and erases it).
    pub(super) async fn edit_message(
        &self,
        message_id: &str,
        content: &Content,
        at: Millis,
    ) -> Result<Option<Message>> {
        let context = "editing a message";
        let content = bson::serialize_to_bson(content)
            .map_err(|e| Error::internal("encoding edited content", e))?;
        let result = self
            .messages
            .update_one(
                doc! { "_id": message_id, "recalled_by": null },
                doc! { "$set": { "content": content, "edited_at": at } },
            )
            .await
            .map_err(mongo_error(context))?;
        let message = self
            .message_doc(message_id)
            .await?
            .map(Message::from)
            .ok_or_else(|| Error::not_found(Reason::MessageNotFound, "no such message"))?;
        Ok((result.matched_count > 0 && message.recall.is_none()).then_some(message))
    }

    /// Adds the user to `deleted_for` of those of the messages that are in the conversation;
    /// returns how many did not have them yet.
    pub(super) async fn hide_messages(
        &self,
        user_id: &str,
        conversation_id: &str,
        message_ids: &[String],
    ) -> Result<u64> {
        if message_ids.is_empty() {
            return Ok(0);
        }
        let result = self
            .messages
            .update_many(
                doc! {
                    "_id": { "$in": message_ids },
                    "conversation_id": conversation_id,
                    "deleted_for": { "$ne": user_id },
                },
                doc! { "$addToSet": { "deleted_for": user_id } },
            )
            .await
            .map_err(mongo_error("deleting messages"))?;
        Ok(result.modified_count)
    }
}
