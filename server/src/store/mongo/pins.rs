//! Pinned messages (`PinStore`): one document per pin in `pins`, `_id` =
//! `{conversation_id}|{message_id}`. The bound is checked under a per-conversation lock, exact on
//! one node; two nodes pinning at the same instant can each go one over.

use async_trait::async_trait;
use bson::doc;
use futures::TryStreamExt;
use serde::{Deserialize, Serialize};

use super::{MongoStore, is_duplicate_key, mongo_error};
use crate::domain::model::{Millis, Pin};
use crate::domain::ports::{PinAdded, PinStore};
use crate::error::Result;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct PinDoc {
    #[serde(rename = "_id")]
    pub id: String,
    pub conversation_id: String,
    pub message_id: String,
    pub seq: i64,
    pub pinned_by: String,
    pub pinned_at: Millis,
}

/// Conversation and message ids never contain `|` (`domain::ids`).
fn pin_id(conversation_id: &str, message_id: &str) -> String {
    format!("{conversation_id}|{message_id}")
}

#[async_trait]
impl PinStore for MongoStore {
    async fn pin(&self, conversation_id: &str, pin: &Pin, max: u32) -> Result<PinAdded> {
        let context = "pinning a message";
        let id = pin_id(conversation_id, &pin.message_id);
        let _turn = self.reaction_locks.lock(conversation_id).await;
        let pinned = self
            .pins
            .find_one(doc! { "_id": &id })
            .await
            .map_err(mongo_error(context))?;
        if pinned.is_some() {
            return Ok(PinAdded::AlreadyPinned);
        }
        let pins = self
            .pins
            .count_documents(doc! { "conversation_id": conversation_id })
            .await
            .map_err(mongo_error(context))?;
        if pins >= u64::from(max) {
            return Ok(PinAdded::TooMany);
        }
        let doc = PinDoc {
            id,
            conversation_id: conversation_id.to_owned(),
            message_id: pin.message_id.clone(),
            seq: pin.seq,
            pinned_by: pin.pinned_by.clone(),
            pinned_at: pin.pinned_at,
        };
        match self.pins.insert_one(&doc).await {
            Ok(_) => Ok(PinAdded::Pinned),
            Err(e) if is_duplicate_key(&e) => Ok(PinAdded::AlreadyPinned),
            Err(e) => Err(mongo_error(context)(e)),
        }
    }

    async fn unpin(&self, conversation_id: &str, message_id: &str) -> Result<bool> {
        let deleted = self
            .pins
            .delete_one(doc! { "_id": pin_id(conversation_id, message_id) })
            .await
            .map_err(mongo_error("unpinning a message"))?;
        Ok(deleted.deleted_count > 0)
    }

    async fn pins(&self, conversation_id: &str) -> Result<Vec<Pin>> {
        let context = "listing pinned messages";
        let docs: Vec<PinDoc> = self
            .pins
            .find(doc! { "conversation_id": conversation_id })
            .sort(doc! { "pinned_at": -1, "seq": -1 })
            .await
            .map_err(mongo_error(context))?
            .try_collect()
            .await
            .map_err(mongo_error(context))?;
        Ok(docs
            .into_iter()
            .map(|d| Pin {
                message_id: d.message_id,
                seq: d.seq,
                pinned_by: d.pinned_by,
                pinned_at: d.pinned_at,
            })
            .collect())
    }
}
