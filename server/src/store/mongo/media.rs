//! Media uploads on MongoDB (`MediaStore`): a document per upload in `media` (`_id` = media
//! id), and one per (upload, conversation) it was sent to in `media_conversations`.

use async_trait::async_trait;
use bson::{Document, doc};
use futures::TryStreamExt;
use serde::{Deserialize, Serialize};

use super::{MongoStore, is_duplicate_key, mongo_error};
use crate::domain::model::{MediaKind, MediaRecord, Millis};
use crate::domain::ports::MediaStore;
use crate::error::Result;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct MediaDoc {
    #[serde(rename = "_id")]
    pub media_id: String,
    pub kind: MediaKind,
    pub mime_type: String,
    pub size: i64,
    pub sha256: String,
    pub file_name: String,
    pub width: i32,
    pub height: i32,
    pub uploader_id: String,
    pub created_at: Millis,
    pub completed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct SharedDoc {
    /// `{media_id}|{conversation_id}`: sharing twice is one document.
    #[serde(rename = "_id")]
    pub id: String,
    pub media_id: String,
    pub conversation_id: String,
}

impl From<MediaDoc> for MediaRecord {
    fn from(doc: MediaDoc) -> MediaRecord {
        MediaRecord {
            media_id: doc.media_id,
            kind: doc.kind,
            mime_type: doc.mime_type,
            size: doc.size,
            sha256: doc.sha256,
            file_name: doc.file_name,
            width: doc.width,
            height: doc.height,
            uploader_id: doc.uploader_id,
            created_at: doc.created_at,
            completed: doc.completed,
        }
    }
}

#[async_trait]
impl MediaStore for MongoStore {
    async fn create_media(&self, media: &MediaRecord) -> Result<()> {
        let doc = MediaDoc {
            media_id: media.media_id.clone(),
            kind: media.kind,
            mime_type: media.mime_type.clone(),
            size: media.size,
            sha256: media.sha256.clone(),
            file_name: media.file_name.clone(),
            width: media.width,
            height: media.height,
            uploader_id: media.uploader_id.clone(),
            created_at: media.created_at,
            completed: media.completed,
        };
        self.media
            .insert_one(doc)
            .await
            .map_err(mongo_error("reserving an upload"))?;
        Ok(())
    }

    async fn media(&self, media_id: &str) -> Result<Option<MediaRecord>> {
        let found = self
            .media
            .find_one(doc! { "_id": media_id })
            .await
            .map_err(mongo_error("reading an upload"))?;
        Ok(found.map(MediaRecord::from))
    }

    async fn complete_media(&self, media_id: &str, width: i32, height: i32) -> Result<()> {
        self.media
            .update_one(
                doc! { "_id": media_id },
                doc! { "$set": { "completed": true, "width": width, "height": height } },
            )
            .await
            .map_err(mongo_error("completing an upload"))?;
        Ok(())
    }

    async fn uploaded_bytes(&self, uploader_id: &str, since: Millis) -> Result<i64> {
        let context = "summing a user's uploads";
        let pipeline = [
            doc! { "$match": {
                "uploader_id": uploader_id,
                "$or": [ { "completed": true }, { "created_at": { "$gt": since } } ],
            } },
            doc! { "$group": { "_id": null, "bytes": { "$sum": "$size" } } },
        ];
        let mut cursor = self
            .media
            .clone_with_type::<Document>()
            .aggregate(pipeline)
            .await
            .map_err(mongo_error(context))?;
        let Some(total) = cursor.try_next().await.map_err(mongo_error(context))? else {
            return Ok(0);
        };
        // $sum of int64 values is an int64, of int32 ones an int32.
        Ok(match total.get("bytes") {
            Some(bson::Bson::Int64(n)) => *n,
            Some(bson::Bson::Int32(n)) => i64::from(*n),
            Some(bson::Bson::Double(n)) => *n as i64,
            _ => 0,
        })
    }

    async fn share_media(&self, media_id: &str, conversation_id: &str) -> Result<()> {
        let doc = SharedDoc {
            id: format!("{media_id}|{conversation_id}"),
            media_id: media_id.to_owned(),
            conversation_id: conversation_id.to_owned(),
        };
        match self.media_conversations.insert_one(doc).await {
            Ok(_) => Ok(()),
            Err(e) if is_duplicate_key(&e) => Ok(()),
            Err(e) => Err(mongo_error("sharing an upload")(e)),
        }
    }

    async fn media_conversations(&self, media_id: &str) -> Result<Vec<String>> {
        let context = "reading where an upload was sent";
        let shared: Vec<SharedDoc> = self
            .media_conversations
            .find(doc! { "media_id": media_id })
            .await
            .map_err(mongo_error(context))?
            .try_collect()
            .await
            .map_err(mongo_error(context))?;
        Ok(shared.into_iter().map(|s| s.conversation_id).collect())
    }
}
