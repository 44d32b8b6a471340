//! End-to-end tests of the per-user rate limits (`[limits]`): a burst over the budget is refused
//! with RESOURCE_EXHAUSTED/RATE_LIMITED, other users keep theirs, and the budget refills. They run
//! on whatever profile EASYCHAT_TEST_CONFIG selects: in-process buckets by default, Redis when
//! the profile sets `backends.redis.url`.
//!
//! No test depends on how fast the machine sends: a burst is spent against a rate near zero (one
//! message in a quarter of an hour), so it stays spent however long the sends take; the refill
//! test sends until it is refused, then waits the time the server names.

#[allow(dead_code)] // the real-time helpers; this suite uses a few of them
use std::time::Duration;

use easychat_proto::im::v1 as im;
use easychat_proto::im::v1::chat_request::Frame as In;
use easychat_proto::im::v1::chat_response::Frame as Out;
use easychat_proto::social::v1::SendFriendRequestRequest;
use easychat_proto::user::v1::LoginRequest;
use easychat_server::config::Config;
use easychat_tests::sessions::{ChatSession, send_request};
use easychat_tests::{Code, TestServer, TestUser, assert_error, befriend, reason, send_text, text};
use tonic_types::StatusExt;

const BURST: u32 = 3;

/// Bursts of three, refilled at one message per 1000 s: once spent, the burst stays spent for
/// the rest of the test.
fn burst_without_refill(config: &mut Config) {
    config.limits.messages_per_second = 0.001;
    config.limits.message_burst = BURST;
}

async fn friends(server: &TestServer) -> (TestUser, TestUser, String) {
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    (alice, bob, conversation_id)
}

/// Sends the whole burst, which must be accepted.
async fn spend_burst(user: &TestUser, conversation_id: &str) {
    for n in 0..BURST {
        send_text(user, conversation_id, &format!("burst {n}"))
            .await
            .expect("within the burst");
    }
}

#[tokio::test]
async fn a_burst_over_the_message_limit_is_refused_with_rate_limited() {
    let server = TestServer::start_with(burst_without_refill).await;
    let (alice, _bob, conversation_id) = friends(&server).await;

    spend_burst(&alice, &conversation_id).await;
    let refused = send_text(&alice, &conversation_id, "one too many").await;

    let status = refused.expect_err("over the budget");
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert_eq!(reason(&status), "RATE_LIMITED");
    assert!(
        status
            .message()
            .contains("0.001 messages per second, bursts of 3"),
        "the message names the limit: {status:?}"
    );
    let retry = status
        .get_details_retry_info()
        .and_then(|info| info.retry_delay)
        .expect("RetryInfo says when to retry");
    // One token takes 1000 s; the sends took a little of it.
    assert!(
        retry > Duration::from_secs(900) && retry <= Duration::from_secs(1000),
        "{retry:?}"
    );
}

/// Edits, reactions and pins push to every member like a send: they spend the same budget.
#[tokio::test]
async fn edits_reactions_and_pins_spend_the_message_budget() {
    let server = TestServer::start_with(burst_without_refill).await;
    let (alice, bob, conversation_id) = friends(&server).await;
    let message = send_text(&bob, &conversation_id, "react to me")
        .await
        .expect("bob's first send");
    let mine = send_text(&alice, &conversation_id, "mine")
        .await
        .expect("send");
    let react = |emoji: &str| {
        let request = im::AddReactionRequest {
            message_id: message.message_id.clone(),
            emoji: emoji.to_owned(),
        };
        let mut client = alice.im();
        async move { client.add_reaction(request).await }
    };
    react("👍").await.expect("within the budget");
    alice
        .im()
        .pin_message(im::PinMessageRequest {
            message_id: message.message_id.clone(),
        })
        .await
        .expect("within the budget: the last of the burst");

    for refused in [
        react("🎉").await.map(|_| ()),
        alice
            .im()
            .edit_message(im::EditMessageRequest {
                message_id: mine.message_id.clone(),
                text: Some(im::TextContent {
                    text: "edited".to_owned(),
                }),
            })
            .await
            .map(|_| ()),
        alice
            .im()
            .remove_reaction(im::RemoveReactionRequest {
                message_id: message.message_id.clone(),
                emoji: "👍".to_owned(),
            })
            .await
            .map(|_| ()),
    ] {
        let status = refused.expect_err("over the budget");
        assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
        assert_eq!(reason(&status), "RATE_LIMITED");
    }
    send_text(&bob, &conversation_id, "bob's budget is his own")
        .await
        .expect("another user is unaffected");
}

#[tokio::test]
async fn another_user_is_unaffected_by_someone_elses_burst() {
    let server = TestServer::start_with(burst_without_refill).await;
    let (alice, bob, conversation_id) = friends(&server).await;

    spend_burst(&alice, &conversation_id).await;
    assert_error(
        send_text(&alice, &conversation_id, "over").await,
        Code::ResourceExhausted,
        "RATE_LIMITED",
    );

    spend_burst(&bob, &conversation_id).await;
}

#[tokio::test]
async fn after_the_refill_the_sender_can_send_again() {
    // Two a second, one at a time: sending as fast as it can, the client is refused within a
    // few sends however slow the machine is.
    let server = TestServer::start_with(|config| {
        config.limits.messages_per_second = 2.0;
        config.limits.message_burst = 1;
    })
    .await;
    let (alice, _bob, conversation_id) = friends(&server).await;
    let mut refused = None;
    for n in 0..50 {
        if let Err(status) = send_text(&alice, &conversation_id, &format!("m{n}")).await {
            refused = Some(status);
            break;
        }
    }
    let status = refused.expect("refused while sending as fast as possible");
    assert_eq!(reason(&status), "RATE_LIMITED", "{status:?}");
    let retry = status
        .get_details_retry_info()
        .and_then(|info| info.retry_delay)
        .expect("RetryInfo");
    assert!(retry <= Duration::from_millis(500), "{retry:?}");

    // Waiting is the behaviour under test: the budget refills with time.
    tokio::time::sleep(retry + Duration::from_millis(50)).await;

    send_text(&alice, &conversation_id, "again")
        .await
        .expect("one token refilled");
}

#[tokio::test]
async fn chat_stream_sends_share_the_budget_with_unary_sends() {
    let server = TestServer::start_with(burst_without_refill).await;
    let (alice, _bob, conversation_id) = friends(&server).await;
    let mut chat = ChatSession::open(&server, &alice.token).await;
    spend_burst(&alice, &conversation_id).await;

    let answer = chat
        .call(In::Send(send_request(&conversation_id, text("over"))))
        .await;

    let Out::Error(error) = answer else {
        panic!("expected a FrameError, got {answer:?}");
    };
    assert_eq!(error.code, Code::ResourceExhausted as i32);
    assert_eq!(error.reason, "RATE_LIMITED");
    chat.close().await;
}

#[tokio::test]
async fn friend_requests_over_the_limit_are_refused() {
    let server =
        TestServer::start_with(|config| config.limits.friend_requests_per_minute = 2).await;
    let alice = server.register("alice").await;
    let mut targets = Vec::new();
    for n in 0..3 {
        targets.push(server.register(&format!("target {n}")).await);
    }
    let ask = |to: &TestUser| {
        let mut social = alice.social();
        let user_id = to.user_id.clone();
        async move {
            social
                .send_friend_request(SendFriendRequestRequest {
                    user_id,
                    message: "hi".to_owned(),
                })
                .await
        }
    };

    ask(&targets[0]).await.expect("first request");
    ask(&targets[1]).await.expect("second request");
    assert_error(
        ask(&targets[2]).await,
        Code::ResourceExhausted,
        "RATE_LIMITED",
    );
    // Others still ask.
    targets[2]
        .social()
        .send_friend_request(SendFriendRequestRequest {
            user_id: alice.user_id.clone(),
            message: "hi".to_owned(),
        })
        .await
        .expect("another user's request");
}

#[tokio::test]
async fn login_attempts_per_phone_are_limited_even_with_the_right_password() {
    let server = TestServer::start_with(|config| config.limits.login_attempts_per_minute = 3).await;
    let victim = server.register("victim").await;
    let other = server.register("other").await;
    let server = &server;
    let login = |user: &TestUser, password: &str| {
        let request = LoginRequest {
            phone: user.phone.clone(),
            password: password.to_owned(),
        };
        async move { server.users().await.login(request).await }
    };

    for _ in 0..3 {
        assert_error(
            login(&victim, "guess-guess").await,
            Code::Unauthenticated,
            "BAD_CREDENTIALS",
        );
    }
    assert_error(
        login(&victim, &victim.password).await,
        Code::ResourceExhausted,
        "RATE_LIMITED",
    );

    login(&other, &other.password)
        .await
        .expect("another phone number is unaffected");
}
