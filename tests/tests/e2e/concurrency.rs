//! End-to-end tests of the rules that must hold when the same thing is asked at the same time:
//! the store, not a check before it, decides. Calls run in parallel on a multi-threaded runtime;
//! on the embedded store writes are serialised, on MySQL they race for unique keys and row locks.

use easychat_proto::im::v1 as im;
use easychat_proto::social::v1::{
    CreateGroupRequest, FriendRequest, GetGroupRequest, Group, GroupRequest,
    HandleFriendRequestRequest, HandleGroupRequestRequest, JoinGroupRequest, JoinPolicy,
    ListFriendRequestsRequest, ListFriendsRequest, RequestDirection, RequestState,
    SendFriendRequestRequest,
};
use easychat_proto::user::v1::RegisterRequest;
use easychat_tests::{
    Code, TestServer, TestUser, assert_error, befriend, reason, send_text, text, unique_phone,
};
use tokio::task::JoinSet;
use tonic::Status;

/// How many identical calls race in each test.
const RACERS: usize = 6;

async fn send_request(from: TestUser, to_id: String) -> Result<FriendRequest, Status> {
    let response = from
        .social()
        .send_friend_request(SendFriendRequestRequest {
            user_id: to_id,
            message: "hi".to_owned(),
        })
        .await?;
    Ok(response.into_inner().request.expect("friend request"))
}

async fn handle_request(
    by: TestUser,
    request_id: String,
    accept: bool,
) -> Result<FriendRequest, Status> {
    let response = by
        .social()
        .handle_friend_request(HandleFriendRequestRequest {
            request_id,
            accept,
            message: String::new(),
        })
        .await?;
    Ok(response.into_inner().request.expect("friend request"))
}

async fn pending_requests(user: &TestUser) -> Vec<FriendRequest> {
    user.social()
        .list_friend_requests(ListFriendRequestsRequest {
            // Unspecified: both directions.
            direction: RequestDirection::Unspecified as i32,
            page_size: 100,
            page_token: String::new(),
        })
        .await
        .expect("list friend requests")
        .into_inner()
        .requests
        .into_iter()
        .filter(|request| request.state() == RequestState::Pending)
        .collect()
}

async fn friend_count(user: &TestUser) -> usize {
    user.social()
        .list_friends(ListFriendsRequest {
            keyword: String::new(),
            page_size: 100,
            page_token: String::new(),
        })
        .await
        .expect("list friends")
        .into_inner()
        .friends
        .len()
}

async fn group(user: &TestUser, group_id: &str) -> Group {
    user.social()
        .get_group(GetGroupRequest {
            group_id: group_id.to_owned(),
        })
        .await
        .expect("get group")
        .into_inner()
        .group
        .expect("group")
}

/// Waits for every racer; returns the successes and the failures.
async fn outcomes<T: 'static>(mut racers: JoinSet<Result<T, Status>>) -> (Vec<T>, Vec<Status>) {
    let (mut won, mut lost) = (Vec::new(), Vec::new());
    while let Some(result) = racers.join_next().await {
        match result.expect("racer did not panic") {
            Ok(value) => won.push(value),
            Err(status) => lost.push(status),
        }
    }
    (won, lost)
}

#[track_caller]
fn assert_all_lost(lost: Vec<Status>, code: Code, expected_reason: &str) {
    for status in lost {
        assert_error::<()>(Err(status), code, expected_reason);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn registrations_racing_for_one_phone_create_one_account() {
    let server = TestServer::start().await;
    let phone = unique_phone();
    let mut racers = JoinSet::new();
    for n in 0..RACERS {
        let users = server.users().await;
        let phone = phone.clone();
        racers.spawn(async move {
            let mut users = users;
            users
                .register(RegisterRequest {
                    phone,
                    password: "password123".to_owned(),
                    nickname: format!("racer {n}"),
                    avatar: String::new(),
                    sex: 0,
                })
                .await
        });
    }

    let (won, lost) = outcomes(racers).await;

    assert_eq!(won.len(), 1, "exactly one registration succeeds: {lost:?}");
    assert_all_lost(lost, Code::AlreadyExists, "PHONE_TAKEN");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn friend_requests_sent_both_ways_at_once_leave_one_pending() {
    let server = TestServer::start().await;
    // Several pairs, so that some attempts really overlap.
    for _ in 0..3 {
        let alice = server.register("alice").await;
        let bob = server.register("bob").await;
        let mut racers = JoinSet::new();
        for n in 0..RACERS {
            let (from, to) = if n % 2 == 0 {
                (&alice, &bob)
            } else {
                (&bob, &alice)
            };
            racers.spawn(send_request(from.clone(), to.user_id.clone()));
        }

        let (won, lost) = outcomes(racers).await;

        assert_eq!(won.len(), 1, "exactly one request is filed: {lost:?}");
        assert_all_lost(lost, Code::AlreadyExists, "REQUEST_PENDING");
        let pending = pending_requests(&alice).await;
        assert_eq!(pending.len(), 1, "{pending:?}");
        assert_eq!(pending[0].request_id, won[0].request_id);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_friend_request_handled_many_times_at_once_is_handled_once() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let request = send_request(alice.clone(), bob.user_id.clone())
        .await
        .expect("send");
    let mut racers = JoinSet::new();
    for n in 0..RACERS {
        // Half accept, half refuse: whichever wins decides.
        racers.spawn(handle_request(
            bob.clone(),
            request.request_id.clone(),
            n % 2 == 0,
        ));
    }

    let (won, lost) = outcomes(racers).await;

    assert_eq!(won.len(), 1, "exactly one handling succeeds: {lost:?}");
    assert_all_lost(lost, Code::FailedPrecondition, "REQUEST_ALREADY_HANDLED");
    let accepted = won[0].state() == RequestState::Accepted;
    let expected_friends = usize::from(accepted);
    assert_eq!(friend_count(&alice).await, expected_friends);
    assert_eq!(friend_count(&bob).await, expected_friends);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_join_request_approved_by_several_managers_at_once_adds_the_member_once() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let applicant = server.register("applicant").await;
    let friend = server.register("friend").await;
    befriend(&owner, &friend).await;
    let created = owner
        .social()
        .create_group(CreateGroupRequest {
            name: "team".to_owned(),
            icon: String::new(),
            description: String::new(),
            member_ids: vec![friend.user_id.clone()],
            join_policy: JoinPolicy::ApprovalRequired as i32,
        })
        .await
        .expect("create group")
        .into_inner()
        .group
        .expect("group");
    let request = applicant
        .social()
        .join_group(JoinGroupRequest {
            group_id: created.group_id.clone(),
            message: "let me in".to_owned(),
        })
        .await
        .expect("join")
        .into_inner()
        .request
        .expect("pending request");
    let mut racers: JoinSet<Result<GroupRequest, Status>> = JoinSet::new();
    for _ in 0..RACERS {
        let owner = owner.clone();
        let request_id = request.request_id.clone();
        racers.spawn(async move {
            let response = owner
                .social()
                .handle_group_request(HandleGroupRequestRequest {
                    request_id,
                    accept: true,
                    message: String::new(),
                })
                .await?;
            Ok(response.into_inner().request.expect("group request"))
        });
    }

    let (won, lost) = outcomes(racers).await;

    assert_eq!(won.len(), 1, "exactly one approval succeeds: {lost:?}");
    assert_all_lost(lost, Code::FailedPrecondition, "REQUEST_ALREADY_HANDLED");
    assert_eq!(group(&owner, &created.group_id).await.member_count, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_friend_request_sent_many_times_at_once_is_filed_once() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let mut racers = JoinSet::new();
    for _ in 0..RACERS {
        racers.spawn(send_request(alice.clone(), bob.user_id.clone()));
    }

    let (won, lost) = outcomes(racers).await;

    assert_eq!(won.len(), 1, "exactly one request is filed: {lost:?}");
    for status in &lost {
        // A unique-key conflict is the caller's answer, never an INTERNAL error.
        assert_eq!(status.code(), Code::AlreadyExists, "{status:?}");
        assert_eq!(reason(status), "REQUEST_PENDING", "{status:?}");
    }
    assert_eq!(pending_requests(&bob).await.len(), 1);
}

async fn send_once(
    sender: TestUser,
    conversation_id: String,
    client_msg_id: String,
) -> Result<im::SendMessageResponse, Status> {
    let request = im::SendMessageRequest {
        client_msg_id,
        target: Some(im::send_message_request::Target::ConversationId(
            conversation_id,
        )),
        content: Some(text("once")),
        ..Default::default()
    };
    Ok(sender.im().send_message(request).await?.into_inner())
}

async fn history_seqs(user: &TestUser, conversation_id: &str) -> Vec<i64> {
    let mut seqs: Vec<i64> = user
        .im()
        .list_messages(im::ListMessagesRequest {
            conversation_id: conversation_id.to_owned(),
            page_size: 100,
            ..Default::default()
        })
        .await
        .expect("list messages")
        .into_inner()
        .messages
        .iter()
        .map(|m| m.seq)
        .collect();
    seqs.sort_unstable();
    seqs
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn messages_sent_at_once_by_both_friends_get_dense_distinct_seqs() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let mut racers = JoinSet::new();
    for n in 0..2 * RACERS {
        let sender = if n % 2 == 0 { &alice } else { &bob };
        let (sender, id) = (sender.clone(), id.clone());
        racers.spawn(async move { send_text(&sender, &id, &format!("message {n}")).await });
    }

    let (won, lost) = outcomes(racers).await;

    assert!(lost.is_empty(), "every send is stored: {lost:?}");
    let mut seqs: Vec<i64> = won.iter().map(|m| m.seq).collect();
    seqs.sort_unstable();
    let expected: Vec<i64> = (1..=(2 * RACERS) as i64).collect();
    assert_eq!(seqs, expected, "acked seqs are 1..=n, each once");
    assert_eq!(history_seqs(&bob, &id).await, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_message_sent_many_times_at_once_is_stored_once() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let mut racers = JoinSet::new();
    for _ in 0..RACERS {
        racers.spawn(send_once(alice.clone(), id.clone(), "same-id".to_owned()));
    }

    let (won, lost) = outcomes(racers).await;

    assert!(
        lost.is_empty(),
        "a retry is answered, not refused: {lost:?}"
    );
    let originals = won.iter().filter(|r| !r.duplicate).count();
    assert_eq!(originals, 1, "exactly one send stores the message");
    let messages: Vec<im::Message> = won.into_iter().filter_map(|r| r.message).collect();
    assert_eq!(messages.len(), RACERS);
    for message in &messages {
        assert_eq!(message.message_id, messages[0].message_id);
        assert_eq!(message.seq, 1);
    }
    assert_eq!(history_seqs(&bob, &id).await, vec![1]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn read_positions_marked_at_once_keep_the_highest() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    for n in 0..RACERS {
        send_text(&alice, &id, &format!("message {n}"))
            .await
            .expect("send");
    }
    let mut racers = JoinSet::new();
    for read_seq in 1..=RACERS as i64 {
        let (bob, id) = (bob.clone(), id.clone());
        racers.spawn(async move {
            let request = im::MarkReadRequest {
                conversation_id: id,
                read_seq,
            };
            Ok::<_, Status>(bob.im().mark_read(request).await?.into_inner())
        });
    }

    let (won, lost) = outcomes(racers).await;

    assert!(lost.is_empty(), "{lost:?}");
    assert_eq!(won.len(), RACERS);
    let state = bob
        .im()
        .get_conversation(im::GetConversationRequest {
            conversation_id: id.clone(),
        })
        .await
        .expect("get conversation")
        .into_inner()
        .conversation
        .expect("conversation");
    assert_eq!(state.read_seq, RACERS as i64);
    assert_eq!(state.unread_count, 0);
}
