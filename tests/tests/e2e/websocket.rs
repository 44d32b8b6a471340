//! End-to-end tests of the WebSocket gateway: real sockets to `easychat_gateway::run`, bridged
//! to a real server. Every expected frame is awaited with a timeout; nothing sleeps to wait for
//! one, and "nothing else arrived" is checked against a later frame that must arrive.

use std::time::Duration;

use easychat_gateway::AckMode;
use easychat_proto::im::v1::{
    self as im, chat_request, chat_response, message_content, send_message_request, server_event,
};
use easychat_proto::social::v1 as social;
use easychat_proto::user::v1 as user;
use easychat_tests::process::ServerProcess;
use easychat_tests::ws::{TestGateway, TokenVia, WAIT, WsClient, chat_data, data_frame, new_id};
use easychat_tests::{
    Isolated, TestServer, TestUser, befriend, register_at, send_text, send_until_stored, text,
};
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tokio_tungstenite::tungstenite::Message;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const GROUP: i64 = 1;
const SINGLE: i64 = 2;

/// A server, a gateway in front of it, and two friends.
struct World {
    server: TestServer,
    gateway: TestGateway,
    alice: TestUser,
    bob: TestUser,
    conversation_id: String,
}

async fn world() -> World {
    world_with(|_| {}).await
}

/// A gateway inside the server, as `easychat serve` runs it.
async fn world_with(adjust: impl FnOnce(&mut easychat_gateway::GatewayConfig)) -> World {
    let server = TestServer::start().await;
    let gateway = TestGateway::start_with(&server, adjust).await;
    world_around(server, gateway).await
}

/// A gateway of its own in front of the server (`easychat gateway`), reaching it over gRPC.
async fn remote_world_with(adjust: impl FnOnce(&mut easychat_gateway::GatewayConfig)) -> World {
    let server = TestServer::start().await;
    let gateway = TestGateway::start_remote_with(&server, adjust).await;
    world_around(server, gateway).await
}

async fn world_around(server: TestServer, gateway: TestGateway) -> World {
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    World {
        server,
        gateway,
        alice,
        bob,
        conversation_id,
    }
}

/// Sends a text message to a single-chat peer and returns the result frame's data.
async fn chat(client: &mut WsClient, peer: &TestUser, body: &str) -> Value {
    let id = new_id();
    let answer = client
        .request(
            &id,
            "conversation.chat",
            chat_data(SINGLE, &peer.user_id, body),
        )
        .await;
    assert_eq!(answer["frameType"], 0, "send failed: {answer}");
    assert_eq!(answer["method"], "conversation.chat");
    answer["data"].clone()
}

/// Asserts the client still works after an error: a message to `peer` gets its result.
async fn assert_still_works(client: &mut WsClient, peer: &TestUser) {
    let result = chat(client, peer, "still here").await;
    assert!(
        result["msgId"].as_str().is_some_and(|id| !id.is_empty()),
        "{result}"
    );
}

/// Asserts `frame` is an error frame with `reason` (and `id` when given).
#[track_caller]
fn assert_error_frame(frame: &Value, id: Option<&str>, reason: &str) {
    assert_eq!(frame["frameType"], 9, "not an error frame: {frame}");
    assert_eq!(frame["data"]["reason"], reason, "{frame}");
    assert!(frame["data"]["code"].is_i64(), "{frame}");
    assert!(frame["data"]["message"].is_string(), "{frame}");
    if let Some(id) = id {
        assert_eq!(frame["id"], id, "{frame}");
    }
}

/// A Chat stream opened over gRPC with the generated client.
struct GrpcChat {
    requests: mpsc::Sender<im::ChatRequest>,
    responses: tonic::Streaming<im::ChatResponse>,
}

impl GrpcChat {
    /// Opens the stream and waits for its `ready` frame.
    async fn open(user: &TestUser) -> GrpcChat {
        let (requests, outgoing) = mpsc::channel(16);
        let mut responses = user
            .im()
            .chat(ReceiverStream::new(outgoing))
            .await
            .expect("open Chat")
            .into_inner();
        let first = tokio::time::timeout(WAIT, responses.message())
            .await
            .expect("ready in time")
            .expect("Chat stream")
            .expect("a first frame");
        assert!(
            matches!(first.frame, Some(chat_response::Frame::Ready(_))),
            "the first frame is ready: {first:?}"
        );
        GrpcChat {
            requests,
            responses,
        }
    }

    async fn send_text(&self, peer: &TestUser, body: &str) {
        let id = new_id();
        self.requests
            .send(im::ChatRequest {
                request_id: id.clone(),
                frame: Some(chat_request::Frame::Send(im::SendMessageRequest {
                    client_msg_id: id,
                    target: Some(send_message_request::Target::PeerUserId(
                        peer.user_id.clone(),
                    )),
                    content: Some(text(body)),
                    ..Default::default()
                })),
            })
            .await
            .expect("Chat stream takes the frame");
    }

    /// The next pushed message, skipping other frames.
    async fn next_message(&mut self) -> im::Message {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let frame = tokio::time::timeout_at(deadline, self.responses.message())
                .await
                .expect("a pushed message in time")
                .expect("Chat stream")
                .expect("the stream is open");
            if let Some(chat_response::Frame::Event(im::ServerEvent {
                event: Some(server_event::Event::Message(message)),
            })) = frame.frame
            {
                return message;
            }
        }
    }
}

fn text_of(message: &im::Message) -> &str {
    match message.content.as_ref().and_then(|c| c.kind.as_ref()) {
        Some(message_content::Kind::Text(text)) => &text.text,
        other => panic!("not a text message: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Chat between WebSocket and gRPC users
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn websocket_users_chat_both_ways() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let mut bob = w.gateway.connect(&w.bob).await;

    let sent = chat(&mut alice, &w.bob, "hi bob").await;
    let pushed = bob.push("chat", |d| d["content"] == "hi bob").await;
    let reply = chat(&mut bob, &w.alice, "hi alice").await;
    let answered = alice.push("chat", |d| d["content"] == "hi alice").await;

    assert_eq!(sent["conversationId"], w.conversation_id.as_str());
    assert_eq!(sent["seq"], 1);
    assert!(sent["sendTime"].as_i64().is_some_and(|t| t > 0), "{sent}");
    assert_eq!(pushed["msgId"], sent["msgId"]);
    assert_eq!(pushed["seq"], 1);
    assert_eq!(pushed["chatType"], SINGLE);
    assert_eq!(pushed["sendId"], w.alice.user_id.as_str());
    assert_eq!(pushed["recvId"], w.bob.user_id.as_str());
    assert_eq!(pushed["mType"], 0);
    assert_eq!(pushed["conversationId"], w.conversation_id.as_str());
    assert_eq!(answered["msgId"], reply["msgId"]);
    assert_eq!(answered["seq"], 2);
    assert_eq!(answered["sendId"], w.bob.user_id.as_str());
    assert_eq!(answered["recvId"], w.alice.user_id.as_str());
}

#[tokio::test]
async fn websocket_and_grpc_chat_users_chat_both_ways() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let mut bob = GrpcChat::open(&w.bob).await;

    let sent = chat(&mut alice, &w.bob, "from the browser").await;
    let received = bob.next_message().await;
    bob.send_text(&w.alice, "from the app").await;
    let answered = alice.push("chat", |d| d["content"] == "from the app").await;

    assert_eq!(
        received.message_id,
        sent["msgId"].as_str().unwrap_or_default()
    );
    assert_eq!(received.sender_id, w.alice.user_id);
    assert_eq!(text_of(&received), "from the browser");
    assert_eq!(answered["sendId"], w.bob.user_id.as_str());
    assert_eq!(answered["seq"], 2);
}

#[tokio::test]
async fn group_messages_name_the_group_as_recv_id() {
    let w = world().await;
    let group = w
        .alice
        .social()
        .create_group(social::CreateGroupRequest {
            name: "hikers".to_owned(),
            member_ids: vec![w.bob.user_id.clone()],
            join_policy: social::JoinPolicy::Open as i32,
            ..Default::default()
        })
        .await
        .expect("create group")
        .into_inner()
        .group
        .expect("group");
    let mut alice = w.gateway.connect(&w.alice).await;
    let mut bob = w.gateway.connect(&w.bob).await;

    let id = new_id();
    let answer = alice
        .request(
            &id,
            "conversation.chat",
            chat_data(GROUP, &group.group_id, "hello all"),
        )
        .await;
    let pushed = bob.push("chat", |d| d["content"] == "hello all").await;

    assert_eq!(
        answer["data"]["conversationId"],
        group.conversation_id.as_str()
    );
    assert_eq!(pushed["chatType"], GROUP);
    assert_eq!(pushed["recvId"], group.group_id.as_str());
    assert_eq!(pushed["conversationId"], group.conversation_id.as_str());
}

#[tokio::test]
async fn a_resend_with_the_same_id_yields_the_original_message_once() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let mut bob = w.gateway.connect(&w.bob).await;
    let id = new_id();
    let frame = data_frame(
        &id,
        "conversation.chat",
        chat_data(SINGLE, &w.bob.user_id, "once"),
    );

    alice.send(frame.clone()).await;
    let first = alice.answer(&id).await;
    alice.send(frame).await;
    let second = alice.answer(&id).await;
    chat(&mut alice, &w.bob, "marker").await;
    let frames = bob
        .collect_until("the marker push", |f| f["data"]["content"] == "marker")
        .await;

    assert_eq!(first["data"]["msgId"], second["data"]["msgId"]);
    assert_eq!(first["data"]["seq"], second["data"]["seq"]);
    assert_eq!(first["data"]["duplicate"], false);
    assert_eq!(second["data"]["duplicate"], true);
    let pushed_once = frames
        .iter()
        .filter(|f| f["data"]["contentType"] == "chat" && f["data"]["content"] == "once")
        .count();
    assert_eq!(pushed_once, 1, "{frames:#?}");
}

// ---------------------------------------------------------------------------------------------
// Read receipts, recall, typing, presence
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn mark_chat_sends_a_read_push_to_the_sender() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let mut bob = w.gateway.connect(&w.bob).await;
    chat(&mut alice, &w.bob, "first").await;
    let second = chat(&mut alice, &w.bob, "second").await;

    let id = new_id();
    let answer = bob
        .request(
            &id,
            "conversation.markChat",
            json!({"chatType": SINGLE, "recvId": w.alice.user_id,
                   "conversationId": w.conversation_id, "msgIds": [second["msgId"]]}),
        )
        .await;
    let read = alice.push("read", |_| true).await;

    assert_eq!(answer["method"], "conversation.markChat", "{answer}");
    assert_eq!(answer["data"]["readSeq"], 2);
    assert_eq!(answer["data"]["unreadCount"], 0);
    assert_eq!(read["conversationId"], w.conversation_id.as_str());
    assert_eq!(read["chatType"], SINGLE);
    assert_eq!(
        read["positions"],
        json!([{"userId": w.bob.user_id, "readSeq": 2}])
    );
}

#[tokio::test]
async fn mark_chat_accepts_an_explicit_read_seq() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let mut bob = w.gateway.connect(&w.bob).await;
    chat(&mut alice, &w.bob, "first").await;

    let answer = bob
        .request(
            &new_id(),
            "conversation.markChat",
            json!({"chatType": SINGLE, "recvId": w.alice.user_id, "readSeq": 1}),
        )
        .await;

    assert_eq!(answer["data"]["readSeq"], 1, "{answer}");
    let read = alice.push("read", |_| true).await;
    assert_eq!(read["positions"][0]["readSeq"], 1);
}

#[tokio::test]
async fn revoke_sends_a_revoke_push() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let mut bob = w.gateway.connect(&w.bob).await;
    let sent = chat(&mut alice, &w.bob, "oops").await;
    bob.push("chat", |d| d["msgId"] == sent["msgId"]).await;

    let id = new_id();
    let answer = alice
        .request(
            &id,
            "conversation.revoke",
            json!({"msgId": sent["msgId"], "conversationId": w.conversation_id}),
        )
        .await;
    let revoked = bob.push("revoke", |_| true).await;

    assert_eq!(answer["method"], "conversation.revoke", "{answer}");
    assert_eq!(answer["data"]["msgId"], sent["msgId"]);
    assert_eq!(revoked["msgId"], sent["msgId"]);
    assert_eq!(revoked["conversationId"], w.conversation_id.as_str());
    assert_eq!(revoked["sendId"], w.alice.user_id.as_str());
    assert_eq!(revoked["recalledBy"], w.alice.user_id.as_str());
    assert_eq!(revoked["seq"], sent["seq"]);
}

#[tokio::test]
async fn replies_edits_and_reactions_over_the_bridge_reach_the_peer() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let mut bob = w.gateway.connect(&w.bob).await;
    let sent = chat(&mut alice, &w.bob, "see you at 5").await;
    bob.push("chat", |d| d["msgId"] == sent["msgId"]).await;

    let reply_id = new_id();
    let mut reply = chat_data(SINGLE, &w.alice.user_id, "ok");
    reply["replyTo"] = sent["msgId"].clone();
    reply["mentions"] = json!([w.alice.user_id]);
    let answer = bob.request(&reply_id, "conversation.chat", reply).await;
    assert_eq!(answer["method"], "conversation.chat", "{answer}");
    let pushed = alice
        .push("chat", |d| d["msgId"] == answer["data"]["msgId"])
        .await;
    assert_eq!(pushed["replyTo"]["msgId"], sent["msgId"], "{pushed}");
    assert_eq!(pushed["replyTo"]["snippet"], "see you at 5", "{pushed}");
    assert_eq!(pushed["replyTo"]["sendId"], w.alice.user_id.as_str());
    assert_eq!(pushed["mentions"], json!([w.alice.user_id]), "{pushed}");

    let answer = alice
        .request(
            &new_id(),
            "conversation.edit",
            json!({"msgId": sent["msgId"], "content": "see you at 6"}),
        )
        .await;
    assert_eq!(answer["method"], "conversation.edit", "{answer}");
    assert!(answer["data"]["editTime"].is_i64(), "{answer}");
    let edited = bob.push("edit", |d| d["msgId"] == sent["msgId"]).await;
    assert_eq!(edited["content"], "see you at 6");
    assert_eq!(edited["seq"], sent["seq"]);
    assert_eq!(edited["editTime"], answer["data"]["editTime"]);

    let answer = bob
        .request(
            &new_id(),
            "conversation.react",
            json!({"msgId": sent["msgId"], "emoji": "👍"}),
        )
        .await;
    assert_eq!(answer["method"], "conversation.react", "{answer}");
    assert_eq!(
        answer["data"]["reactions"],
        json!([{"emoji": "👍", "count": 1, "reactedByMe": true}])
    );
    let reacted = alice.push("reaction", |d| d["added"] == true).await;
    assert_eq!(reacted["msgId"], sent["msgId"]);
    assert_eq!(reacted["userId"], w.bob.user_id.as_str());
    assert_eq!(reacted["emoji"], "👍");
    assert_eq!(reacted["reactions"][0]["count"], 1);

    let answer = bob
        .request(
            &new_id(),
            "conversation.react",
            json!({"msgId": sent["msgId"], "emoji": "👍", "remove": true}),
        )
        .await;
    assert_eq!(answer["data"]["reactions"], json!([]), "{answer}");
    let removed = alice.push("reaction", |d| d["added"] == false).await;
    assert_eq!(removed["reactions"], json!([]));

    let id = new_id();
    let refused = bob
        .request(
            &id,
            "conversation.edit",
            json!({"msgId": sent["msgId"], "content": "mine now"}),
        )
        .await;
    assert_error_frame(&refused, Some(&id), "EDIT_NOT_ALLOWED");

    let answer = bob
        .request(
            &new_id(),
            "conversation.pin",
            json!({"msgId": sent["msgId"]}),
        )
        .await;
    assert_eq!(answer["method"], "conversation.pin", "{answer}");
    assert_eq!(
        answer["data"]["pinned"][0]["msgId"], sent["msgId"],
        "{answer}"
    );
    assert_eq!(
        answer["data"]["pinned"][0]["pinnedBy"],
        w.bob.user_id.as_str()
    );
    let pinned = alice.push("pin", |d| d["pinned"] == true).await;
    assert_eq!(pinned["msgId"], sent["msgId"]);
    let answer = alice
        .request(
            &new_id(),
            "conversation.pin",
            json!({"msgId": sent["msgId"], "unpin": true}),
        )
        .await;
    assert_eq!(answer["data"]["pinned"], json!([]), "{answer}");
    bob.push("pin", |d| d["pinned"] == false).await;

    let answer = bob
        .request(&new_id(), "conversation.search", json!({"query": "AT 6"}))
        .await;
    assert_eq!(answer["method"], "conversation.search", "{answer}");
    let hits = answer["data"]["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{answer}");
    assert_eq!(hits[0]["msgId"], sent["msgId"]);
    assert_eq!(hits[0]["snippet"], "see you at 6");
    assert_eq!(hits[0]["highlights"], json!([[8, 12]]));
    let id = new_id();
    let refused = bob
        .request(&id, "conversation.search", json!({"query": ""}))
        .await;
    assert_error_frame(&refused, Some(&id), "INVALID_FIELD");
}

#[tokio::test]
async fn typing_reaches_the_peer() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let mut bob = w.gateway.connect(&w.bob).await;

    alice
        .send(data_frame(
            &new_id(),
            "conversation.typing",
            json!({"conversationId": w.conversation_id}),
        ))
        .await;
    let typing = bob.push("typing", |_| true).await;

    assert_eq!(typing["userId"], w.alice.user_id.as_str());
    assert_eq!(typing["conversationId"], w.conversation_id.as_str());
    assert_eq!(typing["chatType"], SINGLE);
}

#[tokio::test]
async fn a_friend_coming_online_is_pushed_as_presence() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;

    let _bob = w.gateway.connect(&w.bob).await;
    let presence = alice
        .push("presence", |d| d["userId"] == w.bob.user_id.as_str())
        .await;

    assert_eq!(presence["online"], true);
}

/// The in-process gateway runs a connection's Chat session inside the connection's own task;
/// a client that goes away ends that task mid-session, and the session must still end as it
/// would on a task of its own: it leaves the hub and tells its friends.
#[tokio::test]
async fn a_friend_going_away_is_pushed_as_presence() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let bob = w.gateway.connect(&w.bob).await;
    let is_bob = |d: &Value| d["userId"] == w.bob.user_id.as_str();
    alice
        .push("presence", |d| is_bob(d) && d["online"] == true)
        .await;

    drop(bob);
    let presence = alice
        .push("presence", |d| is_bob(d) && d["online"] == false)
        .await;

    assert!(presence["lastSeen"].as_i64().is_some(), "{presence}");
    let online = alice.request(&new_id(), "user.online", json!({})).await;
    assert_eq!(online["data"]["userIds"], json!([]), "{online}");
}

#[tokio::test]
async fn user_online_lists_only_online_friends() {
    let w = world().await;
    let carol = w.server.register("carol").await; // a friend, offline
    let dave = w.server.register("dave").await; // online, not a friend
    befriend(&w.alice, &carol).await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let _bob = w.gateway.connect(&w.bob).await;
    let _dave = w.gateway.connect(&dave).await;

    let answer = alice.request(&new_id(), "user.online", json!({})).await;

    assert_eq!(answer["method"], "user.online", "{answer}");
    assert_eq!(answer["data"]["userIds"], json!([w.bob.user_id]));
    assert_eq!(answer["data"]["friends"][0]["nickname"], "bob");
}

#[tokio::test]
async fn form_id_is_ignored_and_pushes_show_the_real_sender() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let mut bob = w.gateway.connect(&w.bob).await;

    let mut frame = data_frame(
        &new_id(),
        "conversation.chat",
        chat_data(SINGLE, &w.bob.user_id, "it's me, bob"),
    );
    frame["formId"] = json!(w.bob.user_id);
    alice.send(frame).await;
    let pushed = bob.push("chat", |d| d["content"] == "it's me, bob").await;

    assert_eq!(pushed["sendId"], w.alice.user_id.as_str());
}

#[tokio::test]
async fn clients_cannot_push() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;

    let id = new_id();
    let answer = alice
        .request(
            &id,
            "push",
            json!({"contentType": "chat", "content": "spoof"}),
        )
        .await;

    assert_error_frame(&answer, Some(&id), "PUSH_NOT_ALLOWED");
    assert_still_works(&mut alice, &w.bob).await;
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_subprotocol_token_is_echoed_in_the_handshake() {
    let w = world().await;

    let (mut client, response) = w
        .gateway
        .open(TokenVia::Protocol(&w.alice.token))
        .await
        .expect("handshake");
    let ready = client.ready().await;

    let echoed = response
        .headers()
        .get("sec-websocket-protocol")
        .and_then(|v| v.to_str().ok());
    assert_eq!(echoed, Some(w.alice.token.as_str()));
    assert_eq!(ready["userId"], w.alice.user_id.as_str());
}

#[tokio::test]
async fn an_authorization_header_token_is_accepted() {
    let w = world().await;

    let (mut client, _) = w
        .gateway
        .open(TokenVia::Header(&w.alice.token))
        .await
        .expect("handshake");

    assert_eq!(client.ready().await["userId"], w.alice.user_id.as_str());
}

#[tokio::test]
async fn a_query_token_is_accepted() {
    let w = world().await;

    let (mut client, _) = w
        .gateway
        .open(TokenVia::Query(&w.alice.token))
        .await
        .expect("handshake");

    assert_eq!(client.ready().await["userId"], w.alice.user_id.as_str());
}

#[tokio::test]
async fn an_unreachable_upstream_is_skipped_for_the_next() {
    let server = TestServer::start().await;
    // A port bound and never listened on, for the whole test: connecting to it is refused, and
    // no other test's server can take it meanwhile (a port merely freed was, once, by a server
    // answering HTTP 404).
    let reserved = tokio::net::TcpSocket::new_v4().expect("socket");
    reserved
        .bind("127.0.0.1:0".parse().expect("address"))
        .expect("bind");
    let dead = reserved.local_addr().expect("address");
    let gateway =
        TestGateway::start_for(vec![format!("http://{dead}"), server.url()], |_| {}).await;
    let alice = server.register("alice").await;

    // Round-robin starts at the dead one for the first connection, the live one for the second.
    let first = gateway.connect(&alice).await;
    let second = gateway.connect(&alice).await;

    assert_eq!(first.user_id, alice.user_id);
    assert_eq!(second.user_id, alice.user_id);
}

#[tokio::test]
async fn clients_sharing_upstream_connections_keep_their_own_identity() {
    // Two Chat streams per upstream connection: five sockets take three connections, with
    // alice's and bob's streams side by side on them.
    let w = remote_world_with(|config| config.upstream_streams_per_connection = 2).await;
    let mut alice_1 = w.gateway.connect(&w.alice).await;
    let mut bob_1 = w.gateway.connect(&w.bob).await;
    let mut alice_2 = w.gateway.connect(&w.alice).await;
    let mut bob_2 = w.gateway.connect(&w.bob).await;
    let mut alice_3 = w.gateway.connect(&w.alice).await;

    let sent = chat(&mut alice_3, &w.bob, "to both of bob's").await;
    for bob in [&mut bob_1, &mut bob_2] {
        let pushed = bob
            .push("chat", |d| d["content"] == "to both of bob's")
            .await;
        assert_eq!(pushed["msgId"], sent["msgId"]);
        assert_eq!(pushed["sendId"], w.alice.user_id.as_str());
    }
    let reply = chat(&mut bob_2, &w.alice, "back to alice").await;
    for alice in [&mut alice_1, &mut alice_2, &mut alice_3] {
        let pushed = alice
            .push("chat", |d| d["content"] == "back to alice")
            .await;
        assert_eq!(pushed["msgId"], reply["msgId"]);
        assert_eq!(pushed["sendId"], w.bob.user_id.as_str());
    }

    // A closed socket's place on its connection serves the next one.
    drop(alice_1);
    let mut alice_4 = w.gateway.connect(&w.alice).await;
    assert_eq!(alice_4.user_id, w.alice.user_id);
    assert_still_works(&mut alice_4, &w.bob).await;
}

#[tokio::test]
async fn a_bad_token_gets_one_error_frame_then_a_close() {
    let w = world().await;

    let (mut client, _) = w
        .gateway
        .open(TokenVia::Protocol("not.a.token"))
        .await
        .expect("handshake");
    let (frames, close) = client.closed().await;

    assert_eq!(frames.len(), 1, "{frames:#?}");
    assert_error_frame(&frames[0], None, "TOKEN_INVALID");
    assert_eq!(frames[0]["data"]["code"], 16);
    assert_eq!(close.map(|c| u16::from(c.code)), Some(1008));
}

#[tokio::test]
async fn a_missing_token_gets_one_error_frame_then_a_close() {
    let w = world().await;

    let (mut client, _) = w.gateway.open(TokenVia::Nothing).await.expect("handshake");
    let (frames, close) = client.closed().await;

    assert_eq!(frames.len(), 1, "{frames:#?}");
    assert_error_frame(&frames[0], None, "TOKEN_MISSING");
    assert!(close.is_some());
}

#[tokio::test]
async fn a_revoked_token_ends_the_session_with_an_error_frame_then_a_close() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;

    w.alice
        .users()
        .logout(user::LogoutRequest {})
        .await
        .expect("logout");
    let (frames, close) = alice.closed().await;

    let error = frames.last().expect("an error frame before the close");
    assert_error_frame(error, None, "TOKEN_REVOKED");
    assert_eq!(error["data"]["code"], 16);
    assert_eq!(close.map(|c| u16::from(c.code)), Some(1008));
}

// ---------------------------------------------------------------------------------------------
// Bad input: an error frame, and the connection stays usable
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn malformed_json_gets_an_error_frame_and_the_connection_stays() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;

    alice.send_raw(Message::text("{\"frameType\": 0, ")).await;
    let error = alice.error_frame().await;

    assert_error_frame(&error, None, "MALFORMED_FRAME");
    assert_still_works(&mut alice, &w.bob).await;
}

#[tokio::test]
async fn an_unknown_method_gets_an_error_frame_and_the_connection_stays() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;

    let id = new_id();
    let answer = alice.request(&id, "conversation.fly", json!({})).await;

    assert_error_frame(&answer, Some(&id), "UNKNOWN_METHOD");
    assert_eq!(answer["data"]["code"], 12);
    assert_still_works(&mut alice, &w.bob).await;
}

#[tokio::test]
async fn an_unknown_frame_type_gets_an_error_frame_and_the_connection_stays() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;

    let id = new_id();
    alice
        .send(json!({"frameType": 6, "id": id, "method": "conversation.chat"}))
        .await;
    let error = alice.answer(&id).await;

    assert_error_frame(&error, Some(&id), "UNKNOWN_FRAME_TYPE");
    assert_still_works(&mut alice, &w.bob).await;
}

#[tokio::test]
async fn an_oversized_frame_gets_an_error_frame_and_the_connection_stays() {
    let w = world_with(|config| config.max_frame_bytes = 1024).await;
    let mut alice = w.gateway.connect(&w.alice).await;

    let big = "x".repeat(4096);
    alice
        .send(data_frame(
            &new_id(),
            "conversation.chat",
            chat_data(SINGLE, &w.bob.user_id, &big),
        ))
        .await;
    let error = alice.error_frame().await;

    assert_error_frame(&error, None, "FRAME_TOO_LARGE");
    assert_still_works(&mut alice, &w.bob).await;
}

#[tokio::test]
async fn a_binary_frame_gets_an_error_frame_and_the_connection_stays() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;

    alice.send_raw(Message::binary(vec![1u8, 2, 3])).await;
    let error = alice.error_frame().await;

    assert_error_frame(&error, None, "BINARY_FRAME");
    assert_still_works(&mut alice, &w.bob).await;
}

#[tokio::test]
async fn a_wrong_field_type_gets_an_error_frame_naming_it_and_the_connection_stays() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;

    let id = new_id();
    let answer = alice
        .request(
            &id,
            "conversation.chat",
            json!({"chatType": SINGLE, "recvId": 42, "msg": {"mType": 0, "content": "hi"}}),
        )
        .await;

    assert_error_frame(&answer, Some(&id), "INVALID_FIELD");
    let message = answer["data"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("data.recvId"), "{message}");
    assert_still_works(&mut alice, &w.bob).await;
}

#[tokio::test]
async fn a_wrong_envelope_type_gets_an_error_frame_and_the_connection_stays() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;

    let id = new_id();
    alice
        .send(json!({"frameType": "data", "id": id, "method": "user.online"}))
        .await;
    let error = alice.answer(&id).await;

    assert_error_frame(&error, Some(&id), "INVALID_FIELD");
    assert_still_works(&mut alice, &w.bob).await;
}

#[tokio::test]
async fn an_unsupported_message_type_is_refused_naming_the_supported_ones() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;

    let id = new_id();
    let answer = alice
        .request(
            &id,
            "conversation.chat",
            json!({"chatType": SINGLE, "recvId": w.bob.user_id,
                   "msg": {"mType": 9, "content": "?"}}),
        )
        .await;

    assert_error_frame(&answer, Some(&id), "UNSUPPORTED_MESSAGE_TYPE");
    let message = answer["data"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("0 (text"), "{message}");
    assert_still_works(&mut alice, &w.bob).await;
}

#[tokio::test]
async fn sending_to_a_non_friend_relays_not_friends_and_the_connection_stays() {
    let w = world().await;
    let stranger = w.server.register("stranger").await;
    let mut alice = w.gateway.connect(&w.alice).await;

    let id = new_id();
    let answer = alice
        .request(
            &id,
            "conversation.chat",
            chat_data(SINGLE, &stranger.user_id, "hello?"),
        )
        .await;

    assert_error_frame(&answer, Some(&id), "NOT_FRIENDS");
    assert_eq!(answer["data"]["code"], 7);
    assert_still_works(&mut alice, &w.bob).await;
}

#[tokio::test]
async fn sending_to_a_group_after_leaving_relays_not_group_member() {
    let w = world().await;
    let group = w
        .alice
        .social()
        .create_group(social::CreateGroupRequest {
            name: "hikers".to_owned(),
            member_ids: vec![w.bob.user_id.clone()],
            join_policy: social::JoinPolicy::Open as i32,
            ..Default::default()
        })
        .await
        .expect("create group")
        .into_inner()
        .group
        .expect("group");
    w.bob
        .social()
        .leave_group(social::LeaveGroupRequest {
            group_id: group.group_id.clone(),
        })
        .await
        .expect("leave group");
    let mut bob = w.gateway.connect(&w.bob).await;

    let id = new_id();
    let answer = bob
        .request(
            &id,
            "conversation.chat",
            chat_data(GROUP, &group.group_id, "still here?"),
        )
        .await;

    assert_error_frame(&answer, Some(&id), "NOT_GROUP_MEMBER");
    assert_still_works(&mut bob, &w.alice).await;
}

/// Alice's group with Bob (her friend in the world), as both see it.
async fn group_of_alice_and_bob(w: &World) -> social::Group {
    w.alice
        .social()
        .create_group(social::CreateGroupRequest {
            name: "hikers".to_owned(),
            member_ids: vec![w.bob.user_id.clone()],
            join_policy: social::JoinPolicy::Open as i32,
            ..Default::default()
        })
        .await
        .expect("create group")
        .into_inner()
        .group
        .expect("group")
}

/// Alice sends to the group over gRPC and Bob's socket must get it (he is a member).
async fn bob_gets_the_group_push(w: &World, bob: &mut WsClient, group: &social::Group) {
    let message = send_text(&w.alice, &group.conversation_id, "welcome")
        .await
        .expect("send to the group");
    bob.push("chat", |d| d["msgId"] == message.message_id.as_str())
        .await;
}

/// After Bob left `group`: Alice writes in it (a message, typing and a recall), then writes to
/// Bob; nothing of the group reaches Bob's socket before that marker.
async fn assert_no_group_pushes_reach(w: &World, bob: &mut WsClient, group: &social::Group) {
    if let Ok(message) = send_text(&w.alice, &group.conversation_id, "members only").await {
        let _ = w
            .alice
            .im()
            .send_typing(im::SendTypingRequest {
                conversation_id: group.conversation_id.clone(),
            })
            .await;
        let _ = w
            .alice
            .im()
            .recall_message(im::RecallMessageRequest {
                message_id: message.message_id,
            })
            .await;
    }
    let marker = send_text(&w.alice, &w.conversation_id, "marker")
        .await
        .expect("send the marker");
    let frames = bob
        .collect_until("the marker push", |f| {
            f["method"] == "push" && f["data"]["msgId"] == marker.message_id.as_str()
        })
        .await;
    let leaked: Vec<&Value> = frames
        .iter()
        .filter(|f| f["data"]["conversationId"] == group.conversation_id.as_str())
        .collect();
    assert!(
        leaked.is_empty(),
        "pushed after leaving the group: {leaked:#?}"
    );
}

#[tokio::test]
async fn a_kicked_members_socket_gets_no_more_group_pushes_and_cannot_send() {
    let w = world().await;
    let group = group_of_alice_and_bob(&w).await;
    let mut bob = w.gateway.connect(&w.bob).await;
    bob_gets_the_group_push(&w, &mut bob, &group).await;

    w.alice
        .social()
        .remove_group_member(social::RemoveGroupMemberRequest {
            group_id: group.group_id.clone(),
            user_id: w.bob.user_id.clone(),
        })
        .await
        .expect("remove bob");

    assert_no_group_pushes_reach(&w, &mut bob, &group).await;
    assert_group_chat_refused(&mut bob, &group, "NOT_GROUP_MEMBER").await;
    assert_still_works(&mut bob, &w.alice).await;
}

/// A chat to the group over the socket is answered with an error frame of `reason`.
async fn assert_group_chat_refused(client: &mut WsClient, group: &social::Group, reason: &str) {
    let id = new_id();
    let answer = client
        .request(
            &id,
            "conversation.chat",
            chat_data(GROUP, &group.group_id, "still here?"),
        )
        .await;
    assert_error_frame(&answer, Some(&id), reason);
}

#[tokio::test]
async fn a_dissolved_groups_member_socket_gets_no_more_group_pushes_and_cannot_send() {
    let w = world().await;
    let group = group_of_alice_and_bob(&w).await;
    let mut bob = w.gateway.connect(&w.bob).await;
    bob_gets_the_group_push(&w, &mut bob, &group).await;

    w.alice
        .social()
        .dissolve_group(social::DissolveGroupRequest {
            group_id: group.group_id.clone(),
        })
        .await
        .expect("dissolve the group");

    assert_no_group_pushes_reach(&w, &mut bob, &group).await;
    assert_group_chat_refused(&mut bob, &group, "GROUP_NOT_FOUND").await;
    assert_still_works(&mut bob, &w.alice).await;
}

// ---------------------------------------------------------------------------------------------
// Acks
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn only_ack_mode_acks_each_data_frame_before_its_result() {
    let w = world_with(|config| config.ack_mode = AckMode::OnlyAck).await;
    let mut alice = w.gateway.connect(&w.alice).await;

    let id = new_id();
    alice
        .send(data_frame(
            &id,
            "conversation.chat",
            chat_data(SINGLE, &w.bob.user_id, "acked"),
        ))
        .await;
    let frames = alice
        .collect_until("the result", |f| {
            f["id"] == id.as_str() && f["frameType"] == 0
        })
        .await;

    let for_this: Vec<&Value> = frames.iter().filter(|f| f["id"] == id.as_str()).collect();
    assert_eq!(for_this.len(), 2, "{frames:#?}");
    assert_eq!(
        for_this[0]["frameType"], 2,
        "the ack comes first: {frames:#?}"
    );
}

#[tokio::test]
async fn rigorous_mode_resends_the_ack_until_confirmed() {
    let w = world_with(|config| {
        config.ack_mode = AckMode::Rigorous;
        config.ack_resend_secs = 1;
        config.ack_give_up_secs = 3;
        // The idle ping, due 2 s after the confirmation, comes after any resend would have.
        config.idle_ping_secs = 2;
        config.heartbeat_timeout_secs = 30;
    })
    .await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let id = new_id();
    let is_ack = |f: &Value| f["frameType"] == 2 && f["id"] == id.as_str();

    alice
        .send(data_frame(
            &id,
            "conversation.chat",
            chat_data(SINGLE, &w.bob.user_id, "rigorous"),
        ))
        .await;
    let first = alice.next_matching("the ack", is_ack).await;
    let resent = alice.next_matching("the re-sent ack", is_ack).await;
    alice.send(json!({"frameType": 2, "id": id})).await;
    let after = alice
        .collect_until("the idle ping", |f| f["frameType"] == 1)
        .await;

    assert_eq!(first["ackSeq"], 1);
    assert_eq!(resent["ackSeq"], 2);
    assert!(
        !after.iter().any(is_ack),
        "no ack after confirmation: {after:#?}"
    );
}

#[tokio::test]
async fn rigorous_mode_gives_up_resending_after_the_give_up_time() {
    let w = world_with(|config| {
        config.ack_mode = AckMode::Rigorous;
        config.ack_resend_secs = 1;
        config.ack_give_up_secs = 3;
        // The idle ping, due 5 s after the frame, comes after the give-up time.
        config.idle_ping_secs = 5;
        config.heartbeat_timeout_secs = 30;
    })
    .await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let id = new_id();

    alice
        .send(data_frame(
            &id,
            "conversation.chat",
            chat_data(SINGLE, &w.bob.user_id, "never confirmed"),
        ))
        .await;
    let frames = alice
        .collect_until("the idle ping", |f| f["frameType"] == 1)
        .await;

    let acks: Vec<&Value> = frames
        .iter()
        .filter(|f| f["frameType"] == 2 && f["id"] == id.as_str())
        .collect();
    assert!(
        (2..=3).contains(&acks.len()),
        "re-sent, then given up: {frames:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Keep-alive
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_client_ping_is_answered_with_a_ping() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;

    alice.send(json!({"frameType": 1})).await;
    let pong = alice.next_matching("a ping", |f| f["frameType"] == 1).await;

    assert!(pong.get("data").is_none(), "{pong}");
}

fn is_ping(frame: &Value) -> bool {
    frame["frameType"] == 1
}

/// Old clients answer every ping with a ping and ping on their own too: the gateway takes a
/// ping right after one of its own as the answer, or the two would ping-pong without end.
#[tokio::test]
async fn a_client_that_answers_every_ping_does_not_ping_pong_with_the_gateway() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;

    alice.send(json!({"frameType": 1})).await;
    alice.next_matching("the answer", is_ping).await;
    alice.send(json!({"frameType": 1})).await;
    let after_the_echo = alice.frames_for(Duration::from_secs(1)).await;

    assert!(
        !after_the_echo.iter().any(is_ping),
        "the echo was answered: {after_the_echo:#?}"
    );
    // Past the echo window a ping is a question again.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    alice.send(json!({"frameType": 1})).await;
    alice
        .next_matching("the answer to a later ping", is_ping)
        .await;
}

/// The answer to the idle ping is not answered even when other frames came before it.
#[tokio::test]
async fn the_answer_to_the_idle_ping_is_not_answered_after_other_frames() {
    let w = world_with(|config| {
        config.idle_ping_secs = 2;
        config.heartbeat_timeout_secs = 30;
    })
    .await;
    let mut alice = w.gateway.connect(&w.alice).await;
    alice.next_matching("the idle ping", is_ping).await;

    chat(&mut alice, &w.bob, "sent before the answer").await;
    alice.send(json!({"frameType": 1})).await;
    let after_the_answer = alice.frames_for(Duration::from_millis(500)).await;

    assert!(
        !after_the_answer.iter().any(is_ping),
        "the answer was answered: {after_the_answer:#?}"
    );
}

#[tokio::test]
async fn the_server_pings_an_idle_client() {
    let w = world_with(|config| {
        config.idle_ping_secs = 1;
        config.heartbeat_timeout_secs = 30;
    })
    .await;
    let mut alice = w.gateway.connect(&w.alice).await;

    let ping = alice.next_matching("a ping", |f| f["frameType"] == 1).await;

    assert_eq!(ping, json!({"frameType": 1}));
}

#[tokio::test]
async fn the_server_closes_a_silent_client() {
    let w = world_with(|config| {
        config.idle_ping_secs = 1;
        config.heartbeat_timeout_secs = 2;
    })
    .await;
    let mut alice = w.gateway.connect(&w.alice).await;

    let (frames, close) = alice.closed().await;

    assert!(
        frames.iter().any(|f| f["frameType"] == 1),
        "pinged first: {frames:#?}"
    );
    let error = frames.last().expect("an error frame before the close");
    assert_error_frame(error, None, "HEARTBEAT_TIMEOUT");
    assert!(close.is_some());
}

// ---------------------------------------------------------------------------------------------
// Shutdown
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn without_failover_server_shutdown_is_relayed_then_the_socket_closes() {
    let w = world_with(|config| config.failover_timeout_secs = 0).await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let World { server, .. } = w;

    let stopping = tokio::spawn(server.stop());
    let (frames, close) = alice.closed().await;

    let error = frames.last().expect("an error frame before the close");
    assert_error_frame(error, None, "SERVER_SHUTTING_DOWN");
    assert_eq!(close.map(|c| u16::from(c.code)), Some(1013));
    tokio::time::timeout(WAIT, stopping)
        .await
        .expect("the server stops in time")
        .expect("server stop did not panic");
}

/// The connection's server is SIGKILLed with sends in flight and started again on its port: the
/// socket stays open, the gateway opens a new Chat stream, pushes what the client missed and
/// sends again what got no answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_websocket_connection_survives_its_server_restarting() {
    let isolated = Isolated::config().await;
    let mut config = isolated.config.clone();
    config.limits.messages_per_second = 0.0;
    let mut server = ServerProcess::start(&config).await;
    let gateway = TestGateway::start_for(vec![format!("http://{}", server.addr)], |config| {
        config.failover_timeout_secs = 60;
    })
    .await;
    let alice = register_at(server.addr, "alice").await;
    let bob = register_at(server.addr, "bob").await;
    let carol = register_at(server.addr, "carol").await;
    let conversation_id = befriend(&alice, &bob).await;
    let with_carol = befriend(&alice, &carol).await;
    let mut alice_ws = gateway.connect(&alice).await;
    for i in 0..3 {
        send_until_stored(&bob, &conversation_id, &format!("bob-{i}")).await;
    }
    let before = alice_ws
        .collect_until("Bob's third message", |f| f["data"]["content"] == "bob-2")
        .await;

    let alice_sends: Vec<String> = (0..5).map(|i| format!("alice-{i}")).collect();
    alice_ws.send_chats(&alice_sends, &bob.user_id).await;
    server.kill();
    server.restart().await;
    // Carol's conversation had no traffic in the session before.
    send_until_stored(&carol, &with_carol, "carol-0").await;
    for i in 3..6 {
        send_until_stored(&bob, &conversation_id, &format!("bob-{i}")).await;
    }
    let (answers, pushes) = alice_ws
        .await_sends_and_push(before, &alice_sends, &bob.user_id, |push| {
            push["content"] == "bob-5"
        })
        .await;

    let pushed: Vec<&str> = pushes
        .iter()
        .map(|push| push["content"].as_str().unwrap_or_default())
        .collect();
    let (from_bob, others): (Vec<&str>, Vec<&str>) = pushed
        .iter()
        .partition(|content| content.starts_with("bob-"));
    assert_eq!(
        from_bob,
        ["bob-0", "bob-1", "bob-2", "bob-3", "bob-4", "bob-5"],
        "each of Bob's messages once, in order"
    );
    assert_eq!(others, ["carol-0"], "Carol's once, and none of Alice's own");
    let mut seqs: Vec<i64> = answers
        .values()
        .chain(
            pushes
                .iter()
                .filter(|push| push["conversationId"] == conversation_id.as_str()),
        )
        .map(|data| data["seq"].as_i64().expect("seq"))
        .collect();
    seqs.sort_unstable();
    assert_eq!(
        seqs,
        (1..=11).collect::<Vec<_>>(),
        "every message once, seqs dense"
    );
}

#[tokio::test]
async fn a_stopped_server_without_another_upstream_closes_the_socket_after_the_failover_timeout() {
    let w = remote_world_with(|config| config.failover_timeout_secs = 1).await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let World { server, .. } = w;

    server.stop().await;
    let (frames, close) = alice.closed().await;

    let error = frames.last().expect("an error frame before the close");
    assert_error_frame(error, None, "UPSTREAM_UNAVAILABLE");
    assert_eq!(close.map(|c| u16::from(c.code)), Some(1013));
}

/// The in-process gateway's sessions are on the server it runs in: there is nowhere to move
/// them, so it keeps no failover records and passes the server's reason on at once.
#[tokio::test]
async fn a_stopped_server_closes_its_in_process_sockets_at_once_with_its_reason() {
    let w = world_with(|config| config.failover_timeout_secs = 60).await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let World { server, .. } = w;

    let stopped = std::time::Instant::now();
    server.stop().await;
    let (frames, close) = alice.closed().await;

    assert!(
        stopped.elapsed() < std::time::Duration::from_secs(30),
        "closed without waiting for a failover (60 s)"
    );
    let error = frames.last().expect("an error frame before the close");
    assert_error_frame(error, None, "SERVER_SHUTTING_DOWN");
    assert_eq!(close.map(|c| u16::from(c.code)), Some(1013));
}

#[tokio::test]
async fn gateway_shutdown_closes_sockets_with_a_close_frame() {
    let w = world().await;
    let mut alice = w.gateway.connect(&w.alice).await;
    let World { gateway, .. } = w;

    let stopping = tokio::spawn(gateway.stop());
    let (frames, close) = alice.closed().await;

    let error = frames.last().expect("an error frame before the close");
    assert_error_frame(error, None, "SHUTTING_DOWN");
    assert_eq!(close.map(|c| u16::from(c.code)), Some(1001));
    tokio::time::timeout(WAIT, stopping)
        .await
        .expect("the gateway stops in time")
        .expect("gateway stop did not panic");
}
