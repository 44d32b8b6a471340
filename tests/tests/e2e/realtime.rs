//! End-to-end tests of the real-time layer over gRPC: Chat and Subscribe streams, event fan-out,
//! sync, receipts, recall, typing, presence, stream errors, token loss, slow consumers and
//! shutdown. Every expected frame is awaited with a timeout; nothing sleeps to wait for one.

use std::time::Duration;

use easychat_proto::im::v1::{
    self as im, chat_request::Frame as In, chat_response::Frame as Out,
    send_message_request::Target, server_event::Event,
};
use easychat_proto::social::v1 as social;
use easychat_proto::user::v1 as user;
use easychat_tests::sessions;
use easychat_tests::sessions::{
    ChatSession, SubscribeSession, WAIT, create_group, custom, friend, history, login,
    pushed_message, send_request,
};
use easychat_tests::{
    Code, TestServer, TestUser, befriend, reason, send_text, single_conversation_id, text,
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Two friends and their conversation.
async fn friends(server: &TestServer) -> (TestUser, TestUser, String) {
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    (alice, bob, conversation_id)
}

/// Sends a text message over SendMessage that must succeed.
async fn sent(sender: &TestUser, conversation_id: &str, body: &str) -> im::Message {
    send_text(sender, conversation_id, body)
        .await
        .expect("send a text message")
}

/// Syncs one conversation from `last_seq` and collects the messages of every batch up to the one
/// with `done`.
async fn sync_messages(
    chat: &mut ChatSession,
    conversation_id: &str,
    last_seq: i64,
    page_size: i32,
) -> Vec<im::Message> {
    let request_id = chat
        .push(In::Sync(im::SyncRequest {
            cursors: vec![im::SyncCursor {
                conversation_id: conversation_id.to_owned(),
                last_seq,
            }],
            page_size,
        }))
        .await;
    // 0 means 100.
    let limit = if page_size == 0 {
        100
    } else {
        usize::try_from(page_size).expect("a positive page size")
    };
    let mut messages = Vec::new();
    loop {
        let frame = chat.answer(&request_id).await.frame;
        let Some(Out::SyncBatch(batch)) = frame else {
            panic!("expected a sync_batch, got {frame:?}");
        };
        assert_eq!(batch.conversation_id, conversation_id);
        assert!(batch.messages.len() <= limit, "at most page_size messages");
        messages.extend(batch.messages);
        if batch.done {
            return messages;
        }
    }
}

fn seqs(messages: &[im::Message]) -> Vec<i64> {
    messages.iter().map(|m| m.seq).collect()
}

/// Asserts that none of `frames` pushes the message `message_id`.
#[track_caller]
fn assert_not_pushed<T: sessions::Pushed + std::fmt::Debug>(frames: &[T], message_id: &str) {
    let pushed: Vec<&T> = frames
        .iter()
        .filter(|f| pushed_message(*f).is_some_and(|m| m.message_id == message_id))
        .collect();
    assert!(pushed.is_empty(), "{message_id} was pushed: {pushed:?}");
}

fn recall_event(event: &Event, message_id: &str) -> bool {
    matches!(event, Event::Recall(recall)
        if recall.message.as_ref().is_some_and(|m| m.message_id == message_id))
}

// ---------------------------------------------------------------------------------------------
// Fan-out of new messages
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn chat_send_reaches_peer_sessions_and_other_devices_but_not_the_sending_session() {
    let server = TestServer::start().await;
    let (alice, bob, conversation_id) = friends(&server).await;
    let mut alice_phone = ChatSession::open(&server, &alice.token).await;
    let mut alice_laptop = ChatSession::open(&server, &login(&server, &alice).await).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let mut bob_browser = SubscribeSession::open(&server, &bob).await;
    assert_ne!(alice_phone.session_id, alice_laptop.session_id);
    assert_ne!(bob_chat.session_id, bob_browser.session_id);

    let ack = alice_phone
        .send(send_request(&conversation_id, text("hello")))
        .await;

    assert!(!ack.duplicate);
    let message = ack.message.expect("the stored message");
    assert!(!message.message_id.is_empty());
    assert_eq!(message.seq, 1);
    assert!(message.send_time.is_some());
    assert_eq!(message.sender_id, alice.user_id);
    assert_eq!(
        bob_chat.frames.next_message(&message.message_id).await,
        message
    );
    assert_eq!(
        bob_browser.frames.next_message(&message.message_id).await,
        message
    );
    assert_eq!(
        alice_laptop.frames.next_message(&message.message_id).await,
        message
    );
    // Bob's reply is queued after anything of Alice's send: the sending session saw none of it.
    let reply = sent(&bob, &conversation_id, "hi").await;
    let before_reply = alice_phone
        .frames
        .frames_before_message(&reply.message_id)
        .await;
    assert_not_pushed(&before_reply, &message.message_id);
}

#[tokio::test]
async fn unary_send_reaches_every_session_of_both_users() {
    let server = TestServer::start().await;
    let (alice, bob, conversation_id) = friends(&server).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let mut bob_browser = SubscribeSession::open(&server, &bob).await;

    let message = sent(&alice, &conversation_id, "hello").await;

    assert_eq!(
        bob_chat.frames.next_message(&message.message_id).await,
        message
    );
    assert_eq!(
        bob_browser.frames.next_message(&message.message_id).await,
        message
    );
    // No origin session: the sender's own live sessions get it as well.
    assert_eq!(
        alice_chat.frames.next_message(&message.message_id).await,
        message
    );
}

// On several worker threads, so that the server handles the sends in parallel as in production.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_of_a_conversation_arrive_in_seq_order() {
    let server = TestServer::start().await;
    let (alice, bob, conversation_id) = friends(&server).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;

    // Fifty sends in flight at once from one sender.
    let sends: Vec<_> = (0..50)
        .map(|i| {
            let alice = alice.clone();
            let conversation_id = conversation_id.clone();
            tokio::spawn(async move { sent(&alice, &conversation_id, &format!("m{i}")).await })
        })
        .collect();
    let mut acked = Vec::new();
    for send in sends {
        acked.push(send.await.expect("send task").seq);
    }
    acked.sort_unstable();
    assert_eq!(acked, (1..=50).collect::<Vec<i64>>());

    let mut received = Vec::new();
    while received.len() < 50 {
        let frame = bob_chat
            .frames
            .next_matching(
                "a message of the conversation",
                |f| pushed_message(f).is_some_and(|m| m.conversation_id == conversation_id),
                WAIT,
            )
            .await;
        received.push(pushed_message(&frame).expect("a message").seq);
    }
    assert_eq!(received, (1..=50).collect::<Vec<i64>>());
}

#[tokio::test]
async fn retried_send_is_acked_as_duplicate_and_delivered_once() {
    let server = TestServer::start().await;
    let (alice, bob, conversation_id) = friends(&server).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let request = send_request(&conversation_id, text("only once"));

    let first = alice_chat.send(request.clone()).await;
    let retry = alice_chat.send(request.clone()).await;
    drop(alice_chat);
    let mut reconnected = ChatSession::open(&server, &alice.token).await;
    let retry_after_reconnect = reconnected.send(request.clone()).await;

    assert!(!first.duplicate);
    let original = first.message.expect("the stored message");
    for ack in [retry, retry_after_reconnect] {
        assert!(ack.duplicate, "a retry is acked as duplicate");
        let message = ack.message.expect("the original message");
        assert_eq!(message.message_id, original.message_id);
        assert_eq!(message.seq, original.seq);
    }
    // A later message is queued after anything the retries could have pushed.
    let later = sent(&alice, &conversation_id, "later").await;
    let mut frames = bob_chat
        .frames
        .frames_before_message(&later.message_id)
        .await;
    frames.retain(|f| pushed_message(f).is_some_and(|m| m.message_id == original.message_id));
    assert_eq!(frames.len(), 1, "bob receives the message once: {frames:?}");
    let stored = history(&bob, &conversation_id).await;
    assert_eq!(seqs(&stored), vec![original.seq, later.seq]);
    assert_eq!(stored[0].message_id, original.message_id);
}

// ---------------------------------------------------------------------------------------------
// Sync
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn offline_recipient_syncs_every_missed_message_in_order() {
    const COUNT: usize = 1000;
    // A throughput test, not a rate-limit test: room for the whole pipeline at once.
    let server = TestServer::start_with(|config| {
        config.limits.message_burst = COUNT as u32;
    })
    .await;
    let (alice, bob, conversation_id) = friends(&server).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;

    // Pipelined sends on one stream while bob has no session.
    let requests = alice_chat.requests();
    let to = conversation_id.clone();
    let pusher = tokio::spawn(async move {
        let mut ids = Vec::with_capacity(COUNT);
        for i in 0..COUNT {
            let request_id = format!("send-{i}");
            ids.push(request_id.clone());
            requests
                .send(im::ChatRequest {
                    request_id,
                    frame: Some(In::Send(send_request(&to, text(&format!("m{i}"))))),
                })
                .await
                .expect("the request stream is open");
        }
        ids
    });
    let request_ids = pusher.await.expect("pusher task");
    for request_id in &request_ids {
        let answer = alice_chat.answer(request_id).await;
        assert!(
            matches!(answer.frame, Some(Out::SendResult(_))),
            "{answer:?}"
        );
    }

    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let everything = sync_messages(&mut bob_chat, &conversation_id, 0, 0).await;
    assert_eq!(seqs(&everything), (1..=1000).collect::<Vec<i64>>());
    assert!(everything.iter().all(|m| m.sender_id == alice.user_id));

    let rest = sync_messages(&mut bob_chat, &conversation_id, 600, 150).await;
    assert_eq!(seqs(&rest), (601..=1000).collect::<Vec<i64>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pipelined_sends_are_stored_and_answered_in_frame_order() {
    const COUNT: usize = 60;
    // A burst of 50: the 51st send is refused by the rate limit, in its turn.
    let server = TestServer::start_with(|config| {
        config.limits.message_burst = 50;
        config.limits.messages_per_second = 0.001;
    })
    .await;
    let (alice, _bob, conversation_id) = friends(&server).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    // Every frame goes out before any answer is read; a ping sits among the sends.
    let mut request_ids = Vec::new();
    for i in 0..COUNT {
        let request_id = format!("send-{i}");
        alice_chat
            .push_raw(im::ChatRequest {
                request_id: request_id.clone(),
                frame: Some(In::Send(send_request(
                    &conversation_id,
                    text(&format!("m{i}")),
                ))),
            })
            .await;
        request_ids.push(request_id);
        if i == 20 {
            alice_chat
                .push_raw(im::ChatRequest {
                    request_id: "ping".to_owned(),
                    frame: Some(In::Ping(im::Ping { nonce: 7 })),
                })
                .await;
            request_ids.push("ping".to_owned());
        }
    }
    let answers = alice_chat
        .frames
        .collect_until("the last answer", |f| f.request_id == "send-59", WAIT)
        .await;
    let answered: Vec<&str> = answers
        .iter()
        .filter(|f| !f.request_id.is_empty())
        .map(|f| f.request_id.as_str())
        .collect();
    assert_eq!(answered, request_ids, "answers in frame order");
    let mut seq = 0;
    for (i, answer) in answers
        .iter()
        .filter(|f| f.request_id.starts_with("send-"))
        .enumerate()
    {
        match &answer.frame {
            Some(Out::SendResult(result)) => {
                let message = result.message.as_ref().expect("message");
                seq += 1;
                assert_eq!(message.seq, seq, "send {i} stored in frame order");
                assert!(i < 50, "send {i} is past the burst");
            }
            Some(Out::Error(error)) => {
                assert_eq!(error.reason, "RATE_LIMITED", "{error:?}");
                assert!(i >= 50, "send {i} is within the burst");
            }
            other => panic!("send {i}: {other:?}"),
        }
    }
    assert_eq!(seq, 50);
    let stored = history(&alice, &conversation_id).await;
    let texts: Vec<String> = stored
        .iter()
        .map(|m| match &m.content {
            Some(im::MessageContent {
                kind: Some(im::message_content::Kind::Text(text)),
            }) => text.text.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    let sent: Vec<String> = (0..50).map(|i| format!("m{i}")).collect();
    assert_eq!(texts, sent, "history in the order of the frames");
}

#[tokio::test]
async fn sync_without_cursors_is_answered_and_keeps_the_stream_open() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;

    let answer = alice_chat
        .call(In::Sync(im::SyncRequest {
            cursors: Vec::new(),
            page_size: 0,
        }))
        .await;

    // Nothing to catch up on: one empty, final batch, or an error for the frame.
    match answer {
        Out::SyncBatch(batch) => {
            assert!(batch.done, "the only batch is the last: {batch:?}");
            assert!(batch.messages.is_empty());
        }
        Out::Error(error) => assert_eq!(error.code, Code::InvalidArgument as i32, "{error:?}"),
        other => panic!("expected a sync_batch or a FrameError, got {other:?}"),
    }
    alice_chat.ping().await;
}

#[tokio::test]
async fn sync_of_a_conversation_of_others_is_refused_and_sends_nothing() {
    let server = TestServer::start().await;
    let (alice, bob, theirs) = friends(&server).await;
    let carol = server.register("carol").await;
    let (_, their_group) = create_group(&alice, &[&carol]).await;
    sent(&bob, &theirs, "private").await;
    sent(&alice, &their_group, "members only").await;
    let mallory = server.register("mallory").await;
    let mallory_friend = server.register("friend").await;
    let mine = befriend(&mallory, &mallory_friend).await;
    sent(&mallory_friend, &mine, "hi mallory").await;
    let mut mallory_chat = ChatSession::open(&server, &mallory.token).await;

    for foreign in [&theirs, &their_group] {
        // Her own cursor first: the whole request is refused before any batch goes out.
        let request_id = mallory_chat
            .push(In::Sync(im::SyncRequest {
                cursors: vec![
                    im::SyncCursor {
                        conversation_id: mine.clone(),
                        last_seq: 0,
                    },
                    im::SyncCursor {
                        conversation_id: foreign.clone(),
                        last_seq: 0,
                    },
                ],
                page_size: 0,
            }))
            .await;
        let error = frame_error(
            mallory_chat
                .answer(&request_id)
                .await
                .frame
                .expect("an answer frame"),
        );
        assert_eq!(error.code, Code::PermissionDenied as i32, "{error:?}");
        assert_eq!(error.reason, "NOT_CONVERSATION_MEMBER");
        // The pong comes after anything else the sync could have sent.
        let ping = mallory_chat.push(In::Ping(im::Ping { nonce: 7 })).await;
        let frames = mallory_chat
            .frames
            .collect_until("the pong", |f| f.request_id == ping, WAIT)
            .await;
        let more: Vec<_> = frames
            .iter()
            .filter(|f| f.request_id == request_id)
            .collect();
        assert!(more.is_empty(), "the refused sync sent {more:?}");
    }
}

#[tokio::test]
async fn a_recalled_message_syncs_as_recalled_without_content() {
    let server = TestServer::start().await;
    let (alice, bob, conversation_id) = friends(&server).await;
    let oops = sent(&alice, &conversation_id, "oops").await;
    let kept = sent(&alice, &conversation_id, "kept").await;
    alice
        .im()
        .recall_message(im::RecallMessageRequest {
            message_id: oops.message_id.clone(),
        })
        .await
        .expect("recall");
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;

    let synced = sync_messages(&mut bob_chat, &conversation_id, 0, 0).await;

    assert_eq!(
        seqs(&synced),
        vec![oops.seq, kept.seq],
        "the recall keeps its seq"
    );
    let recalled = &synced[0];
    assert_eq!(recalled.message_id, oops.message_id);
    assert!(recalled.recalled, "{recalled:?}");
    assert!(recalled.content.is_none(), "no content: {recalled:?}");
    assert_eq!(recalled.recalled_by, alice.user_id);
    assert!(recalled.recall_time.is_some());
    assert_eq!(synced[1], kept, "the other message is untouched");
}

// ---------------------------------------------------------------------------------------------
// Read receipts
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn single_chat_read_receipt_reaches_the_sender_at_once() {
    let server = TestServer::start().await;
    let (alice, bob, conversation_id) = friends(&server).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let message = sent(&alice, &conversation_id, "read me").await;

    let result = bob_chat
        .call(In::MarkRead(im::MarkReadRequest {
            conversation_id: conversation_id.clone(),
            read_seq: message.seq,
        }))
        .await;

    assert_eq!(
        result,
        Out::MarkReadResult(im::MarkReadResponse {
            read_seq: message.seq,
            unread_count: 0
        })
    );
    let event = alice_chat
        .frames
        .next_event("a read receipt", |e| matches!(e, Event::ReadReceipt(_)))
        .await;
    assert_eq!(
        event,
        Event::ReadReceipt(im::ReadReceiptEvent {
            conversation_id,
            positions: vec![im::ReadPosition {
                user_id: bob.user_id.clone(),
                read_seq: message.seq
            }],
        })
    );
}

#[tokio::test]
async fn group_read_receipts_are_merged_into_one_event() {
    let server = TestServer::start_with(|config| {
        config.realtime.receipt_flush_count = 2;
        config.realtime.receipt_flush_ms = 60_000;
    })
    .await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let (_, conversation_id) = create_group(&alice, &[&bob, &carol]).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let message = sent(&alice, &conversation_id, "read me").await;

    let mark_read = In::MarkRead(im::MarkReadRequest {
        conversation_id: conversation_id.clone(),
        read_seq: message.seq,
    });
    let result = bob_chat.call(mark_read).await;
    assert!(matches!(result, Out::MarkReadResult(_)), "{result:?}");
    carol
        .im()
        .mark_read(im::MarkReadRequest {
            conversation_id: conversation_id.clone(),
            read_seq: message.seq,
        })
        .await
        .expect("carol marks read");

    let Event::ReadReceipt(receipt) = alice_chat
        .frames
        .next_event("a read receipt", |e| matches!(e, Event::ReadReceipt(_)))
        .await
    else {
        unreachable!("matched a read receipt")
    };
    assert_eq!(receipt.conversation_id, conversation_id);
    let mut positions: Vec<(String, i64)> = receipt
        .positions
        .into_iter()
        .map(|p| (p.user_id, p.read_seq))
        .collect();
    positions.sort();
    let mut expected = vec![
        (bob.user_id.clone(), message.seq),
        (carol.user_id.clone(), message.seq),
    ];
    expected.sort();
    assert_eq!(positions, expected, "one event holds both positions");
}

/// The positions of the next read receipt pushed to `chat`, sorted.
async fn next_receipt_positions(chat: &mut ChatSession) -> (String, Vec<(String, i64)>) {
    let Event::ReadReceipt(receipt) = chat
        .frames
        .next_event("a read receipt", |e| matches!(e, Event::ReadReceipt(_)))
        .await
    else {
        unreachable!("matched a read receipt")
    };
    let mut positions: Vec<(String, i64)> = receipt
        .positions
        .into_iter()
        .map(|p| (p.user_id, p.read_seq))
        .collect();
    positions.sort();
    (receipt.conversation_id, positions)
}

#[tokio::test]
async fn one_readers_repeated_marks_reach_the_group_as_their_highest_position() {
    let server = TestServer::start_with(|config| {
        config.realtime.receipt_flush_count = 3;
        config.realtime.receipt_flush_ms = 60_000;
    })
    .await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let (_, conversation_id) = create_group(&alice, &[&bob]).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let mut last = 0;
    for n in 0..3 {
        last = sent(&alice, &conversation_id, &format!("m{n}")).await.seq;
    }

    // Three marks of one reader reach the count threshold: one event, one position.
    for read_seq in 1..=last {
        let result = bob_chat
            .call(In::MarkRead(im::MarkReadRequest {
                conversation_id: conversation_id.clone(),
                read_seq,
            }))
            .await;
        assert!(matches!(result, Out::MarkReadResult(_)), "{result:?}");
    }

    assert_eq!(
        next_receipt_positions(&mut alice_chat).await,
        (conversation_id, vec![(bob.user_id.clone(), last)])
    );
}

#[tokio::test]
async fn group_read_receipts_are_flushed_by_time_below_the_count_threshold() {
    let server = TestServer::start_with(|config| {
        config.realtime.receipt_flush_count = 1_000;
        config.realtime.receipt_flush_ms = 100;
    })
    .await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let (_, conversation_id) = create_group(&alice, &[&bob, &carol]).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let message = sent(&alice, &conversation_id, "read me").await;

    bob.im()
        .mark_read(im::MarkReadRequest {
            conversation_id: conversation_id.clone(),
            read_seq: message.seq,
        })
        .await
        .expect("bob marks read");

    // One receipt of a threshold of a thousand: only the timer can send it.
    assert_eq!(
        next_receipt_positions(&mut alice_chat).await,
        (conversation_id, vec![(bob.user_id.clone(), message.seq)])
    );
}

// ---------------------------------------------------------------------------------------------
// Recall and typing
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn recall_over_chat_reaches_every_member_and_erases_the_content() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let (_, conversation_id) = create_group(&alice, &[&bob, &carol]).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let mut carol_browser = SubscribeSession::open(&server, &carol).await;
    let message = alice_chat.send_text(&conversation_id, "oops").await;

    let result = alice_chat
        .call(In::Recall(im::RecallMessageRequest {
            message_id: message.message_id.clone(),
        }))
        .await;

    let Out::RecallResult(im::RecallMessageResponse {
        message: Some(recalled),
    }) = result
    else {
        panic!("expected a recall_result, got {result:?}");
    };
    assert!(recalled.recalled);
    assert_eq!(recalled.recalled_by, alice.user_id);
    assert!(recalled.content.is_none());
    let id = message.message_id.as_str();
    for event in [
        alice_chat
            .frames
            .next_event("the recall", |e| recall_event(e, id))
            .await,
        bob_chat
            .frames
            .next_event("the recall", |e| recall_event(e, id))
            .await,
        carol_browser
            .frames
            .next_event("the recall", |e| recall_event(e, id))
            .await,
    ] {
        let Event::Recall(im::RecallEvent { message: Some(got) }) = event else {
            unreachable!("matched a recall")
        };
        assert!(got.recalled);
        assert!(got.content.is_none(), "the event carries no content");
        assert_eq!(got.seq, message.seq);
    }
    let fetched = bob
        .im()
        .get_message(im::GetMessageRequest {
            message_id: message.message_id.clone(),
        })
        .await
        .expect("get message")
        .into_inner()
        .message
        .expect("message");
    assert!(fetched.recalled);
    assert!(fetched.content.is_none());
    let listed = history(&carol, &conversation_id).await;
    let listed = listed
        .iter()
        .find(|m| m.message_id == message.message_id)
        .expect("the recalled message keeps its seq in history");
    assert!(listed.recalled);
    assert!(listed.content.is_none());
}

#[tokio::test]
async fn edits_replies_and_reactions_over_chat_reach_every_member() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let (_, conversation_id) = create_group(&alice, &[&bob, &carol]).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let mut carol_browser = SubscribeSession::open(&server, &carol).await;
    let original = alice_chat.send_text(&conversation_id, "meet at 5").await;

    let answer = bob_chat
        .send(im::SendMessageRequest {
            client_msg_id: sessions::new_id(),
            target: Some(Target::ConversationId(conversation_id.clone())),
            content: Some(text("ok")),
            reply_to_message_id: original.message_id.clone(),
            ..Default::default()
        })
        .await
        .message
        .expect("the reply");
    let pushed = carol_browser.frames.next_message(&answer.message_id).await;
    let quote = pushed.reply_to.expect("the pushed reply carries its quote");
    assert_eq!(
        (quote.message_id, quote.snippet.as_str()),
        (original.message_id.clone(), "meet at 5")
    );

    let result = alice_chat
        .call(In::Edit(im::EditMessageRequest {
            message_id: original.message_id.clone(),
            text: Some(im::TextContent {
                text: "meet at 6".to_owned(),
            }),
        }))
        .await;
    let Out::EditResult(im::EditMessageResponse {
        message: Some(edited),
    }) = result
    else {
        panic!("expected an edit_result, got {result:?}");
    };
    assert!(edited.edit_time.is_some());
    let id = original.message_id.as_str();
    let is_edit = |e: &Event| matches!(e, Event::Edit(im::EditEvent { message: Some(m) }) if m.message_id == id);
    for event in [
        bob_chat.frames.next_event("the edit", is_edit).await,
        carol_browser.frames.next_event("the edit", is_edit).await,
    ] {
        let Event::Edit(im::EditEvent { message: Some(got) }) = event else {
            unreachable!("matched an edit")
        };
        assert_eq!(got.content, Some(text("meet at 6")));
        assert_eq!(got.edit_time, edited.edit_time);
    }

    let result = bob_chat
        .call(In::AddReaction(im::AddReactionRequest {
            message_id: original.message_id.clone(),
            emoji: "👍".to_owned(),
        }))
        .await;
    let Out::AddReactionResult(im::AddReactionResponse { reactions }) = result else {
        panic!("expected an add_reaction_result, got {result:?}");
    };
    assert_eq!((reactions[0].count, reactions[0].reacted_by_me), (1, true));
    let is_reaction = |added: bool| move |e: &Event| matches!(e, Event::Reaction(r) if r.message_id == id && r.added == added);
    for event in [
        alice_chat
            .frames
            .next_event("the reaction", is_reaction(true))
            .await,
        carol_browser
            .frames
            .next_event("the reaction", is_reaction(true))
            .await,
    ] {
        let Event::Reaction(reaction) = event else {
            unreachable!("matched a reaction")
        };
        assert_eq!(reaction.user_id, bob.user_id);
        assert_eq!(
            (reaction.emoji.as_str(), reaction.seq),
            ("👍", original.seq)
        );
        assert_eq!(reaction.reactions.len(), 1);
        assert_eq!(reaction.reactions[0].count, 1);
        assert!(
            !reaction.reactions[0].reacted_by_me,
            "pushes go to everyone alike"
        );
    }
    let result = bob_chat
        .call(In::RemoveReaction(im::RemoveReactionRequest {
            message_id: original.message_id.clone(),
            emoji: "👍".to_owned(),
        }))
        .await;
    let Out::RemoveReactionResult(im::RemoveReactionResponse { reactions }) = result else {
        panic!("expected a remove_reaction_result, got {result:?}");
    };
    assert!(reactions.is_empty());
    let result = alice_chat
        .call(In::Pin(im::PinMessageRequest {
            message_id: original.message_id.clone(),
        }))
        .await;
    let Out::PinResult(im::PinMessageResponse { pinned_messages }) = result else {
        panic!("expected a pin_result, got {result:?}");
    };
    assert_eq!(pinned_messages.len(), 1);
    let pin = carol_browser
        .frames
        .next_event(
            "the pin",
            |e| matches!(e, Event::Pin(p) if p.message_id == id),
        )
        .await;
    let Event::Pin(pin) = pin else {
        unreachable!("matched a pin")
    };
    assert!(pin.pinned);
    assert_eq!(
        (pin.user_id.as_str(), pin.seq),
        (alice.user_id.as_str(), original.seq)
    );
    let removed = carol_browser
        .frames
        .next_event("the removal", is_reaction(false))
        .await;
    let Event::Reaction(removed) = removed else {
        unreachable!("matched a reaction")
    };
    assert!(removed.reactions.is_empty());
}

#[tokio::test]
async fn typing_reaches_the_peer_and_is_never_stored() {
    let server = TestServer::start().await;
    let (alice, bob, conversation_id) = friends(&server).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let typing = im::TypingEvent {
        conversation_id: conversation_id.clone(),
        user_id: alice.user_id.clone(),
    };

    let typing_request = alice_chat
        .push(In::Typing(im::SendTypingRequest {
            conversation_id: conversation_id.clone(),
        }))
        .await;
    let over_chat = bob_chat
        .frames
        .next_event("typing over Chat", |e| matches!(e, Event::Typing(_)))
        .await;
    alice
        .im()
        .send_typing(im::SendTypingRequest {
            conversation_id: conversation_id.clone(),
        })
        .await
        .expect("send typing");
    let over_unary = bob_chat
        .frames
        .next_event("typing over SendTyping", |e| matches!(e, Event::Typing(_)))
        .await;

    assert_eq!(over_chat, Event::Typing(typing.clone()));
    assert_eq!(over_unary, Event::Typing(typing));
    // Frames are answered in order: an answer to the typing frame would come before the pong.
    let ping = alice_chat.push(In::Ping(im::Ping { nonce: 7 })).await;
    let answered = alice_chat
        .frames
        .collect_until("the pong", |f| f.request_id == ping, WAIT)
        .await;
    assert!(
        answered.iter().all(|f| f.request_id != typing_request),
        "typing is not answered: {answered:?}"
    );
    assert!(history(&alice, &conversation_id).await.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Presence and heartbeats
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn friend_sees_a_user_come_online() {
    let server = TestServer::start().await;
    let (alice, bob, _) = friends(&server).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;

    let _alice_chat = ChatSession::open(&server, &alice.token).await;

    let presence = bob_chat.frames.next_presence(&alice.user_id).await;
    assert!(presence.online);
    assert!(presence.last_seen_time.is_none());
}

/// Presence goes to co-members of groups up to `limits.presence_group_max_members` only: in a
/// large group every connect would push to every member.
#[tokio::test]
async fn presence_reaches_co_members_of_small_groups_only() {
    let server =
        TestServer::start_with(|config| config.limits.presence_group_max_members = 3).await;
    let names = ["alice", "carol", "dave", "erin", "frank", "gina"];
    let mut users = Vec::new();
    for name in names {
        users.push(server.register(name).await);
    }
    let [alice, carol, dave, erin, frank, gina] = &users[..] else {
        unreachable!("six users");
    };
    // Alice is friends with neither Carol nor Dave; the groups' owners befriend their members.
    create_group(gina, &[alice, carol]).await; // 3 members
    let (_, large) = create_group(erin, &[alice, dave, frank]).await; // 4 members
    let mut carol_chat = ChatSession::open(&server, &carol.token).await;
    let mut dave_chat = ChatSession::open(&server, &dave.token).await;

    let mut alice_chat = ChatSession::open(&server, &alice.token).await;

    assert!(carol_chat.frames.next_presence(&alice.user_id).await.online);
    let later = alice_chat.send_text(&large, "hello, large group").await;
    let presence = dave_chat
        .frames
        .presence_before_message(&later.message_id, &alice.user_id)
        .await;
    assert!(
        presence.is_empty(),
        "no presence in a large group: {presence:?}"
    );
}

/// A presence change reads the user's groups and their members from the social copies: once a
/// kick or a dissolution is acknowledged, the former co-members get no more of the user's
/// presence, although the copies of both groups were read for the same user just before.
#[tokio::test]
async fn presence_stops_at_a_kick_and_at_a_dissolved_group() {
    let server =
        TestServer::start_with(|config| config.limits.presence_group_max_members = 3).await;
    let mut users = Vec::new();
    for name in ["alice", "carol", "dave", "gina", "hank"] {
        users.push(server.register(name).await);
    }
    let [alice, carol, dave, gina, hank] = &users[..] else {
        unreachable!("five users");
    };
    // Alice is friends with neither Carol nor Dave; the owners befriend their members.
    let (kicking, _) = create_group(gina, &[alice, carol]).await;
    let (dissolving, _) = create_group(hank, &[alice, dave]).await;
    let mut carol_chat = ChatSession::open(&server, &carol.token).await;
    let mut dave_chat = ChatSession::open(&server, &dave.token).await;
    let mut gina_chat = ChatSession::open(&server, &gina.token).await;
    let mut hank_chat = ChatSession::open(&server, &hank.token).await;

    let alice_chat = ChatSession::open(&server, &alice.token).await;
    assert!(carol_chat.frames.next_presence(&alice.user_id).await.online);
    assert!(dave_chat.frames.next_presence(&alice.user_id).await.online);
    assert!(gina_chat.frames.next_presence(&alice.user_id).await.online);
    assert!(hank_chat.frames.next_presence(&alice.user_id).await.online);

    sessions::kick(gina, &kicking, carol).await;
    dissolve(hank, &dissolving).await;
    alice_chat.close().await;
    // The owners, Alice's friends, get her offline from the same announcement; what the owners
    // send after it reaches Carol and Dave after anything that announcement pushed to them.
    assert!(!gina_chat.frames.next_presence(&alice.user_id).await.online);
    assert!(!hank_chat.frames.next_presence(&alice.user_id).await.online);
    for (owner_chat, member, member_chat) in [
        (&mut gina_chat, carol, &mut carol_chat),
        (&mut hank_chat, dave, &mut dave_chat),
    ] {
        let direct = single_conversation_id(&owner_chat.user_id, &member.user_id);
        let later = owner_chat.send_text(&direct, "after alice left").await;
        let presence = member_chat
            .frames
            .presence_before_message(&later.message_id, &alice.user_id)
            .await;
        assert!(
            presence.is_empty(),
            "{} is no co-member any more: {presence:?}",
            member.user_id
        );
    }
}

#[tokio::test]
async fn user_stays_online_until_the_last_device_closes() {
    let server = TestServer::start().await;
    let (alice, bob, conversation_id) = friends(&server).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let alice_phone = ChatSession::open(&server, &alice.token).await;
    let mut alice_laptop = ChatSession::open(&server, &login(&server, &alice).await).await;
    assert!(bob_chat.frames.next_presence(&alice.user_id).await.online);

    // Closing one device (the server has ended its stream once `close` returns)…
    alice_phone.close().await;
    assert!(friend(&bob, &alice.user_id).await.online);
    // …pushes no offline: nothing about alice comes before a later message from her laptop.
    let later = alice_laptop.send_text(&conversation_id, "still here").await;
    let presence = bob_chat
        .frames
        .presence_before_message(&later.message_id, &alice.user_id)
        .await;
    assert!(presence.is_empty(), "no presence change: {presence:?}");

    alice_laptop.close().await;

    let offline = bob_chat.frames.next_presence(&alice.user_id).await;
    assert!(!offline.online);
    assert!(offline.last_seen_time.is_some());
    let listed = friend(&bob, &alice.user_id).await;
    assert!(!listed.online);
    assert!(listed.last_seen_time.is_some());
}

#[tokio::test]
async fn friends_list_shows_online_while_connected_and_last_seen_after() {
    let server = TestServer::start().await;
    let (alice, bob, _) = friends(&server).await;
    let mut bob_browser = SubscribeSession::open(&server, &bob).await;
    let before = friend(&bob, &alice.user_id).await;
    assert!(!before.online);

    let alice_chat = ChatSession::open(&server, &alice.token).await;
    let connected = friend(&bob, &alice.user_id).await;
    assert!(
        bob_browser
            .frames
            .next_presence(&alice.user_id)
            .await
            .online
    );
    alice_chat.close().await;
    let offline = bob_browser.frames.next_presence(&alice.user_id).await;
    let after = friend(&bob, &alice.user_id).await;

    assert!(connected.online);
    assert!(connected.last_seen_time.is_none());
    assert!(!offline.online);
    assert!(!after.online);
    assert!(after.last_seen_time.is_some());
}

#[tokio::test]
async fn silent_chat_stream_ends_with_heartbeat_timeout_and_friend_sees_offline() {
    let server = TestServer::start_with(|config| config.realtime.heartbeat_timeout_secs = 1).await;
    let (alice, bob, _) = friends(&server).await;
    // Subscribe streams have no heartbeat timeout: bob's stays open without pings.
    let mut bob_browser = SubscribeSession::open(&server, &bob).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    assert!(
        bob_browser
            .frames
            .next_presence(&alice.user_id)
            .await
            .online
    );

    let status = alice_chat.frames.expect_end(WAIT).await;

    assert_eq!(status.code(), Code::Unavailable, "{status:?}");
    assert_eq!(reason(&status), "HEARTBEAT_TIMEOUT");
    let offline = bob_browser.frames.next_presence(&alice.user_id).await;
    assert!(!offline.online);
    assert!(offline.last_seen_time.is_some());
}

#[tokio::test]
async fn pings_keep_a_chat_stream_alive_past_the_heartbeat_timeout() {
    let server = TestServer::start_with(|config| config.realtime.heartbeat_timeout_secs = 1).await;
    let alice = server.register("alice").await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;

    // Pings paced well within the timeout, for more than twice the timeout.
    let mut pace = tokio::time::interval(Duration::from_millis(300));
    for _ in 0..9 {
        pace.tick().await;
        alice_chat.ping().await;
    }

    assert_eq!(alice_chat.frames.backlog_len(), 0, "nothing but pongs came");
}

// ---------------------------------------------------------------------------------------------
// Sender identity and authorization
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn pushed_messages_carry_the_authenticated_sender() {
    let server = TestServer::start().await;
    let (alice, bob, conversation_id) = friends(&server).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    assert_eq!(
        alice_chat.user_id, alice.user_id,
        "ready names the token's user"
    );
    assert_eq!(bob_chat.user_id, bob.user_id);

    // SendMessageRequest has no sender field: the sender is always the stream's user.
    let from_alice = alice_chat.send_text(&conversation_id, "from alice").await;
    let from_bob = bob_chat.send_text(&conversation_id, "from bob").await;

    let at_bob = bob_chat.frames.next_message(&from_alice.message_id).await;
    let at_alice = alice_chat.frames.next_message(&from_bob.message_id).await;
    assert_eq!(at_bob.sender_id, alice.user_id);
    assert_eq!(at_alice.sender_id, bob.user_id);
}

#[tokio::test]
async fn group_message_from_a_non_member_is_refused_and_reaches_nobody() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let mallory = server.register("mallory").await;
    let (group_id, conversation_id) = create_group(&alice, &[&bob]).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let mut mallory_chat = ChatSession::open(&server, &mallory.token).await;

    let request_id = mallory_chat
        .push(In::Send(im::SendMessageRequest {
            client_msg_id: sessions::new_id(),
            target: Some(Target::GroupId(group_id)),
            content: Some(text("let me in")),
            ..Default::default()
        }))
        .await;
    let answer = mallory_chat.answer(&request_id).await;

    let Some(Out::Error(error)) = answer.frame else {
        panic!("expected a FrameError, got {answer:?}");
    };
    assert_eq!(error.code, Code::PermissionDenied as i32);
    assert_eq!(error.reason, "NOT_GROUP_MEMBER");
    // A later group message is queued after anything mallory's send could have pushed.
    let later = sent(&alice, &conversation_id, "members only").await;
    for frames in [
        alice_chat
            .frames
            .frames_before_message(&later.message_id)
            .await,
        bob_chat
            .frames
            .frames_before_message(&later.message_id)
            .await,
    ] {
        let from_mallory: Vec<_> = frames
            .iter()
            .filter_map(pushed_message)
            .filter(|m| m.sender_id == mallory.user_id)
            .collect();
        assert!(from_mallory.is_empty(), "{from_mallory:?}");
    }
    let stored = history(&alice, &conversation_id).await;
    assert!(stored.iter().all(|m| m.sender_id != mallory.user_id));
}

// ---------------------------------------------------------------------------------------------
// Frame errors
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn frame_errors_answer_the_frame_and_keep_the_stream_open() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let stranger = server.register("stranger").await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;

    let to_stranger = alice_chat
        .push(In::Send(im::SendMessageRequest {
            client_msg_id: sessions::new_id(),
            target: Some(Target::PeerUserId(stranger.user_id.clone())),
            content: Some(text("hi")),
            ..Default::default()
        }))
        .await;
    let not_friends = alice_chat.answer(&to_stranger).await;
    alice_chat
        .push_raw(im::ChatRequest {
            request_id: "empty-frame".to_owned(),
            frame: None,
        })
        .await;
    let empty = alice_chat.answer("empty-frame").await;

    let Some(Out::Error(error)) = not_friends.frame else {
        panic!("expected a FrameError, got {not_friends:?}");
    };
    assert_eq!(error.code, 7);
    assert_eq!(error.reason, "NOT_FRIENDS");
    assert!(!error.message.is_empty());
    let Some(Out::Error(error)) = empty.frame else {
        panic!("expected a FrameError, got {empty:?}");
    };
    assert_eq!(error.code, Code::InvalidArgument as i32);
    assert_eq!(error.reason, "INVALID_FIELD");
    alice_chat.ping().await;
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn chat_without_a_token_is_unauthenticated() {
    let server = TestServer::start().await;

    let status = ChatSession::connect(&server, None)
        .await
        .err()
        .expect("the stream is refused");

    assert_eq!(status.code(), Code::Unauthenticated);
    assert_eq!(reason(&status), "TOKEN_MISSING");
}

#[tokio::test]
async fn logout_ends_the_streams_of_that_token_only() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let mut other_device = ChatSession::open(&server, &login(&server, &alice).await).await;

    alice
        .users()
        .logout(user::LogoutRequest {})
        .await
        .expect("logout");

    let status = alice_chat.frames.expect_end(WAIT).await;
    assert_eq!(status.code(), Code::Unauthenticated, "{status:?}");
    assert_eq!(reason(&status), "TOKEN_REVOKED");
    other_device.ping().await;
}

#[tokio::test]
async fn password_change_ends_streams_of_older_tokens() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;

    let new_token = alice
        .users()
        .change_password(user::ChangePasswordRequest {
            old_password: alice.password.clone(),
            new_password: "new-password-456".to_owned(),
        })
        .await
        .expect("change password")
        .into_inner()
        .token;

    let status = alice_chat.frames.expect_end(WAIT).await;
    assert_eq!(status.code(), Code::Unauthenticated, "{status:?}");
    assert_eq!(reason(&status), "TOKEN_REVOKED");
    ChatSession::open(&server, &new_token).await.ping().await;
}

#[tokio::test]
async fn token_expiry_ends_the_stream() {
    let server = TestServer::start_with(|config| config.auth.token_ttl_secs = 1).await;
    let alice = server.register("alice").await;
    // Tokens expire on a whole second, possibly before the stream opens: log in again then.
    let mut alice_chat = None;
    for _ in 0..3 {
        match ChatSession::connect(&server, Some(&login(&server, &alice).await)).await {
            Ok(chat) => {
                alice_chat = Some(chat);
                break;
            }
            Err(status) => assert_eq!(reason(&status), "TOKEN_EXPIRED", "{status:?}"),
        }
    }
    let mut alice_chat = alice_chat.expect("a stream opened before its token expired");

    let status = alice_chat.frames.expect_end(Duration::from_secs(5)).await;

    assert_eq!(status.code(), Code::Unauthenticated, "{status:?}");
    assert_eq!(reason(&status), "TOKEN_EXPIRED");
}

// ---------------------------------------------------------------------------------------------
// Slow consumers and shutdown
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn slow_consumer_is_cut_off_and_recovers_by_sync() {
    const COUNT: usize = 300;
    let server = TestServer::start_with(|config| {
        config.realtime.session_queue = 8;
        config.realtime.write_timeout_secs = 1;
        config.limits.message_burst = COUNT as u32;
    })
    .await;
    let (alice, bob, conversation_id) = friends(&server).await;
    // Bob's stream is open but he reads nothing while alice sends ~16 KiB messages.
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let requests = alice_chat.requests();
    let to = conversation_id.clone();
    let pusher = tokio::spawn(async move {
        let mut ids = Vec::with_capacity(COUNT);
        for i in 0..COUNT {
            let request_id = format!("send-{i}");
            ids.push(request_id.clone());
            let mut data = vec![u8::try_from(i % 251).unwrap_or_default(); 16_000];
            data[0] = 0xff;
            requests
                .send(im::ChatRequest {
                    request_id,
                    frame: Some(In::Send(send_request(&to, custom(data)))),
                })
                .await
                .expect("the request stream is open");
        }
        ids
    });
    for request_id in pusher.await.expect("pusher task") {
        let answer = alice_chat.answer(&request_id).await;
        assert!(
            matches!(answer.frame, Some(Out::SendResult(_))),
            "{answer:?}"
        );
    }

    let status = bob_chat.frames.expect_end(WAIT).await;
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert_eq!(reason(&status), "SLOW_CONSUMER");
    drop(bob_chat);

    let mut reconnected = ChatSession::open(&server, &bob.token).await;
    let synced = sync_messages(&mut reconnected, &conversation_id, 0, 100).await;
    assert_eq!(seqs(&synced), (1..=300).collect::<Vec<i64>>());
    for (i, message) in synced.iter().enumerate() {
        let Some(im::MessageContent {
            kind: Some(im::message_content::Kind::Custom(content)),
        }) = &message.content
        else {
            panic!("custom content expected: {message:?}");
        };
        assert_eq!(content.data.len(), 16_000);
        assert_eq!(content.data[1], u8::try_from(i % 251).unwrap_or_default());
    }
}

#[tokio::test]
async fn server_shutdown_ends_open_streams_unavailable() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let mut alice_browser = SubscribeSession::open(&server, &alice).await;

    let stopping = tokio::spawn(server.stop());

    let chat_status = alice_chat.frames.expect_end(WAIT).await;
    let browser_status = alice_browser.frames.expect_end(WAIT).await;
    for status in [chat_status, browser_status] {
        assert_eq!(status.code(), Code::Unavailable, "{status:?}");
        assert_eq!(reason(&status), "SERVER_SHUTTING_DOWN");
    }
    drop(alice_chat);
    drop(alice_browser);
    tokio::time::timeout(WAIT, stopping)
        .await
        .expect("the server stops in time")
        .expect("stop task");
}

// ---------------------------------------------------------------------------------------------
// Kicked members and dissolved groups
// ---------------------------------------------------------------------------------------------

/// The conversation an event is about.
fn event_conversation(event: &Event) -> Option<&str> {
    match event {
        Event::Message(message) => Some(&message.conversation_id),
        Event::ReadReceipt(receipt) => Some(&receipt.conversation_id),
        Event::Recall(recall) => recall.message.as_ref().map(|m| m.conversation_id.as_str()),
        Event::Edit(edit) => edit.message.as_ref().map(|m| m.conversation_id.as_str()),
        Event::Reaction(reaction) => Some(&reaction.conversation_id),
        Event::Pin(pin) => Some(&pin.conversation_id),
        Event::Typing(typing) => Some(&typing.conversation_id),
        Event::Presence(_) => None,
    }
}

/// Asserts that none of `frames` pushes an event of `conversation_id`.
#[track_caller]
fn assert_nothing_of<T: sessions::Pushed + std::fmt::Debug>(frames: &[T], conversation_id: &str) {
    let leaked: Vec<&T> = frames
        .iter()
        .filter(|f| {
            f.event()
                .and_then(event_conversation)
                .is_some_and(|c| c == conversation_id)
        })
        .collect();
    assert!(
        leaked.is_empty(),
        "pushed after leaving {conversation_id}: {leaked:?}"
    );
}

async fn dissolve(owner: &TestUser, group_id: &str) {
    owner
        .social()
        .dissolve_group(social::DissolveGroupRequest {
            group_id: group_id.to_owned(),
        })
        .await
        .expect("dissolve the group");
}

/// The FrameError answering a Chat frame.
#[track_caller]
fn frame_error(answer: Out) -> im::FrameError {
    match answer {
        Out::Error(error) => error,
        other => panic!("expected a FrameError, got {other:?}"),
    }
}

/// A Sync frame for one conversation from seq 0.
fn sync_from_start(conversation_id: &str) -> In {
    In::Sync(im::SyncRequest {
        cursors: vec![im::SyncCursor {
            conversation_id: conversation_id.to_owned(),
            last_seq: 0,
        }],
        page_size: 0,
    })
}

/// What the group does after a member left it: a message, typing, and a recall.
async fn group_activity(owner: &TestUser, conversation_id: &str) -> im::Message {
    let message = sent(owner, conversation_id, "members only").await;
    owner
        .im()
        .send_typing(im::SendTypingRequest {
            conversation_id: conversation_id.to_owned(),
        })
        .await
        .expect("typing");
    owner
        .im()
        .recall_message(im::RecallMessageRequest {
            message_id: message.message_id.clone(),
        })
        .await
        .expect("recall");
    message
}

#[tokio::test]
async fn kicked_members_chat_and_subscribe_sessions_get_no_more_group_events() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let (group_id, conversation_id) = create_group(&alice, &[&bob, &carol]).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let mut bob_browser = SubscribeSession::open(&server, &bob).await;
    let mut carol_chat = ChatSession::open(&server, &carol.token).await;
    // Bob's sessions get the group's pushes while he is a member.
    let before = sent(&alice, &conversation_id, "welcome").await;
    bob_chat.frames.next_message(&before.message_id).await;
    bob_browser.frames.next_message(&before.message_id).await;

    sessions::kick(&alice, &group_id, &bob).await;
    let after = group_activity(&alice, &conversation_id).await;

    // The remaining members still get it …
    carol_chat.frames.next_message(&after.message_id).await;
    carol_chat
        .frames
        .next_event("the recall", |e| recall_event(e, &after.message_id))
        .await;
    // … and a later message to Bob himself is queued after anything the group pushed him.
    let marker = sent(
        &alice,
        &single_conversation_id(&alice.user_id, &bob.user_id),
        "marker",
    )
    .await;
    assert_nothing_of(
        &bob_chat
            .frames
            .frames_before_message(&marker.message_id)
            .await,
        &conversation_id,
    );
    assert_nothing_of(
        &bob_browser
            .frames
            .frames_before_message(&marker.message_id)
            .await,
        &conversation_id,
    );
}

#[tokio::test]
async fn kicked_member_cannot_send_or_sync_over_chat() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let (group_id, conversation_id) = create_group(&alice, &[&bob]).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let before = bob_chat.send_text(&conversation_id, "hello").await;
    assert_eq!(
        sync_messages(&mut bob_chat, &conversation_id, 0, 0).await,
        vec![before.clone()],
        "a member syncs"
    );

    sessions::kick(&alice, &group_id, &bob).await;
    sent(&alice, &conversation_id, "after the kick").await;

    let sync = frame_error(bob_chat.call(sync_from_start(&conversation_id)).await);
    assert_eq!(sync.code, Code::PermissionDenied as i32, "{sync:?}");
    assert_eq!(sync.reason, "NOT_CONVERSATION_MEMBER");
    let send = frame_error(
        bob_chat
            .call(In::Send(send_request(
                &conversation_id,
                text("still here?"),
            )))
            .await,
    );
    assert_eq!(send.code, Code::PermissionDenied as i32, "{send:?}");
    assert_eq!(send.reason, "NOT_GROUP_MEMBER");
    let stored = history(&alice, &conversation_id).await;
    assert!(
        stored
            .iter()
            .all(|m| m.sender_id != bob.user_id || m.seq == before.seq),
        "{stored:?}"
    );
    bob_chat.ping().await;
}

#[tokio::test]
async fn dissolved_groups_members_sessions_get_no_more_group_events_and_cannot_send_or_sync() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let (group_id, conversation_id) = create_group(&alice, &[&bob]).await;
    let mut bob_chat = ChatSession::open(&server, &bob.token).await;
    let mut bob_browser = SubscribeSession::open(&server, &bob).await;
    let before = sent(&alice, &conversation_id, "welcome").await;
    bob_chat.frames.next_message(&before.message_id).await;
    bob_browser.frames.next_message(&before.message_id).await;

    dissolve(&alice, &group_id).await;

    for sender in [&alice, &bob] {
        let status = send_text(sender, &conversation_id, "anyone?")
            .await
            .expect_err("a dissolved group takes no messages");
        assert_eq!(status.code(), Code::NotFound, "{status:?}");
        assert_eq!(reason(&status), "GROUP_NOT_FOUND");
    }
    let send = frame_error(
        bob_chat
            .call(In::Send(im::SendMessageRequest {
                client_msg_id: sessions::new_id(),
                target: Some(Target::GroupId(group_id.clone())),
                content: Some(text("anyone?")),
                ..Default::default()
            }))
            .await,
    );
    assert_eq!(send.code, Code::NotFound as i32, "{send:?}");
    assert_eq!(send.reason, "GROUP_NOT_FOUND");
    let sync = frame_error(bob_chat.call(sync_from_start(&conversation_id)).await);
    assert_eq!(sync.code, Code::PermissionDenied as i32, "{sync:?}");
    assert_eq!(sync.reason, "NOT_CONVERSATION_MEMBER");
    let typing = alice
        .im()
        .send_typing(im::SendTypingRequest {
            conversation_id: conversation_id.clone(),
        })
        .await;
    assert!(typing.is_err(), "typing into a dissolved group: {typing:?}");
    let marker = sent(
        &alice,
        &single_conversation_id(&alice.user_id, &bob.user_id),
        "marker",
    )
    .await;
    assert_nothing_of(
        &bob_chat
            .frames
            .frames_before_message(&marker.message_id)
            .await,
        &conversation_id,
    );
    assert_nothing_of(
        &bob_browser
            .frames
            .frames_before_message(&marker.message_id)
            .await,
        &conversation_id,
    );
}

// ---------------------------------------------------------------------------------------------
// Who a group message is pushed to, right after the membership changed (the node keeps a copy
// of each group's member ids; backends.social_cache.ttl_ms)
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn group_pushes_follow_the_membership_from_the_very_next_message() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let staying = server.register("staying").await;
    let leaving = server.register("leaving").await;
    let newcomer = server.register("newcomer").await;
    let (group_id, conversation_id) = create_group(&owner, &[&staying, &leaving]).await;
    befriend(&owner, &newcomer).await;
    let mut staying_browser = SubscribeSession::open(&server, &staying).await;
    let mut leaving_browser = SubscribeSession::open(&server, &leaving).await;
    let mut newcomer_browser = SubscribeSession::open(&server, &newcomer).await;
    // The copies now hold the member ids of this message's push.
    let first = sent(&owner, &conversation_id, "before").await;
    leaving_browser.frames.next_message(&first.message_id).await;

    owner
        .social()
        .remove_group_member(social::RemoveGroupMemberRequest {
            group_id: group_id.clone(),
            user_id: leaving.user_id.clone(),
        })
        .await
        .expect("remove a member");
    owner
        .social()
        .invite_to_group(social::InviteToGroupRequest {
            group_id: group_id.clone(),
            user_ids: vec![newcomer.user_id.clone()],
            message: String::new(),
        })
        .await
        .expect("add a member");
    let after = sent(&owner, &conversation_id, "after").await;

    staying_browser.frames.next_message(&after.message_id).await;
    newcomer_browser
        .frames
        .next_message(&after.message_id)
        .await;
    // Whatever reached the removed member before a later 1:1 message excludes the group's.
    let direct = single_conversation_id(&owner.user_id, &leaving.user_id);
    let marker = sent(&owner, &direct, "marker").await;
    let before_marker = leaving_browser
        .frames
        .frames_before_message(&marker.message_id)
        .await;
    assert!(
        before_marker
            .iter()
            .filter_map(pushed_message)
            .all(|message| message.message_id != after.message_id),
        "a removed member was pushed the group's next message"
    );
}

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

/// Whether any of `frames` is a message or a typing indicator from `sender`.
fn anything_from<T: sessions::Pushed>(frames: &[T], sender: &str) -> bool {
    frames.iter().any(|f| match f.event() {
        Some(Event::Message(message)) => message.sender_id == sender,
        Some(Event::Typing(typing)) => typing.user_id == sender,
        _ => false,
    })
}

#[tokio::test]
async fn a_blocked_members_group_messages_reach_the_blocker_neither_live_nor_by_history_or_sync() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let (_, conversation_id) = create_group(&alice, &[&bob, &carol]).await;
    sessions::set_blocked(&carol, &bob, true).await;
    let mut alice_chat = ChatSession::open(&server, &alice.token).await;
    let mut carol_chat = ChatSession::open(&server, &carol.token).await;
    let mut carol_browser = SubscribeSession::open(&server, &carol).await;

    let blocked = sent(&bob, &conversation_id, "from bob").await;
    bob.im()
        .send_typing(im::SendTypingRequest {
            conversation_id: conversation_id.clone(),
        })
        .await
        .expect("typing");

    // The others get it …
    alice_chat.frames.next_message(&blocked.message_id).await;
    // … Carol's sessions nothing from Bob before the group's next message.
    let marker = sent(&alice, &conversation_id, "marker").await;
    let chat = carol_chat
        .frames
        .frames_before_message(&marker.message_id)
        .await;
    let browser = (carol_browser.frames)
        .frames_before_message(&marker.message_id)
        .await;
    assert!(!anything_from(&chat, &bob.user_id), "{chat:?}");
    assert!(!anything_from(&browser, &bob.user_id), "{browser:?}");
    // Nor does her history or a sync show it, in pages of one (a hidden message still moves the
    // sync on); the others see it.
    let shown = history(&carol, &conversation_id).await;
    assert!(
        !shown.iter().any(|m| m.message_id == blocked.message_id),
        "{shown:?}"
    );
    let synced = sync_messages(&mut carol_chat, &conversation_id, 0, 1).await;
    assert_eq!(seqs(&synced), [marker.seq], "the gap is Bob's message");
    let for_alice = history(&alice, &conversation_id).await;
    assert!(for_alice.iter().any(|m| m.message_id == blocked.message_id));

    // Unblocked, his messages show again, and his next one reaches her live.
    sessions::set_blocked(&carol, &bob, false).await;
    let shown = history(&carol, &conversation_id).await;
    assert!(
        shown.iter().any(|m| m.message_id == blocked.message_id),
        "{shown:?}"
    );
    let after = sent(&bob, &conversation_id, "again").await;
    carol_chat.frames.next_message(&after.message_id).await;
    carol_browser.frames.next_message(&after.message_id).await;
}

mod webhooks;
