//! The indexes the store relies on, created at start (idempotent: creating an index that exists
//! with the same keys and options is a no-op).
//!
//! The two unique indexes of `messages` are what makes appends correct without transactions:
//! (conversation_id, seq) lets an insert claim a seq at most once, whoever tries (another node,
//! a stale cache); (sender_id, client_msg_id) makes a retried send find its original.
//!
//! One `createIndexes` command per index: FerretDB 1.24 closes the connection on a command that
//! lists several indexes when one of them exists already.

use bson::{Document, doc};
use mongodb::options::IndexOptions;
use mongodb::{Database, IndexModel};

use super::documents::{
    MEDIA, MEDIA_CONVERSATIONS, MENTIONS, MESSAGES, PINS, REACTION_COUNTS, REACTIONS,
    USER_CONVERSATIONS,
};

struct IndexSpec {
    collection: &'static str,
    name: &'static str,
    keys: fn() -> Document,
    unique: bool,
}

const INDEXES: &[IndexSpec] = &[
    IndexSpec {
        collection: MESSAGES,
        name: "conversation_seq",
        keys: || doc! { "conversation_id": 1, "seq": 1 },
        unique: true,
    },
    IndexSpec {
        collection: MESSAGES,
        name: "sender_client_msg",
        keys: || doc! { "sender_id": 1, "client_msg_id": 1 },
        unique: true,
    },
    IndexSpec {
        collection: USER_CONVERSATIONS,
        name: "user_conversation",
        keys: || doc! { "user_id": 1, "conversation_id": 1 },
        unique: true,
    },
    // read_seqs and close_conversation look users up by conversation.
    IndexSpec {
        collection: USER_CONVERSATIONS,
        name: "conversation_users",
        keys: || doc! { "conversation_id": 1 },
        unique: false,
    },
    // A user's newest mentions in a conversation (`mentions` module).
    IndexSpec {
        collection: MENTIONS,
        name: "conversation_user_time",
        keys: || doc! { "conversation_id": 1, "user_id": 1, "sent_at": -1 },
        unique: false,
    },
    // A conversation's pins, newest first.
    IndexSpec {
        collection: PINS,
        name: "conversation_time",
        keys: || doc! { "conversation_id": 1, "pinned_at": -1 },
        unique: false,
    },
    // A user's reactions on a page of messages ("reacted by me"), and on one (their bound).
    IndexSpec {
        collection: REACTIONS,
        name: "message_user",
        keys: || doc! { "message_id": 1, "user_id": 1 },
        unique: false,
    },
    IndexSpec {
        collection: REACTION_COUNTS,
        name: "message",
        keys: || doc! { "message_id": 1 },
        unique: false,
    },
    // The quota sums a user's uploads.
    IndexSpec {
        collection: MEDIA,
        name: "uploader_time",
        keys: || doc! { "uploader_id": 1, "created_at": 1 },
        unique: false,
    },
    // Who may download an upload: the conversations it was sent to.
    IndexSpec {
        collection: MEDIA_CONVERSATIONS,
        name: "media",
        keys: || doc! { "media_id": 1 },
        unique: false,
    },
];

/// Creates every index that is missing.
pub(super) async fn ensure(database: &Database) -> anyhow::Result<()> {
    // The collections side by side (each one's indexes in order): a start waits on the slowest
    // collection rather than on every index in turn.
    let mut collections: Vec<&'static str> = INDEXES.iter().map(|spec| spec.collection).collect();
    collections.sort_unstable();
    collections.dedup();
    let created = collections.into_iter().map(|collection| async move {
        for spec in INDEXES.iter().filter(|spec| spec.collection == collection) {
            create(database, spec).await?;
        }
        anyhow::Ok(())
    });
    futures::future::try_join_all(created).await?;
    Ok(())
}

async fn create(database: &Database, spec: &IndexSpec) -> anyhow::Result<()> {
    let model = IndexModel::builder()
        .keys((spec.keys)())
        .options(
            IndexOptions::builder()
                .name(spec.name.to_owned())
                // Non-unique indexes carry no `unique` option at all, as MongoDB lists them.
                .unique(spec.unique.then_some(true))
                .build(),
        )
        .build();
    database
        .collection::<Document>(spec.collection)
        .create_index(model)
        .await
        .map_err(|e| anyhow::anyhow!("creating index {} on {}: {e}", spec.name, spec.collection))?;
    Ok(())
}

/// The names of the store's indexes on `collection` (for tests).
#[cfg(test)]
pub(super) fn names(collection: &str) -> Vec<&'static str> {
    INDEXES
        .iter()
        .filter(|spec| spec.collection == collection)
        .map(|spec| spec.name)
        .collect()
}

/// How many indexes the store defines (besides `_id`).
pub(super) fn names_count() -> usize {
    INDEXES.len()
}
