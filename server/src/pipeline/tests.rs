//! The Kafka pipeline against a real broker: `EASYCHAT_TEST_KAFKA_BROKERS` (which
//! `deploy/local/up` writes to its env file), skipped with a note when unset, and failing when
//! unset in a run on the real services (`EASYCHAT_TEST_CONFIG` set). Each test uses a topic and
//! a consumer group of its own and an embedded store in a temporary directory. The pipeline as
//! the server runs it is covered end to end by the tests crate; these are the cases it cannot
//! reach from outside, such as replacing a node's Kafka clients at a chosen moment.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::kafka::{KafkaPipeline, PipelineStores};
use crate::config::{KafkaConfig, StorageConfig};
use crate::domain::ids::{ConversationKind, new_id};
use crate::domain::model::{Content, HistoryPage, NewMessage, now_millis};
use crate::domain::ports::{EventSink, MessageLog, MessageStore};
use crate::error::ErrorKind;
use crate::observability::Metrics;
use crate::realtime::hub::Hub;
use crate::store::memory::LocalPresence;
use crate::store::sqlite::SqliteStore;
use crate::test_services::service_env;

/// One node's pipeline on a topic and group of its own, storing into SQLite in a temporary
/// directory of its own.
struct Node {
    pipeline: KafkaPipeline,
    store: SqliteStore,
    metrics: Arc<Metrics>,
    _dir: tempfile::TempDir,
}

/// A node on the broker of `EASYCHAT_TEST_KAFKA_BROKERS`; `None` (the test skipped) when unset.
async fn node() -> Option<Node> {
    let brokers = service_env("EASYCHAT_TEST_KAFKA_BROKERS", "kafka")?;
    let dir = tempfile::tempdir().expect("a temporary directory");
    // Named like the tests crate's, so that deploy/local/kafka-drop-test-topics deletes them.
    let random = uuid::Uuid::new_v4().simple().to_string();
    let name = format!("easychat_t.{}.{}", std::process::id(), &random[..12]);
    let config = KafkaConfig {
        brokers: Some(brokers.clone()),
        messages_topic: format!("{name}.messages"),
        bus_topic: format!("{name}.bus"),
        webhooks_topic: format!("{name}.webhooks"),
        consumer_group: name,
        partitions: 4,
        ..KafkaConfig::default()
    };
    let store = SqliteStore::open(dir.path(), &StorageConfig::default())
        .await
        .expect("open the SQLite store");
    let metrics = Metrics::new();
    let hub = Hub::start(Arc::new(LocalPresence::new("node-test")), 64, 16, 50, 500);
    let tap = |sink: Arc<dyn EventSink>| sink;
    let pipeline = KafkaPipeline::start(
        &config,
        &brokers,
        "node-test",
        PipelineStores {
            store: Arc::new(store.clone()),
            graph: Arc::new(store.tables()),
        },
        hub,
        metrics.clone(),
        &tap,
    )
    .await
    .expect("start the Kafka pipeline");
    Some(Node {
        pipeline,
        store,
        metrics,
        _dir: dir,
    })
}

fn text(sender: &str, conversation_id: &str, n: usize) -> NewMessage {
    NewMessage {
        message_id: new_id(),
        conversation_id: conversation_id.to_owned(),
        kind: ConversationKind::Group,
        sender_id: sender.to_owned(),
        client_msg_id: format!("{sender}-{n}"),
        content: Content::Text {
            text: format!("message {n}"),
        },
        sent_at: now_millis(),
        reply_to: None,
        mentions: Default::default(),
    }
}

/// Sends `message` until it is acked, retrying what a client retries (UNAVAILABLE, and a full
/// pipeline) with the same message; returns the stored seq.
async fn send_until_acked(pipeline: &KafkaPipeline, message: &NewMessage) -> i64 {
    for _ in 0..60 {
        match pipeline.append(message).await {
            Ok(appended) => return appended.message.seq,
            Err(error)
                if matches!(
                    error.kind,
                    ErrorKind::Unavailable | ErrorKind::ResourceExhausted
                ) =>
            {
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(error) => panic!("sending {}: {error}", message.client_msg_id),
        }
    }
    panic!("{} was never acked", message.client_msg_id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replacing_the_kafka_clients_under_load_loses_duplicates_and_reorders_nothing() {
    let Some(Node {
        pipeline,
        store,
        metrics,
        _dir,
    }) = node().await
    else {
        return;
    };
    const SENDERS: usize = 6;
    const REPLACEMENTS: usize = 3;
    const AFTER_THE_LAST: usize = 10;
    let conversations = ["g_watchdog_a", "g_watchdog_b"];
    let members: Vec<String> = (0..SENDERS).map(|s| format!("u{s}")).collect();
    for conversation in conversations {
        store
            .open_conversation(
                conversation,
                ConversationKind::Group,
                &members,
                now_millis(),
            )
            .await
            .expect("open the conversation");
    }
    // The senders keep sending until the third replacement is over, and then some: every
    // replacement happens with sends in flight.
    let replaced = Arc::new(AtomicUsize::new(0));
    let mut senders = Vec::new();
    for s in 0..SENDERS {
        let pipeline = pipeline.clone();
        let replaced = replaced.clone();
        let conversation = conversations[s % conversations.len()];
        senders.push(tokio::spawn(async move {
            let sender = format!("u{s}");
            let mut acked = Vec::new();
            let mut after_the_last = 0;
            while after_the_last < AFTER_THE_LAST {
                let message = text(&sender, conversation, acked.len());
                let seq = send_until_acked(&pipeline, &message).await;
                acked.push((message.message_id, seq));
                if replaced.load(Ordering::Acquire) == REPLACEMENTS {
                    after_the_last += 1;
                }
            }
            (conversation, acked)
        }));
    }
    for _ in 0..REPLACEMENTS {
        tokio::time::sleep(Duration::from_millis(700)).await;
        pipeline
            .replace_clients()
            .await
            .expect("replace the Kafka clients");
        replaced.fetch_add(1, Ordering::AcqRel);
    }
    let mut acked: HashMap<&str, Vec<(String, i64)>> = HashMap::new();
    for sender in senders {
        let (conversation, sent) = sender.await.expect("a sender task");
        acked.entry(conversation).or_default().extend(sent);
    }
    let total: usize = acked.values().map(Vec::len).sum();
    eprintln!("{total} sends acked across {REPLACEMENTS} replacements of the Kafka clients");
    assert!(
        metrics
            .render()
            .contains("easychat_pipeline_clients_replaced_total 3"),
        "the replacements are counted"
    );
    for (conversation, sent) in acked {
        let stored = store
            .history(
                "u0",
                conversation,
                0,
                HistoryPage::Forward { after: 0 },
                1_000,
            )
            .await
            .expect("read the conversation back");
        let seqs: Vec<i64> = stored.iter().map(|message| message.seq).collect();
        let expected: Vec<i64> = (1..=sent.len() as i64).collect();
        assert_eq!(
            seqs, expected,
            "{conversation}: every acked send stored once, seqs dense from 1"
        );
        let by_id: HashMap<&str, i64> = stored
            .iter()
            .map(|message| (message.message_id.as_str(), message.seq))
            .collect();
        for (message_id, seq) in &sent {
            assert_eq!(
                by_id.get(message_id.as_str()),
                Some(seq),
                "{conversation}: the ack named the seq the message is stored at"
            );
        }
    }
    pipeline.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sends_stalled_while_the_broker_answers_get_new_clients_and_then_flow() {
    let Some(Node {
        pipeline,
        store,
        metrics,
        _dir,
    }) = node().await
    else {
        return;
    };
    store
        .open_conversation(
            "g_stalled",
            ConversationKind::Group,
            &["u0".to_owned()],
            now_millis(),
        )
        .await
        .expect("open the conversation");
    let replaced = || {
        metrics
            .render()
            .contains("easychat_pipeline_clients_replaced_total 1")
    };
    // What a stuck producer leaves behind: sends to one partition failing since 40 s ago, the
    // latest just now (the broker itself is fine, so the watchdog's metadata check finds every
    // leader).
    let now = std::time::Instant::now();
    pipeline.note_send_failure(0, now - Duration::from_secs(40));
    pipeline.note_send_failure(0, now);
    // Two checks 5 s apart must both find the broker up: replaced within about 10 s.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !replaced() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the stalled clients were not replaced within 20 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let seq = send_until_acked(&pipeline, &text("u0", "g_stalled", 0)).await;
    assert_eq!(seq, 1, "the new clients store and ack");
    pipeline.close().await;
}
