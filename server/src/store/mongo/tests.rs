//! The store against a real MongoDB-wire server: `EASYCHAT_TEST_MONGO_URL` (which
//! `deploy/local/up` writes to its env file), skipped with a note when unset, and failing when
//! unset in a run on the real services (`EASYCHAT_TEST_CONFIG` set). Each test works
//! in a database of its own, dropped at the end. The behaviour every backend shares is covered
//! end to end by the tests crate; these are the cases only the Mongo append has.

use std::sync::Arc;
use std::time::Duration;

use bson::{Document, doc};
use futures::StreamExt;

use super::documents::{MESSAGES, MessageDoc, USER_CONVERSATIONS};
use super::{MongoStore, indexes};
use crate::config::BackendsConfig;
use crate::domain::ids::{ConversationKind, new_id};
use crate::domain::model::{Content, NewMessage, now_millis};
use crate::domain::ports::{MessageStore, NewRun, Page, SeqCache};
use crate::error::Reason;
use crate::store::memory::LocalSeqCache;
use crate::test_services::service_env;

/// A database of its own; `easychat_t_<pid>_` like the tests crate's, whose sweep drops the
/// databases of test processes that died before dropping theirs.
struct TestDb {
    url: String,
    config: BackendsConfig,
}

impl TestDb {
    fn new() -> Option<TestDb> {
        let url = service_env("EASYCHAT_TEST_MONGO_URL", "ferretdb")?;
        let random = uuid::Uuid::new_v4().simple().to_string();
        let mut config = BackendsConfig::default();
        config.mongo.url = Some(url.clone());
        config.mongo.database = format!("easychat_t_{}_{}", std::process::id(), &random[..12]);
        Some(TestDb { url, config })
    }

    /// A store on this database with a cache of its own, like one node.
    async fn node(&self) -> (MongoStore, Arc<LocalSeqCache>) {
        let cache = Arc::new(LocalSeqCache::default());
        let store = MongoStore::open(&self.url, &self.config.mongo, cache.clone())
            .await
            .expect("open the Mongo store");
        (store, cache)
    }

    async fn drop_with(self, store: MongoStore) {
        store
            .client
            .database(&self.config.mongo.database)
            .drop()
            .await
            .expect("drop the test database");
        store.close().await;
    }
}

fn text(sender: &str, conversation_id: &str, body: &str) -> NewMessage {
    NewMessage {
        message_id: new_id(),
        conversation_id: conversation_id.to_owned(),
        kind: ConversationKind::Group,
        sender_id: sender.to_owned(),
        client_msg_id: new_id(),
        content: Content::Text {
            text: body.to_owned(),
        },
        sent_at: now_millis(),
        reply_to: None,
        mentions: Default::default(),
    }
}

async fn open_group(store: &MongoStore, users: &[&str]) -> String {
    let conversation_id = format!("g_{}", new_id());
    let users: Vec<String> = users.iter().map(|u| (*u).to_owned()).collect();
    store
        .open_conversation(
            &conversation_id,
            ConversationKind::Group,
            &users,
            now_millis(),
        )
        .await
        .expect("open conversation");
    conversation_id
}

async fn index_names(store: &MongoStore, database: &str, collection: &str) -> Vec<String> {
    store
        .client
        .database(database)
        .collection::<Document>(collection)
        .list_index_names()
        .await
        .expect("list indexes")
}

#[tokio::test]
async fn indexes_are_created_at_start_and_starting_again_changes_nothing() {
    let Some(db) = TestDb::new() else { return };
    let (first, _) = db.node().await;
    let (second, _) = db.node().await;
    for collection in [MESSAGES, USER_CONVERSATIONS] {
        let names = index_names(&second, &db.config.mongo.database, collection).await;
        for name in indexes::names(collection) {
            assert!(
                names.iter().any(|n| n == name),
                "{collection}: {name} in {names:?}"
            );
        }
        // `_id_` and ours, nothing twice.
        assert_eq!(
            names.len(),
            indexes::names(collection).len() + 1,
            "{names:?}"
        );
    }
    first.close().await;
    db.drop_with(second).await;
}

#[tokio::test]
async fn a_redelivered_message_id_returns_the_stored_message() {
    let Some(db) = TestDb::new() else { return };
    let (store, _) = db.node().await;
    let conversation = open_group(&store, &["u1"]).await;
    let message = text("u1", &conversation, "once");
    let first = store.append(&message).await.expect("append");
    assert!(!first.duplicate);
    assert_eq!(first.message.seq, 1);
    // The same message again (a consumer redelivering it after a crash), even with another
    // client_msg_id: found by its id.
    let again = NewMessage {
        client_msg_id: new_id(),
        ..message.clone()
    };
    let second = store.append(&again).await.expect("append again");
    assert!(second.duplicate);
    assert_eq!(second.message, first.message);
    let next = store
        .append(&text("u1", &conversation, "next"))
        .await
        .expect("append next");
    assert_eq!(next.message.seq, 2, "a duplicate takes no seq");
    db.drop_with(store).await;
}

#[tokio::test]
async fn appending_to_a_conversation_never_opened_is_conversation_not_found() {
    let Some(db) = TestDb::new() else { return };
    let (store, _) = db.node().await;
    let error = store
        .append(&text("u1", &format!("g_{}", new_id()), "lost"))
        .await
        .expect_err("no conversation");
    assert_eq!(error.reason, Reason::ConversationNotFound);
    db.drop_with(store).await;
}

#[tokio::test]
async fn two_nodes_with_their_own_caches_keep_seqs_dense() {
    let Some(db) = TestDb::new() else { return };
    let (a, a_cache) = db.node().await;
    let (b, _) = db.node().await;
    let conversation = open_group(&a, &["u1", "u2"]).await;
    let mut seqs = Vec::new();
    // Each node's cache falls behind whenever the other one appends: every switch makes the
    // insert collide on (conversation_id, seq) and retry from MongoDB's last seq.
    for (n, store) in [&a, &a, &b, &a, &b, &b, &a].into_iter().enumerate() {
        let sender = if n % 2 == 0 { "u1" } else { "u2" };
        let appended = store
            .append(&text(sender, &conversation, &n.to_string()))
            .await
            .expect("append");
        seqs.push(appended.message.seq);
    }
    assert_eq!(seqs, (1..=7).collect::<Vec<i64>>());
    assert_eq!(a_cache.last_seq(&conversation).await.unwrap(), Some(7));
    let state = b
        .user_conversation("u2", &conversation)
        .await
        .unwrap()
        .expect("u2's state");
    assert_eq!(state.max_seq, 7);
    assert_eq!(state.read_seq, 6, "senders have read what they sent");
    a.close().await;
    db.drop_with(b).await;
}

#[tokio::test]
async fn a_cache_set_back_costs_a_retry_not_a_seq() {
    let Some(db) = TestDb::new() else { return };
    let (store, cache) = db.node().await;
    let conversation = open_group(&store, &["u1"]).await;
    for n in 0..3 {
        store
            .append(&text("u1", &conversation, &n.to_string()))
            .await
            .unwrap();
    }
    // An old value (as from an old snapshot), then a missing one.
    cache.forget(&conversation).await.unwrap();
    cache.advance(&conversation, 1).await.unwrap();
    let after_stale = store.append(&text("u1", &conversation, "x")).await.unwrap();
    assert_eq!(after_stale.message.seq, 4);
    cache.forget(&conversation).await.unwrap();
    let after_missing = store.append(&text("u1", &conversation, "y")).await.unwrap();
    assert_eq!(after_missing.message.seq, 5);
    db.drop_with(store).await;
}

#[tokio::test]
async fn a_redelivery_repairs_state_left_behind_by_a_crash_after_the_insert() {
    let Some(db) = TestDb::new() else { return };
    let (store, _) = db.node().await;
    let conversation = open_group(&store, &["u1"]).await;
    // What a crash between the insert and the state update leaves: the message, at seq 1, and
    // a conversation still at max seq 0.
    let message = text("u1", &conversation, "stored, not reported");
    store
        .messages
        .insert_one(MessageDoc {
            id: message.message_id.clone(),
            conversation_id: conversation.clone(),
            seq: 1,
            sender_id: "u1".to_owned(),
            client_msg_id: message.client_msg_id.clone(),
            content: Some(message.content.clone()),
            sent_at: message.sent_at,
            recalled_by: None,
            recalled_at: None,
            reply_to: None,
            edited_at: None,
            mentions: Vec::new(),
        })
        .await
        .unwrap();
    let state = store
        .user_conversation("u1", &conversation)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(state.max_seq, 0);
    let redelivered = store.append(&message).await.unwrap();
    assert!(redelivered.duplicate);
    assert_eq!(redelivered.message.seq, 1);
    let state = store
        .user_conversation("u1", &conversation)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((state.max_seq, state.read_seq), (1, 1));
    db.drop_with(store).await;
}

#[tokio::test]
async fn newcomers_start_at_the_end_and_reopening_keeps_their_state() {
    let Some(db) = TestDb::new() else { return };
    let (store, _) = db.node().await;
    let conversation = open_group(&store, &["u1"]).await;
    for n in 0..2 {
        store
            .append(&text("u1", &conversation, &n.to_string()))
            .await
            .unwrap();
    }
    store.mark_read("u1", &conversation, 1).await.unwrap();
    let users = ["u1".to_owned(), "u2".to_owned()];
    store
        .open_conversation(&conversation, ConversationKind::Group, &users, now_millis())
        .await
        .expect("reopen with a newcomer");
    let newcomer = store
        .user_conversation("u2", &conversation)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((newcomer.read_seq, newcomer.cleared_seq), (2, 2));
    let old = store
        .user_conversation("u1", &conversation)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(old.read_seq, 2, "kept: u1 sent both, so read both");
    assert_eq!(old.cleared_seq, 0);
    let user_states = store
        .user_conversations
        .clone_with_type::<Document>()
        .count_documents(doc! { "conversation_id": &conversation })
        .await
        .unwrap();
    assert_eq!(user_states, 2);
    db.drop_with(store).await;
}

/// `append_runs` with one run.
#[tokio::test]
async fn a_senders_seq_counts_as_read_everywhere_and_leaves_with_them() {
    let Some(db) = TestDb::new() else { return };
    let (store, _) = db.node().await;
    let conversation = open_group(&store, &["u1", "u2"]).await;
    for n in 0..3 {
        store
            .append(&text("u1", &conversation, &n.to_string()))
            .await
            .unwrap();
    }
    let runs = [NewRun {
        messages: vec![text("u2", &conversation, "3")],
        last_seq: Some(3),
    }];
    store.append_runs(&runs).await.unwrap();
    let mut positions = store.read_seqs(&conversation).await.unwrap();
    positions.sort();
    assert_eq!(positions, [("u1".to_owned(), 3), ("u2".to_owned(), 4)]);
    let listed = store
        .list_user_conversations(
            "u1",
            false,
            Page {
                offset: 0,
                limit: 10,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (listed[0].max_seq, listed[0].read_seq, listed[0].unread()),
        (4, 3, 1)
    );
    assert_eq!(
        store.mark_read("u1", &conversation, 1).await.unwrap(),
        3,
        "marking an older seq read lowers nothing"
    );
    assert_eq!(store.mark_read("u1", &conversation, 4).await.unwrap(), 4);

    store
        .close_conversation(&conversation, &["u2".to_owned()])
        .await
        .unwrap();
    let stored = store
        .conversations
        .find_one(doc! { "_id": &conversation })
        .await;
    let stored = stored.unwrap().expect("the conversation stays");
    assert!(
        !stored.sent_seqs.contains_key("u2") && stored.sent_seqs.contains_key("u1"),
        "only the leaver's entry goes: {:?}",
        stored.sent_seqs
    );
    db.drop_with(store).await;
}

async fn append_run(
    store: &MongoStore,
    messages: &[NewMessage],
    last_seq: Option<i64>,
) -> crate::error::Result<crate::domain::ports::StoredRun> {
    let run = crate::domain::ports::NewRun {
        messages: messages.to_vec(),
        last_seq,
    };
    Ok(store.append_runs(&[run]).await?.remove(0))
}

/// The seqs of a run's outcomes, `None` for a refusal, and whether each was a duplicate.
fn seqs_of(run: &crate::domain::ports::StoredRun) -> Vec<(i64, bool)> {
    run.outcomes
        .iter()
        .map(|outcome| {
            let appended = outcome.as_ref().expect("stored");
            (appended.message.seq, appended.duplicate)
        })
        .collect()
}

#[tokio::test]
async fn a_run_gets_the_next_seqs_in_order_and_its_retries_find_their_originals() {
    let Some(db) = TestDb::new() else { return };
    let (store, _) = db.node().await;
    let conversation = open_group(&store, &["u1", "u2"]).await;
    let earlier = text("u1", &conversation, "before the run");
    store.append(&earlier).await.unwrap();
    let first = text("u2", &conversation, "a");
    // A retry of a message stored before the run, and one of the run's own first message (a
    // client that resent while its first try was still in Kafka).
    let retry_of_earlier = NewMessage {
        message_id: new_id(),
        ..earlier.clone()
    };
    let retry_of_first = NewMessage {
        message_id: new_id(),
        ..first.clone()
    };
    let run = [
        first.clone(),
        retry_of_earlier,
        text("u1", &conversation, "b"),
        retry_of_first,
        text("u1", &conversation, "c"),
    ];
    let stored = append_run(&store, &run, Some(1)).await.expect("run");
    assert_eq!(
        seqs_of(&stored),
        [(2, false), (1, true), (3, false), (2, true), (4, false)]
    );
    assert_eq!(stored.last_seq, Some(4));
    let u1 = store
        .user_conversation("u1", &conversation)
        .await
        .unwrap()
        .unwrap();
    let u2 = store
        .user_conversation("u2", &conversation)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(u1.max_seq, 4, "one update for the run");
    assert_eq!(
        (u1.read_seq, u2.read_seq),
        (4, 2),
        "each sender read up to their last"
    );
    let next = store.append(&text("u2", &conversation, "d")).await.unwrap();
    assert_eq!(next.message.seq, 5, "duplicates took no seq");
    db.drop_with(store).await;
}

#[tokio::test]
async fn a_run_numbered_from_a_belief_that_fell_behind_takes_the_next_free_seqs() {
    let Some(db) = TestDb::new() else { return };
    let (owner, _) = db.node().await;
    let (other, _) = db.node().await;
    let conversation = open_group(&owner, &["u1"]).await;
    let believed = append_run(&owner, &[text("u1", &conversation, "a")], None)
        .await
        .unwrap()
        .last_seq;
    assert_eq!(believed, Some(1));
    // Another writer (a previous owner of the partition finishing its batch) appends twice.
    for body in ["b", "c"] {
        other
            .append(&text("u1", &conversation, body))
            .await
            .unwrap();
    }
    let run = [
        text("u1", &conversation, "d"),
        text("u1", &conversation, "e"),
    ];
    let stored = append_run(&owner, &run, believed).await.expect("run");
    assert_eq!(seqs_of(&stored), [(4, false), (5, false)]);
    assert_eq!(stored.last_seq, Some(5));
    let history = owner
        .history(
            "u1",
            &conversation,
            0,
            crate::domain::model::HistoryPage::Forward { after: 0 },
            10,
        )
        .await
        .unwrap();
    let seqs: Vec<i64> = history.iter().map(|m| m.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5], "dense, nothing doubled");
    other.close().await;
    db.drop_with(owner).await;
}

#[tokio::test]
async fn a_run_retried_after_a_partial_write_finds_the_stored_part_as_itself() {
    let Some(db) = TestDb::new() else { return };
    let (store, _) = db.node().await;
    let conversation = open_group(&store, &["u1"]).await;
    let run = [
        text("u1", &conversation, "a"),
        text("u1", &conversation, "b"),
        text("u1", &conversation, "c"),
    ];
    // What a failure after the first two inserts leaves; the retry does not know the last seq.
    append_run(&store, &run[..2], None).await.unwrap();
    let stored = append_run(&store, &run, None).await.expect("retry");
    assert_eq!(seqs_of(&stored), [(1, true), (2, true), (3, false)]);
    for (outcome, message) in stored.outcomes.iter().zip(&run) {
        assert_eq!(
            outcome.as_ref().unwrap().message.message_id,
            message.message_id
        );
    }
    db.drop_with(store).await;
}

#[tokio::test]
async fn a_run_for_a_conversation_never_opened_is_refused_message_by_message() {
    let Some(db) = TestDb::new() else { return };
    let (store, _) = db.node().await;
    let conversation = format!("g_{}", new_id());
    let run = [
        text("u1", &conversation, "a"),
        text("u1", &conversation, "b"),
    ];
    let stored = append_run(&store, &run, None).await.expect("answered");
    assert_eq!(stored.outcomes.len(), 2);
    for outcome in &stored.outcomes {
        assert_eq!(
            outcome.as_ref().unwrap_err().reason,
            Reason::ConversationNotFound
        );
    }
    assert_eq!(stored.last_seq, None);
    db.drop_with(store).await;
}

#[tokio::test]
async fn runs_of_several_conversations_go_in_together_and_a_refusal_in_one_spares_the_others() {
    let Some(db) = TestDb::new() else { return };
    let (owner, _) = db.node().await;
    let (other, _) = db.node().await;
    let first = open_group(&owner, &["u1", "u2"]).await;
    let second = open_group(&owner, &["u1"]).await;
    let never_opened = format!("g_{}", new_id());
    let earlier = text("u1", &first, "before");
    owner.append(&earlier).await.unwrap();
    // Another writer takes seq 1 of the second conversation behind the owner's back.
    other.append(&text("u1", &second, "taken")).await.unwrap();
    let runs = [
        crate::domain::ports::NewRun {
            messages: vec![
                text("u2", &first, "a"),
                NewMessage {
                    message_id: new_id(),
                    ..earlier.clone()
                },
                text("u2", &first, "b"),
            ],
            last_seq: Some(1),
        },
        crate::domain::ports::NewRun {
            messages: vec![text("u1", &second, "c"), text("u1", &second, "d")],
            last_seq: Some(0),
        },
        crate::domain::ports::NewRun {
            messages: vec![text("u1", &never_opened, "lost")],
            last_seq: None,
        },
    ];
    let stored = owner.append_runs(&runs).await.expect("runs");
    assert_eq!(seqs_of(&stored[0]), [(2, false), (1, true), (3, false)]);
    assert_eq!(stored[0].last_seq, Some(3));
    assert_eq!(
        seqs_of(&stored[1]),
        [(2, false), (3, false)],
        "renumbered past the taken seq"
    );
    assert_eq!(stored[1].last_seq, Some(3));
    assert_eq!(
        stored[2].outcomes[0].as_ref().unwrap_err().reason,
        Reason::ConversationNotFound
    );
    let u2 = owner
        .user_conversation("u2", &first)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (u2.max_seq, u2.read_seq),
        (3, 3),
        "state of every run updated"
    );
    let u1 = owner
        .user_conversation("u1", &second)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((u1.max_seq, u1.read_seq), (3, 3));
    other.close().await;
    db.drop_with(owner).await;
}

/// More conversations than FerretDB's pool has PostgreSQL connections (50), so the state updates
/// travel as `update` commands of many statements, several at once: the unpatched stand-in held
/// a connection per statement until its command ended and stopped answering
/// (deploy/local/patches/ferretdb). A duplicate and a taken seq deep in the batch are handled as
/// in a small one.
#[tokio::test]
async fn a_batch_over_hundreds_of_conversations_updates_every_ones_state() {
    let Some(db) = TestDb::new() else { return };
    let (store, _) = db.node().await;
    let (other, _) = db.node().await;
    let conversations: Vec<String> = futures::stream::iter(0..520)
        .map(|_| open_group(&store, &["u1", "u2"]))
        .buffer_unordered(8)
        .collect()
        .await;
    let runs: Vec<NewRun> = conversations
        .iter()
        .map(|id| NewRun {
            messages: vec![
                text("u1", id, "a"),
                text("u2", id, "b"),
                text("u1", id, "c"),
            ],
            last_seq: Some(0),
        })
        .collect();
    // Past the first hundreds: a message already stored (a redelivery) and a seq another writer
    // took.
    let (redelivered, taken) = (450, 500);
    store.append(&runs[redelivered].messages[0]).await.unwrap();
    other
        .append(&text("u2", &conversations[taken], "first"))
        .await
        .unwrap();
    let stored = tokio::time::timeout(Duration::from_secs(120), store.append_runs(&runs))
        .await
        .expect("the stand-in answers a batch's state updates (is its FerretDB patched?)")
        .expect("runs");
    assert_eq!(
        seqs_of(&stored[redelivered]),
        [(1, true), (2, false), (3, false)]
    );
    assert_eq!(
        seqs_of(&stored[taken]),
        [(2, false), (3, false), (4, false)]
    );
    let max_seq = |i: usize| if i == taken { 4 } else { 3 };
    assert!(
        stored
            .iter()
            .enumerate()
            .all(|(i, run)| run.last_seq == Some(max_seq(i))),
        "every run ends at its conversation's last seq"
    );
    for user in ["u1", "u2"] {
        let listed = store
            .list_user_conversations(
                user,
                true,
                Page {
                    offset: 0,
                    limit: 1_000,
                },
            )
            .await
            .unwrap();
        assert_eq!(listed.len(), conversations.len());
        let behind: Vec<_> = listed
            .iter()
            .filter(|c| {
                let i = conversations
                    .iter()
                    .position(|id| *id == c.conversation_id)
                    .unwrap();
                let read_seq = match user {
                    "u1" => max_seq(i),
                    _ => max_seq(i) - 1,
                };
                (c.max_seq, c.read_seq) != (max_seq(i), read_seq)
            })
            .map(|c| (&c.conversation_id, c.max_seq, c.read_seq))
            .collect();
        assert!(behind.is_empty(), "{user}: state not updated: {behind:?}");
    }
    other.close().await;
    db.drop_with(store).await;
}

#[tokio::test]
async fn a_redelivered_batch_larger_than_one_insert_comes_back_whole_as_itself() {
    let Some(db) = TestDb::new() else { return };
    let (store, _) = db.node().await;
    let conversation = open_group(&store, &["u1"]).await;
    // Past one insert command (`INSERT_CHUNK`): what a consumer redelivers after a SIGKILL.
    let run: Vec<NewMessage> = (0..250)
        .map(|n| text("u1", &conversation, &n.to_string()))
        .collect();
    let first = append_run(&store, &run, None).await.expect("stored");
    assert_eq!(first.last_seq, Some(250));
    let mut with_one_new = run.clone();
    with_one_new.push(text("u1", &conversation, "new"));
    let again = append_run(&store, &with_one_new, None)
        .await
        .expect("redelivered");
    let seqs = seqs_of(&again);
    assert!(
        seqs[..250]
            .iter()
            .enumerate()
            .all(|(i, s)| *s == (i as i64 + 1, true))
    );
    assert_eq!(seqs[250], (251, false), "the new one right after, no gap");
    db.drop_with(store).await;
}

/// The stand-in (FerretDB 1.24 with deploy/local's index-pushdown patch) filters `seq` ranges
/// in PostgreSQL before the handler filters again: every page must still hold exactly the
/// messages of its range, in order, whichever bounds it has.
#[tokio::test]
async fn history_pages_hold_exactly_their_range() {
    use crate::domain::model::HistoryPage::{Backward, Forward};
    let Some(db) = TestDb::new() else { return };
    let (store, _) = db.node().await;
    let conversation = open_group(&store, &["u1", "u2"]).await;
    let messages: Vec<NewMessage> = (1..=30)
        .map(|n| text("u1", &conversation, &format!("m{n}")))
        .collect();
    append_run(&store, &messages, None).await.expect("run");
    let cases = [
        (0, Forward { after: 10 }, 5, vec![11, 12, 13, 14, 15]),
        (0, Forward { after: 28 }, 5, vec![29, 30]),
        (0, Forward { after: 30 }, 5, vec![]),
        (0, Backward { before: 20 }, 5, vec![19, 18, 17, 16, 15]),
        (0, Backward { before: 0 }, 3, vec![30, 29, 28]),
        (0, Backward { before: 3 }, 10, vec![2, 1]),
        (25, Backward { before: 0 }, 10, vec![30, 29, 28, 27, 26]),
        (25, Forward { after: 10 }, 3, vec![26, 27, 28]),
        (25, Backward { before: 27 }, 10, vec![26]),
    ];
    for (cleared_seq, page, limit, expected) in cases {
        let seqs: Vec<i64> = store
            .history("u2", &conversation, cleared_seq, page, limit)
            .await
            .unwrap()
            .iter()
            .map(|m| m.seq)
            .collect();
        assert_eq!(
            seqs, expected,
            "cleared at {cleared_seq}, {page:?}, limit {limit}"
        );
    }
    db.drop_with(store).await;
}

/// The stand-in answers filters as MongoDB does on documents of every shape. deploy/local builds
/// FerretDB with a patch that pushes string equality and numeric ranges down to PostgreSQL's
/// btree indexes (deploy/local/README.md, Caveats); PostgreSQL must keep every document that may
/// match (an array holding the value), or a query on the stand-in would miss what MongoDB finds.
#[tokio::test]
async fn the_stand_in_filters_like_mongodb() {
    use bson::Bson;
    use futures::TryStreamExt;
    let Some(db) = TestDb::new() else { return };
    let (store, _) = db.node().await;
    let shapes = store
        .client
        .database(&db.config.mongo.database)
        .collection::<Document>("filter_shapes");
    shapes
        .create_index(
            mongodb::IndexModel::builder()
                .keys(doc! { "f": 1, "g": 1 })
                .build(),
        )
        .await
        .expect("index");
    let values: Vec<Option<Bson>> = vec![
        Some("abc".into()),
        Some(bson::bson!(["abc", "x"])),
        Some(bson::bson!(["x"])),
        Some(bson::bson!([])),
        Some(bson::bson!({ "a": "abc" })),
        Some(Bson::Null),
        Some(true.into()),
        Some(5_i32.into()),
        Some(5.5_f64.into()),
        Some((-3_i64).into()),
        Some(bson::bson!([1, 10])),
        Some(bson::bson!([10])),
        Some("5".into()),
        Some((1_i64 << 40).into()),
        None,
        Some("zzz".into()),
        Some(bson::bson!([{ "f": 1 }])),
        Some(0_i32.into()),
    ];
    let documents: Vec<Document> = values
        .into_iter()
        .enumerate()
        .map(|(id, value)| {
            let mut document = doc! { "_id": id as i32, "g": 1 };
            if let Some(value) = value {
                document.insert("f", value);
            }
            document
        })
        .collect();
    shapes.insert_many(documents).await.expect("insert");

    let cases: Vec<(Document, Vec<i32>)> = vec![
        (doc! { "f": "abc" }, vec![0, 1]),
        (doc! { "f": { "$eq": "x" } }, vec![1, 2]),
        (doc! { "f": "5" }, vec![12]),
        (doc! { "f": "abc", "g": { "$gte": 1 } }, vec![0, 1]),
        (doc! { "f": { "$gt": 5 } }, vec![8, 10, 11, 13]),
        (doc! { "f": { "$gte": 5_i64 } }, vec![7, 8, 10, 11, 13]),
        (doc! { "f": { "$lt": 5 } }, vec![9, 10, 17]),
        (doc! { "f": { "$lte": 0.0 } }, vec![9, 17]),
        // Without $elemMatch, an array matches when one element meets each bound.
        (doc! { "f": { "$gt": 1, "$lt": 10 } }, vec![7, 8, 10]),
        (doc! { "f": { "$gt": 100 } }, vec![13]),
    ];
    for (filter, expected) in cases {
        let mut found: Vec<i32> = shapes
            .find(filter.clone())
            .await
            .expect("find")
            .try_collect::<Vec<Document>>()
            .await
            .expect("read")
            .iter()
            .map(|document| document.get_i32("_id").expect("_id"))
            .collect();
        found.sort_unstable();
        assert_eq!(found, expected, "{filter}");
    }
    db.drop_with(store).await;
}
