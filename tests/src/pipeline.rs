//! Helpers of the message pipeline's failure tests (`tests/tests/e2e/node_failures.rs` and
//! `tests/tests/kafka_outage.rs`): a Kafka profile's server with two friends, and the check
//! that a history holds every acked message once, densely numbered.

use std::collections::{HashMap, HashSet};

use easychat_proto::im::v1 as im;

use crate::{TestServer, TestUser, befriend};

/// Whether the test profile has Kafka; if not, the test is reported as skipped.
pub fn kafka_profile(config: &easychat_server::config::Config) -> bool {
    if config.backends.kafka.brokers.is_none() {
        crate::skipped("the test profile has no backends.kafka.brokers (EASYCHAT_TEST_CONFIG)");
        return false;
    }
    true
}

/// Alice and Bob, friends, on a server of the Kafka profile with `adjust`ed config (rate limits
/// off: they are not under test here); None, with a notice, when the profile has no Kafka.
pub async fn friends_on_kafka(
    adjust: impl FnOnce(&mut easychat_server::config::Config),
) -> Option<(TestServer, TestUser, TestUser, String)> {
    let server = TestServer::start_with(|config| {
        config.limits.messages_per_second = 0.0;
        adjust(config);
    })
    .await;
    if !kafka_profile(&server.config) {
        return None;
    }
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    Some((server, alice, bob, conversation_id))
}

/// Asserts the history is 1..=n without gaps or repeats, each client_msg_id at most once, and
/// contains every acked message with the id and seq it was acked with.
pub fn assert_complete(history: &[im::Message], acked: &HashMap<String, (String, i64)>) {
    let seqs: Vec<i64> = history.iter().map(|m| m.seq).collect();
    let dense: Vec<i64> = (1..=history.len() as i64).collect();
    assert_eq!(seqs, dense, "seqs must be dense from 1");
    let mut seen = HashSet::new();
    for message in history {
        assert!(
            seen.insert(message.client_msg_id.clone()),
            "client_msg_id {} stored twice",
            message.client_msg_id
        );
    }
    let stored: HashMap<&str, (&str, i64)> = history
        .iter()
        .map(|m| (m.client_msg_id.as_str(), (m.message_id.as_str(), m.seq)))
        .collect();
    for (client_msg_id, (message_id, seq)) in acked {
        assert_eq!(
            stored.get(client_msg_id.as_str()),
            Some(&(message_id.as_str(), *seq)),
            "acked message {client_msg_id} must be stored as acked"
        );
    }
}
