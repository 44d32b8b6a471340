//! `IndexedMessages`: a `MessageStore` in front of another that keeps the search index in step
//! with it. Every write that stores, edits or recalls a message indexes the result before it
//! returns; the reads pass through.

use std::sync::Arc;

use async_trait::async_trait;

use super::PgSearch;
use crate::domain::ids::ConversationKind;
use crate::domain::model::*;
use crate::domain::ports::{MessageStore, NewRun, Page, StoredRun};
use crate::error::Result;

pub struct IndexedMessages {
    store: Arc<dyn MessageStore>,
    index: PgSearch,
}

impl IndexedMessages {
    pub fn new(store: Arc<dyn MessageStore>, index: PgSearch) -> IndexedMessages {
        IndexedMessages { store, index }
    }
}

#[async_trait]
impl MessageStore for IndexedMessages {
    async fn open_conversation(
        &self,
        conversation_id: &str,
        kind: ConversationKind,
        user_ids: &[String],
        now: Millis,
    ) -> Result<()> {
        self.store
            .open_conversation(conversation_id, kind, user_ids, now)
            .await
    }

    async fn close_conversation(&self, conversation_id: &str, user_ids: &[String]) -> Result<()> {
        self.store
            .close_conversation(conversation_id, user_ids)
            .await
    }

    /// Duplicates are indexed too: their first store may have failed to index.
    async fn append(&self, message: &NewMessage) -> Result<Appended> {
        let appended = self.store.append(message).await?;
        self.index.index(&[&appended.message]).await?;
        Ok(appended)
    }

    async fn append_runs(&self, runs: &[NewRun]) -> Result<Vec<StoredRun>> {
        let stored = self.store.append_runs(runs).await?;
        let messages: Vec<&Message> = stored
            .iter()
            .flat_map(|run| &run.outcomes)
            .filter_map(|outcome| outcome.as_ref().ok())
            .map(|appended| &appended.message)
            .collect();
        self.index.index(&messages).await?;
        Ok(stored)
    }

    async fn message(&self, message_id: &str) -> Result<Option<Message>> {
        self.store.message(message_id).await
    }

    async fn mentioned_after(
        &self,
        user_id: &str,
        conversation_id: &str,
        after_seq: i64,
    ) -> Result<bool> {
        self.store
            .mentioned_after(user_id, conversation_id, after_seq)
            .await
    }

    async fn messages_by_ids(&self, message_ids: &[String]) -> Result<Vec<Message>> {
        self.store.messages_by_ids(message_ids).await
    }

    async fn history(
        &self,
        user_id: &str,
        conversation_id: &str,
        cleared_seq: i64,
        page: HistoryPage,
        limit: u64,
    ) -> Result<Vec<Message>> {
        self.store
            .history(user_id, conversation_id, cleared_seq, page, limit)
            .await
    }

    async fn is_deleted_for(&self, user_id: &str, message_id: &str) -> Result<bool> {
        self.store.is_deleted_for(user_id, message_id).await
    }

    async fn user_conversation(
        &self,
        user_id: &str,
        conversation_id: &str,
    ) -> Result<Option<UserConversation>> {
        self.store.user_conversation(user_id, conversation_id).await
    }

    async fn list_user_conversations(
        &self,
        user_id: &str,
        include_hidden: bool,
        page: Page,
    ) -> Result<Vec<UserConversation>> {
        self.store
            .list_user_conversations(user_id, include_hidden, page)
            .await
    }

    async fn update_user_conversation(
        &self,
        user_id: &str,
        conversation_id: &str,
        patch: &ConversationPatch,
    ) -> Result<()> {
        self.store
            .update_user_conversation(user_id, conversation_id, patch)
            .await
    }

    async fn mark_read(&self, user_id: &str, conversation_id: &str, seq: i64) -> Result<i64> {
        self.store.mark_read(user_id, conversation_id, seq).await
    }

    async fn read_seqs(&self, conversation_id: &str) -> Result<Vec<(String, i64)>> {
        self.store.read_seqs(conversation_id).await
    }

    async fn recall(&self, message_id: &str, by: &str, at: Millis) -> Result<Message> {
        let recalled = self.store.recall(message_id, by, at).await?;
        self.index.reindex(&recalled).await?;
        Ok(recalled)
    }

    async fn edit(
        &self,
        message_id: &str,
        content: &Content,
        at: Millis,
    ) -> Result<Option<Message>> {
        let edited = self.store.edit(message_id, content, at).await?;
        if let Some(message) = &edited {
            self.index.reindex(message).await?;
        }
        Ok(edited)
    }

    async fn delete_for_user(
        &self,
        user_id: &str,
        conversation_id: &str,
        message_ids: &[String],
    ) -> Result<u64> {
        self.store
            .delete_for_user(user_id, conversation_id, message_ids)
            .await
    }

    async fn clear_for_user(&self, user_id: &str, conversation_id: &str) -> Result<i64> {
        self.store.clear_for_user(user_id, conversation_id).await
    }
}
