//! Webhooks (docs/webhooks.md) against a real HTTP receiver: every event type delivered and
//! signed, retries after an error status and after a timeout with the same event id, nothing
//! lost across a restart, and `before_send` allowing, refusing, rewriting, failing open and
//! failing closed.

use std::collections::{HashMap, HashSet};

use easychat_server::config::{BeforeSendConfig, Config, WEBHOOK_EVENTS, WebhookEndpoint};
use easychat_tests::webhooks::{Received, Receiver, Reply};
use serde_json::{Value, json};

use super::*;

const SECRET: &str = "a-test-secret-of-enough-length";
/// Deliveries of these tests arrive within this (retries start at 50 ms).
const DELIVERED: Duration = Duration::from_secs(30);

fn endpoint(name: &str, receiver: &Receiver, events: &[&str]) -> WebhookEndpoint {
    WebhookEndpoint {
        name: name.to_owned(),
        url: receiver.url(),
        secret: SECRET.to_owned(),
        events: events.iter().map(|e| (*e).to_owned()).collect(),
        timeout_ms: 2_000,
    }
}

/// Quick retries and offline batches, so the tests wait little.
fn quick(config: &mut Config) {
    config.webhooks.delivery.retry_initial_ms = 50;
    config.webhooks.delivery.retry_max_ms = 200;
    config.webhooks.delivery.offline_batch_ms = 200;
}

/// A request for event `event_type` whose `data` satisfies `wanted`, answered 200.
async fn delivered(
    receiver: &Receiver,
    event_type: &str,
    wanted: impl Fn(&Value) -> bool,
) -> Received {
    receiver
        .wait_for(DELIVERED, event_type, |r| {
            r.event_type() == event_type && r.status == 200 && wanted(&r.body["data"])
        })
        .await
}

#[tokio::test]
async fn every_event_type_reaches_its_endpoint_signed() {
    let receiver = Receiver::start().await;
    let server = TestServer::start_with(|config| {
        quick(config);
        config.webhooks.endpoints = vec![endpoint("everything", &receiver, WEBHOOK_EVENTS)];
    })
    .await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;

    // friend_request.handled
    let conversation_id = befriend(&alice, &bob).await;
    delivered(&receiver, "friend_request.handled", |d| {
        d["from_user_id"] == alice.user_id.as_str()
            && d["to_user_id"] == bob.user_id.as_str()
            && d["accepted"] == true
    })
    .await;

    // message.stored, and offline_message for bob, who has no session.
    let sent = send_text(&alice, &conversation_id, "hello bob")
        .await
        .unwrap();
    let stored = delivered(&receiver, "message.stored", |d| {
        d["message"]["messageId"] == sent.message_id.as_str()
    })
    .await;
    let message = &stored.body["data"]["message"];
    assert_eq!(message["content"]["text"]["text"], "hello bob");
    assert_eq!(message["senderId"], alice.user_id.as_str());
    assert_eq!(
        message["seq"],
        json!(sent.seq.to_string()),
        "int64 as proto3 JSON"
    );
    let offline = delivered(&receiver, "offline_message", |d| {
        d["recipient_id"] == bob.user_id.as_str()
    })
    .await;
    let item = &offline.body["data"]["messages"][0];
    assert_eq!(item["message_id"], sent.message_id.as_str());
    assert_eq!(item["conversation_id"], conversation_id.as_str());
    assert_eq!(item["sender_name"], alice.nickname.as_str());
    assert_eq!(item["preview"], "hello bob");
    assert_eq!(item["muted"], false);
    assert_eq!(item["unread_count"], 1);
    assert!(
        !receiver
            .received()
            .iter()
            .any(|r| r.event_type() == "offline_message"
                && r.body["data"]["recipient_id"] == alice.user_id.as_str()),
        "the sender is not told of their own message"
    );

    // A muted conversation's offline_message shows no text.
    bob.im()
        .update_conversation(im::UpdateConversationRequest {
            conversation_id: conversation_id.clone(),
            muted: Some(true),
            ..Default::default()
        })
        .await
        .expect("mute");
    let secret = send_text(&alice, &conversation_id, "a secret")
        .await
        .unwrap();
    let muted = delivered(&receiver, "offline_message", |d| {
        d["messages"][0]["message_id"] == secret.message_id.as_str()
    })
    .await;
    let item = &muted.body["data"]["messages"][0];
    assert_eq!(item["preview"], "", "muted: no preview");
    assert_eq!(item["muted"], true);
    assert_eq!(item["unread_count"], 2);

    // message.recalled
    alice
        .im()
        .recall_message(im::RecallMessageRequest {
            message_id: sent.message_id.clone(),
        })
        .await
        .expect("recall");
    delivered(&receiver, "message.recalled", |d| {
        d["message"]["messageId"] == sent.message_id.as_str()
    })
    .await;

    // group.members_changed: created with bob, then bob leaves.
    let group = alice
        .social()
        .create_group(social::CreateGroupRequest {
            name: "hooks".to_owned(),
            member_ids: vec![bob.user_id.clone()],
            ..Default::default()
        })
        .await
        .expect("create group")
        .into_inner()
        .group
        .expect("group");
    delivered(&receiver, "group.members_changed", |d| {
        d["group_id"] == group.group_id.as_str()
            && d["change"] == "joined"
            && d["user_ids"] == json!([alice.user_id, bob.user_id])
    })
    .await;
    bob.social()
        .leave_group(social::LeaveGroupRequest {
            group_id: group.group_id.clone(),
        })
        .await
        .expect("leave");
    delivered(&receiver, "group.members_changed", |d| {
        d["group_id"] == group.group_id.as_str()
            && d["change"] == "left"
            && d["user_ids"] == json!([bob.user_id])
            && d["by_user_id"] == bob.user_id.as_str()
    })
    .await;

    // user.online and user.offline
    let session = ChatSession::open(&server, &bob.token).await;
    delivered(&receiver, "user.online", |d| {
        d["user_id"] == bob.user_id.as_str()
    })
    .await;
    session.close().await;
    delivered(&receiver, "user.offline", |d| {
        d["user_id"] == bob.user_id.as_str() && d["last_seen_ms"].is_i64()
    })
    .await;

    // Every request was signed, named its event in the headers, and carried a JSON body.
    for request in receiver.received() {
        assert!(
            request.signed_with(SECRET),
            "signature of {:?}",
            request.body
        );
        assert!(!request.signed_with("another-secret-entirely"));
        assert_eq!(request.header("x-easychat-event-id"), request.event_id());
        assert_eq!(request.header("x-easychat-event"), request.event_type());
        assert_eq!(request.header("content-type"), "application/json");
        assert!(request.body["created_at_ms"].is_i64());
    }
    server.stop().await;
}

#[tokio::test]
async fn an_endpoint_gets_only_the_events_it_named() {
    let messages = Receiver::start().await;
    let presence = Receiver::start().await;
    let server = TestServer::start_with(|config| {
        quick(config);
        config.webhooks.endpoints = vec![
            endpoint("messages", &messages, &["message.stored"]),
            endpoint("presence", &presence, &["user.online"]),
        ];
    })
    .await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    let sent = send_text(&alice, &conversation_id, "only for one")
        .await
        .unwrap();
    let _session = ChatSession::open(&server, &bob.token).await;
    delivered(&messages, "message.stored", |d| {
        d["message"]["messageId"] == sent.message_id.as_str()
    })
    .await;
    delivered(&presence, "user.online", |d| {
        d["user_id"] == bob.user_id.as_str()
    })
    .await;
    assert!(
        messages
            .received()
            .iter()
            .all(|r| r.event_type() == "message.stored")
    );
    assert!(
        presence
            .received()
            .iter()
            .all(|r| r.event_type() == "user.online")
    );
}

#[tokio::test]
async fn a_failed_delivery_is_retried_with_the_same_event_id() {
    // First attempt: 500. Second: no answer within the endpoint's timeout. Third: taken.
    let receiver = Receiver::answering(|request| match request.attempt {
        1 => Reply::Status(500),
        2 => Reply::Stall(Duration::from_secs(3)),
        _ => Reply::Ok(Value::Null),
    })
    .await;
    let server = TestServer::start_with(|config| {
        quick(config);
        let mut hook = endpoint("flaky", &receiver, &["message.stored"]);
        hook.timeout_ms = 500;
        config.webhooks.endpoints = vec![hook];
    })
    .await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    let sent = send_text(&alice, &conversation_id, "try again")
        .await
        .unwrap();
    let taken = delivered(&receiver, "message.stored", |d| {
        d["message"]["messageId"] == sent.message_id.as_str()
    })
    .await;
    let attempts: Vec<Received> = receiver
        .received()
        .into_iter()
        .filter(|r| r.event_id() == taken.event_id())
        .collect();
    assert_eq!(attempts.len(), 3, "500, timeout, then taken");
    assert_eq!(
        attempts.iter().map(|r| r.status).collect::<Vec<_>>(),
        [500, 0, 200]
    );
    assert!(
        attempts.iter().all(|r| r.raw == taken.raw),
        "the same body every time"
    );
    assert!(attempts.iter().all(|r| r.signed_with(SECRET)));
    // A receiver that keeps the ids it took sees the event once.
    let taken_ids: Vec<String> = receiver
        .received()
        .iter()
        .filter(|r| r.status == 200)
        .map(|r| r.event_id().to_owned())
        .collect();
    let distinct: HashSet<&String> = taken_ids.iter().collect();
    assert_eq!(distinct.len(), taken_ids.len(), "no event taken twice");
    server.stop().await;
}

/// A configuration whose endpoint `down`, at `receiver`, wants stored messages.
fn telling(receiver: &Receiver) -> impl FnOnce(&mut Config) {
    let endpoint = endpoint("down", receiver, &["message.stored"]);
    move |config| {
        quick(config);
        config.webhooks.endpoints = vec![endpoint];
    }
}

/// alice, and her conversation with a new friend.
async fn a_conversation(server: &TestServer) -> (TestUser, String) {
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    (alice, conversation_id)
}

#[tokio::test]
async fn undelivered_events_are_delivered_after_a_restart() {
    let receiver = Receiver::answering(|_| Reply::Status(503)).await;
    let server = TestServer::start_with(telling(&receiver)).await;
    let (alice, conversation_id) = a_conversation(&server).await;
    let mut sent = Vec::new();
    for n in 0..5 {
        sent.push(
            send_text(&alice, &conversation_id, &format!("kept {n}"))
                .await
                .unwrap(),
        );
    }
    // Delivery has begun (and is stuck on a refused event: later ones wait behind it).
    receiver
        .wait_for(DELIVERED, "a refused attempt", |r| r.status == 503)
        .await;
    let server = server.restart().await;
    receiver.answer_with(|_| Reply::Ok(Value::Null));
    let mut ids = HashMap::new();
    for message in &sent {
        let taken = delivered(&receiver, "message.stored", |d| {
            d["message"]["messageId"] == message.message_id.as_str()
        })
        .await;
        ids.insert(message.message_id.clone(), taken.event_id().to_owned());
    }
    // The same events (ids) as before the restart, not new ones.
    for request in receiver.received() {
        let message_id = request.body["data"]["message"]["messageId"]
            .as_str()
            .unwrap();
        assert_eq!(ids[message_id], request.event_id());
    }
    server.stop().await;
}

#[tokio::test]
async fn an_event_in_the_outbox_survives_a_crash() {
    let receiver = Receiver::answering(|_| Reply::Status(503)).await;
    let server = TestServer::start_crashable(telling(&receiver)).await;
    let (alice, conversation_id) = a_conversation(&server).await;
    let sent = send_text(&alice, &conversation_id, "kept").await.unwrap();
    let refused = receiver
        .wait_for(DELIVERED, "a refused attempt", |r| r.status == 503)
        .await;
    let server = server.crash_and_restart().await;
    receiver.answer_with(|_| Reply::Ok(Value::Null));
    let taken = delivered(&receiver, "message.stored", |d| {
        d["message"]["messageId"] == sent.message_id.as_str()
    })
    .await;
    assert_eq!(taken.event_id(), refused.event_id());
    server.stop().await;
}

/// A `before_send` endpoint that refuses "spam", rewrites "rewrite me" and allows the rest.
async fn policy_receiver() -> Receiver {
    Receiver::answering(|request| {
        let text = request.body["data"]["content"]["text"]["text"]
            .as_str()
            .unwrap_or_default();
        if text.contains("spam") {
            Reply::Ok(json!({"action": "reject", "reason": "no spam here"}))
        } else if text.contains("rewrite me") {
            Reply::Ok(json!({"action": "replace", "content": {"text": {"text": "[rewritten]"}}}))
        } else {
            Reply::Ok(Value::Null)
        }
    })
    .await
}

fn before_send(receiver: &Receiver, fail_open: bool) -> BeforeSendConfig {
    BeforeSendConfig {
        url: receiver.url(),
        secret: SECRET.to_owned(),
        timeout_ms: 1_000,
        fail_open,
    }
}

#[tokio::test]
async fn before_send_allows_refuses_and_rewrites_messages_and_edits() {
    let policy = policy_receiver().await;
    let server = TestServer::start_with(|config| {
        config.webhooks.before_send = Some(before_send(&policy, false));
    })
    .await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;

    let plain = send_text(&alice, &conversation_id, "hello").await.unwrap();
    let refused = send_text(&alice, &conversation_id, "buy spam now")
        .await
        .unwrap_err();
    assert_eq!(refused.code(), Code::FailedPrecondition);
    assert_eq!(reason(&refused), "REJECTED_BY_POLICY");
    assert!(
        refused.message().contains("no spam here"),
        "{}",
        refused.message()
    );
    let rewritten = send_text(&alice, &conversation_id, "please rewrite me")
        .await
        .unwrap();
    assert_eq!(rewritten.content, Some(text("[rewritten]")));

    let texts: Vec<_> = history(&bob, &conversation_id)
        .await
        .into_iter()
        .map(|m| m.content)
        .collect();
    assert_eq!(
        texts,
        [Some(text("hello")), Some(text("[rewritten]"))],
        "nothing refused was stored"
    );

    // Edits are asked too, and say which message they change.
    let edit = |body: &str| im::EditMessageRequest {
        message_id: plain.message_id.clone(),
        text: Some(im::TextContent {
            text: body.to_owned(),
        }),
    };
    let refused = alice.im().edit_message(edit("now spam")).await.unwrap_err();
    assert_eq!(reason(&refused), "REJECTED_BY_POLICY");
    let edited = alice
        .im()
        .edit_message(edit("rewrite me please"))
        .await
        .expect("edit")
        .into_inner()
        .message
        .expect("edited");
    assert_eq!(edited.content, Some(text("[rewritten]")));

    let asked = policy.received();
    assert_eq!(asked.len(), 5, "three sends and two edits were asked about");
    for request in &asked {
        assert!(request.signed_with(SECRET));
        assert_eq!(request.event_type(), "before_send");
        let data = &request.body["data"];
        assert_eq!(data["sender_id"], alice.user_id.as_str());
        assert_eq!(data["conversation_id"], conversation_id.as_str());
        assert_eq!(data["conversation_type"], "single");
    }
    assert_eq!(
        asked[3].body["data"]["edit_of_message_id"],
        plain.message_id.as_str()
    );
    assert_eq!(asked[0].body["data"]["edit_of_message_id"], Value::Null);
    server.stop().await;
}

#[tokio::test]
async fn before_send_that_fails_refuses_or_allows_as_configured() {
    // Answers 500 to everything: a policy service that is broken.
    let broken = Receiver::answering(|_| Reply::Status(500)).await;
    for fail_open in [false, true] {
        let server = TestServer::start_with(|config| {
            config.webhooks.before_send = Some(before_send(&broken, fail_open));
        })
        .await;
        let alice = server.register("alice").await;
        let bob = server.register("bob").await;
        let conversation_id = befriend(&alice, &bob).await;
        let result = send_text(&alice, &conversation_id, "is anyone there").await;
        if fail_open {
            result.expect("fail_open sends anyway");
        } else {
            let refused = result.unwrap_err();
            assert_eq!(refused.code(), Code::Unavailable);
            assert_eq!(reason(&refused), "POLICY_UNAVAILABLE");
            assert!(
                history(&bob, &conversation_id).await.is_empty(),
                "nothing stored"
            );
        }
        server.stop().await;
    }
}
