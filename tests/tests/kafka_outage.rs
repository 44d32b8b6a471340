//! The message pipeline with its Kafka broker stopped (a profile with `backends.kafka.brokers`,
//! e.g. deploy/config/single-node.toml; skipped otherwise): sends fail UNAVAILABLE, nothing is
//! acked that was not stored, and sending works again once Kafka is back.
//!
//! A binary of its own: it stops the broker every other suite shares, so it runs after them
//! (`cargo test` runs test binaries one at a time), never beside them. The failures of a node
//! (SIGKILL, partitions moving) are `e2e/node_failures.rs`.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use easychat_tests::pipeline::{assert_complete, friends_on_kafka};
use easychat_tests::sessions::history;
use easychat_tests::{Code, reason, send_until_stored, send_with_id};

/// `deploy/local/service kafka <action>`.
fn kafka(action: &str) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/local/service");
    let status = Command::new(script)
        .args(["kafka", action])
        .status()
        .expect("run deploy/local/service");
    assert!(
        status.success(),
        "deploy/local/service kafka {action} failed"
    );
}

/// Starts Kafka again when the test ends, also when it fails, so later tests find it.
struct RestartKafka;

impl Drop for RestartKafka {
    fn drop(&mut self) {
        kafka("start");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kafka_down_fails_sends_unavailable_and_nothing_unstored_is_acked() {
    let Some((server, alice, bob, conversation_id)) = friends_on_kafka(|config| {
        config.backends.kafka.send_timeout_ms = 2_000;
    })
    .await
    else {
        return;
    };
    let mut acked = HashMap::new();
    let first = send_with_id(&alice, &conversation_id, "before")
        .await
        .expect("send with Kafka up");
    let first = first.message.expect("message");
    acked.insert("before".to_owned(), (first.message_id, first.seq));

    let restart = RestartKafka;
    tokio::task::spawn_blocking(|| kafka("stop"))
        .await
        .expect("stop Kafka");
    let mut unavailable = 0;
    for attempt in 0..3 {
        let client_msg_id = format!("during-{attempt}");
        match send_with_id(&alice, &conversation_id, &client_msg_id).await {
            Ok(response) => {
                // Only possible if the broker took it before going down; then it is stored.
                let message = response.message.expect("message");
                acked.insert(client_msg_id, (message.message_id, message.seq));
            }
            Err(status) => {
                assert_eq!(status.code(), Code::Unavailable, "{status:?}");
                assert_eq!(reason(&status), "BACKEND_UNAVAILABLE");
                unavailable += 1;
            }
        }
    }
    assert!(unavailable > 0, "sends must fail while Kafka is down");

    tokio::task::spawn_blocking(move || drop(restart))
        .await
        .expect("start Kafka");
    // Kafka is back: sending works again (the clients reconnect within seconds).
    let deadline = Instant::now() + Duration::from_secs(90);
    let after = loop {
        match send_with_id(&alice, &conversation_id, "after").await {
            Ok(response) => break response.message.expect("message"),
            Err(status) => {
                assert_eq!(status.code(), Code::Unavailable, "{status:?}");
                assert!(
                    Instant::now() < deadline,
                    "sending did not recover: {status:?}"
                );
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }
    };
    acked.insert("after".to_owned(), (after.message_id, after.seq));
    // The sends that failed may still be retried safely: same client_msg_id, at most one copy.
    for attempt in 0..3 {
        let client_msg_id = format!("during-{attempt}");
        let response = send_until_stored(&alice, &conversation_id, &client_msg_id).await;
        let message = response.message.expect("message");
        if let Some((message_id, seq)) = acked.get(&client_msg_id) {
            assert_eq!((&message.message_id, &message.seq), (message_id, seq));
        }
        acked.insert(client_msg_id, (message.message_id, message.seq));
    }
    assert_complete(&history(&bob, &conversation_id).await, &acked);
    server.stop().await;
}
