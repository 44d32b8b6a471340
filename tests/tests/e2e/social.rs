//! End-to-end tests of SocialService: friend requests, friends, groups and their members.

use std::collections::HashSet;
use std::time::{Duration, SystemTime};

use easychat_proto::im::v1::{
    self as im, ConversationType, ListConversationsRequest, ListMessagesRequest,
    send_message_request,
};
use easychat_proto::social::v1::{
    BlockUserRequest, BlockedUser, CreateGroupRequest, DeleteFriendRequest, DissolveGroupRequest,
    Friend, FriendRequest, GetGroupRequest, Group, GroupMember, GroupRequest, GroupRequestSource,
    GroupRole, HandleFriendRequestRequest, HandleGroupRequestRequest, InviteToGroupRequest,
    InviteToGroupResponse, JoinGroupRequest, JoinGroupResponse, JoinPolicy, LeaveGroupRequest,
    ListBlockedUsersRequest, ListFriendRequestsRequest, ListFriendsRequest,
    ListGroupMembersRequest, ListGroupRequestsRequest, ListMyGroupsRequest, MuteMemberRequest,
    RemoveGroupMemberRequest, RequestDirection, RequestState, SearchGroupsRequest,
    SendFriendRequestRequest, SetMemberRoleRequest, TransferGroupOwnershipRequest,
    UnblockUserRequest, UpdateFriendRemarkRequest, UpdateGroupRequest,
};
use easychat_tests::{
    Code, TestServer, TestUser, assert_error, befriend, send_text, single_conversation_id, text,
};
use prost_types::Timestamp;
use tonic::Status;

// ----- helpers: friends -----

async fn send_request(
    from: &TestUser,
    to_id: &str,
    message: &str,
) -> Result<FriendRequest, Status> {
    let response = from
        .social()
        .send_friend_request(SendFriendRequestRequest {
            user_id: to_id.to_owned(),
            message: message.to_owned(),
        })
        .await?;
    Ok(response.into_inner().request.expect("friend request"))
}

async fn handle_request(
    by: &TestUser,
    request_id: &str,
    accept: bool,
) -> Result<FriendRequest, Status> {
    let response = by
        .social()
        .handle_friend_request(HandleFriendRequestRequest {
            request_id: request_id.to_owned(),
            accept,
            message: String::new(),
        })
        .await?;
    Ok(response.into_inner().request.expect("friend request"))
}

async fn list_requests(user: &TestUser, direction: RequestDirection) -> Vec<FriendRequest> {
    user.social()
        .list_friend_requests(ListFriendRequestsRequest {
            direction: direction as i32,
            page_size: 100,
            page_token: String::new(),
        })
        .await
        .expect("list friend requests")
        .into_inner()
        .requests
}

async fn list_friends(user: &TestUser, keyword: &str) -> Vec<Friend> {
    user.social()
        .list_friends(ListFriendsRequest {
            keyword: keyword.to_owned(),
            page_size: 100,
            page_token: String::new(),
        })
        .await
        .expect("list friends")
        .into_inner()
        .friends
}

fn friend_ids(friends: &[Friend]) -> HashSet<String> {
    friends
        .iter()
        .map(|friend| friend.user.as_ref().expect("friend user").user_id.clone())
        .collect()
}

async fn update_remark(user: &TestUser, friend_id: &str, remark: &str) -> Result<Friend, Status> {
    let response = user
        .social()
        .update_friend_remark(UpdateFriendRemarkRequest {
            user_id: friend_id.to_owned(),
            remark: remark.to_owned(),
        })
        .await?;
    Ok(response.into_inner().friend.expect("friend"))
}

async fn delete_friend(user: &TestUser, friend_id: &str) -> Result<(), Status> {
    user.social()
        .delete_friend(DeleteFriendRequest {
            user_id: friend_id.to_owned(),
        })
        .await?;
    Ok(())
}

// ----- helpers: blocks -----

async fn block(user: &TestUser, target_id: &str) -> Result<BlockedUser, Status> {
    let response = user
        .social()
        .block_user(BlockUserRequest {
            user_id: target_id.to_owned(),
        })
        .await?;
    Ok(response.into_inner().blocked_user.expect("blocked user"))
}

async fn unblock(user: &TestUser, target_id: &str) -> Result<(), Status> {
    user.social()
        .unblock_user(UnblockUserRequest {
            user_id: target_id.to_owned(),
        })
        .await?;
    Ok(())
}

/// Every user `user` blocked, page after page of `page_size`, with the number of pages.
async fn blocked_users(user: &TestUser, page_size: i32) -> (Vec<BlockedUser>, usize) {
    let (mut all, mut pages, mut page_token) = (Vec::new(), 0, String::new());
    loop {
        let page = user
            .social()
            .list_blocked_users(ListBlockedUsersRequest {
                page_size,
                page_token,
            })
            .await
            .expect("list blocked users")
            .into_inner();
        all.extend(page.blocked_users);
        pages += 1;
        if page.next_page_token.is_empty() {
            return (all, pages);
        }
        page_token = page.next_page_token;
    }
}

fn blocked_ids(blocked: &[BlockedUser]) -> Vec<String> {
    blocked
        .iter()
        .map(|b| {
            b.user
                .as_ref()
                .expect("blocked user profile")
                .user_id
                .clone()
        })
        .collect()
}

// ----- helpers: conversations and messages -----

async fn conversations(user: &TestUser) -> Vec<im::Conversation> {
    user.im()
        .list_conversations(ListConversationsRequest {
            include_hidden: true,
            page_size: 100,
            page_token: String::new(),
        })
        .await
        .expect("list conversations")
        .into_inner()
        .conversations
}

async fn conversation_ids(user: &TestUser) -> HashSet<String> {
    conversations(user)
        .await
        .into_iter()
        .map(|conversation| conversation.conversation_id)
        .collect()
}

fn group_conversation(group_id: &str) -> String {
    format!("g_{group_id}")
}

async fn send_to(
    sender: &TestUser,
    target: send_message_request::Target,
) -> Result<im::Message, Status> {
    let response = sender
        .im()
        .send_message(im::SendMessageRequest {
            client_msg_id: uuid::Uuid::new_v4().to_string(),
            target: Some(target),
            content: Some(text("hello")),
            ..Default::default()
        })
        .await?;
    Ok(response.into_inner().message.expect("sent message"))
}

async fn send_to_group(sender: &TestUser, group_id: &str) -> Result<im::Message, Status> {
    send_to(
        sender,
        send_message_request::Target::GroupId(group_id.to_owned()),
    )
    .await
}

async fn send_to_peer(sender: &TestUser, peer_id: &str) -> Result<im::Message, Status> {
    send_to(
        sender,
        send_message_request::Target::PeerUserId(peer_id.to_owned()),
    )
    .await
}

// ----- helpers: groups -----

async fn create_group(
    owner: &TestUser,
    name: &str,
    members: &[&TestUser],
    join_policy: JoinPolicy,
) -> Result<Group, Status> {
    let response = owner
        .social()
        .create_group(CreateGroupRequest {
            name: name.to_owned(),
            icon: String::new(),
            description: String::new(),
            member_ids: members.iter().map(|m| m.user_id.clone()).collect(),
            join_policy: join_policy as i32,
        })
        .await?;
    Ok(response.into_inner().group.expect("group"))
}

/// Befriends `owner` with each member, then creates a group of them named "team".
async fn new_group(owner: &TestUser, members: &[&TestUser], join_policy: JoinPolicy) -> Group {
    for member in members {
        befriend(owner, member).await;
    }
    create_group(owner, "team", members, join_policy)
        .await
        .expect("create group")
}

/// A group with an owner, one manager and one plain member.
struct Team {
    owner: TestUser,
    manager: TestUser,
    member: TestUser,
    group_id: String,
}

async fn team(server: &TestServer, join_policy: JoinPolicy) -> Team {
    let owner = server.register("owner").await;
    let manager = server.register("manager").await;
    let member = server.register("member").await;
    let group = new_group(&owner, &[&manager, &member], join_policy).await;
    set_role(
        &owner,
        &group.group_id,
        &manager.user_id,
        GroupRole::Manager,
    )
    .await
    .expect("promote the manager");
    Team {
        owner,
        manager,
        member,
        group_id: group.group_id,
    }
}

async fn get_group(user: &TestUser, group_id: &str) -> Result<Group, Status> {
    let response = user
        .social()
        .get_group(GetGroupRequest {
            group_id: group_id.to_owned(),
        })
        .await?;
    Ok(response.into_inner().group.expect("group"))
}

async fn update_group(user: &TestUser, request: UpdateGroupRequest) -> Result<Group, Status> {
    let response = user.social().update_group(request).await?;
    Ok(response.into_inner().group.expect("group"))
}

async fn members(user: &TestUser, group_id: &str) -> Result<Vec<GroupMember>, Status> {
    let response = user
        .social()
        .list_group_members(ListGroupMembersRequest {
            group_id: group_id.to_owned(),
            page_size: 500,
            page_token: String::new(),
        })
        .await?;
    Ok(response.into_inner().members)
}

fn member_ids(members: &[GroupMember]) -> Vec<String> {
    members
        .iter()
        .map(|member| member.user.as_ref().expect("member user").user_id.clone())
        .collect()
}

fn find_member<'a>(members: &'a [GroupMember], user_id: &str) -> Option<&'a GroupMember> {
    members
        .iter()
        .find(|member| member.user.as_ref().is_some_and(|u| u.user_id == user_id))
}

async fn role_of(viewer: &TestUser, group_id: &str, user_id: &str) -> Option<GroupRole> {
    let members = members(viewer, group_id).await.expect("list members");
    find_member(&members, user_id).map(GroupMember::role)
}

async fn set_role(
    actor: &TestUser,
    group_id: &str,
    user_id: &str,
    role: GroupRole,
) -> Result<GroupMember, Status> {
    let response = actor
        .social()
        .set_member_role(SetMemberRoleRequest {
            group_id: group_id.to_owned(),
            user_id: user_id.to_owned(),
            role: role as i32,
        })
        .await?;
    Ok(response.into_inner().member.expect("member"))
}

async fn join(user: &TestUser, group_id: &str) -> Result<JoinGroupResponse, Status> {
    let response = user
        .social()
        .join_group(JoinGroupRequest {
            group_id: group_id.to_owned(),
            message: "let me in".to_owned(),
        })
        .await?;
    Ok(response.into_inner())
}

async fn invite(
    inviter: &TestUser,
    group_id: &str,
    invitees: &[&TestUser],
) -> Result<InviteToGroupResponse, Status> {
    let response = inviter
        .social()
        .invite_to_group(InviteToGroupRequest {
            group_id: group_id.to_owned(),
            user_ids: invitees.iter().map(|u| u.user_id.clone()).collect(),
            message: "join us".to_owned(),
        })
        .await?;
    Ok(response.into_inner())
}

async fn list_group_requests(
    actor: &TestUser,
    group_id: &str,
) -> Result<Vec<GroupRequest>, Status> {
    let response = actor
        .social()
        .list_group_requests(ListGroupRequestsRequest {
            group_id: group_id.to_owned(),
            page_size: 100,
            page_token: String::new(),
        })
        .await?;
    Ok(response.into_inner().requests)
}

async fn handle_group_request(
    actor: &TestUser,
    request_id: &str,
    accept: bool,
) -> Result<GroupRequest, Status> {
    let response = actor
        .social()
        .handle_group_request(HandleGroupRequestRequest {
            request_id: request_id.to_owned(),
            accept,
            message: String::new(),
        })
        .await?;
    Ok(response.into_inner().request.expect("group request"))
}

/// Files a join request of `applicant` to an approval-required group; returns its id.
async fn apply(applicant: &TestUser, group_id: &str) -> String {
    let response = join(applicant, group_id).await.expect("join group");
    assert!(!response.joined, "the group needs approval");
    response.request.expect("pending request").request_id
}

async fn leave(user: &TestUser, group_id: &str) -> Result<(), Status> {
    user.social()
        .leave_group(LeaveGroupRequest {
            group_id: group_id.to_owned(),
        })
        .await?;
    Ok(())
}

async fn remove(actor: &TestUser, group_id: &str, user_id: &str) -> Result<(), Status> {
    actor
        .social()
        .remove_group_member(RemoveGroupMemberRequest {
            group_id: group_id.to_owned(),
            user_id: user_id.to_owned(),
        })
        .await?;
    Ok(())
}

async fn transfer(actor: &TestUser, group_id: &str, user_id: &str) -> Result<Group, Status> {
    let response = actor
        .social()
        .transfer_group_ownership(TransferGroupOwnershipRequest {
            group_id: group_id.to_owned(),
            user_id: user_id.to_owned(),
        })
        .await?;
    Ok(response.into_inner().group.expect("group"))
}

async fn mute(
    actor: &TestUser,
    group_id: &str,
    user_id: &str,
    muted_until: Option<Timestamp>,
) -> Result<GroupMember, Status> {
    let response = actor
        .social()
        .mute_member(MuteMemberRequest {
            group_id: group_id.to_owned(),
            user_id: user_id.to_owned(),
            muted_until,
        })
        .await?;
    Ok(response.into_inner().member.expect("member"))
}

fn in_an_hour() -> Timestamp {
    Timestamp::from(SystemTime::now() + Duration::from_secs(3600))
}

async fn dissolve(actor: &TestUser, group_id: &str) -> Result<(), Status> {
    actor
        .social()
        .dissolve_group(DissolveGroupRequest {
            group_id: group_id.to_owned(),
        })
        .await?;
    Ok(())
}

async fn my_group_ids(user: &TestUser) -> HashSet<String> {
    user.social()
        .list_my_groups(ListMyGroupsRequest {
            page_size: 100,
            page_token: String::new(),
        })
        .await
        .expect("list my groups")
        .into_inner()
        .groups
        .into_iter()
        .map(|group| group.group_id)
        .collect()
}

fn random_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

// ----- SendFriendRequest -----

#[tokio::test]
async fn friend_request_returns_a_pending_request() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;

    let request = send_request(&alice, &bob.user_id, "hi bob")
        .await
        .expect("send friend request");

    assert_eq!(request.state(), RequestState::Pending);
    assert_eq!(request.from_user.expect("from").user_id, alice.user_id);
    assert_eq!(request.to_user.expect("to").user_id, bob.user_id);
    assert_eq!(request.message, "hi bob");
}

#[tokio::test]
async fn friend_request_to_self_is_cannot_target_self() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let result = send_request(&alice, &alice.user_id, "me").await;

    assert_error(result, Code::InvalidArgument, "CANNOT_TARGET_SELF");
}

#[tokio::test]
async fn friend_request_to_unknown_user_is_user_not_found() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let result = send_request(&alice, &random_id(), "hi").await;

    assert_error(result, Code::NotFound, "USER_NOT_FOUND");
}

#[tokio::test]
async fn friend_request_with_malformed_user_id_is_invalid_field() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let result = send_request(&alice, "not-a-uuid", "hi").await;

    assert_error(result, Code::InvalidArgument, "INVALID_FIELD");
}

#[tokio::test]
async fn friend_request_to_a_friend_is_already_friends() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    befriend(&alice, &bob).await;

    let result = send_request(&bob, &alice.user_id, "again").await;

    assert_error(result, Code::AlreadyExists, "ALREADY_FRIENDS");
}

#[tokio::test]
async fn friend_request_while_one_is_pending_either_way_is_request_pending() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    send_request(&alice, &bob.user_id, "hi")
        .await
        .expect("first");

    assert_error(
        send_request(&alice, &bob.user_id, "hi again").await,
        Code::AlreadyExists,
        "REQUEST_PENDING",
    );
    assert_error(
        send_request(&bob, &alice.user_id, "hi back").await,
        Code::AlreadyExists,
        "REQUEST_PENDING",
    );
}

#[tokio::test]
async fn friend_request_message_over_256_chars_is_invalid_field() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;

    send_request(&alice, &bob.user_id, &"m".repeat(256))
        .await
        .expect("256 characters are fine");
    assert_error(
        send_request(&alice, &carol.user_id, &"m".repeat(257)).await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

// ----- ListFriendRequests -----

#[tokio::test]
async fn list_friend_requests_filters_by_direction_and_shows_state() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let outgoing = send_request(&alice, &bob.user_id, "to bob")
        .await
        .expect("a->b");
    let incoming = send_request(&carol, &alice.user_id, "to alice")
        .await
        .expect("c->a");
    handle_request(&alice, &incoming.request_id, true)
        .await
        .expect("accept");

    let incoming_list = list_requests(&alice, RequestDirection::Incoming).await;
    let outgoing_list = list_requests(&alice, RequestDirection::Outgoing).await;
    let both = list_requests(&alice, RequestDirection::Unspecified).await;

    assert_eq!(incoming_list.len(), 1, "{incoming_list:?}");
    assert_eq!(incoming_list[0].request_id, incoming.request_id);
    assert_eq!(incoming_list[0].state(), RequestState::Accepted);
    assert_eq!(outgoing_list.len(), 1, "{outgoing_list:?}");
    assert_eq!(outgoing_list[0].request_id, outgoing.request_id);
    assert_eq!(outgoing_list[0].state(), RequestState::Pending);
    let both: HashSet<String> = both.into_iter().map(|r| r.request_id).collect();
    assert_eq!(both, [incoming.request_id, outgoing.request_id].into());
}

// ----- HandleFriendRequest -----

#[tokio::test]
async fn only_the_target_can_handle_a_friend_request() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let mallory = server.register("mallory").await;
    let request = send_request(&alice, &bob.user_id, "hi")
        .await
        .expect("send");

    assert_error(
        handle_request(&alice, &request.request_id, true).await,
        Code::PermissionDenied,
        "NOT_REQUEST_TARGET",
    );
    assert_error(
        handle_request(&mallory, &request.request_id, true).await,
        Code::PermissionDenied,
        "NOT_REQUEST_TARGET",
    );
}

#[tokio::test]
async fn handling_a_friend_request_twice_is_request_already_handled() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let request = send_request(&alice, &bob.user_id, "hi")
        .await
        .expect("send");
    handle_request(&bob, &request.request_id, false)
        .await
        .expect("refuse");

    let result = handle_request(&bob, &request.request_id, true).await;

    assert_error(result, Code::FailedPrecondition, "REQUEST_ALREADY_HANDLED");
}

#[tokio::test]
async fn handling_unknown_friend_request_is_request_not_found() {
    let server = TestServer::start().await;
    let bob = server.register("bob").await;

    let result = handle_request(&bob, &random_id(), true).await;

    assert_error(result, Code::NotFound, "REQUEST_NOT_FOUND");
}

#[tokio::test]
async fn accepting_a_friend_request_lists_both_as_friends() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let request = send_request(&alice, &bob.user_id, "hi")
        .await
        .expect("send");

    let handled = handle_request(&bob, &request.request_id, true)
        .await
        .expect("accept");

    assert_eq!(handled.state(), RequestState::Accepted);
    let conversation_id = single_conversation_id(&alice.user_id, &bob.user_id);
    for (me, peer) in [(&alice, &bob), (&bob, &alice)] {
        let friends = list_friends(me, "").await;
        assert_eq!(friends.len(), 1, "{friends:?}");
        let user = friends[0].user.as_ref().expect("friend user");
        assert_eq!(user.user_id, peer.user_id);
        assert_eq!(user.phone, peer.phone, "friends see each other's phone");
        assert_eq!(friends[0].conversation_id, conversation_id);
        assert!(!friends[0].online, "no live sessions yet");
    }
}

#[tokio::test]
async fn accepting_a_friend_request_opens_their_single_conversation() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let request = send_request(&alice, &bob.user_id, "hi")
        .await
        .expect("send");

    handle_request(&bob, &request.request_id, true)
        .await
        .expect("accept");

    let conversation_id = single_conversation_id(&alice.user_id, &bob.user_id);
    for (me, peer) in [(&alice, &bob), (&bob, &alice)] {
        let list = conversations(me).await;
        let conversation = list
            .iter()
            .find(|c| c.conversation_id == conversation_id)
            .unwrap_or_else(|| panic!("{conversation_id} missing from {list:?}"));
        assert_eq!(conversation.r#type(), ConversationType::Single);
        assert_eq!(conversation.peer_user_id, peer.user_id);
        assert_eq!(conversation.unread_count, 0);
    }
}

#[tokio::test]
async fn refused_friend_can_ask_again() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let first = send_request(&alice, &bob.user_id, "hi")
        .await
        .expect("send");
    let refused = handle_request(&bob, &first.request_id, false)
        .await
        .expect("refuse");
    assert_eq!(refused.state(), RequestState::Refused);

    let second = send_request(&alice, &bob.user_id, "please")
        .await
        .expect("ask again");

    assert_ne!(second.request_id, first.request_id);
    assert_eq!(second.state(), RequestState::Pending);
    assert!(list_friends(&alice, "").await.is_empty());
}

// ----- ListFriends -----

#[tokio::test]
async fn list_friends_keyword_matches_nickname() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let charlie = server.register("Charlie Brown").await;
    let charlotte = server.register("Charlotte").await;
    let bob = server.register("Bob").await;
    for friend in [&charlie, &charlotte, &bob] {
        befriend(&alice, friend).await;
    }

    let found = list_friends(&alice, "Charl").await;

    assert_eq!(
        friend_ids(&found),
        [charlie.user_id, charlotte.user_id].into()
    );
}

// ----- UpdateFriendRemark -----

#[tokio::test]
async fn remark_is_set_and_matched_by_list_friends_keyword() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    befriend(&alice, &bob).await;
    befriend(&alice, &carol).await;

    let friend = update_remark(&alice, &bob.user_id, "The Boss")
        .await
        .expect("set remark");

    assert_eq!(friend.remark, "The Boss");
    let found = list_friends(&alice, "Boss").await;
    assert_eq!(friend_ids(&found), [bob.user_id].into());
    assert_eq!(found[0].remark, "The Boss");
}

#[tokio::test]
async fn remark_on_non_friend_is_friend_not_found() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;

    let result = update_remark(&alice, &bob.user_id, "stranger").await;

    assert_error(result, Code::NotFound, "FRIEND_NOT_FOUND");
}

#[tokio::test]
async fn remark_over_32_chars_is_invalid_field() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    befriend(&alice, &bob).await;

    let result = update_remark(&alice, &bob.user_id, &"r".repeat(33)).await;

    assert_error(result, Code::InvalidArgument, "INVALID_FIELD");
}

// ----- DeleteFriend -----

#[tokio::test]
async fn delete_non_friend_is_friend_not_found() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;

    let result = delete_friend(&alice, &bob.user_id).await;

    assert_error(result, Code::NotFound, "FRIEND_NOT_FOUND");
}

#[tokio::test]
async fn delete_friend_ends_the_friendship_on_both_sides() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    befriend(&alice, &bob).await;

    delete_friend(&alice, &bob.user_id).await.expect("delete");

    assert!(list_friends(&alice, "").await.is_empty());
    assert!(list_friends(&bob, "").await.is_empty());
}

#[tokio::test]
async fn deleted_friend_cannot_be_messaged_but_history_stays() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    let before = send_text(&alice, &conversation_id, "before")
        .await
        .expect("send while friends");

    delete_friend(&bob, &alice.user_id).await.expect("delete");

    assert_error(
        send_to_peer(&alice, &bob.user_id).await,
        Code::PermissionDenied,
        "NOT_FRIENDS",
    );
    let history = alice
        .im()
        .list_messages(ListMessagesRequest {
            conversation_id,
            ..Default::default()
        })
        .await
        .expect("history stays readable")
        .into_inner()
        .messages;
    let ids: Vec<String> = history.into_iter().map(|m| m.message_id).collect();
    assert_eq!(ids, vec![before.message_id]);
}

#[tokio::test]
async fn either_side_can_ask_again_after_delete_friend() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let dave = server.register("dave").await;
    befriend(&alice, &bob).await;
    befriend(&carol, &dave).await;

    delete_friend(&alice, &bob.user_id).await.expect("delete");
    delete_friend(&carol, &dave.user_id).await.expect("delete");

    send_request(&alice, &bob.user_id, "sorry")
        .await
        .expect("the one who deleted asks again");
    send_request(&dave, &carol.user_id, "why?")
        .await
        .expect("the one deleted asks again");
}

// ----- BlockUser / UnblockUser / ListBlockedUsers -----

#[tokio::test]
async fn blocking_twice_lists_the_user_once_with_the_first_block_time() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;

    let first = block(&alice, &bob.user_id).await.expect("block");
    let again = block(&alice, &bob.user_id).await.expect("block again");

    assert_eq!(first.user.as_ref().expect("user").nickname, "bob");
    assert_eq!(again.block_time, first.block_time);
    let (listed, _) = blocked_users(&alice, 0).await;
    assert_eq!(blocked_ids(&listed), [bob.user_id.as_str()]);
    assert_eq!(listed[0].block_time, first.block_time);
    assert!(blocked_users(&bob, 0).await.0.is_empty(), "one-sided");
}

#[tokio::test]
async fn blocked_users_are_listed_newest_first_in_pages() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let mut expected = Vec::new();
    for name in ["bob", "carol", "dave"] {
        let user = server.register(name).await;
        block(&alice, &user.user_id).await.expect("block");
        expected.push(user.user_id);
    }

    let (listed, pages) = blocked_users(&alice, 2).await;

    assert_eq!(pages, 2);
    let mut ids = blocked_ids(&listed);
    let times: Vec<_> = listed.iter().map(|b| b.block_time.expect("time")).collect();
    assert!(
        times
            .windows(2)
            .all(|w| (w[0].seconds, w[0].nanos) >= (w[1].seconds, w[1].nanos)),
        "newest first: {times:?}"
    );
    ids.sort();
    expected.sort();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn blocking_or_unblocking_yourself_is_cannot_target_self() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    assert_error(
        block(&alice, &alice.user_id).await,
        Code::InvalidArgument,
        "CANNOT_TARGET_SELF",
    );
    assert_error(
        unblock(&alice, &alice.user_id).await,
        Code::InvalidArgument,
        "CANNOT_TARGET_SELF",
    );
}

#[tokio::test]
async fn blocking_an_unknown_user_is_user_not_found() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    assert_error(
        block(&alice, &random_id()).await,
        Code::NotFound,
        "USER_NOT_FOUND",
    );
    assert_error(
        block(&alice, "not-a-uuid").await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
    assert!(blocked_users(&alice, 0).await.0.is_empty());
}

#[tokio::test]
async fn unblocking_a_user_not_blocked_changes_nothing() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;

    unblock(&alice, &bob.user_id).await.expect("unblock");
    block(&alice, &bob.user_id).await.expect("block");
    unblock(&alice, &bob.user_id).await.expect("unblock");
    unblock(&alice, &bob.user_id).await.expect("unblock again");

    assert!(blocked_users(&alice, 0).await.0.is_empty());
}

#[tokio::test]
async fn a_blocked_user_friend_request_is_refused_without_naming_the_block() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    block(&alice, &bob.user_id).await.expect("block");

    let result = send_request(&bob, &alice.user_id, "hi").await;

    assert_error(result, Code::PermissionDenied, "FRIEND_REQUEST_NOT_ALLOWED");
    assert!(
        list_requests(&alice, RequestDirection::Unspecified)
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn a_friend_request_to_a_user_you_blocked_is_you_blocked_this_user() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    block(&alice, &bob.user_id).await.expect("block");

    let result = send_request(&alice, &bob.user_id, "hi").await;

    assert_error(result, Code::PermissionDenied, "YOU_BLOCKED_THIS_USER");
    unblock(&alice, &bob.user_id).await.expect("unblock");
    send_request(&alice, &bob.user_id, "hi")
        .await
        .expect("unblocked, the request goes");
}

#[tokio::test]
async fn a_request_sent_before_a_block_is_not_accepted_across_it_but_may_be_refused() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    // Bob asked Alice, then Alice blocked him: she is told it is her block.
    let to_blocker = send_request(&bob, &alice.user_id, "hi")
        .await
        .expect("send");
    block(&alice, &bob.user_id).await.expect("block");
    // Alice asked Carol, then blocked her: Carol gets the neutral refusal.
    let from_blocker = send_request(&alice, &carol.user_id, "hi")
        .await
        .expect("send");
    block(&alice, &carol.user_id).await.expect("block");

    assert_error(
        handle_request(&alice, &to_blocker.request_id, true).await,
        Code::PermissionDenied,
        "YOU_BLOCKED_THIS_USER",
    );
    assert_error(
        handle_request(&carol, &from_blocker.request_id, true).await,
        Code::PermissionDenied,
        "FRIEND_REQUEST_NOT_ALLOWED",
    );
    let refused = handle_request(&alice, &to_blocker.request_id, false)
        .await
        .expect("refusing is allowed");
    assert_eq!(refused.state(), RequestState::Refused);
    assert!(list_friends(&alice, "").await.is_empty());
}

#[tokio::test]
async fn a_blocked_friend_gets_not_friends_and_the_blocker_you_blocked_this_user() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    send_to_peer(&bob, &alice.user_id)
        .await
        .expect("friends talk before the block");
    block(&alice, &bob.user_id).await.expect("block");

    assert_error(
        send_to_peer(&bob, &alice.user_id).await,
        Code::PermissionDenied,
        "NOT_FRIENDS",
    );
    assert_error(
        send_text(&bob, &conversation_id, "hello?").await,
        Code::PermissionDenied,
        "NOT_FRIENDS",
    );
    assert_error(
        send_to_peer(&alice, &bob.user_id).await,
        Code::PermissionDenied,
        "YOU_BLOCKED_THIS_USER",
    );
    // The friendship stays on both sides.
    assert!(friend_ids(&list_friends(&alice, "").await).contains(&bob.user_id));
    assert!(friend_ids(&list_friends(&bob, "").await).contains(&alice.user_id));
}

#[tokio::test]
async fn a_blocked_friend_gets_the_very_error_a_stranger_gets() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let stranger = server.register("stranger").await;
    befriend(&alice, &bob).await;
    block(&alice, &bob.user_id).await.expect("block");

    let blocked = send_to_peer(&bob, &alice.user_id)
        .await
        .expect_err("refused");
    let not_friend = send_to_peer(&stranger, &alice.user_id)
        .await
        .expect_err("refused");

    assert_eq!(
        (
            blocked.code(),
            blocked.message(),
            easychat_tests::reason(&blocked)
        ),
        (
            not_friend.code(),
            not_friend.message(),
            easychat_tests::reason(&not_friend)
        )
    );
}

#[tokio::test]
async fn unblocking_restores_messaging_both_ways_at_once() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    befriend(&alice, &bob).await;
    // Refused sends first, so the server has read the blocked pair before the unblock.
    block(&alice, &bob.user_id).await.expect("block");
    send_to_peer(&bob, &alice.user_id)
        .await
        .expect_err("blocked");
    send_to_peer(&alice, &bob.user_id)
        .await
        .expect_err("blocked");

    unblock(&alice, &bob.user_id).await.expect("unblock");

    send_to_peer(&bob, &alice.user_id)
        .await
        .expect("the unblocked user sends");
    send_to_peer(&alice, &bob.user_id)
        .await
        .expect("the blocker sends");
    assert_error(
        send_request(&bob, &alice.user_id, "hi").await,
        Code::AlreadyExists,
        "ALREADY_FRIENDS",
    );
}

#[tokio::test]
async fn a_block_refuses_the_next_send_at_once() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    befriend(&alice, &bob).await;
    // Sends first, so the server has read the pair as friends before the block.
    send_to_peer(&bob, &alice.user_id).await.expect("send");
    send_to_peer(&alice, &bob.user_id).await.expect("send");

    block(&bob, &alice.user_id).await.expect("block");

    assert_error(
        send_to_peer(&alice, &bob.user_id).await,
        Code::PermissionDenied,
        "NOT_FRIENDS",
    );
    assert_error(
        send_to_peer(&bob, &alice.user_id).await,
        Code::PermissionDenied,
        "YOU_BLOCKED_THIS_USER",
    );
}

// ----- CreateGroup -----

#[tokio::test]
async fn create_group_with_non_friend_member_is_not_friends() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let friend = server.register("friend").await;
    let stranger = server.register("stranger").await;
    befriend(&owner, &friend).await;

    let result = create_group(&owner, "team", &[&friend, &stranger], JoinPolicy::Open).await;

    assert_error(result, Code::PermissionDenied, "NOT_FRIENDS");
}

#[tokio::test]
async fn create_group_with_empty_or_long_name_is_invalid_field() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;

    for name in ["".to_owned(), "g".repeat(65)] {
        let result = create_group(&owner, &name, &[], JoinPolicy::Open).await;
        assert_error(result, Code::InvalidArgument, "INVALID_FIELD");
    }
    create_group(&owner, &"g".repeat(64), &[], JoinPolicy::Open)
        .await
        .expect("64 characters are fine");
}

#[tokio::test]
async fn create_group_makes_the_creator_owner_and_the_others_members() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;

    let group = new_group(&owner, &[&bob, &carol], JoinPolicy::Open).await;

    assert_eq!(group.owner_id, owner.user_id);
    assert_eq!(group.member_count, 3);
    assert_eq!(group.my_role(), GroupRole::Owner);
    let members = members(&owner, &group.group_id).await.expect("members");
    assert_eq!(members.len(), 3);
    assert_eq!(
        find_member(&members, &owner.user_id).map(GroupMember::role),
        Some(GroupRole::Owner)
    );
    for member in [&bob, &carol] {
        assert_eq!(
            find_member(&members, &member.user_id).map(GroupMember::role),
            Some(GroupRole::Member)
        );
    }
}

#[tokio::test]
async fn create_group_without_join_policy_requires_approval() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;

    let group = create_group(&owner, "team", &[], JoinPolicy::Unspecified)
        .await
        .expect("create");

    assert_eq!(group.join_policy(), JoinPolicy::ApprovalRequired);
    let stored = get_group(&owner, &group.group_id).await.expect("get");
    assert_eq!(stored.join_policy(), JoinPolicy::ApprovalRequired);
}

#[tokio::test]
async fn create_group_opens_its_conversation_for_creator_and_members() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let bob = server.register("bob").await;

    let group = new_group(&owner, &[&bob], JoinPolicy::Open).await;

    let conversation_id = group_conversation(&group.group_id);
    assert_eq!(group.conversation_id, conversation_id);
    assert!(conversation_ids(&owner).await.contains(&conversation_id));
    assert!(conversation_ids(&bob).await.contains(&conversation_id));
}

// ----- GetGroup -----

#[tokio::test]
async fn get_group_shows_notice_and_role_to_members_only() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let bob = server.register("bob").await;
    let outsider = server.register("outsider").await;
    let group = new_group(&owner, &[&bob], JoinPolicy::Open).await;
    update_group(
        &owner,
        UpdateGroupRequest {
            group_id: group.group_id.clone(),
            notice: Some("be nice".to_owned()),
            ..Default::default()
        },
    )
    .await
    .expect("set notice");

    let as_member = get_group(&bob, &group.group_id).await.expect("as member");
    let as_outsider = get_group(&outsider, &group.group_id)
        .await
        .expect("anyone can get a group");

    assert_eq!(as_member.notice, "be nice");
    assert!(as_member.joined);
    assert_eq!(as_member.my_role(), GroupRole::Member);
    assert_eq!(as_outsider.name, "team");
    assert_eq!(as_outsider.member_count, 2);
    assert_eq!(as_outsider.notice, "");
    assert!(!as_outsider.joined);
    assert_eq!(as_outsider.my_role(), GroupRole::Unspecified);
}

#[tokio::test]
async fn get_unknown_group_is_group_not_found() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let result = get_group(&alice, &random_id()).await;

    assert_error(result, Code::NotFound, "GROUP_NOT_FOUND");
}

#[tokio::test]
async fn get_group_with_malformed_id_is_invalid_field() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let result = get_group(&alice, "g_not-a-uuid").await;

    assert_error(result, Code::InvalidArgument, "INVALID_FIELD");
}

// ----- UpdateGroup -----

#[tokio::test]
async fn owner_and_manager_can_update_the_group() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::ApprovalRequired).await;

    update_group(
        &team.owner,
        UpdateGroupRequest {
            group_id: team.group_id.clone(),
            name: Some("renamed".to_owned()),
            ..Default::default()
        },
    )
    .await
    .expect("owner updates");
    let updated = update_group(
        &team.manager,
        UpdateGroupRequest {
            group_id: team.group_id.clone(),
            notice: Some("meeting at 10".to_owned()),
            join_policy: Some(JoinPolicy::Open as i32),
            ..Default::default()
        },
    )
    .await
    .expect("manager updates");

    assert_eq!(updated.name, "renamed");
    assert_eq!(updated.notice, "meeting at 10");
    assert_eq!(updated.join_policy(), JoinPolicy::Open);
    let seen = get_group(&team.member, &team.group_id).await.expect("get");
    assert_eq!(seen.name, "renamed");
    assert_eq!(seen.notice, "meeting at 10");
}

#[tokio::test]
async fn update_group_by_non_member_is_not_group_member() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    let outsider = server.register("outsider").await;

    let result = update_group(
        &outsider,
        UpdateGroupRequest {
            group_id: team.group_id.clone(),
            name: Some("mine".to_owned()),
            ..Default::default()
        },
    )
    .await;

    assert_error(result, Code::PermissionDenied, "NOT_GROUP_MEMBER");
}

#[tokio::test]
async fn update_group_by_plain_member_is_not_group_manager() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    let result = update_group(
        &team.member,
        UpdateGroupRequest {
            group_id: team.group_id.clone(),
            name: Some("mine".to_owned()),
            ..Default::default()
        },
    )
    .await;

    assert_error(result, Code::PermissionDenied, "NOT_GROUP_MANAGER");
}

#[tokio::test]
async fn update_group_to_unspecified_join_policy_is_invalid_field() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    let result = update_group(
        &team.owner,
        UpdateGroupRequest {
            group_id: team.group_id.clone(),
            join_policy: Some(JoinPolicy::Unspecified as i32),
            ..Default::default()
        },
    )
    .await;

    assert_error(result, Code::InvalidArgument, "INVALID_FIELD");
}

// ----- JoinGroup -----

#[tokio::test]
async fn joining_an_open_group_joins_at_once_with_its_conversation() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let joiner = server.register("joiner").await;
    let group = new_group(&owner, &[], JoinPolicy::Open).await;

    let response = join(&joiner, &group.group_id).await.expect("join");

    assert!(response.joined);
    assert_eq!(
        role_of(&owner, &group.group_id, &joiner.user_id).await,
        Some(GroupRole::Member)
    );
    assert!(
        conversation_ids(&joiner)
            .await
            .contains(&group_conversation(&group.group_id))
    );
}

#[tokio::test]
async fn joining_an_approval_group_files_a_pending_request() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let joiner = server.register("joiner").await;
    let group = new_group(&owner, &[], JoinPolicy::ApprovalRequired).await;

    let response = join(&joiner, &group.group_id).await.expect("join");

    assert!(!response.joined);
    let request = response.request.expect("pending request");
    assert_eq!(request.group_id, group.group_id);
    assert_eq!(
        request.user.as_ref().expect("applicant").user_id,
        joiner.user_id
    );
    assert_eq!(request.source(), GroupRequestSource::Apply);
    assert_eq!(request.state(), RequestState::Pending);
    assert_eq!(request.inviter_id, "");
    assert_eq!(
        role_of(&owner, &group.group_id, &joiner.user_id).await,
        None
    );
}

#[tokio::test]
async fn joining_again_while_pending_is_request_pending() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let joiner = server.register("joiner").await;
    let group = new_group(&owner, &[], JoinPolicy::ApprovalRequired).await;
    apply(&joiner, &group.group_id).await;

    let result = join(&joiner, &group.group_id).await;

    assert_error(result, Code::AlreadyExists, "REQUEST_PENDING");
}

#[tokio::test]
async fn joining_as_a_member_is_already_member() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    let result = join(&team.member, &team.group_id).await;

    assert_error(result, Code::AlreadyExists, "ALREADY_MEMBER");
}

// ----- InviteToGroup -----

#[tokio::test]
async fn invite_by_non_member_is_not_group_member() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    let outsider = server.register("outsider").await;
    let friend = server.register("friend").await;
    befriend(&outsider, &friend).await;

    let result = invite(&outsider, &team.group_id, &[&friend]).await;

    assert_error(result, Code::PermissionDenied, "NOT_GROUP_MEMBER");
}

#[tokio::test]
async fn inviting_a_non_friend_is_not_friends() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    let stranger = server.register("stranger").await;

    let result = invite(&team.owner, &team.group_id, &[&stranger]).await;

    assert_error(result, Code::PermissionDenied, "NOT_FRIENDS");
}

#[tokio::test]
async fn invite_by_manager_joins_at_once_in_an_approval_group() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::ApprovalRequired).await;
    let friend = server.register("friend").await;
    befriend(&team.manager, &friend).await;

    let response = invite(&team.manager, &team.group_id, &[&friend])
        .await
        .expect("invite");

    assert_eq!(response.joined_user_ids, vec![friend.user_id.clone()]);
    assert!(response.requests.is_empty());
    assert_eq!(
        role_of(&team.owner, &team.group_id, &friend.user_id).await,
        Some(GroupRole::Member)
    );
    assert!(
        conversation_ids(&friend)
            .await
            .contains(&group_conversation(&team.group_id))
    );
}

#[tokio::test]
async fn invite_by_plain_member_joins_at_once_in_an_open_group() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    let friend = server.register("friend").await;
    befriend(&team.member, &friend).await;

    let response = invite(&team.member, &team.group_id, &[&friend])
        .await
        .expect("invite");

    assert_eq!(response.joined_user_ids, vec![friend.user_id.clone()]);
    assert!(response.requests.is_empty());
    assert_eq!(
        role_of(&team.owner, &team.group_id, &friend.user_id).await,
        Some(GroupRole::Member)
    );
}

#[tokio::test]
async fn invite_by_plain_member_in_an_approval_group_files_a_request() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::ApprovalRequired).await;
    let friend = server.register("friend").await;
    befriend(&team.member, &friend).await;

    let response = invite(&team.member, &team.group_id, &[&friend])
        .await
        .expect("invite");

    assert!(response.joined_user_ids.is_empty());
    assert_eq!(response.requests.len(), 1, "{response:?}");
    let request = &response.requests[0];
    assert_eq!(request.source(), GroupRequestSource::Invite);
    assert_eq!(request.inviter_id, team.member.user_id);
    assert_eq!(request.state(), RequestState::Pending);
    assert_eq!(
        request.user.as_ref().expect("invitee").user_id,
        friend.user_id
    );
    assert_eq!(
        role_of(&team.owner, &team.group_id, &friend.user_id).await,
        None
    );
}

#[tokio::test]
async fn invite_skips_users_who_are_already_members() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    let newcomer = server.register("newcomer").await;
    befriend(&team.owner, &newcomer).await;

    let response = invite(&team.owner, &team.group_id, &[&team.member, &newcomer])
        .await
        .expect("invite");

    assert_eq!(response.joined_user_ids, vec![newcomer.user_id.clone()]);
    assert!(response.requests.is_empty());
    assert_eq!(
        members(&team.owner, &team.group_id)
            .await
            .expect("members")
            .len(),
        4
    );
}

// ----- ListGroupRequests / HandleGroupRequest -----

#[tokio::test]
async fn manager_lists_pending_group_requests() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::ApprovalRequired).await;
    let applicant = server.register("applicant").await;
    let request_id = apply(&applicant, &team.group_id).await;

    let requests = list_group_requests(&team.manager, &team.group_id)
        .await
        .expect("list requests");

    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0].request_id, request_id);
    assert_eq!(requests[0].state(), RequestState::Pending);
    assert_eq!(
        requests[0].user.as_ref().expect("applicant").user_id,
        applicant.user_id
    );
}

#[tokio::test]
async fn list_group_requests_by_plain_member_is_not_group_manager() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::ApprovalRequired).await;

    let result = list_group_requests(&team.member, &team.group_id).await;

    assert_error(result, Code::PermissionDenied, "NOT_GROUP_MANAGER");
}

#[tokio::test]
async fn handle_group_request_by_plain_member_is_not_group_manager() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::ApprovalRequired).await;
    let applicant = server.register("applicant").await;
    let request_id = apply(&applicant, &team.group_id).await;

    let result = handle_group_request(&team.member, &request_id, true).await;

    assert_error(result, Code::PermissionDenied, "NOT_GROUP_MANAGER");
}

#[tokio::test]
async fn approved_applicant_becomes_member_with_the_conversation() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::ApprovalRequired).await;
    let applicant = server.register("applicant").await;
    let request_id = apply(&applicant, &team.group_id).await;

    let handled = handle_group_request(&team.owner, &request_id, true)
        .await
        .expect("approve");

    assert_eq!(handled.state(), RequestState::Accepted);
    assert_eq!(handled.handler_id, team.owner.user_id);
    assert_eq!(
        role_of(&team.owner, &team.group_id, &applicant.user_id).await,
        Some(GroupRole::Member)
    );
    assert!(
        conversation_ids(&applicant)
            .await
            .contains(&group_conversation(&team.group_id))
    );
}

#[tokio::test]
async fn handling_a_group_request_twice_is_request_already_handled() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::ApprovalRequired).await;
    let applicant = server.register("applicant").await;
    let request_id = apply(&applicant, &team.group_id).await;
    handle_group_request(&team.owner, &request_id, true)
        .await
        .expect("approve");

    let result = handle_group_request(&team.manager, &request_id, false).await;

    assert_error(result, Code::FailedPrecondition, "REQUEST_ALREADY_HANDLED");
}

#[tokio::test]
async fn refused_applicant_can_apply_again() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::ApprovalRequired).await;
    let applicant = server.register("applicant").await;
    let first = apply(&applicant, &team.group_id).await;
    let refused = handle_group_request(&team.manager, &first, false)
        .await
        .expect("refuse");
    assert_eq!(refused.state(), RequestState::Refused);

    let second = apply(&applicant, &team.group_id).await;

    assert_ne!(second, first);
    assert_eq!(
        role_of(&team.owner, &team.group_id, &applicant.user_id).await,
        None
    );
}

// ----- ListMyGroups -----

#[tokio::test]
async fn list_my_groups_shows_every_group_i_am_in() {
    let server = TestServer::start().await;
    let me = server.register("me").await;
    let other = server.register("other").await;
    let mine = new_group(&me, &[], JoinPolicy::Open).await;
    let open = new_group(&other, &[], JoinPolicy::Open).await;
    join(&me, &open.group_id).await.expect("join");
    let invited = new_group(&other, &[&me], JoinPolicy::ApprovalRequired).await;
    new_group(&other, &[], JoinPolicy::Open).await; // not mine

    let groups = my_group_ids(&me).await;

    assert_eq!(
        groups,
        [mine.group_id, open.group_id, invited.group_id].into()
    );
}

// ----- ListGroupMembers -----

#[tokio::test]
async fn list_group_members_by_non_member_is_not_group_member() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    let outsider = server.register("outsider").await;

    let result = members(&outsider, &team.group_id).await;

    assert_error(result, Code::PermissionDenied, "NOT_GROUP_MEMBER");
}

#[tokio::test]
async fn list_group_members_shows_roles_owner_first_then_managers() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    let members = members(&team.member, &team.group_id)
        .await
        .expect("members");

    // The member joined before the manager was promoted; managers still come first.
    assert_eq!(
        member_ids(&members),
        vec![
            team.owner.user_id.clone(),
            team.manager.user_id.clone(),
            team.member.user_id.clone()
        ]
    );
    let roles: Vec<GroupRole> = members.iter().map(GroupMember::role).collect();
    assert_eq!(
        roles,
        vec![GroupRole::Owner, GroupRole::Manager, GroupRole::Member]
    );
    assert!(members.iter().all(|m| m.muted_until.is_none() && !m.online));
}

// ----- LeaveGroup -----

#[tokio::test]
async fn owner_cannot_leave_the_group() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    let result = leave(&team.owner, &team.group_id).await;

    assert_error(result, Code::FailedPrecondition, "OWNER_CANNOT_LEAVE");
}

#[tokio::test]
async fn member_who_leaves_loses_membership_conversation_and_sending() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    leave(&team.member, &team.group_id).await.expect("leave");

    assert_eq!(
        role_of(&team.owner, &team.group_id, &team.member.user_id).await,
        None
    );
    assert!(
        !conversation_ids(&team.member)
            .await
            .contains(&group_conversation(&team.group_id))
    );
    assert_error(
        send_to_group(&team.member, &team.group_id).await,
        Code::PermissionDenied,
        "NOT_GROUP_MEMBER",
    );
}

// ----- RemoveGroupMember -----

#[tokio::test]
async fn owner_removes_a_manager() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    remove(&team.owner, &team.group_id, &team.manager.user_id)
        .await
        .expect("remove");

    assert_eq!(
        role_of(&team.owner, &team.group_id, &team.manager.user_id).await,
        None
    );
}

#[tokio::test]
async fn manager_removes_a_plain_member() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    remove(&team.manager, &team.group_id, &team.member.user_id)
        .await
        .expect("remove");

    assert_eq!(
        role_of(&team.owner, &team.group_id, &team.member.user_id).await,
        None
    );
}

#[tokio::test]
async fn manager_removing_a_manager_or_the_owner_is_role_too_low() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    set_role(
        &team.owner,
        &team.group_id,
        &team.member.user_id,
        GroupRole::Manager,
    )
    .await
    .expect("promote a second manager");

    assert_error(
        remove(&team.manager, &team.group_id, &team.member.user_id).await,
        Code::PermissionDenied,
        "ROLE_TOO_LOW",
    );
    assert_error(
        remove(&team.manager, &team.group_id, &team.owner.user_id).await,
        Code::PermissionDenied,
        "ROLE_TOO_LOW",
    );
}

#[tokio::test]
async fn remove_by_plain_member_is_not_group_manager() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    let other = server.register("other").await;
    join(&other, &team.group_id).await.expect("join");

    let result = remove(&team.member, &team.group_id, &other.user_id).await;

    assert_error(result, Code::PermissionDenied, "NOT_GROUP_MANAGER");
}

#[tokio::test]
async fn removing_a_non_member_is_member_not_found() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    let outsider = server.register("outsider").await;

    let result = remove(&team.owner, &team.group_id, &outsider.user_id).await;

    assert_error(result, Code::NotFound, "MEMBER_NOT_FOUND");
}

#[tokio::test]
async fn removing_yourself_is_cannot_target_self() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    let result = remove(&team.owner, &team.group_id, &team.owner.user_id).await;

    assert_error(result, Code::InvalidArgument, "CANNOT_TARGET_SELF");
}

// ----- SetMemberRole -----

#[tokio::test]
async fn owner_promotes_and_demotes_members() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let bob = server.register("bob").await;
    let group = new_group(&owner, &[&bob], JoinPolicy::Open).await;

    let promoted = set_role(&owner, &group.group_id, &bob.user_id, GroupRole::Manager)
        .await
        .expect("promote");
    assert_eq!(promoted.role(), GroupRole::Manager);
    assert_eq!(
        role_of(&owner, &group.group_id, &bob.user_id).await,
        Some(GroupRole::Manager)
    );

    let demoted = set_role(&owner, &group.group_id, &bob.user_id, GroupRole::Member)
        .await
        .expect("demote");
    assert_eq!(demoted.role(), GroupRole::Member);
    assert_eq!(
        role_of(&owner, &group.group_id, &bob.user_id).await,
        Some(GroupRole::Member)
    );
}

#[tokio::test]
async fn set_member_role_by_non_owner_is_not_group_owner() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    assert_error(
        set_role(
            &team.manager,
            &team.group_id,
            &team.member.user_id,
            GroupRole::Manager,
        )
        .await,
        Code::PermissionDenied,
        "NOT_GROUP_OWNER",
    );
    assert_error(
        set_role(
            &team.member,
            &team.group_id,
            &team.manager.user_id,
            GroupRole::Member,
        )
        .await,
        Code::PermissionDenied,
        "NOT_GROUP_OWNER",
    );
}

#[tokio::test]
async fn set_member_role_to_owner_or_unspecified_is_invalid_field() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    for role in [GroupRole::Owner, GroupRole::Unspecified] {
        let result = set_role(&team.owner, &team.group_id, &team.member.user_id, role).await;
        assert_error(result, Code::InvalidArgument, "INVALID_FIELD");
    }
    assert_eq!(
        role_of(&team.owner, &team.group_id, &team.member.user_id).await,
        Some(GroupRole::Member)
    );
}

#[tokio::test]
async fn set_role_of_non_member_is_member_not_found() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    let outsider = server.register("outsider").await;

    let result = set_role(
        &team.owner,
        &team.group_id,
        &outsider.user_id,
        GroupRole::Manager,
    )
    .await;

    assert_error(result, Code::NotFound, "MEMBER_NOT_FOUND");
}

#[tokio::test]
async fn set_own_role_is_cannot_target_self() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    let result = set_role(
        &team.owner,
        &team.group_id,
        &team.owner.user_id,
        GroupRole::Manager,
    )
    .await;

    assert_error(result, Code::InvalidArgument, "CANNOT_TARGET_SELF");
}

// ----- TransferGroupOwnership -----

#[tokio::test]
async fn transfer_ownership_swaps_roles_and_owner_id() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    let group = transfer(&team.owner, &team.group_id, &team.member.user_id)
        .await
        .expect("transfer");

    assert_eq!(group.owner_id, team.member.user_id);
    let stored = get_group(&team.manager, &team.group_id).await.expect("get");
    assert_eq!(stored.owner_id, team.member.user_id);
    assert_eq!(
        role_of(&team.manager, &team.group_id, &team.member.user_id).await,
        Some(GroupRole::Owner)
    );
    assert_eq!(
        role_of(&team.manager, &team.group_id, &team.owner.user_id).await,
        Some(GroupRole::Member)
    );
}

#[tokio::test]
async fn transfer_by_non_owner_is_not_group_owner() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    let result = transfer(&team.manager, &team.group_id, &team.member.user_id).await;

    assert_error(result, Code::PermissionDenied, "NOT_GROUP_OWNER");
}

#[tokio::test]
async fn transfer_to_non_member_is_member_not_found() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    let outsider = server.register("outsider").await;

    let result = transfer(&team.owner, &team.group_id, &outsider.user_id).await;

    assert_error(result, Code::NotFound, "MEMBER_NOT_FOUND");
}

#[tokio::test]
async fn transfer_to_yourself_is_cannot_target_self() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    let result = transfer(&team.owner, &team.group_id, &team.owner.user_id).await;

    assert_error(result, Code::InvalidArgument, "CANNOT_TARGET_SELF");
}

// ----- MuteMember -----

#[tokio::test]
async fn member_muted_by_a_manager_cannot_send_to_the_group() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    send_to_group(&team.member, &team.group_id)
        .await
        .expect("sends before the mute");

    let muted = mute(
        &team.manager,
        &team.group_id,
        &team.member.user_id,
        Some(in_an_hour()),
    )
    .await
    .expect("mute");

    assert!(muted.muted_until.is_some());
    assert_error(
        send_to_group(&team.member, &team.group_id).await,
        Code::PermissionDenied,
        "MEMBER_MUTED",
    );
}

#[tokio::test]
async fn owner_mutes_a_manager_and_the_mute_is_listed() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    let until = in_an_hour();

    mute(
        &team.owner,
        &team.group_id,
        &team.manager.user_id,
        Some(until),
    )
    .await
    .expect("mute");

    let members = members(&team.member, &team.group_id)
        .await
        .expect("members");
    let manager = find_member(&members, &team.manager.user_id).expect("manager");
    let listed = manager.muted_until.expect("muted_until shown");
    assert_eq!(listed.seconds, until.seconds);
    let member = find_member(&members, &team.member.user_id).expect("member");
    assert_eq!(member.muted_until, None);
}

#[tokio::test]
async fn unmuted_member_can_send_again() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    mute(
        &team.owner,
        &team.group_id,
        &team.member.user_id,
        Some(in_an_hour()),
    )
    .await
    .expect("mute");

    let unmuted = mute(&team.owner, &team.group_id, &team.member.user_id, None)
        .await
        .expect("unmute");

    assert_eq!(unmuted.muted_until, None);
    send_to_group(&team.member, &team.group_id)
        .await
        .expect("sends after the unmute");
}

#[tokio::test]
async fn owner_muting_themself_is_cannot_target_self() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    let result = mute(
        &team.owner,
        &team.group_id,
        &team.owner.user_id,
        Some(in_an_hour()),
    )
    .await;

    assert_error(result, Code::InvalidArgument, "CANNOT_TARGET_SELF");
}

#[tokio::test]
async fn manager_muting_a_manager_or_the_owner_is_role_too_low() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    set_role(
        &team.owner,
        &team.group_id,
        &team.member.user_id,
        GroupRole::Manager,
    )
    .await
    .expect("promote a second manager");

    assert_error(
        mute(
            &team.manager,
            &team.group_id,
            &team.member.user_id,
            Some(in_an_hour()),
        )
        .await,
        Code::PermissionDenied,
        "ROLE_TOO_LOW",
    );
    assert_error(
        mute(
            &team.manager,
            &team.group_id,
            &team.owner.user_id,
            Some(in_an_hour()),
        )
        .await,
        Code::PermissionDenied,
        "ROLE_TOO_LOW",
    );
}

#[tokio::test]
async fn mute_by_plain_member_is_not_group_manager() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    let other = server.register("other").await;
    join(&other, &team.group_id).await.expect("join");

    let result = mute(
        &team.member,
        &team.group_id,
        &other.user_id,
        Some(in_an_hour()),
    )
    .await;

    assert_error(result, Code::PermissionDenied, "NOT_GROUP_MANAGER");
}

// ----- DissolveGroup -----

#[tokio::test]
async fn dissolve_by_non_owner_is_not_group_owner() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;

    let result = dissolve(&team.manager, &team.group_id).await;

    assert_error(result, Code::PermissionDenied, "NOT_GROUP_OWNER");
}

#[tokio::test]
async fn dissolved_group_is_gone_for_everyone() {
    let server = TestServer::start().await;
    let team = team(&server, JoinPolicy::Open).await;
    let conversation_id = group_conversation(&team.group_id);

    dissolve(&team.owner, &team.group_id)
        .await
        .expect("dissolve");

    assert_error(
        get_group(&team.member, &team.group_id).await,
        Code::NotFound,
        "GROUP_NOT_FOUND",
    );
    for user in [&team.owner, &team.manager, &team.member] {
        assert!(!my_group_ids(user).await.contains(&team.group_id));
        assert!(!conversation_ids(user).await.contains(&conversation_id));
    }
}

// ----- SearchGroups -----

#[tokio::test]
async fn search_groups_by_name_substring_with_member_count_and_joined() {
    let server = TestServer::start().await;
    let me = server.register("me").await;
    let bob = server.register("bob").await;
    let other = server.register("other").await;
    befriend(&me, &bob).await;
    let mine = create_group(&me, "Rust Lovers", &[&bob], JoinPolicy::Open)
        .await
        .expect("create");
    let theirs = create_group(&other, "Rustaceans", &[], JoinPolicy::Open)
        .await
        .expect("create");
    create_group(&other, "Gophers", &[], JoinPolicy::Open)
        .await
        .expect("create");

    let found = me
        .social()
        .search_groups(SearchGroupsRequest {
            keyword: "Rust".to_owned(),
            page_size: 0,
            page_token: String::new(),
        })
        .await
        .expect("search")
        .into_inner()
        .groups;

    assert_eq!(found.len(), 2, "{found:?}");
    let mine_found = found
        .iter()
        .find(|g| g.group_id == mine.group_id)
        .expect("my group found");
    assert_eq!(mine_found.member_count, 2);
    assert!(mine_found.joined);
    let theirs_found = found
        .iter()
        .find(|g| g.group_id == theirs.group_id)
        .expect("their group found");
    assert_eq!(theirs_found.member_count, 1);
    assert!(!theirs_found.joined);
}

// ----- Group size limit -----

/// A server whose groups hold at most 3 members, and a full open group on it.
async fn full_group(server: &TestServer) -> Team {
    assert_eq!(server.config.limits.max_group_members, 3);
    team(server, JoinPolicy::Open).await
}

#[tokio::test]
async fn joining_a_full_group_is_group_full() {
    let server = TestServer::start_with(|c| c.limits.max_group_members = 3).await;
    let team = full_group(&server).await;
    let joiner = server.register("joiner").await;

    let result = join(&joiner, &team.group_id).await;

    assert_error(result, Code::ResourceExhausted, "GROUP_FULL");
}

#[tokio::test]
async fn inviting_into_a_full_group_is_group_full() {
    let server = TestServer::start_with(|c| c.limits.max_group_members = 3).await;
    let team = full_group(&server).await;
    let friend = server.register("friend").await;
    befriend(&team.owner, &friend).await;

    let result = invite(&team.owner, &team.group_id, &[&friend]).await;

    assert_error(result, Code::ResourceExhausted, "GROUP_FULL");
}

#[tokio::test]
async fn approving_into_a_full_group_is_group_full() {
    let server = TestServer::start_with(|c| c.limits.max_group_members = 3).await;
    let owner = server.register("owner").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let applicant = server.register("applicant").await;
    let group = new_group(&owner, &[&bob], JoinPolicy::ApprovalRequired).await;
    let request_id = apply(&applicant, &group.group_id).await;
    befriend(&owner, &carol).await;
    invite(&owner, &group.group_id, &[&carol])
        .await
        .expect("the third member fills the group");

    let result = handle_group_request(&owner, &request_id, true).await;

    assert_error(result, Code::ResourceExhausted, "GROUP_FULL");
}
