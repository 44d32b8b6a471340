//! Conversations and each user's state in them: opening (idempotent), closing, listing, flags,
//! read positions and clearing.

use std::collections::HashMap;

use bson::{Document, doc};
use futures::TryStreamExt;
use mongodb::options::ReturnDocument;

use super::documents::{
    ConversationDoc, UserConversationDoc, conversation_projection, kind_to_db, sent_seq_path,
    user_conversation_key,
};
use super::{MongoStore, is_duplicate_key, mongo_error, not_a_member};
use crate::domain::ids::ConversationKind;
use crate::domain::model::{ConversationPatch, Millis, UserConversation};
use crate::domain::ports::Page;
use crate::error::Result;

impl MongoStore {
    /// The conversation without its senders' seqs.
    pub(super) async fn conversation(
        &self,
        conversation_id: &str,
    ) -> Result<Option<ConversationDoc>> {
        self.conversation_for(conversation_id, &[]).await
    }

    /// The conversation with the given users' entries of its senders' seqs.
    async fn conversation_for(
        &self,
        conversation_id: &str,
        user_ids: &[&str],
    ) -> Result<Option<ConversationDoc>> {
        self.conversations
            .find_one(doc! { "_id": conversation_id })
            .projection(conversation_projection(user_ids)?)
            .await
            .map_err(mongo_error("loading a conversation"))
    }

    /// The conversation's max seq as its users see it (0 when it does not exist).
    async fn max_seq(&self, conversation_id: &str) -> Result<i64> {
        Ok(self
            .conversation(conversation_id)
            .await?
            .map_or(0, |conversation| conversation.max_seq))
    }

    /// Creates the conversation and the users' state where missing; existing state is kept.
    pub(super) async fn open_for(
        &self,
        conversation_id: &str,
        kind: ConversationKind,
        user_ids: &[String],
        now: Millis,
    ) -> Result<()> {
        let context = "opening a conversation";
        let created = self
            .conversations
            .update_one(
                doc! { "_id": conversation_id },
                doc! { "$setOnInsert": { "kind": kind_to_db(kind), "max_seq": 0_i64, "updated_at": now } },
            )
            .upsert(true)
            .await;
        match created {
            // Two opens at once: the other one inserted it.
            Err(e) if !is_duplicate_key(&e) => return Err(mongo_error(context)(e)),
            _ => {}
        }
        if user_ids.is_empty() {
            return Ok(());
        }
        // A newcomer starts at the current end: earlier history is not theirs to read. The
        // messages say where the end is, even before the conversation's max seq catches up.
        let end = self.stored_last_seq(conversation_id).await?;
        let states: Vec<UserConversationDoc> = user_ids
            .iter()
            .map(|user_id| UserConversationDoc {
                user_id: user_id.clone(),
                conversation_id: conversation_id.to_owned(),
                read_seq: end,
                cleared_seq: end,
                hidden_at_seq: None,
                pinned: false,
                muted: false,
                opened_at: now,
            })
            .collect();
        // Insert-if-absent in one round trip: unordered, the unique (user_id, conversation_id)
        // index refuses the users who have state already and keeps theirs.
        match self
            .user_conversations
            .insert_many(states)
            .ordered(false)
            .await
        {
            Err(e) if !is_duplicate_key(&e) => Err(mongo_error(context)(e)),
            _ => Ok(()),
        }
    }

    pub(super) async fn close_for(&self, conversation_id: &str, user_ids: &[String]) -> Result<()> {
        if user_ids.is_empty() {
            return Ok(());
        }
        let context = "closing a conversation";
        self.user_conversations
            .delete_many(
                doc! { "conversation_id": conversation_id, "user_id": { "$in": user_ids } },
            )
            .await
            .map_err(mongo_error(context))?;
        // Their sent seqs go too: the map stays the size of the membership, and a user who
        // comes back starts from the end like any newcomer. Under the conversation's lock, as
        // every update of its document (see `raise_read_seq`).
        let _turn = self.append_locks.lock(conversation_id).await;
        let mut sent = Document::new();
        for user_id in user_ids {
            sent.insert(sent_seq_path(user_id)?, "");
        }
        self.conversations
            .update_one(doc! { "_id": conversation_id }, doc! { "$unset": sent })
            .await
            .map_err(mongo_error(context))?;
        Ok(())
    }

    async fn user_state(
        &self,
        user_id: &str,
        conversation_id: &str,
    ) -> Result<Option<UserConversationDoc>> {
        self.user_conversations
            .find_one(user_conversation_key(user_id, conversation_id))
            .await
            .map_err(mongo_error("loading a conversation"))
    }

    pub(super) async fn user_conversation_of(
        &self,
        user_id: &str,
        conversation_id: &str,
    ) -> Result<Option<UserConversation>> {
        let users = [user_id];
        let (state, conversation) = tokio::join!(
            self.user_state(user_id, conversation_id),
            self.conversation_for(conversation_id, &users)
        );
        Ok(match (state?, conversation?) {
            (Some(state), Some(conversation)) => Some(state.view(&conversation)),
            _ => None,
        })
    }

    /// Every conversation of the user joined with its conversation here (one user's list is
    /// small; FerretDB has no `$lookup`), then filtered, ordered pinned first, then most
    /// recently updated, then by id, and paged.
    pub(super) async fn user_conversations_of(
        &self,
        user_id: &str,
        include_hidden: bool,
        page: Page,
    ) -> Result<Vec<UserConversation>> {
        let context = "listing conversations";
        if page.limit == 0 {
            return Ok(Vec::new());
        }
        let states: Vec<UserConversationDoc> = self
            .user_conversations
            .find(doc! { "user_id": user_id })
            .await
            .map_err(mongo_error(context))?
            .try_collect()
            .await
            .map_err(mongo_error(context))?;
        if states.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<&str> = states.iter().map(|s| s.conversation_id.as_str()).collect();
        let conversations: HashMap<String, ConversationDoc> = self
            .conversations
            .find(doc! { "_id": { "$in": ids } })
            .projection(conversation_projection(&[user_id])?)
            .await
            .map_err(mongo_error(context))?
            .map_ok(|conversation| (conversation.id.clone(), conversation))
            .try_collect()
            .await
            .map_err(mongo_error(context))?;
        let mut views: Vec<UserConversation> = states
            .into_iter()
            .filter_map(|state| {
                let conversation = conversations.get(&state.conversation_id)?;
                Some(state.view(conversation))
            })
            .filter(|view| include_hidden || !view.hidden())
            .collect();
        views.sort_by(|a, b| {
            b.pinned
                .cmp(&a.pinned)
                .then(b.updated_at.cmp(&a.updated_at))
                .then_with(|| a.conversation_id.cmp(&b.conversation_id))
        });
        let offset = usize::try_from(page.offset).unwrap_or(usize::MAX);
        let limit = usize::try_from(page.limit).unwrap_or(usize::MAX);
        Ok(views.into_iter().skip(offset).take(limit).collect())
    }

    /// Hiding remembers the max seq it happened at: a newer message shows it again.
    pub(super) async fn patch_user_conversation(
        &self,
        user_id: &str,
        conversation_id: &str,
        patch: &ConversationPatch,
    ) -> Result<()> {
        let mut set = Document::new();
        let mut unset = Document::new();
        match patch.hidden {
            Some(true) => match self.conversation(conversation_id).await? {
                Some(conversation) => {
                    set.insert("hidden_at_seq", conversation.max_seq);
                }
                None => {
                    unset.insert("hidden_at_seq", "");
                }
            },
            Some(false) => {
                unset.insert("hidden_at_seq", "");
            }
            None => {}
        }
        if let Some(pinned) = patch.pinned {
            set.insert("pinned", pinned);
        }
        if let Some(muted) = patch.muted {
            set.insert("muted", muted);
        }
        let mut update = Document::new();
        if !set.is_empty() {
            update.insert("$set", set);
        }
        if !unset.is_empty() {
            update.insert("$unset", unset);
        }
        if update.is_empty() {
            return Ok(());
        }
        self.user_conversations
            .update_one(user_conversation_key(user_id, conversation_id), update)
            .await
            .map_err(mongo_error("updating a conversation"))?;
        Ok(())
    }

    /// Raises the read seq to `seq` capped at the max seq; never lowers it.
    pub(super) async fn raise_read_seq(
        &self,
        user_id: &str,
        conversation_id: &str,
        seq: i64,
    ) -> Result<i64> {
        // `$max` is atomic on MongoDB, but FerretDB (the test server) applies updates as
        // read-modify-write, so concurrent raises could lower each other there. Updates of a
        // conversation's state take the conversation's lock in this process, as appends do.
        let _turn = self.append_locks.lock(conversation_id).await;
        let Some(conversation) = self.conversation_for(conversation_id, &[user_id]).await? else {
            return Err(not_a_member());
        };
        let state = self
            .user_conversations
            .find_one_and_update(
                user_conversation_key(user_id, conversation_id),
                doc! { "$max": { "read_seq": seq.min(conversation.max_seq) } },
            )
            .return_document(ReturnDocument::After)
            .await
            .map_err(mongo_error("marking read"))?;
        state
            .map(|state| state.read_seq.max(conversation.sent_seq(user_id)))
            .ok_or_else(not_a_member)
    }

    pub(super) async fn read_positions(&self, conversation_id: &str) -> Result<Vec<(String, i64)>> {
        let context = "loading read positions";
        // Every sender's seq: the map holds no more entries than there are members.
        let conversation = self
            .conversations
            .find_one(doc! { "_id": conversation_id })
            .await
            .map_err(mongo_error(context))?;
        let sent_seq = |user_id: &str| conversation.as_ref().map_or(0, |c| c.sent_seq(user_id));
        let states: Vec<UserConversationDoc> = self
            .user_conversations
            .find(doc! { "conversation_id": conversation_id })
            .await
            .map_err(mongo_error(context))?
            .try_collect()
            .await
            .map_err(mongo_error(context))?;
        Ok(states
            .into_iter()
            .map(|state| {
                let read_seq = state.read_seq.max(sent_seq(&state.user_id));
                (state.user_id, read_seq)
            })
            .collect())
    }

    /// Hides everything up to the max seq from the user (and counts it as read).
    pub(super) async fn clear_history(&self, user_id: &str, conversation_id: &str) -> Result<i64> {
        // See `raise_read_seq`.
        let _turn = self.append_locks.lock(conversation_id).await;
        let max_seq = self.max_seq(conversation_id).await?;
        let state = self
            .user_conversations
            .find_one_and_update(
                user_conversation_key(user_id, conversation_id),
                doc! { "$max": { "cleared_seq": max_seq, "read_seq": max_seq } },
            )
            .return_document(ReturnDocument::After)
            .await
            .map_err(mongo_error("clearing a conversation"))?;
        state
            .map(|state| state.cleared_seq)
            .ok_or_else(not_a_member)
    }
}
