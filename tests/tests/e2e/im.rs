//! End-to-end tests of ImService: conversations, messages, read positions, recall and deletion.

use std::time::{Duration, SystemTime};

use easychat_proto::im::v1::{self as im, message_content::Kind, send_message_request::Target};
use easychat_proto::social::v1 as social;
use easychat_tests::{Code, TestServer, TestUser, assert_error, befriend, reason, send_text, text};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn to_conversation(conversation_id: &str) -> Target {
    Target::ConversationId(conversation_id.to_owned())
}

/// Sends a message with a fresh client_msg_id.
async fn send(
    sender: &TestUser,
    target: Target,
    content: Option<im::MessageContent>,
) -> Result<im::SendMessageResponse, tonic::Status> {
    send_request(
        sender,
        im::SendMessageRequest {
            client_msg_id: new_id(),
            target: Some(target),
            content,
            ..Default::default()
        },
    )
    .await
}

async fn send_request(
    sender: &TestUser,
    request: im::SendMessageRequest,
) -> Result<im::SendMessageResponse, tonic::Status> {
    sender
        .im()
        .send_message(request)
        .await
        .map(|r| r.into_inner())
}

/// Sends a text message that must succeed.
async fn sent(sender: &TestUser, conversation_id: &str, body: &str) -> im::Message {
    send_text(sender, conversation_id, body)
        .await
        .expect("send a text message")
}

async fn list_messages(
    user: &TestUser,
    request: im::ListMessagesRequest,
) -> Result<im::ListMessagesResponse, tonic::Status> {
    user.im()
        .list_messages(request)
        .await
        .map(|r| r.into_inner())
}

/// The first page of a conversation's history with the default direction and size.
async fn messages(
    user: &TestUser,
    conversation_id: &str,
) -> Result<Vec<im::Message>, tonic::Status> {
    list_messages(
        user,
        im::ListMessagesRequest {
            conversation_id: conversation_id.to_owned(),
            ..Default::default()
        },
    )
    .await
    .map(|r| r.messages)
}

async fn conversation(
    user: &TestUser,
    conversation_id: &str,
) -> Result<im::Conversation, tonic::Status> {
    user.im()
        .get_conversation(im::GetConversationRequest {
            conversation_id: conversation_id.to_owned(),
        })
        .await
        .map(|r| r.into_inner().conversation.expect("conversation"))
}

async fn conversations(user: &TestUser, include_hidden: bool) -> Vec<im::Conversation> {
    user.im()
        .list_conversations(im::ListConversationsRequest {
            include_hidden,
            ..Default::default()
        })
        .await
        .expect("list conversations")
        .into_inner()
        .conversations
}

async fn update_conversation(
    user: &TestUser,
    request: im::UpdateConversationRequest,
) -> im::Conversation {
    user.im()
        .update_conversation(request)
        .await
        .expect("update conversation")
        .into_inner()
        .conversation
        .expect("conversation")
}

async fn get_message(user: &TestUser, message_id: &str) -> Result<im::Message, tonic::Status> {
    user.im()
        .get_message(im::GetMessageRequest {
            message_id: message_id.to_owned(),
        })
        .await
        .map(|r| r.into_inner().message.expect("message"))
}

async fn mark_read(
    user: &TestUser,
    conversation_id: &str,
    read_seq: i64,
) -> Result<im::MarkReadResponse, tonic::Status> {
    user.im()
        .mark_read(im::MarkReadRequest {
            conversation_id: conversation_id.to_owned(),
            read_seq,
        })
        .await
        .map(|r| r.into_inner())
}

async fn receipts(
    user: &TestUser,
    message_id: &str,
) -> Result<im::GetReadReceiptsResponse, tonic::Status> {
    user.im()
        .get_read_receipts(im::GetReadReceiptsRequest {
            message_id: message_id.to_owned(),
        })
        .await
        .map(|r| r.into_inner())
}

async fn recall(user: &TestUser, message_id: &str) -> Result<im::Message, tonic::Status> {
    user.im()
        .recall_message(im::RecallMessageRequest {
            message_id: message_id.to_owned(),
        })
        .await
        .map(|r| r.into_inner().message.expect("recalled message"))
}

async fn delete_for_me(
    user: &TestUser,
    conversation_id: &str,
    message_ids: Vec<String>,
) -> Result<i32, tonic::Status> {
    user.im()
        .delete_messages_for_me(im::DeleteMessagesForMeRequest {
            conversation_id: conversation_id.to_owned(),
            message_ids,
        })
        .await
        .map(|r| r.into_inner().deleted_count)
}

async fn clear_for_me(user: &TestUser, conversation_id: &str) -> Result<i64, tonic::Status> {
    user.im()
        .clear_conversation_for_me(im::ClearConversationForMeRequest {
            conversation_id: conversation_id.to_owned(),
        })
        .await
        .map(|r| r.into_inner().cleared_seq)
}

/// Creates an open group owned by `owner` with `members`, befriending the owner with each first.
async fn create_group(owner: &TestUser, members: &[&TestUser]) -> social::Group {
    for member in members {
        befriend(owner, member).await;
    }
    owner
        .social()
        .create_group(social::CreateGroupRequest {
            name: "hikers".to_owned(),
            member_ids: members.iter().map(|m| m.user_id.clone()).collect(),
            join_policy: social::JoinPolicy::Open as i32,
            ..Default::default()
        })
        .await
        .expect("create group")
        .into_inner()
        .group
        .expect("group")
}

fn seqs(messages: &[im::Message]) -> Vec<i64> {
    messages.iter().map(|m| m.seq).collect()
}

fn ids(conversations: &[im::Conversation]) -> Vec<String> {
    conversations
        .iter()
        .map(|c| c.conversation_id.clone())
        .collect()
}

fn find<'a>(conversations: &'a [im::Conversation], conversation_id: &str) -> &'a im::Conversation {
    conversations
        .iter()
        .find(|c| c.conversation_id == conversation_id)
        .unwrap_or_else(|| panic!("{conversation_id} is listed in {conversations:?}"))
}

fn content(kind: Kind) -> Option<im::MessageContent> {
    Some(im::MessageContent { kind: Some(kind) })
}

// ---------------------------------------------------------------------------------------------
// Authentication
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn im_calls_without_a_token_are_unauthenticated() {
    let server = TestServer::start().await;
    let mut client =
        easychat_proto::im::v1::im_service_client::ImServiceClient::new(server.channel().await);

    let result = client
        .list_conversations(im::ListConversationsRequest::default())
        .await;

    assert_error(result, Code::Unauthenticated, "TOKEN_MISSING");
}

// ---------------------------------------------------------------------------------------------
// ListConversations / GetConversation
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn befriending_opens_an_empty_single_conversation_for_both() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;

    for (me, peer) in [(&alice, &bob), (&bob, &alice)] {
        let listed = conversations(me, false).await;
        assert_eq!(ids(&listed), vec![id.clone()]);
        let got = conversation(me, &id).await.expect("get conversation");
        assert_eq!(&got, &listed[0]);
        assert_eq!(got.r#type(), im::ConversationType::Single);
        assert_eq!(got.peer_user_id, peer.user_id);
        assert_eq!(got.name, peer.nickname);
        assert_eq!(got.max_seq, 0);
        assert_eq!(got.unread_count, 0);
        assert_eq!(got.last_message, None);
    }
}

#[tokio::test]
async fn single_conversation_is_named_by_my_remark_for_the_peer() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    alice
        .social()
        .update_friend_remark(social::UpdateFriendRemarkRequest {
            user_id: bob.user_id.clone(),
            remark: "Bobby".to_owned(),
        })
        .await
        .expect("set remark");

    assert_eq!(conversation(&alice, &id).await.unwrap().name, "Bobby");
    assert_eq!(conversation(&bob, &id).await.unwrap().name, "alice");
}

#[tokio::test]
async fn group_conversation_is_named_after_the_group() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let member = server.register("member").await;
    let group = create_group(&owner, &[&member]).await;

    let got = conversation(&member, &group.conversation_id).await.unwrap();

    assert_eq!(got.conversation_id, format!("g_{}", group.group_id));
    assert_eq!(got.r#type(), im::ConversationType::Group);
    assert_eq!(got.group_id, group.group_id);
    assert_eq!(got.name, "hikers");
}

#[tokio::test]
async fn get_conversation_of_two_other_users_is_denied() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let id = befriend(&bob, &carol).await;

    assert_error(
        conversation(&alice, &id).await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
}

#[tokio::test]
async fn get_conversation_with_a_malformed_id_is_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    assert_error(
        conversation(&alice, "s_not-a-uuid_either").await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

#[tokio::test]
async fn conversations_are_listed_by_most_recent_activity() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let with_bob = befriend(&alice, &bob).await;
    let with_carol = befriend(&alice, &carol).await;

    sent(&bob, &with_bob, "newer than carol's friendship").await;
    assert_eq!(
        ids(&conversations(&alice, false).await),
        vec![with_bob.clone(), with_carol.clone()]
    );

    sent(&carol, &with_carol, "now carol is the latest").await;
    assert_eq!(
        ids(&conversations(&alice, false).await),
        vec![with_carol, with_bob]
    );
}

#[tokio::test]
async fn listed_conversations_carry_their_last_message_and_unread_count() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let with_bob = befriend(&alice, &bob).await;
    let with_carol = befriend(&alice, &carol).await;
    sent(&bob, &with_bob, "b1").await;
    let b2 = sent(&bob, &with_bob, "b2").await;
    let c1 = sent(&carol, &with_carol, "c1").await;

    let listed = conversations(&alice, false).await;

    let bob_chat = find(&listed, &with_bob);
    assert_eq!(bob_chat.unread_count, 2);
    assert_eq!(bob_chat.max_seq, 2);
    assert_eq!(bob_chat.last_message.as_ref(), Some(&b2));
    let carol_chat = find(&listed, &with_carol);
    assert_eq!(carol_chat.unread_count, 1);
    assert_eq!(carol_chat.last_message.as_ref(), Some(&c1));
}

#[tokio::test]
async fn list_conversations_pages_with_next_page_token() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let with_bob = befriend(&alice, &bob).await;
    let with_carol = befriend(&alice, &carol).await;

    let first = alice
        .im()
        .list_conversations(im::ListConversationsRequest {
            page_size: 1,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(first.conversations.len(), 1);
    assert!(!first.next_page_token.is_empty());
    let second = alice
        .im()
        .list_conversations(im::ListConversationsRequest {
            page_size: 1,
            page_token: first.next_page_token,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(second.conversations.len(), 1);
    assert_eq!(second.next_page_token, "");

    let mut all = ids(&first.conversations);
    all.extend(ids(&second.conversations));
    all.sort();
    let mut expected = vec![with_bob, with_carol];
    expected.sort();
    assert_eq!(all, expected);
}

#[tokio::test]
async fn list_conversations_with_a_negative_page_size_is_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let result = alice
        .im()
        .list_conversations(im::ListConversationsRequest {
            page_size: -1,
            ..Default::default()
        })
        .await;

    assert_error(result, Code::InvalidArgument, "INVALID_FIELD");
}

#[tokio::test]
async fn list_conversations_with_a_garbage_page_token_is_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let result = alice
        .im()
        .list_conversations(im::ListConversationsRequest {
            page_token: "garbage".to_owned(),
            ..Default::default()
        })
        .await;

    assert_error(result, Code::InvalidArgument, "INVALID_PAGE_TOKEN");
}

// ---------------------------------------------------------------------------------------------
// UpdateConversation
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn hidden_conversation_is_listed_only_with_include_hidden() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;

    let updated = update_conversation(
        &alice,
        im::UpdateConversationRequest {
            conversation_id: id.clone(),
            hidden: Some(true),
            ..Default::default()
        },
    )
    .await;

    assert!(updated.hidden);
    assert!(conversations(&alice, false).await.is_empty());
    let with_hidden = conversations(&alice, true).await;
    assert_eq!(ids(&with_hidden), vec![id.clone()]);
    assert!(with_hidden[0].hidden);
    assert_eq!(ids(&conversations(&bob, false).await), vec![id]);
}

#[tokio::test]
async fn new_message_shows_a_hidden_conversation_again() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    update_conversation(
        &alice,
        im::UpdateConversationRequest {
            conversation_id: id.clone(),
            hidden: Some(true),
            ..Default::default()
        },
    )
    .await;

    sent(&bob, &id, "are you there?").await;

    let listed = conversations(&alice, false).await;
    assert_eq!(ids(&listed), vec![id]);
    assert!(!listed[0].hidden);
}

#[tokio::test]
async fn pinned_conversation_is_listed_first() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let with_bob = befriend(&alice, &bob).await;
    let with_carol = befriend(&alice, &carol).await;
    sent(&carol, &with_carol, "most recent").await;

    let updated = update_conversation(
        &alice,
        im::UpdateConversationRequest {
            conversation_id: with_bob.clone(),
            pinned: Some(true),
            ..Default::default()
        },
    )
    .await;

    assert!(updated.pinned);
    let listed = conversations(&alice, false).await;
    assert_eq!(ids(&listed), vec![with_bob, with_carol]);
    assert!(listed[0].pinned);
    assert!(!listed[1].pinned);
}

#[tokio::test]
async fn muted_flag_round_trips_for_the_caller_only() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;

    let updated = update_conversation(
        &alice,
        im::UpdateConversationRequest {
            conversation_id: id.clone(),
            muted: Some(true),
            ..Default::default()
        },
    )
    .await;

    assert!(updated.muted);
    assert!(conversation(&alice, &id).await.unwrap().muted);
    assert!(!conversation(&bob, &id).await.unwrap().muted);
    let unmuted = update_conversation(
        &alice,
        im::UpdateConversationRequest {
            conversation_id: id.clone(),
            muted: Some(false),
            ..Default::default()
        },
    )
    .await;
    assert!(!unmuted.muted);
}

// ---------------------------------------------------------------------------------------------
// SendMessage: targets, seqs, retries
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn seqs_are_dense_across_both_senders() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;

    let first = sent(&alice, &id, "one").await;
    let second = sent(&bob, &id, "two").await;
    let third = sent(&alice, &id, "three").await;

    assert_eq!(seqs(&[first.clone(), second.clone(), third]), vec![1, 2, 3]);
    assert_eq!(first.conversation_id, id);
    assert_eq!(first.sender_id, alice.user_id);
    assert_eq!(second.sender_id, bob.user_id);
    assert_eq!(first.content, Some(text("one")));
}

#[tokio::test]
async fn send_to_a_friend_by_peer_user_id_uses_the_single_conversation() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;

    let response = send(
        &alice,
        Target::PeerUserId(bob.user_id.clone()),
        Some(text("hi bob")),
    )
    .await
    .expect("send to friend");

    let message = response.message.expect("message");
    assert_eq!(message.conversation_id, id);
    assert_eq!(message.conversation_type(), im::ConversationType::Single);
    assert_eq!(message.seq, 1);
    assert_eq!(seqs(&messages(&bob, &id).await.unwrap()), vec![1]);
}

#[tokio::test]
async fn send_to_a_group_by_group_id_uses_the_group_conversation() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let member = server.register("member").await;
    let group = create_group(&owner, &[&member]).await;

    let response = send(
        &member,
        Target::GroupId(group.group_id.clone()),
        Some(text("hello all")),
    )
    .await
    .expect("send to group");

    let message = response.message.expect("message");
    assert_eq!(message.conversation_id, format!("g_{}", group.group_id));
    assert_eq!(message.conversation_type(), im::ConversationType::Group);
    assert_eq!(message.seq, 1);
    assert_eq!(
        seqs(&messages(&owner, &group.conversation_id).await.unwrap()),
        vec![1]
    );
}

#[tokio::test]
async fn retry_with_the_same_client_msg_id_returns_the_original_message() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let request = im::SendMessageRequest {
        client_msg_id: "retry-me-1".to_owned(),
        target: Some(to_conversation(&id)),
        content: Some(text("only once")),
        ..Default::default()
    };

    let original = send_request(&alice, request.clone()).await.unwrap();
    let retry = send_request(&alice, request).await.unwrap();

    assert!(!original.duplicate);
    assert!(retry.duplicate);
    let (original, retry) = (original.message.unwrap(), retry.message.unwrap());
    assert_eq!(retry.message_id, original.message_id);
    assert_eq!(retry.seq, original.seq);
    assert_eq!(messages(&alice, &id).await.unwrap().len(), 1);
    assert_eq!(conversation(&bob, &id).await.unwrap().max_seq, 1);
}

// ---------------------------------------------------------------------------------------------
// SendMessage: validation
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn empty_client_msg_id_is_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;

    let result = send_request(
        &alice,
        im::SendMessageRequest {
            client_msg_id: String::new(),
            target: Some(to_conversation(&id)),
            content: Some(text("hi")),
            ..Default::default()
        },
    )
    .await;

    assert_error(result, Code::InvalidArgument, "INVALID_FIELD");
}

#[tokio::test]
async fn client_msg_id_over_64_chars_is_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let request = |client_msg_id: String| im::SendMessageRequest {
        client_msg_id,
        target: Some(to_conversation(&id)),
        content: Some(text("hi")),
        ..Default::default()
    };

    assert_error(
        send_request(&alice, request("x".repeat(65))).await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
    send_request(&alice, request("x".repeat(64)))
        .await
        .expect("64 characters are allowed");
}

#[tokio::test]
async fn send_without_a_target_is_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let result = send_request(
        &alice,
        im::SendMessageRequest {
            client_msg_id: new_id(),
            target: None,
            content: Some(text("to nobody")),
            ..Default::default()
        },
    )
    .await;

    assert_error(result, Code::InvalidArgument, "INVALID_FIELD");
}

#[tokio::test]
async fn send_without_content_is_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;

    assert_error(
        send(&alice, to_conversation(&id), None).await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
    assert_error(
        send(
            &alice,
            to_conversation(&id),
            Some(im::MessageContent { kind: None }),
        )
        .await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

#[tokio::test]
async fn empty_text_is_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;

    assert_error(
        send_text(&alice, &id, "").await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

#[tokio::test]
async fn text_over_max_text_chars_is_too_large() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let max = server.config.limits.max_text_chars;

    // Two-byte characters: the limit counts characters, not bytes.
    send_text(&alice, &id, &"é".repeat(max))
        .await
        .expect("exactly the maximum is allowed");
    assert_error(
        send_text(&alice, &id, &"é".repeat(max + 1)).await,
        Code::InvalidArgument,
        "CONTENT_TOO_LARGE",
    );
}

#[tokio::test]
async fn custom_data_over_max_content_bytes_is_too_large() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let custom = im::CustomContent {
        r#type: "blob".to_owned(),
        data: vec![7u8; server.config.limits.max_content_bytes + 1],
    };

    assert_error(
        send(&alice, to_conversation(&id), content(Kind::Custom(custom))).await,
        Code::InvalidArgument,
        "CONTENT_TOO_LARGE",
    );
}

#[tokio::test]
async fn media_urls_that_are_not_http_are_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let bad = [
        Kind::Image(im::ImageContent {
            url: "ftp://example.com/a.png".to_owned(),
            width: 10,
            height: 10,
            size: 100,
            ..Default::default()
        }),
        Kind::File(im::FileContent {
            url: "file:///etc/passwd".to_owned(),
            name: "passwd".to_owned(),
            size: 100,
            mime_type: String::new(),
            ..Default::default()
        }),
        Kind::Voice(im::VoiceContent {
            url: "not a url".to_owned(),
            duration_ms: 1000,
            ..Default::default()
        }),
    ];

    for kind in bad {
        let result = send(&alice, to_conversation(&id), content(kind.clone())).await;
        match result {
            Err(status) => {
                assert_eq!(status.code(), Code::InvalidArgument, "{kind:?}: {status:?}");
                assert_eq!(easychat_tests::reason(&status), "INVALID_FIELD", "{kind:?}");
            }
            Ok(response) => panic!("{kind:?} was accepted: {response:?}"),
        }
    }
}

#[tokio::test]
async fn latitude_outside_minus_90_to_90_is_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let location = im::LocationContent {
        latitude: 90.5,
        longitude: 10.0,
        title: "beyond the pole".to_owned(),
    };

    assert_error(
        send(
            &alice,
            to_conversation(&id),
            content(Kind::Location(location)),
        )
        .await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

#[tokio::test]
async fn every_content_kind_round_trips_through_get_message() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let kinds = [
        Kind::Text(im::TextContent {
            text: "héllo 👋".to_owned(),
        }),
        Kind::Image(im::ImageContent {
            url: "https://img.example.com/cat.png".to_owned(),
            width: 640,
            height: 480,
            size: 123_456,
            ..Default::default()
        }),
        Kind::File(im::FileContent {
            url: "https://files.example.com/report.pdf".to_owned(),
            name: "report.pdf".to_owned(),
            size: 2048,
            mime_type: "application/pdf".to_owned(),
            ..Default::default()
        }),
        Kind::Voice(im::VoiceContent {
            url: "http://voice.example.com/clip.ogg".to_owned(),
            duration_ms: 3500,
            ..Default::default()
        }),
        Kind::Location(im::LocationContent {
            latitude: -33.8568,
            longitude: 151.2153,
            title: "Sydney Opera House".to_owned(),
        }),
        Kind::Custom(im::CustomContent {
            r#type: "contact-card".to_owned(),
            data: vec![0, 1, 2, 254, 255],
        }),
    ];

    for kind in kinds {
        let sent = send(&alice, to_conversation(&id), content(kind.clone()))
            .await
            .unwrap_or_else(|status| panic!("{kind:?} rejected: {status:?}"))
            .message
            .expect("message");
        let got = get_message(&bob, &sent.message_id).await.unwrap();
        assert_eq!(got.content, content(kind), "content of seq {}", sent.seq);
        assert_eq!(got, sent);
    }
}

// ---------------------------------------------------------------------------------------------
// SendMessage: denials
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn send_to_a_user_who_is_not_a_friend_is_denied() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let stranger = server.register("stranger").await;

    assert_error(
        send(
            &alice,
            Target::PeerUserId(stranger.user_id.clone()),
            Some(text("hi")),
        )
        .await,
        Code::PermissionDenied,
        "NOT_FRIENDS",
    );
}

#[tokio::test]
async fn send_after_the_friendship_ended_is_denied() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    alice
        .social()
        .delete_friend(social::DeleteFriendRequest {
            user_id: bob.user_id.clone(),
        })
        .await
        .expect("delete friend");

    assert_error(
        send_text(&alice, &id, "still there?").await,
        Code::PermissionDenied,
        "NOT_FRIENDS",
    );
}

#[tokio::test]
async fn send_to_myself_is_refused() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    assert_error(
        send(
            &alice,
            Target::PeerUserId(alice.user_id.clone()),
            Some(text("me")),
        )
        .await,
        Code::InvalidArgument,
        "CANNOT_TARGET_SELF",
    );
}

#[tokio::test]
async fn send_to_a_malformed_peer_user_id_is_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    assert_error(
        send(
            &alice,
            Target::PeerUserId("bob".to_owned()),
            Some(text("hi")),
        )
        .await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

#[tokio::test]
async fn send_to_a_conversation_of_two_other_users_is_denied() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let id = befriend(&bob, &carol).await;

    assert_error(
        send_text(&alice, &id, "intruding").await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
}

#[tokio::test]
async fn send_to_a_group_i_am_not_in_is_denied() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let member = server.register("member").await;
    let outsider = server.register("outsider").await;
    let group = create_group(&owner, &[&member]).await;

    assert_error(
        send(&outsider, Target::GroupId(group.group_id), Some(text("hi"))).await,
        Code::PermissionDenied,
        "NOT_GROUP_MEMBER",
    );
}

#[tokio::test]
async fn send_to_an_unknown_group_is_not_found() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    assert_error(
        send(&alice, Target::GroupId(new_id()), Some(text("hi"))).await,
        Code::NotFound,
        "GROUP_NOT_FOUND",
    );
}

#[tokio::test]
async fn muted_member_cannot_send_to_the_group() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let member = server.register("member").await;
    let group = create_group(&owner, &[&member]).await;
    owner
        .social()
        .mute_member(social::MuteMemberRequest {
            group_id: group.group_id.clone(),
            user_id: member.user_id.clone(),
            muted_until: Some((SystemTime::now() + Duration::from_secs(3600)).into()),
        })
        .await
        .expect("mute member");

    assert_error(
        send(&member, Target::GroupId(group.group_id), Some(text("hi"))).await,
        Code::PermissionDenied,
        "MEMBER_MUTED",
    );
}

// ---------------------------------------------------------------------------------------------
// Copies of the social graph (backends.social_cache.ttl_ms): each send below reads the facts
// the one before it left in the node's copies, so a change that did not reach them would let
// the next send through.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn each_change_of_a_friendship_holds_for_the_very_next_send() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    send_text(&alice, &id, "1").await.expect("friends can send");

    alice
        .social()
        .delete_friend(social::DeleteFriendRequest {
            user_id: bob.user_id.clone(),
        })
        .await
        .expect("delete friend");
    for sender in [&alice, &bob] {
        assert_error(
            send_text(sender, &id, "still there?").await,
            Code::PermissionDenied,
            "NOT_FRIENDS",
        );
    }

    // The refusals left "not friends" in the copies: befriending again must replace it.
    befriend(&bob, &alice).await;
    send_text(&alice, &id, "2").await.expect("friends again");
    send_text(&bob, &id, "3").await.expect("friends again");
}

#[tokio::test]
async fn each_change_of_a_membership_holds_for_the_very_next_send() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let member = server.register("member").await;
    let group = create_group(&owner, &[&member]).await;
    let to_group = || Target::GroupId(group.group_id.clone());
    let mute = |until: Option<prost_types::Timestamp>| social::MuteMemberRequest {
        group_id: group.group_id.clone(),
        user_id: member.user_id.clone(),
        muted_until: until,
    };
    send(&member, to_group(), Some(text("1")))
        .await
        .expect("a member can send");

    owner
        .social()
        .mute_member(mute(Some(
            (SystemTime::now() + Duration::from_secs(3600)).into(),
        )))
        .await
        .expect("mute");
    assert_error(
        send(&member, to_group(), Some(text("muted?"))).await,
        Code::PermissionDenied,
        "MEMBER_MUTED",
    );
    owner
        .social()
        .mute_member(mute(None))
        .await
        .expect("unmute");
    send(&member, to_group(), Some(text("2")))
        .await
        .expect("unmuted");

    owner
        .social()
        .remove_group_member(social::RemoveGroupMemberRequest {
            group_id: group.group_id.clone(),
            user_id: member.user_id.clone(),
        })
        .await
        .expect("remove the member");
    assert_error(
        send(&member, to_group(), Some(text("still in?"))).await,
        Code::PermissionDenied,
        "NOT_GROUP_MEMBER",
    );

    owner
        .social()
        .invite_to_group(social::InviteToGroupRequest {
            group_id: group.group_id.clone(),
            user_ids: vec![member.user_id.clone()],
            message: String::new(),
        })
        .await
        .expect("invite the member back");
    send(&member, to_group(), Some(text("3")))
        .await
        .expect("back in");

    owner
        .social()
        .dissolve_group(social::DissolveGroupRequest {
            group_id: group.group_id.clone(),
        })
        .await
        .expect("dissolve");
    for sender in [&owner, &member] {
        assert_error(
            send(sender, to_group(), Some(text("anyone?"))).await,
            Code::NotFound,
            "GROUP_NOT_FOUND",
        );
    }
}

// ---------------------------------------------------------------------------------------------
// MarkRead and unread counts
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn unread_counts_the_peers_messages_but_not_my_own() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    for body in ["1", "2", "3"] {
        sent(&alice, &id, body).await;
    }

    let receiver = conversation(&bob, &id).await.unwrap();
    assert_eq!(
        (receiver.max_seq, receiver.read_seq, receiver.unread_count),
        (3, 0, 3)
    );
    let sender = conversation(&alice, &id).await.unwrap();
    assert_eq!(
        (sender.max_seq, sender.read_seq, sender.unread_count),
        (3, 3, 0)
    );
}

#[tokio::test]
async fn mark_read_moves_the_read_seq_forward() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    for body in ["1", "2", "3"] {
        sent(&alice, &id, body).await;
    }

    let marked = mark_read(&bob, &id, 2).await.unwrap();

    assert_eq!((marked.read_seq, marked.unread_count), (2, 1));
    let seen = conversation(&bob, &id).await.unwrap();
    assert_eq!((seen.read_seq, seen.unread_count), (2, 1));
}

#[tokio::test]
async fn mark_read_never_moves_the_read_seq_back() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    for body in ["1", "2", "3"] {
        sent(&alice, &id, body).await;
    }
    mark_read(&bob, &id, 2).await.unwrap();

    let marked = mark_read(&bob, &id, 1).await.unwrap();

    assert_eq!((marked.read_seq, marked.unread_count), (2, 1));
    assert_eq!(conversation(&bob, &id).await.unwrap().read_seq, 2);
}

#[tokio::test]
async fn mark_read_is_capped_at_the_max_seq() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    for body in ["1", "2", "3"] {
        sent(&alice, &id, body).await;
    }

    let marked = mark_read(&bob, &id, 100).await.unwrap();

    assert_eq!((marked.read_seq, marked.unread_count), (3, 0));
    sent(&alice, &id, "4").await;
    let seen = conversation(&bob, &id).await.unwrap();
    assert_eq!((seen.read_seq, seen.unread_count), (3, 1));
}

#[tokio::test]
async fn mark_read_with_a_negative_seq_is_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;

    assert_error(
        mark_read(&bob, &id, -1).await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

#[tokio::test]
async fn mark_read_in_a_conversation_of_others_is_denied() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let id = befriend(&bob, &carol).await;

    assert_error(
        mark_read(&alice, &id, 1).await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
}

#[tokio::test]
async fn recall_changes_neither_max_seq_nor_unread() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    sent(&alice, &id, "1").await;
    let second = sent(&alice, &id, "2").await;

    recall(&alice, &second.message_id).await.expect("recall");

    let seen = conversation(&bob, &id).await.unwrap();
    assert_eq!((seen.max_seq, seen.unread_count), (2, 2));
}

// ---------------------------------------------------------------------------------------------
// ListMessages
// ---------------------------------------------------------------------------------------------

/// Two friends and a conversation holding messages with seqs 1..=count.
async fn conversation_with(server: &TestServer, count: usize) -> (TestUser, TestUser, String) {
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    for n in 1..=count {
        sent(&alice, &id, &format!("message {n}")).await;
    }
    (alice, bob, id)
}

#[tokio::test]
async fn list_messages_defaults_to_newest_first() {
    let server = TestServer::start().await;
    let (_alice, bob, id) = conversation_with(&server, 3).await;

    let response = list_messages(
        &bob,
        im::ListMessagesRequest {
            conversation_id: id,
            ..Default::default()
        },
    )
    .await
    .unwrap();

    assert_eq!(seqs(&response.messages), vec![3, 2, 1]);
    assert_eq!(response.next_page_token, "");
}

#[tokio::test]
async fn list_messages_backward_from_an_anchor_excludes_it() {
    let server = TestServer::start().await;
    let (_alice, bob, id) = conversation_with(&server, 5).await;

    let response = list_messages(
        &bob,
        im::ListMessagesRequest {
            conversation_id: id,
            anchor_seq: 4,
            direction: im::PageDirection::Backward as i32,
            ..Default::default()
        },
    )
    .await
    .unwrap();

    assert_eq!(seqs(&response.messages), vec![3, 2, 1]);
}

#[tokio::test]
async fn list_messages_forward_from_an_anchor_is_ascending_and_excludes_it() {
    let server = TestServer::start().await;
    let (_alice, bob, id) = conversation_with(&server, 5).await;

    let response = list_messages(
        &bob,
        im::ListMessagesRequest {
            conversation_id: id,
            anchor_seq: 2,
            direction: im::PageDirection::Forward as i32,
            ..Default::default()
        },
    )
    .await
    .unwrap();

    assert_eq!(seqs(&response.messages), vec![3, 4, 5]);
}

/// Follows next_page_token from `first` until it is empty; returns the seqs of each page.
async fn all_pages(user: &TestUser, first: im::ListMessagesRequest) -> Vec<Vec<i64>> {
    let mut pages = Vec::new();
    let mut request = first.clone();
    loop {
        let response = list_messages(user, request).await.expect("list a page");
        pages.push(seqs(&response.messages));
        if response.next_page_token.is_empty() || pages.len() > 10 {
            return pages;
        }
        // Only the token carries the position and direction.
        request = im::ListMessagesRequest {
            conversation_id: first.conversation_id.clone(),
            page_size: first.page_size,
            page_token: response.next_page_token,
            ..Default::default()
        };
    }
}

#[tokio::test]
async fn list_messages_pages_backward_without_gaps_or_repeats() {
    let server = TestServer::start().await;
    let (_alice, bob, id) = conversation_with(&server, 5).await;

    let pages = all_pages(
        &bob,
        im::ListMessagesRequest {
            conversation_id: id,
            page_size: 2,
            ..Default::default()
        },
    )
    .await;

    assert_eq!(pages, vec![vec![5, 4], vec![3, 2], vec![1]]);
}

#[tokio::test]
async fn list_messages_pages_forward_without_gaps_or_repeats() {
    let server = TestServer::start().await;
    let (_alice, bob, id) = conversation_with(&server, 5).await;

    let pages = all_pages(
        &bob,
        im::ListMessagesRequest {
            conversation_id: id,
            direction: im::PageDirection::Forward as i32,
            page_size: 2,
            ..Default::default()
        },
    )
    .await;

    assert_eq!(pages, vec![vec![1, 2], vec![3, 4], vec![5]]);
}

#[tokio::test]
async fn list_messages_with_a_negative_page_size_is_invalid() {
    let server = TestServer::start().await;
    let (alice, _bob, id) = conversation_with(&server, 1).await;

    let result = list_messages(
        &alice,
        im::ListMessagesRequest {
            conversation_id: id,
            page_size: -5,
            ..Default::default()
        },
    )
    .await;

    assert_error(result, Code::InvalidArgument, "INVALID_FIELD");
}

#[tokio::test]
async fn list_messages_with_a_garbage_page_token_is_invalid() {
    let server = TestServer::start().await;
    let (alice, _bob, id) = conversation_with(&server, 1).await;

    let result = list_messages(
        &alice,
        im::ListMessagesRequest {
            conversation_id: id,
            page_token: "not-a-token".to_owned(),
            ..Default::default()
        },
    )
    .await;

    assert_error(result, Code::InvalidArgument, "INVALID_PAGE_TOKEN");
}

#[tokio::test]
async fn list_messages_of_a_conversation_of_others_is_denied() {
    let server = TestServer::start().await;
    let (_alice, _bob, id) = conversation_with(&server, 1).await;
    let carol = server.register("carol").await;

    assert_error(
        messages(&carol, &id).await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
}

// ---------------------------------------------------------------------------------------------
// GetMessage
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn get_unknown_message_is_not_found() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    assert_error(
        get_message(&alice, &new_id()).await,
        Code::NotFound,
        "MESSAGE_NOT_FOUND",
    );
}

#[tokio::test]
async fn get_message_of_a_conversation_of_others_is_denied() {
    let server = TestServer::start().await;
    let (alice, _bob, id) = conversation_with(&server, 0).await;
    let message = sent(&alice, &id, "private").await;
    let carol = server.register("carol").await;

    assert_error(
        get_message(&carol, &message.message_id).await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
}

#[tokio::test]
async fn get_message_with_a_malformed_id_is_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    assert_error(
        get_message(&alice, "not-a-message-id").await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

// ---------------------------------------------------------------------------------------------
// GetReadReceipts
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn read_receipt_moves_the_peer_from_unread_to_read() {
    let server = TestServer::start().await;
    let (alice, bob, id) = conversation_with(&server, 0).await;
    let message = sent(&alice, &id, "did you read this?").await;

    let before = receipts(&alice, &message.message_id).await.unwrap();
    assert_eq!(before.read_user_ids, Vec::<String>::new());
    assert_eq!(before.unread_user_ids, vec![bob.user_id.clone()]);

    mark_read(&bob, &id, message.seq).await.unwrap();

    let after = receipts(&alice, &message.message_id).await.unwrap();
    assert_eq!(after.read_user_ids, vec![bob.user_id.clone()]);
    assert_eq!(after.unread_user_ids, Vec::<String>::new());
}

#[tokio::test]
async fn group_read_receipts_split_the_other_members() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let reader = server.register("reader").await;
    let idler = server.register("idler").await;
    let group = create_group(&owner, &[&reader, &idler]).await;
    let message = sent(&owner, &group.conversation_id, "meeting at 5").await;
    mark_read(&reader, &group.conversation_id, message.seq)
        .await
        .unwrap();

    let split = receipts(&owner, &message.message_id).await.unwrap();

    assert_eq!(split.read_user_ids, vec![reader.user_id.clone()]);
    assert_eq!(split.unread_user_ids, vec![idler.user_id.clone()]);
}

#[tokio::test]
async fn read_receipts_for_a_non_member_are_denied() {
    let server = TestServer::start().await;
    let (alice, _bob, id) = conversation_with(&server, 0).await;
    let message = sent(&alice, &id, "private").await;
    let carol = server.register("carol").await;

    assert_error(
        receipts(&carol, &message.message_id).await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
}

// ---------------------------------------------------------------------------------------------
// RecallMessage
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn sender_recalls_a_message_and_its_content_is_gone_for_both() {
    let server = TestServer::start().await;
    let (alice, bob, id) = conversation_with(&server, 0).await;
    let message = sent(&alice, &id, "oops").await;

    let recalled = recall(&alice, &message.message_id).await.unwrap();

    assert!(recalled.recalled);
    assert_eq!(recalled.recalled_by, alice.user_id);
    assert_eq!(recalled.content, None);
    assert_eq!(recalled.seq, message.seq);
    for user in [&alice, &bob] {
        let got = get_message(user, &message.message_id).await.unwrap();
        assert!(got.recalled);
        assert_eq!(got.recalled_by, alice.user_id);
        assert_eq!(got.content, None);
        let listed = messages(user, &id).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert!(listed[0].recalled);
        assert_eq!(listed[0].content, None);
    }
}

#[tokio::test]
async fn peer_cannot_recall_in_a_single_chat() {
    let server = TestServer::start().await;
    let (alice, bob, id) = conversation_with(&server, 0).await;
    let message = sent(&alice, &id, "mine").await;

    assert_error(
        recall(&bob, &message.message_id).await,
        Code::PermissionDenied,
        "RECALL_NOT_ALLOWED",
    );
    assert!(
        !get_message(&bob, &message.message_id)
            .await
            .unwrap()
            .recalled
    );
}

#[tokio::test]
async fn plain_group_member_cannot_recall_anothers_message() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let writer = server.register("writer").await;
    let other = server.register("other").await;
    let group = create_group(&owner, &[&writer, &other]).await;
    let message = sent(&writer, &group.conversation_id, "mine").await;

    assert_error(
        recall(&other, &message.message_id).await,
        Code::PermissionDenied,
        "RECALL_NOT_ALLOWED",
    );
}

#[tokio::test]
async fn sender_cannot_recall_after_the_window() {
    let server = TestServer::start_with(|c| c.limits.recall_window_secs = 0).await;
    let (alice, _bob, id) = conversation_with(&server, 0).await;
    let message = sent(&alice, &id, "too late").await;

    assert_error(
        recall(&alice, &message.message_id).await,
        Code::PermissionDenied,
        "RECALL_WINDOW_PASSED",
    );
}

#[tokio::test]
async fn group_owner_recalls_a_members_message_after_the_window() {
    let server = TestServer::start_with(|c| c.limits.recall_window_secs = 0).await;
    let owner = server.register("owner").await;
    let writer = server.register("writer").await;
    let group = create_group(&owner, &[&writer]).await;
    let message = sent(&writer, &group.conversation_id, "spam").await;

    let recalled = recall(&owner, &message.message_id).await.unwrap();

    assert!(recalled.recalled);
    assert_eq!(recalled.recalled_by, owner.user_id);
    assert_eq!(recalled.content, None);
}

#[tokio::test]
async fn group_manager_recalls_a_members_message_after_the_window() {
    let server = TestServer::start_with(|c| c.limits.recall_window_secs = 0).await;
    let owner = server.register("owner").await;
    let manager = server.register("manager").await;
    let writer = server.register("writer").await;
    let group = create_group(&owner, &[&manager, &writer]).await;
    owner
        .social()
        .set_member_role(social::SetMemberRoleRequest {
            group_id: group.group_id.clone(),
            user_id: manager.user_id.clone(),
            role: social::GroupRole::Manager as i32,
        })
        .await
        .expect("promote to manager");
    let message = sent(&writer, &group.conversation_id, "spam").await;

    let recalled = recall(&manager, &message.message_id).await.unwrap();

    assert!(recalled.recalled);
    assert_eq!(recalled.recalled_by, manager.user_id);
    let seen = get_message(&writer, &message.message_id).await.unwrap();
    assert!(seen.recalled);
    assert_eq!(seen.content, None);
}

#[tokio::test]
async fn recalling_twice_returns_the_recalled_message() {
    let server = TestServer::start().await;
    let (alice, _bob, id) = conversation_with(&server, 0).await;
    let message = sent(&alice, &id, "oops").await;
    let first = recall(&alice, &message.message_id).await.unwrap();

    let second = recall(&alice, &message.message_id).await.unwrap();

    assert!(second.recalled);
    assert_eq!(second.recalled_by, alice.user_id);
    assert_eq!(second.content, None);
    assert_eq!(second.message_id, first.message_id);
}

// ---------------------------------------------------------------------------------------------
// DeleteMessagesForMe
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn deleted_message_leaves_my_history_but_not_the_peers() {
    let server = TestServer::start().await;
    let (alice, bob, id) = conversation_with(&server, 3).await;
    let listed = messages(&alice, &id).await.unwrap();
    let second = listed
        .iter()
        .find(|m| m.seq == 2)
        .unwrap()
        .message_id
        .clone();

    let deleted = delete_for_me(&alice, &id, vec![second]).await.unwrap();

    assert_eq!(deleted, 1);
    assert_eq!(seqs(&messages(&alice, &id).await.unwrap()), vec![3, 1]);
    assert_eq!(seqs(&messages(&bob, &id).await.unwrap()), vec![3, 2, 1]);
}

#[tokio::test]
async fn deleted_message_is_not_found_for_me_only() {
    let server = TestServer::start().await;
    let (alice, bob, id) = conversation_with(&server, 0).await;
    let message = sent(&bob, &id, "forget me").await;
    delete_for_me(&alice, &id, vec![message.message_id.clone()])
        .await
        .unwrap();

    assert_error(
        get_message(&alice, &message.message_id).await,
        Code::NotFound,
        "MESSAGE_NOT_FOUND",
    );
    assert_eq!(
        get_message(&bob, &message.message_id).await.unwrap(),
        message
    );
}

#[tokio::test]
async fn deleting_already_deleted_messages_counts_zero() {
    let server = TestServer::start().await;
    let (alice, _bob, id) = conversation_with(&server, 0).await;
    let message = sent(&alice, &id, "gone").await;
    let first = delete_for_me(&alice, &id, vec![message.message_id.clone()])
        .await
        .unwrap();

    let again = delete_for_me(&alice, &id, vec![message.message_id])
        .await
        .unwrap();

    assert_eq!((first, again), (1, 0));
}

#[tokio::test]
async fn delete_with_no_message_ids_is_invalid() {
    let server = TestServer::start().await;
    let (alice, _bob, id) = conversation_with(&server, 1).await;

    assert_error(
        delete_for_me(&alice, &id, Vec::new()).await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

#[tokio::test]
async fn delete_with_more_than_100_message_ids_is_invalid() {
    let server = TestServer::start().await;
    let (alice, _bob, id) = conversation_with(&server, 1).await;
    let too_many = (0..101).map(|_| new_id()).collect();

    assert_error(
        delete_for_me(&alice, &id, too_many).await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

#[tokio::test]
async fn delete_ignores_messages_of_other_conversations() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let with_bob = befriend(&alice, &bob).await;
    let with_carol = befriend(&alice, &carol).await;
    let in_bob_chat = sent(&bob, &with_bob, "for bob's chat").await;
    let in_carol_chat = sent(&carol, &with_carol, "for carol's chat").await;

    let deleted = delete_for_me(
        &alice,
        &with_bob,
        vec![in_bob_chat.message_id, in_carol_chat.message_id.clone()],
    )
    .await
    .unwrap();

    assert_eq!(deleted, 1);
    assert_eq!(
        get_message(&alice, &in_carol_chat.message_id)
            .await
            .unwrap(),
        in_carol_chat
    );
}

// ---------------------------------------------------------------------------------------------
// ClearConversationForMe
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn clear_hides_the_whole_history_from_me_only() {
    let server = TestServer::start().await;
    let (alice, bob, id) = conversation_with(&server, 2).await;
    sent(&bob, &id, "3").await;

    let cleared_seq = clear_for_me(&alice, &id).await.unwrap();

    assert_eq!(cleared_seq, 3);
    assert!(messages(&alice, &id).await.unwrap().is_empty());
    assert_eq!(seqs(&messages(&bob, &id).await.unwrap()), vec![3, 2, 1]);
}

#[tokio::test]
async fn clear_resets_my_unread_count_and_last_message() {
    let server = TestServer::start().await;
    let (alice, bob, id) = conversation_with(&server, 0).await;
    sent(&bob, &id, "1").await;
    sent(&bob, &id, "2").await;
    assert_eq!(conversation(&alice, &id).await.unwrap().unread_count, 2);

    clear_for_me(&alice, &id).await.unwrap();

    let cleared = conversation(&alice, &id).await.unwrap();
    assert_eq!(cleared.unread_count, 0);
    assert_eq!(cleared.last_message, None);
    assert_eq!(conversation(&bob, &id).await.unwrap().max_seq, 2);
}

#[tokio::test]
async fn messages_after_a_clear_are_visible_to_me() {
    let server = TestServer::start().await;
    let (alice, bob, id) = conversation_with(&server, 2).await;
    clear_for_me(&alice, &id).await.unwrap();

    let newer = sent(&bob, &id, "after the clear").await;

    assert_eq!(messages(&alice, &id).await.unwrap(), vec![newer.clone()]);
    let seen = conversation(&alice, &id).await.unwrap();
    assert_eq!(seen.last_message, Some(newer));
    assert_eq!(seen.unread_count, 1);
}

// ---------------------------------------------------------------------------------------------
// Group membership and history
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn member_who_joins_later_sees_no_earlier_history() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let member = server.register("member").await;
    let latecomer = server.register("latecomer").await;
    let group = create_group(&owner, &[&member]).await;
    sent(&owner, &group.conversation_id, "before you came").await;
    sent(&member, &group.conversation_id, "also before").await;

    latecomer
        .social()
        .join_group(social::JoinGroupRequest {
            group_id: group.group_id.clone(),
            message: String::new(),
        })
        .await
        .expect("join open group");

    assert!(
        messages(&latecomer, &group.conversation_id)
            .await
            .unwrap()
            .is_empty()
    );
    let seen = conversation(&latecomer, &group.conversation_id)
        .await
        .unwrap();
    assert_eq!(seen.unread_count, 0);
    assert_eq!(seen.last_message, None);
}

#[tokio::test]
async fn member_who_joins_later_sees_new_messages() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let latecomer = server.register("latecomer").await;
    let group = create_group(&owner, &[]).await;
    sent(&owner, &group.conversation_id, "before you came").await;
    latecomer
        .social()
        .join_group(social::JoinGroupRequest {
            group_id: group.group_id.clone(),
            message: String::new(),
        })
        .await
        .expect("join open group");

    let welcome = sent(&owner, &group.conversation_id, "welcome").await;

    assert_eq!(
        messages(&latecomer, &group.conversation_id).await.unwrap(),
        vec![welcome]
    );
    let seen = conversation(&latecomer, &group.conversation_id)
        .await
        .unwrap();
    assert_eq!(seen.unread_count, 1);
}

/// A group of `owner` and `member` in which `member` wrote once and then left.
async fn group_left_by(owner: &TestUser, member: &TestUser) -> social::Group {
    let group = create_group(owner, &[member]).await;
    sent(member, &group.conversation_id, "bye").await;
    member
        .social()
        .leave_group(social::LeaveGroupRequest {
            group_id: group.group_id.clone(),
        })
        .await
        .expect("leave group");
    group
}

#[tokio::test]
async fn member_who_left_cannot_list_messages() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let member = server.register("member").await;
    let group = group_left_by(&owner, &member).await;

    assert_error(
        messages(&member, &group.conversation_id).await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
}

#[tokio::test]
async fn member_who_left_cannot_get_the_conversation() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let member = server.register("member").await;
    let group = group_left_by(&owner, &member).await;

    assert_error(
        conversation(&member, &group.conversation_id).await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
}

/// A group of `owner` and `member` in which `member` wrote once and then was removed by the
/// owner.
async fn group_kicked_from(owner: &TestUser, member: &TestUser) -> social::Group {
    let group = create_group(owner, &[member]).await;
    sent(member, &group.conversation_id, "before the kick").await;
    owner
        .social()
        .remove_group_member(social::RemoveGroupMemberRequest {
            group_id: group.group_id.clone(),
            user_id: member.user_id.clone(),
        })
        .await
        .expect("remove the member");
    group
}

/// A group of `owner` and `member` in which both wrote and which the owner then dissolved.
async fn group_dissolved_under(owner: &TestUser, member: &TestUser) -> social::Group {
    let group = create_group(owner, &[member]).await;
    sent(member, &group.conversation_id, "before the end").await;
    owner
        .social()
        .dissolve_group(social::DissolveGroupRequest {
            group_id: group.group_id.clone(),
        })
        .await
        .expect("dissolve the group");
    group
}

#[tokio::test]
async fn kicked_member_cannot_send_by_group_or_conversation_id() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let member = server.register("member").await;
    let group = group_kicked_from(&owner, &member).await;

    assert_error(
        send(
            &member,
            Target::GroupId(group.group_id.clone()),
            Some(text("hi")),
        )
        .await,
        Code::PermissionDenied,
        "NOT_GROUP_MEMBER",
    );
    assert_error(
        send(
            &member,
            to_conversation(&group.conversation_id),
            Some(text("hi")),
        )
        .await,
        Code::PermissionDenied,
        "NOT_GROUP_MEMBER",
    );
    let history = messages(&owner, &group.conversation_id).await.unwrap();
    assert_eq!(
        history.len(),
        1,
        "only the message before the kick: {history:?}"
    );
}

#[tokio::test]
async fn kicked_member_cannot_read_history_written_after_the_kick() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let member = server.register("member").await;
    let group = group_kicked_from(&owner, &member).await;
    let after_the_kick = sent(&owner, &group.conversation_id, "not for you").await;

    assert_error(
        messages(&member, &group.conversation_id).await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
    assert_error(
        list_messages(
            &member,
            im::ListMessagesRequest {
                conversation_id: group.conversation_id.clone(),
                direction: im::PageDirection::Forward as i32,
                anchor_seq: 1,
                ..Default::default()
            },
        )
        .await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
    assert_error(
        get_message(&member, &after_the_kick.message_id).await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
    assert_error(
        conversation(&member, &group.conversation_id).await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
}

#[tokio::test]
async fn member_of_a_dissolved_group_cannot_send_to_it() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let member = server.register("member").await;
    let group = group_dissolved_under(&owner, &member).await;

    for user in [&owner, &member] {
        assert_error(
            send(
                user,
                Target::GroupId(group.group_id.clone()),
                Some(text("hi")),
            )
            .await,
            Code::NotFound,
            "GROUP_NOT_FOUND",
        );
        assert_error(
            send(
                user,
                to_conversation(&group.conversation_id),
                Some(text("hi")),
            )
            .await,
            Code::NotFound,
            "GROUP_NOT_FOUND",
        );
    }
}

#[tokio::test]
async fn member_of_a_dissolved_group_cannot_read_its_history() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let member = server.register("member").await;
    let group = group_dissolved_under(&owner, &member).await;

    for user in [&owner, &member] {
        assert_error(
            messages(user, &group.conversation_id).await,
            Code::PermissionDenied,
            "NOT_CONVERSATION_MEMBER",
        );
        assert_error(
            conversation(user, &group.conversation_id).await,
            Code::PermissionDenied,
            "NOT_CONVERSATION_MEMBER",
        );
    }
}

/// Replies, mentions, edits, reactions and pins.
mod message_features;

/// SearchMessages.
mod search;

/// Replaces the text of `user`'s message, which must succeed.
async fn edit_text(user: &TestUser, message_id: &str, text: &str) {
    user.im()
        .edit_message(im::EditMessageRequest {
            message_id: message_id.to_owned(),
            text: Some(im::TextContent {
                text: text.to_owned(),
            }),
        })
        .await
        .expect("edit");
}

mod media;
