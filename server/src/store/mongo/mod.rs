//! MongoDB (`backends.mongo.url`): messages and conversation state, the production
//! `MessageStore`, with the same behaviour as the embedded one (`store::sqlite`).
//!
//! No multi-document transactions (the test server, FerretDB, has none, and the store does not
//! need them): every rule that needs atomicity is a unique index (`indexes`) or a single-document
//! update (`$max` for monotonic seqs). Joins are done here, on small sets (one user's
//! conversations), because FerretDB lacks `$lookup`.
//!
//! - `append`: seq allocation by insert, dedup, the seq cache.
//! - `messages`: reading, history, recall, edits, per-user deletes.
//! - `reactions`: emoji reactions and their counts; `mentions`: who is mentioned where; `pins`:
//!   pinned messages.
//! - `updates`: many single-document updates in few commands (a batch's conversation states).
//! - `conversations`: opening and closing, per-user state, read positions.
//! - `documents`: the stored documents; `indexes`: created at start; `keyed_lock`: per-key
//!   async locks.

mod append;
mod conversations;
mod documents;
mod indexes;
mod keyed_lock;
mod media;
mod mentions;
mod messages;
mod pins;
mod reactions;
#[cfg(test)]
mod tests;
mod updates;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;
use bson::doc;
use mongodb::error::{ErrorKind, WriteFailure};
use mongodb::options::{ClientOptions, CollectionOptions, ReadPreference, SelectionCriteria};
use mongodb::{Client, Collection};

use crate::config::MongoConfig;
use crate::domain::ids::ConversationKind;
use crate::domain::model::*;
use crate::domain::ports::{MessageStore, NewRun, Page, SeqCache, StoredRun};
use crate::error::{Error, Reason, Result};
use documents::{
    CONVERSATIONS, ConversationDoc, MEDIA, MEDIA_CONVERSATIONS, MENTIONS, MESSAGES, MessageDoc,
    PINS, REACTION_COUNTS, REACTIONS, USER_CONVERSATIONS, UserConversationDoc,
};
use keyed_lock::KeyedLocks;

/// How long finding a reachable server may take (unless the URL sets `serverSelectionTimeoutMS`);
/// past it a call answers UNAVAILABLE instead of hanging for the driver's default 30 s.
const SERVER_SELECTION_TIMEOUT: Duration = Duration::from_secs(5);
/// How long opening a connection may take (unless the URL sets `connectTimeoutMS`).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long closing waits for in-flight operations.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Clone)]
pub struct MongoStore {
    client: Client,
    messages: Collection<MessageDoc>,
    conversations: Collection<ConversationDoc>,
    user_conversations: Collection<UserConversationDoc>,
    reactions: Collection<reactions::ReactionDoc>,
    reaction_counts: Collection<reactions::ReactionCountDoc>,
    mentions: Collection<mentions::MentionDoc>,
    pins: Collection<pins::PinDoc>,
    media: Collection<media::MediaDoc>,
    media_conversations: Collection<media::SharedDoc>,
    seq_cache: Arc<dyn SeqCache>,
    append_locks: Arc<KeyedLocks>,
    /// Per message (reactions) or conversation (pins): keeps their bounds exact on this node.
    reaction_locks: Arc<KeyedLocks>,
}

impl MongoStore {
    /// Connects to `url`, checks the server answers, and creates the indexes in
    /// `backends.mongo.database`. Appends take the last seq of a conversation from `seq_cache`
    /// when it has one.
    pub async fn open(
        url: &str,
        config: &MongoConfig,
        seq_cache: Arc<dyn SeqCache>,
    ) -> anyhow::Result<MongoStore> {
        let database = &config.database;
        let mut options = ClientOptions::parse(url)
            .await
            .context("backends.mongo.url is not a valid mongodb:// URL")?;
        options
            .app_name
            .get_or_insert_with(|| "easychat".to_owned());
        options
            .server_selection_timeout
            .get_or_insert(SERVER_SELECTION_TIMEOUT);
        options.connect_timeout.get_or_insert(CONNECT_TIMEOUT);
        let client = Client::with_options(options).context("configuring the MongoDB client")?;
        let db = client.database(database);
        db.run_command(doc! { "ping": 1 })
            .await
            .with_context(|| format!("connecting to MongoDB database {database}"))?;
        indexes::ensure(&db)
            .await
            .with_context(|| format!("creating the indexes of MongoDB database {database}"))?;
        // Reads go to the primary whatever the URL prefers: an append looks up what a duplicate
        // key just refused, and a sender reads back what they were just acked.
        let primary = CollectionOptions::builder()
            .selection_criteria(SelectionCriteria::ReadPreference(ReadPreference::Primary))
            .build();
        Ok(MongoStore {
            messages: db.collection_with_options(MESSAGES, primary.clone()),
            conversations: db.collection_with_options(CONVERSATIONS, primary.clone()),
            user_conversations: db.collection_with_options(USER_CONVERSATIONS, primary.clone()),
            reactions: db.collection_with_options(REACTIONS, primary.clone()),
            reaction_counts: db.collection_with_options(REACTION_COUNTS, primary.clone()),
            mentions: db.collection_with_options(MENTIONS, primary.clone()),
            pins: db.collection_with_options(PINS, primary.clone()),
            media: db.collection_with_options(MEDIA, primary.clone()),
            media_conversations: db.collection_with_options(MEDIA_CONVERSATIONS, primary),
            client,
            seq_cache,
            append_locks: Arc::default(),
            reaction_locks: Arc::default(),
        })
    }

    /// Creates the indexes (what `open` does at start) and returns how many the store defines.
    pub async fn migrate(url: &str, config: &MongoConfig) -> anyhow::Result<usize> {
        let cache = Arc::new(crate::store::memory::LocalSeqCache::default());
        let store = Self::open(url, config, cache).await?;
        store.close().await;
        Ok(indexes::names_count())
    }

    /// Closes the connections once in-flight operations are done (at most `CLOSE_TIMEOUT`).
    pub async fn close(&self) {
        if tokio::time::timeout(CLOSE_TIMEOUT, self.client.clone().shutdown())
            .await
            .is_err()
        {
            tracing::warn!("MongoDB operations still running at shutdown; closing anyway");
        }
    }
}

/// Server error codes a retry can cure: the server is shutting down, stepping down, not the
/// primary, or unreachable from the one we asked, or the operation timed out.
const TRANSIENT_CODES: &[i32] = &[
    6,     // HostUnreachable
    7,     // HostNotFound
    89,    // NetworkTimeout
    91,    // ShutdownInProgress
    189,   // PrimarySteppedDown
    262,   // ExceededTimeLimit
    9001,  // SocketException
    10107, // NotWritablePrimary
    11600, // InterruptedAtShutdown
    11602, // InterruptedDueToReplStateChange
    13435, // NotPrimaryNoSecondaryOk
    13436, // NotPrimaryOrSecondary
];

/// The duplicate-key error code of a unique index.
pub(super) const DUPLICATE_KEY: i32 = 11000;

/// Maps a driver error to the domain's, logging the detail. What a retry can cure (no server,
/// a dropped connection, a failover) is `Unavailable`; the rest is `Internal`.
fn mongo_error(context: &'static str) -> impl FnOnce(mongodb::error::Error) -> Error {
    move |e| {
        let transient = match e.kind.as_ref() {
            ErrorKind::Io(_)
            | ErrorKind::ServerSelection { .. }
            | ErrorKind::ConnectionPoolCleared { .. }
            | ErrorKind::Shutdown => true,
            ErrorKind::Command(command) => TRANSIENT_CODES.contains(&command.code),
            ErrorKind::Write(WriteFailure::WriteConcernError(concern)) => {
                TRANSIENT_CODES.contains(&concern.code)
            }
            _ => false,
        } || e.contains_label("RetryableWriteError");
        if transient {
            Error::unavailable(context, e)
        } else {
            Error::internal(context, e)
        }
    }
}

/// Whether a write failed on a unique index (which one, servers do not all say: FerretDB does
/// not; callers look the conflicting document up instead).
fn is_duplicate_key(e: &mongodb::error::Error) -> bool {
    match e.kind.as_ref() {
        ErrorKind::Write(WriteFailure::WriteError(write)) => write.code == DUPLICATE_KEY,
        // findAndModify and some servers' upserts report it as a command error.
        ErrorKind::Command(command) => command.code == DUPLICATE_KEY,
        ErrorKind::InsertMany(insert) => {
            insert.write_concern_error.is_none()
                && insert
                    .write_errors
                    .as_ref()
                    .is_some_and(|errors| errors.iter().all(|w| w.code == DUPLICATE_KEY))
        }
        _ => false,
    }
}

fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[async_trait]
impl MessageStore for MongoStore {
    async fn open_conversation(
        &self,
        conversation_id: &str,
        kind: ConversationKind,
        user_ids: &[String],
        now: Millis,
    ) -> Result<()> {
        self.open_for(conversation_id, kind, user_ids, now).await
    }

    async fn close_conversation(&self, conversation_id: &str, user_ids: &[String]) -> Result<()> {
        self.close_for(conversation_id, user_ids).await
    }

    async fn append(&self, message: &NewMessage) -> Result<Appended> {
        self.append_message(message).await
    }

    async fn append_runs(&self, runs: &[NewRun]) -> Result<Vec<StoredRun>> {
        self.append_runs(runs).await
    }

    async fn message(&self, message_id: &str) -> Result<Option<Message>> {
        self.message_by_id(message_id).await
    }

    async fn history(
        &self,
        user_id: &str,
        conversation_id: &str,
        cleared_seq: i64,
        page: HistoryPage,
        limit: u64,
    ) -> Result<Vec<Message>> {
        self.history_page(user_id, conversation_id, cleared_seq, page, limit)
            .await
    }

    async fn is_deleted_for(&self, user_id: &str, message_id: &str) -> Result<bool> {
        self.deleted_for(user_id, message_id).await
    }

    async fn user_conversation(
        &self,
        user_id: &str,
        conversation_id: &str,
    ) -> Result<Option<UserConversation>> {
        self.user_conversation_of(user_id, conversation_id).await
    }

    async fn list_user_conversations(
        &self,
        user_id: &str,
        include_hidden: bool,
        page: Page,
    ) -> Result<Vec<UserConversation>> {
        self.user_conversations_of(user_id, include_hidden, page)
            .await
    }

    async fn update_user_conversation(
        &self,
        user_id: &str,
        conversation_id: &str,
        patch: &ConversationPatch,
    ) -> Result<()> {
        self.patch_user_conversation(user_id, conversation_id, patch)
            .await
    }

    async fn mark_read(&self, user_id: &str, conversation_id: &str, seq: i64) -> Result<i64> {
        self.raise_read_seq(user_id, conversation_id, seq).await
    }

    async fn read_seqs(&self, conversation_id: &str) -> Result<Vec<(String, i64)>> {
        self.read_positions(conversation_id).await
    }

    async fn mentioned_after(
        &self,
        user_id: &str,
        conversation_id: &str,
        after_seq: i64,
    ) -> Result<bool> {
        self.mentions_after(user_id, conversation_id, after_seq)
            .await
    }

    async fn messages_by_ids(&self, message_ids: &[String]) -> Result<Vec<Message>> {
        self.messages_with_ids(message_ids).await
    }

    async fn recall(&self, message_id: &str, by: &str, at: Millis) -> Result<Message> {
        self.recall_message(message_id, by, at).await
    }

    async fn edit(
        &self,
        message_id: &str,
        content: &Content,
        at: Millis,
    ) -> Result<Option<Message>> {
        self.edit_message(message_id, content, at).await
    }

    async fn delete_for_user(
        &self,
        user_id: &str,
        conversation_id: &str,
        message_ids: &[String],
    ) -> Result<u64> {
        self.hide_messages(user_id, conversation_id, message_ids)
            .await
    }

    async fn clear_for_user(&self, user_id: &str, conversation_id: &str) -> Result<i64> {
        self.clear_history(user_id, conversation_id).await
    }
}

/// `PERMISSION_DENIED`/`NOT_CONVERSATION_MEMBER`, as the embedded store answers for a user
/// without state in the conversation.
fn not_a_member() -> Error {
    Error::denied(
        Reason::NotConversationMember,
        "you do not belong to this conversation",
    )
}
