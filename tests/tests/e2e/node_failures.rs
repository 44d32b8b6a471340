//! The message pipeline when a node dies. On every profile, the embedded default included:
//! - the server SIGKILLed while acking a burst: after a restart every acked message is stored
//!   exactly once, retries return the originals, and the history is gap-free.
//!
//! Against the real services (a profile with `backends.kafka.brokers`, e.g.
//! deploy/config/single-node.toml; skipped otherwise):
//! - one node of two SIGKILLed while its clients send: they carry on through the other node,
//!   which takes over its Kafka partitions; nothing acked is lost, nothing is stored twice;
//! - the node behind a WebSocket connection SIGKILLed: the gateway moves the connection to the
//!   other node without closing it; every send is answered, every message pushed exactly once;
//! - eight partitions changing owner twice (a node joining while senders are busy, then the
//!   owner SIGKILLed), senders on both nodes: every conversation dense, each message once;
//! - a node past `backends.kafka.max_in_flight`: the excess is refused at once
//!   (`PIPELINE_FULL`, RetryInfo), what was admitted is stored, retries store the rest once;
//! - a sender that gave up before its message was stored: it is still pushed, once.
//!
//! Each test kills only server processes of its own, on its own topics and databases, so they
//! run beside the other suites. Stopping the shared Kafka broker is `tests/kafka_outage.rs`.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use easychat_tests::pipeline::{assert_complete, friends_on_kafka, kafka_profile};
use easychat_tests::process::ServerProcess;
use easychat_tests::sessions;
use easychat_tests::sessions::history;
use easychat_tests::ws::TestGateway;
use easychat_tests::{
    Code, Isolated, TestUser, befriend, reason, register_at, send_until_stored, send_with_id,
};
use serde_json::Value;

/// Sends `burst-0..burst-{count}` concurrently and SIGKILLs `server` as soon as half of them are
/// acked, with the rest in flight (in the producer, in Kafka, in the consumer); returns what was
/// acked (client_msg_id → message id and seq).
async fn burst_then_kill(
    sender: &TestUser,
    conversation_id: &str,
    count: usize,
    server: &mut ServerProcess,
) -> HashMap<String, (String, i64)> {
    let acks = Arc::new(AtomicUsize::new(0));
    let mut sends = tokio::task::JoinSet::new();
    for i in 0..count {
        let (sender, conversation_id, acks) =
            (sender.clone(), conversation_id.to_owned(), acks.clone());
        sends.spawn(async move {
            let client_msg_id = format!("burst-{i}");
            let outcome = send_with_id(&sender, &conversation_id, &client_msg_id).await;
            if outcome.is_ok() {
                acks.fetch_add(1, Ordering::SeqCst);
            }
            (client_msg_id, outcome)
        });
    }
    while acks.load(Ordering::SeqCst) < count / 2 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    server.kill();
    let mut acked = HashMap::new();
    while let Some(joined) = sends.join_next().await {
        let (client_msg_id, outcome) = joined.expect("send task");
        if let Ok(response) = outcome {
            let message = response.message.expect("message");
            acked.insert(client_msg_id, (message.message_id, message.seq));
        }
    }
    acked
}

/// Sends the whole burst again, as clients do for sends that got no ack: the acked ones must
/// come back as duplicates with their original id and seq. Returns every message of the burst.
async fn retry_burst(
    sender: &TestUser,
    conversation_id: &str,
    count: usize,
    acked: &HashMap<String, (String, i64)>,
) -> HashMap<String, (String, i64)> {
    let mut stored = HashMap::new();
    for i in 0..count {
        let client_msg_id = format!("burst-{i}");
        let response = send_until_stored(sender, conversation_id, &client_msg_id).await;
        let message = response.message.expect("message");
        if let Some((message_id, seq)) = acked.get(&client_msg_id) {
            assert!(
                response.duplicate,
                "{client_msg_id} was acked: a retry is a duplicate"
            );
            assert_eq!((&message.message_id, &message.seq), (message_id, seq));
        }
        stored.insert(client_msg_id, (message.message_id, message.seq));
    }
    stored
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acked_messages_survive_sigkill_exactly_once() {
    // Any profile: the embedded store acks after its commit, Kafka after the broker took it.
    let mut isolated = Isolated::config().await;
    isolated.config.limits.messages_per_second = 0.0;
    let mut server = ServerProcess::start(&isolated.config).await;
    let alice = register_at(server.addr, "alice").await;
    let bob = register_at(server.addr, "bob").await;
    let conversation_id = befriend(&alice, &bob).await;

    // A burst of concurrent sends; the server is killed as soon as half of them are acked,
    // with the rest in flight (in the store writer; with Kafka in the producer, the broker, the
    // consumer).
    const BURST: usize = 200;
    let acked = burst_then_kill(&alice, &conversation_id, BURST, &mut server).await;
    assert!(
        acked.len() >= BURST / 2,
        "at least the acks seen before the kill"
    );

    server.restart().await;
    // Every acked message is there, once, with the seq it was acked with, and no gap.
    assert_complete(&history(&bob, &conversation_id).await, &acked);
    // Retrying the whole burst (what clients do for sends that got no ack) returns the
    // originals for the acked ones and stores the rest once.
    let retried = retry_burst(&alice, &conversation_id, BURST, &acked).await;
    let history = history(&bob, &conversation_id).await;
    assert_eq!(
        history.len(),
        BURST,
        "each message of the burst stored exactly once"
    );
    assert_complete(&history, &retried);
    drop(server);
    drop(isolated);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_node_killed_while_clients_send_loses_nothing_and_they_carry_on_elsewhere() {
    let mut isolated = Isolated::config().await;
    let Some((mut node_a, node_b, _dirs)) = two_nodes(&mut isolated).await else {
        return;
    };

    let alice = register_at(node_a.addr, "alice").await;
    let bob = register_at(node_a.addr, "bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    const BURST: usize = 100;
    let acked = burst_then_kill(&alice, &conversation_id, BURST, &mut node_a).await;

    // The clients reconnect to the surviving node and send again what got no ack.
    let (alice, bob) = (alice.via(node_b.addr).await, bob.via(node_b.addr).await);
    let acked = retry_burst(&alice, &conversation_id, BURST, &acked).await;
    let history = history(&bob, &conversation_id).await;
    assert_eq!(history.len(), BURST, "each message stored exactly once");
    assert_complete(&history, &acked);
    drop(node_b);
    drop(isolated);
}

/// Two nodes sharing the isolated configuration's backends (and a JWT secret), started one after
/// the other; `None` on a profile without Kafka and MongoDB.
async fn two_nodes(
    isolated: &mut Isolated,
) -> Option<(ServerProcess, ServerProcess, [tempfile::TempDir; 2])> {
    if !kafka_profile(&isolated.config) {
        return None;
    }
    if isolated.config.backends.mongo.url.is_none() {
        easychat_tests::skipped("two nodes share messages through backends.mongo.url, unset");
        return None;
    }
    isolated.config.limits.messages_per_second = 0.0;
    // The production default: the killed node's partitions move to the other.
    isolated.config.backends.kafka.partitions = 8;
    // Every node must accept every node's tokens.
    isolated.config.auth.jwt_secret = Some(uuid::Uuid::new_v4().simple().to_string());
    let dirs = [
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    ];
    let mut config = isolated.config.clone();
    config.data_dir = dirs[0].path().to_path_buf();
    let node_a = ServerProcess::start(&config).await;
    config.data_dir = dirs[1].path().to_path_buf();
    let node_b = ServerProcess::start(&config).await;
    Some((node_a, node_b, dirs))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_websocket_connection_moves_to_another_node_when_its_node_dies() {
    let mut isolated = Isolated::config().await;
    let Some((mut node_a, node_b, _dirs)) = two_nodes(&mut isolated).await else {
        return;
    };
    // The gateway's round robin starts at the first upstream: Alice's connection is on node A.
    let urls = [node_a.addr, node_b.addr].map(|addr| format!("http://{addr}"));
    let gateway = TestGateway::start_for(urls.to_vec(), |_| {}).await;
    let alice = register_at(node_b.addr, "alice").await;
    let bob = register_at(node_b.addr, "bob").await;
    let carol = register_at(node_b.addr, "carol").await;
    let with_bob = befriend(&alice, &bob).await;
    let with_carol = befriend(&alice, &carol).await;
    let mut alice_ws = gateway.connect(&alice).await;

    // Bob's first messages reach Alice through node A.
    for i in 0..10 {
        send_until_stored(&bob, &with_bob, &format!("bob-{i}")).await;
    }
    let before_the_kill: Vec<Value> = alice_ws
        .collect_until("Bob's 10th message", |f| f["data"]["content"] == "bob-9")
        .await;
    // Alice sends without waiting, and node A dies with her sends in flight.
    let alice_sends: Vec<String> = (0..10).map(|i| format!("alice-{i}")).collect();
    alice_ws.send_chats(&alice_sends, &bob.user_id).await;
    node_a.kill();
    // While her connection moves: more from Bob, and Carol's first messages (a conversation
    // without traffic in the session so far).
    for i in 10..20 {
        send_until_stored(&bob, &with_bob, &format!("bob-{i}")).await;
    }
    for i in 0..3 {
        send_until_stored(&carol, &with_carol, &format!("carol-{i}")).await;
    }
    send_until_stored(&bob, &with_bob, "bob-last").await;

    let (answers, pushes) = alice_ws
        .await_sends_and_push(before_the_kill, &alice_sends, &bob.user_id, |push| {
            push["content"] == "bob-last"
        })
        .await;
    let pushed: Vec<(&str, i64)> = pushes
        .iter()
        .map(|push| {
            (
                push["content"].as_str().unwrap_or(""),
                push["seq"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    let from_bob: Vec<&str> = pushed
        .iter()
        .filter(|(content, _)| content.starts_with("bob-"))
        .map(|(content, _)| *content)
        .collect();
    let expected_from_bob: Vec<String> = (0..20)
        .map(|i| format!("bob-{i}"))
        .chain(["bob-last".to_owned()])
        .collect();
    assert_eq!(
        from_bob, expected_from_bob,
        "each of Bob's messages once, in order"
    );
    let from_carol: Vec<&str> = pushed
        .iter()
        .filter(|(content, _)| content.starts_with("carol-"))
        .map(|(content, _)| *content)
        .collect();
    assert_eq!(from_carol, ["carol-0", "carol-1", "carol-2"]);
    assert_eq!(
        pushed.len(),
        from_bob.len() + from_carol.len(),
        "nothing else pushed (Alice's own sends come back as answers): {pushed:?}"
    );
    let bob_seqs: Vec<i64> = pushed
        .iter()
        .filter(|(content, _)| content.starts_with("bob-"))
        .map(|(_, seq)| *seq)
        .collect();
    assert!(bob_seqs.is_sorted(), "pushes in seq order: {bob_seqs:?}");

    // Alice's sends were answered once each, as stored, and Bob's history has everything once.
    let history = history(&bob, &with_bob).await;
    assert_eq!(
        history.len(),
        31,
        "20 + 1 from Bob, 10 from Alice, each once"
    );
    let acked: HashMap<String, (String, i64)> = answers
        .into_iter()
        .map(|(id, answer)| {
            let message_id = answer["msgId"].as_str().unwrap_or_default().to_owned();
            (id, (message_id, answer["seq"].as_i64().unwrap_or(0)))
        })
        .collect();
    assert_complete(&history, &acked);
    drop(gateway);
    drop(node_b);
    drop(isolated);
}

/// A sender that stops waiting (its send timed out) leaves the push to the consumer: the
/// message reaches the conversation's live sessions once when it is stored, and the retries,
/// which find it stored, push nothing more.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_message_stored_after_its_sender_gave_up_is_still_pushed_once() {
    let Some((server, alice, bob, conversation_id)) = friends_on_kafka(|config| {
        // Every sender gives up long before the consumer has stored its message.
        config.backends.kafka.store_timeout_ms = 1;
    })
    .await
    else {
        return;
    };
    let mut bob_live = sessions::SubscribeSession::open(&server, &bob).await;

    for (n, client_msg_id) in ["late", "late", "late", "marker"].into_iter().enumerate() {
        match send_with_id(&alice, &conversation_id, client_msg_id).await {
            Err(status) => assert_eq!(status.code(), Code::Unavailable, "{status:?}"),
            // A retry may come after the consumer stored the first "late": the dedup then
            // answers it with the stored message, which is what a retry is for.
            Ok(answer) if n > 0 && client_msg_id == "late" => {
                let stored = answer.message.expect("the stored message");
                assert_eq!(stored.client_msg_id, "late", "{stored:?}");
            }
            Ok(answer) => panic!("answered before the 1 ms store timeout: {answer:?}"),
        }
    }
    // Stored in partition order, so the marker comes last; everything before it is settled.
    let pushed: Vec<String> = bob_live
        .frames
        .collect_until(
            "the marker's push",
            |frame| sessions::pushed_message(frame).is_some_and(|m| m.client_msg_id == "marker"),
            Duration::from_secs(30),
        )
        .await
        .iter()
        .filter_map(|frame| sessions::pushed_message(frame))
        .map(|message| message.client_msg_id.clone())
        .collect();
    assert_eq!(
        pushed,
        ["late", "marker"],
        "each stored message pushed once"
    );
    let history: Vec<String> = history(&bob, &conversation_id)
        .await
        .into_iter()
        .map(|message| message.client_msg_id)
        .collect();
    assert_eq!(history, ["late", "marker"], "stored once each");
    drop(bob_live);
    drop(server);
}

/// Sends `{prefix}-0..{prefix}-{count}` to each conversation, `concurrency` at a time per
/// conversation, through `user`'s current node; returns what was acked per conversation.
async fn send_to_all(
    senders: &[(TestUser, String)],
    prefix: &str,
    count: usize,
) -> HashMap<String, HashMap<String, (String, i64)>> {
    let mut tasks = tokio::task::JoinSet::new();
    for (sender, conversation_id) in senders {
        for i in 0..count {
            let (sender, conversation_id) = (sender.clone(), conversation_id.clone());
            let client_msg_id = format!("{prefix}-{}-{i}", sender.user_id);
            tasks.spawn(async move {
                let outcome = send_with_id(&sender, &conversation_id, &client_msg_id).await;
                (conversation_id, client_msg_id, outcome)
            });
        }
    }
    let mut acked: HashMap<String, HashMap<String, (String, i64)>> = HashMap::new();
    while let Some(joined) = tasks.join_next().await {
        let (conversation_id, client_msg_id, outcome) = joined.expect("send task");
        if let Ok(response) = outcome {
            let message = response.message.expect("message");
            acked
                .entry(conversation_id)
                .or_default()
                .insert(client_msg_id, (message.message_id, message.seq));
        }
    }
    acked
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_partitions_moving_between_nodes_keep_every_conversation_dense_and_exact() {
    let mut isolated = Isolated::config().await;
    if !kafka_profile(&isolated.config) || isolated.config.backends.mongo.url.is_none() {
        return;
    }
    // The production default: conversations spread over partitions that change owner twice,
    // once when a node joins while both are alive (the old owner may still be storing a batch
    // of a partition the new one now numbers: the unique (conversation, seq) index must fence
    // it), once when the owner is SIGKILLed.
    isolated.config.backends.kafka.partitions = 8;
    isolated.config.limits.messages_per_second = 0.0;
    isolated.config.auth.jwt_secret = Some(uuid::Uuid::new_v4().simple().to_string());
    let dirs = [
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    ];
    let mut config = isolated.config.clone();
    config.data_dir = dirs[0].path().to_path_buf();
    let mut node_a = ServerProcess::start(&config).await;

    // Twelve conversations (enough that both nodes own some), each with senders on both ends.
    let mut conversations = Vec::new();
    for pair in 0..12 {
        let a = register_at(node_a.addr, &format!("a{pair}")).await;
        let b = register_at(node_a.addr, &format!("b{pair}")).await;
        let conversation_id = befriend(&a, &b).await;
        conversations.push((a, b, conversation_id));
    }
    let on_a: Vec<(TestUser, String)> = conversations
        .iter()
        .map(|(a, _, id)| (a.clone(), id.clone()))
        .collect();

    // Node B joins while node A's senders are busy: a rebalance with both alive.
    config.data_dir = dirs[1].path().to_path_buf();
    let joining = tokio::spawn(async move { ServerProcess::start(&config).await });
    let mut acked = send_to_all(&on_a, "first", 30).await;
    let node_b = joining.await.expect("node B started");
    let mut on_b = Vec::new();
    for (_, b, id) in &conversations {
        on_b.push((b.via(node_b.addr).await, id.clone()));
    }
    // Senders on both nodes at once; then node A dies with its sends in flight.
    let from_b = tokio::spawn({
        let on_b = on_b.clone();
        async move { send_to_all(&on_b, "second", 30).await }
    });
    let from_a = tokio::spawn({
        let on_a = on_a.clone();
        async move { send_to_all(&on_a, "second", 30).await }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    node_a.kill();
    for part in [
        from_b.await.expect("sends on B"),
        from_a.await.expect("sends on A"),
    ] {
        for (conversation_id, messages) in part {
            acked.entry(conversation_id).or_default().extend(messages);
        }
    }

    // Every sender retries what got no ack through node B, as clients do.
    for (pair, (a, b, conversation_id)) in conversations.iter().enumerate() {
        let a = a.via(node_b.addr).await;
        let acked = acked.entry(conversation_id.clone()).or_default();
        let mut ids: Vec<(TestUser, String)> = Vec::new();
        for i in 0..30 {
            ids.push((a.clone(), format!("first-{}-{i}", a.user_id)));
            ids.push((a.clone(), format!("second-{}-{i}", a.user_id)));
            ids.push((on_b[pair].0.clone(), format!("second-{}-{i}", b.user_id)));
        }
        for (sender, client_msg_id) in ids {
            let response = send_until_stored(&sender, conversation_id, &client_msg_id).await;
            let message = response.message.expect("message");
            if let Some((message_id, seq)) = acked.get(&client_msg_id) {
                assert!(response.duplicate, "{client_msg_id} was acked: a duplicate");
                assert_eq!((&message.message_id, &message.seq), (message_id, seq));
            }
            acked.insert(client_msg_id, (message.message_id, message.seq));
        }
        let history = history(&on_b[pair].0, conversation_id).await;
        assert_eq!(
            history.len(),
            90,
            "{conversation_id}: each message exactly once"
        );
        assert_complete(&history, acked);
    }
    drop(node_b);
    drop(isolated);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn past_its_in_flight_budget_a_node_refuses_at_once_and_loses_nothing_it_admitted() {
    use tonic_types::StatusExt;
    // One send in the pipeline at a time: a burst finds it full.
    let Some((server, alice, bob, conversation_id)) = friends_on_kafka(|config| {
        config.backends.kafka.max_in_flight = 1;
    })
    .await
    else {
        return;
    };
    const BURST: usize = 40;
    let mut sends = tokio::task::JoinSet::new();
    for i in 0..BURST {
        let (alice, conversation_id) = (alice.clone(), conversation_id.clone());
        sends.spawn(async move {
            let client_msg_id = format!("burst-{i}");
            let started = Instant::now();
            let outcome = send_with_id(&alice, &conversation_id, &client_msg_id).await;
            (client_msg_id, outcome, started.elapsed())
        });
    }
    let mut acked = HashMap::new();
    let mut refused = Vec::new();
    while let Some(joined) = sends.join_next().await {
        let (client_msg_id, outcome, took) = joined.expect("send task");
        match outcome {
            Ok(response) => {
                let message = response.message.expect("message");
                acked.insert(client_msg_id, (message.message_id, message.seq));
            }
            Err(status) => {
                // Refused, not timed out: the answer comes before anything is produced.
                assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
                assert_eq!(reason(&status), "PIPELINE_FULL");
                let retry = status
                    .get_details_retry_info()
                    .and_then(|info| info.retry_delay)
                    .expect("RetryInfo says when to retry");
                assert!(retry > Duration::ZERO && retry <= Duration::from_secs(5));
                assert!(
                    took < Duration::from_secs(5),
                    "refused at once, took {took:?}"
                );
                refused.push(client_msg_id);
            }
        }
    }
    assert!(!acked.is_empty(), "what was admitted is stored and acked");
    assert!(!refused.is_empty(), "a full pipeline refuses the excess");
    // What was acked is stored as acked; nothing refused was stored.
    let stored = history(&bob, &conversation_id).await;
    assert_eq!(
        stored.len(),
        acked.len(),
        "only the admitted sends are stored"
    );
    assert_complete(&stored, &acked);
    // Clients come back after the delay, with the same client_msg_id: each stored once.
    for client_msg_id in refused {
        let deadline = Instant::now() + Duration::from_secs(60);
        let message = loop {
            match send_with_id(&alice, &conversation_id, &client_msg_id).await {
                Ok(response) => break response.message.expect("message"),
                Err(status) if reason(&status) == "PIPELINE_FULL" => {
                    assert!(Instant::now() < deadline, "never admitted: {status:?}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(status) => panic!("{client_msg_id}: {status:?}"),
            }
        };
        acked.insert(client_msg_id, (message.message_id, message.seq));
    }
    let stored = history(&bob, &conversation_id).await;
    assert_eq!(stored.len(), BURST, "each message of the burst once");
    assert_complete(&stored, &acked);
    server.stop().await;
}
