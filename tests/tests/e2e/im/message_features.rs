//! Replies, edits and reactions through ImService (issue 16): what a member sees in history,
//! and every refusal a client developer can meet.

use super::*;

fn image() -> im::MessageContent {
    im::MessageContent {
        kind: Some(Kind::Image(im::ImageContent {
            url: "https://img.example/cat.png".to_owned(),
            width: 10,
            height: 10,
            size: 100,
            ..Default::default()
        })),
    }
}

async fn reply(
    sender: &TestUser,
    conversation_id: &str,
    quoted: &str,
    body: &str,
) -> Result<im::Message, tonic::Status> {
    send_request(
        sender,
        im::SendMessageRequest {
            client_msg_id: new_id(),
            target: Some(to_conversation(conversation_id)),
            content: Some(text(body)),
            reply_to_message_id: quoted.to_owned(),
            ..Default::default()
        },
    )
    .await
    .map(|r| r.message.expect("message"))
}

async fn edit(user: &TestUser, message_id: &str, body: &str) -> Result<im::Message, tonic::Status> {
    user.im()
        .edit_message(im::EditMessageRequest {
            message_id: message_id.to_owned(),
            text: Some(im::TextContent {
                text: body.to_owned(),
            }),
        })
        .await
        .map(|r| r.into_inner().message.expect("edited message"))
}

async fn react(
    user: &TestUser,
    message_id: &str,
    emoji: &str,
) -> Result<Vec<im::ReactionCount>, tonic::Status> {
    user.im()
        .add_reaction(im::AddReactionRequest {
            message_id: message_id.to_owned(),
            emoji: emoji.to_owned(),
        })
        .await
        .map(|r| r.into_inner().reactions)
}

async fn unreact(
    user: &TestUser,
    message_id: &str,
    emoji: &str,
) -> Result<Vec<im::ReactionCount>, tonic::Status> {
    user.im()
        .remove_reaction(im::RemoveReactionRequest {
            message_id: message_id.to_owned(),
            emoji: emoji.to_owned(),
        })
        .await
        .map(|r| r.into_inner().reactions)
}

/// (emoji, count, reacted by me) of each reaction.
fn counts(reactions: &[im::ReactionCount]) -> Vec<(&str, i64, bool)> {
    reactions
        .iter()
        .map(|r| (r.emoji.as_str(), r.count, r.reacted_by_me))
        .collect()
}

async fn in_history(user: &TestUser, conversation_id: &str, message_id: &str) -> im::Message {
    messages(user, conversation_id)
        .await
        .expect("history")
        .into_iter()
        .find(|m| m.message_id == message_id)
        .expect("the message is in the history")
}

// ---------------------------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_reply_quotes_its_original_and_shows_its_later_edit_and_recall() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let original = sent(&alice, &id, "lunch at noon?").await;

    let answer = reply(&bob, &id, &original.message_id, "yes").await.unwrap();
    let quote = answer.reply_to.clone().expect("the reply quotes");
    assert_eq!(quote.message_id, original.message_id);
    assert_eq!(
        (quote.seq, quote.sender_id.as_str()),
        (1, alice.user_id.as_str())
    );
    assert_eq!(
        (quote.snippet.as_str(), quote.recalled),
        ("lunch at noon?", false)
    );
    let seen = in_history(&alice, &id, &answer.message_id).await;
    assert_eq!(seen.reply_to, Some(quote));

    edit(&alice, &original.message_id, "lunch at one?")
        .await
        .unwrap();
    let seen = in_history(&bob, &id, &answer.message_id).await;
    assert_eq!(
        seen.reply_to.unwrap().snippet,
        "lunch at one?",
        "the quote follows the edit"
    );

    recall(&alice, &original.message_id).await.unwrap();
    let seen = in_history(&bob, &id, &answer.message_id).await;
    let quote = seen.reply_to.expect("still a reply");
    assert!(quote.recalled, "a recalled original shows as recalled");
    assert_eq!(quote.snippet, "", "and its text is gone from the quote too");
    let got = bob
        .im()
        .get_message(im::GetMessageRequest {
            message_id: answer.message_id.clone(),
        })
        .await
        .unwrap()
        .into_inner()
        .message
        .unwrap();
    assert!(
        got.reply_to.unwrap().recalled,
        "GetMessage refreshes the quote too"
    );
}

#[tokio::test]
async fn a_reply_must_quote_a_live_message_of_the_same_conversation() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let with_bob = befriend(&alice, &bob).await;
    let with_carol = befriend(&alice, &carol).await;
    let elsewhere = sent(&alice, &with_carol, "for carol only").await;

    let refused = reply(&bob, &with_bob, &elsewhere.message_id, "peek").await;
    assert_error(refused, Code::NotFound, "MESSAGE_NOT_FOUND");
    let also_refused = reply(&alice, &with_bob, &elsewhere.message_id, "cross-post").await;
    assert_error(also_refused, Code::NotFound, "MESSAGE_NOT_FOUND");
    assert_error(
        reply(&bob, &with_bob, &new_id(), "ghost").await,
        Code::NotFound,
        "MESSAGE_NOT_FOUND",
    );
    assert_error(
        reply(&bob, &with_bob, "not an id", "junk").await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
    let gone = sent(&alice, &with_bob, "oops").await;
    recall(&alice, &gone.message_id).await.unwrap();
    assert_error(
        reply(&bob, &with_bob, &gone.message_id, "what?").await,
        Code::FailedPrecondition,
        "MESSAGE_RECALLED",
    );
    let kept = messages(&bob, &with_bob).await.unwrap();
    assert_eq!(kept.len(), 1, "no refused reply was stored");
}

// ---------------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_sender_edits_a_text_and_history_shows_the_latest_text_with_its_time() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let message = sent(&alice, &id, "helo").await;
    assert_eq!(message.edit_time, None);

    let edited = edit(&alice, &message.message_id, "hello").await.unwrap();
    assert_eq!(edited.content, Some(text("hello")));
    assert!(edited.edit_time.is_some());
    assert_eq!(
        (edited.seq, edited.send_time),
        (message.seq, message.send_time)
    );
    let seen = in_history(&bob, &id, &message.message_id).await;
    assert_eq!(seen.content, Some(text("hello")));
    assert_eq!(seen.edit_time, edited.edit_time);
    let conversation = conversation(&bob, &id).await.unwrap();
    assert_eq!(conversation.max_seq, 1, "an edit is not a new message");
}

#[tokio::test]
async fn only_the_sender_edits_only_text_and_never_a_recalled_message() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let message = sent(&alice, &id, "mine").await;

    assert_error(
        edit(&bob, &message.message_id, "yours now").await,
        Code::PermissionDenied,
        "EDIT_NOT_ALLOWED",
    );
    let picture = send(&alice, to_conversation(&id), Some(image()))
        .await
        .unwrap()
        .message
        .unwrap();
    assert_error(
        edit(&alice, &picture.message_id, "a caption").await,
        Code::PermissionDenied,
        "EDIT_NOT_ALLOWED",
    );
    assert_error(
        edit(&alice, &message.message_id, "").await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
    assert_error(
        edit(&alice, &new_id(), "nothing").await,
        Code::NotFound,
        "MESSAGE_NOT_FOUND",
    );
    recall(&alice, &message.message_id).await.unwrap();
    assert_error(
        edit(&alice, &message.message_id, "too late").await,
        Code::FailedPrecondition,
        "MESSAGE_RECALLED",
    );
    let seen = in_history(&bob, &id, &message.message_id).await;
    assert!(seen.recalled && seen.content.is_none(), "recall wins");
}

#[tokio::test]
async fn an_edit_after_the_window_is_refused() {
    let server = TestServer::start_with(|config| config.limits.edit_window_secs = 0).await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let message = sent(&alice, &id, "final").await;
    assert_error(
        edit(&alice, &message.message_id, "not final").await,
        Code::PermissionDenied,
        "EDIT_WINDOW_PASSED",
    );
}

// ---------------------------------------------------------------------------------------------
// Reactions
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn reactions_are_counted_per_emoji_and_each_reader_sees_their_own() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let message = sent(&alice, &id, "we won").await;
    let plain = sent(&alice, &id, "no reactions here").await;

    assert_eq!(
        counts(&react(&bob, &message.message_id, "🎉").await.unwrap()),
        [("🎉", 1, true)]
    );
    let again = react(&bob, &message.message_id, "🎉").await.unwrap();
    assert_eq!(
        counts(&again),
        [("🎉", 1, true)],
        "adding twice counts once"
    );
    let after_alice = react(&alice, &message.message_id, "🎉").await.unwrap();
    assert_eq!(counts(&after_alice), [("🎉", 2, true)]);
    react(&alice, &message.message_id, "👍").await.unwrap();

    let for_bob = in_history(&bob, &id, &message.message_id).await;
    assert_eq!(
        counts(&for_bob.reactions),
        [("🎉", 2, true), ("👍", 1, false)]
    );
    let for_alice = in_history(&alice, &id, &message.message_id).await;
    assert_eq!(
        counts(&for_alice.reactions),
        [("🎉", 2, true), ("👍", 1, true)]
    );
    assert!(
        in_history(&bob, &id, &plain.message_id)
            .await
            .reactions
            .is_empty()
    );

    let left = unreact(&bob, &message.message_id, "🎉").await.unwrap();
    assert_eq!(counts(&left), [("🎉", 1, false), ("👍", 1, false)]);
    let none_left = unreact(&bob, &message.message_id, "🎉").await.unwrap();
    assert_eq!(
        counts(&none_left),
        [("🎉", 1, false), ("👍", 1, false)],
        "idempotent"
    );
    unreact(&alice, &message.message_id, "🎉").await.unwrap();
    let for_bob = in_history(&bob, &id, &message.message_id).await;
    assert_eq!(
        counts(&for_bob.reactions),
        [("👍", 1, false)],
        "an emoji nobody uses is gone"
    );
}

#[tokio::test]
async fn reactions_are_bounded_per_message_and_per_user() {
    let server = TestServer::start_with(|config| {
        config.limits.max_reactions_per_message = 2;
        config.limits.max_reactions_per_user = 1;
    })
    .await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let message = sent(&alice, &id, "vote").await;

    react(&alice, &message.message_id, "👍").await.unwrap();
    assert_error(
        react(&alice, &message.message_id, "👎").await,
        Code::FailedPrecondition,
        "TOO_MANY_REACTIONS",
    );
    react(&bob, &message.message_id, "👎").await.unwrap();
    let carol_like = react(&bob, &message.message_id, "👍").await;
    assert_error(carol_like, Code::FailedPrecondition, "TOO_MANY_REACTIONS");
    unreact(&bob, &message.message_id, "👎").await.unwrap();
    let switched = react(&bob, &message.message_id, "👍").await.unwrap();
    assert_eq!(counts(&switched), [("👍", 2, true)]);
}

#[tokio::test]
async fn only_members_react_with_a_real_emoji_and_not_to_recalled_messages() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let mallory = server.register("mallory").await;
    let id = befriend(&alice, &bob).await;
    let message = sent(&alice, &id, "private").await;

    assert_error(
        react(&mallory, &message.message_id, "😈").await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
    assert_error(
        unreact(&mallory, &message.message_id, "😈").await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
    for bad in ["", "two words", &"x".repeat(17)] {
        assert_error(
            react(&bob, &message.message_id, bad).await,
            Code::InvalidArgument,
            "INVALID_FIELD",
        );
    }
    react(&bob, &message.message_id, "👀").await.unwrap();
    recall(&alice, &message.message_id).await.unwrap();
    assert_error(
        react(&bob, &message.message_id, "😮").await,
        Code::FailedPrecondition,
        "MESSAGE_RECALLED",
    );
    let seen = in_history(&bob, &id, &message.message_id).await;
    assert!(
        seen.reactions.is_empty(),
        "a recalled message shows no reactions"
    );
}

#[tokio::test]
async fn a_member_who_left_a_group_can_neither_react_nor_edit_there() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let member = server.register("member").await;
    let group = create_group(&owner, &[&member]).await;
    let conversation_id = format!("g_{}", group.group_id);
    let mine = sent(&member, &conversation_id, "before I go").await;
    let theirs = sent(&owner, &conversation_id, "stay").await;
    member
        .social()
        .leave_group(social::LeaveGroupRequest {
            group_id: group.group_id.clone(),
        })
        .await
        .unwrap();

    assert_error(
        react(&member, &theirs.message_id, "👋").await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
    assert_error(
        edit(&member, &mine.message_id, "changed my mind").await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
    assert_error(
        reply(
            &member,
            &conversation_id,
            &theirs.message_id,
            "one more thing",
        )
        .await,
        Code::PermissionDenied,
        "NOT_GROUP_MEMBER",
    );
}

// ---------------------------------------------------------------------------------------------
// Mentions
// ---------------------------------------------------------------------------------------------

async fn mention(
    sender: &TestUser,
    conversation_id: &str,
    user_ids: &[&TestUser],
    all: bool,
) -> Result<im::Message, tonic::Status> {
    send_request(
        sender,
        im::SendMessageRequest {
            client_msg_id: new_id(),
            target: Some(to_conversation(conversation_id)),
            content: Some(text("look")),
            mention_user_ids: user_ids.iter().map(|u| u.user_id.clone()).collect(),
            mention_all: all,
            ..Default::default()
        },
    )
    .await
    .map(|r| r.message.expect("message"))
}

async fn mentioned(user: &TestUser, conversation_id: &str) -> bool {
    let got = conversation(user, conversation_id).await.unwrap().mentioned;
    let listed = conversations(user, true)
        .await
        .into_iter()
        .find(|c| c.conversation_id == conversation_id)
        .expect("listed")
        .mentioned;
    assert_eq!(got, listed, "GetConversation and ListConversations agree");
    got
}

#[tokio::test]
async fn a_mentioned_member_sees_the_marker_until_they_read_past_it() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let group = create_group(&owner, &[&bob, &carol]).await;
    let id = format!("g_{}", group.group_id);
    sent(&owner, &id, "no one in particular").await;
    assert!(!mentioned(&bob, &id).await, "unread, but no mention");

    let message = mention(&owner, &id, &[&bob, &bob, &owner], false)
        .await
        .unwrap();
    assert_eq!(
        message.mentioned_user_ids,
        std::slice::from_ref(&bob.user_id),
        "once, without the sender"
    );
    assert!(!message.mentions_all);
    assert!(mentioned(&bob, &id).await);
    assert!(!mentioned(&carol, &id).await, "carol was not mentioned");
    let seen = in_history(&carol, &id, &message.message_id).await;
    assert_eq!(seen.mentioned_user_ids, std::slice::from_ref(&bob.user_id));
    sent(&carol, &id, "later chatter").await;
    mark_read(&bob, &id, message.seq).await.unwrap();
    assert!(!mentioned(&bob, &id).await, "read past the mention");

    let everyone = mention(&owner, &id, &[], true).await.unwrap();
    assert!(everyone.mentions_all);
    assert!(mentioned(&bob, &id).await && mentioned(&carol, &id).await);
    mark_read(&carol, &id, everyone.seq).await.unwrap();
    assert!(!mentioned(&carol, &id).await);
}

#[tokio::test]
async fn only_members_are_mentioned_and_only_managers_mention_everyone() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let bob = server.register("bob").await;
    let stranger = server.register("stranger").await;
    let group = create_group(&owner, &[&bob]).await;
    let id = format!("g_{}", group.group_id);

    assert_error(
        mention(&owner, &id, &[&stranger], false).await,
        Code::InvalidArgument,
        "MENTION_NOT_MEMBER",
    );
    assert_error(
        mention(&bob, &id, &[], true).await,
        Code::PermissionDenied,
        "MENTION_ALL_NOT_ALLOWED",
    );
    let single = befriend(&owner, &stranger).await;
    assert_error(
        mention(&owner, &single, &[], true).await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
    assert_error(
        mention(&owner, &single, &[&bob], false).await,
        Code::InvalidArgument,
        "MENTION_NOT_MEMBER",
    );
    let to_peer = mention(&owner, &single, &[&stranger], false).await.unwrap();
    assert_eq!(
        to_peer.mentioned_user_ids,
        std::slice::from_ref(&stranger.user_id)
    );
    assert!(mentioned(&stranger, &single).await);
    assert!(!mentioned(&bob, &id).await, "no refused mention was stored");
}

// ---------------------------------------------------------------------------------------------
// Pinned messages
// ---------------------------------------------------------------------------------------------

async fn pin(user: &TestUser, message_id: &str) -> Result<Vec<im::PinnedMessage>, tonic::Status> {
    user.im()
        .pin_message(im::PinMessageRequest {
            message_id: message_id.to_owned(),
        })
        .await
        .map(|r| r.into_inner().pinned_messages)
}

async fn unpin(user: &TestUser, message_id: &str) -> Result<Vec<im::PinnedMessage>, tonic::Status> {
    user.im()
        .unpin_message(im::UnpinMessageRequest {
            message_id: message_id.to_owned(),
        })
        .await
        .map(|r| r.into_inner().pinned_messages)
}

fn pinned_ids(pinned: &[im::PinnedMessage]) -> Vec<&str> {
    pinned
        .iter()
        .map(|p| p.message.as_ref().expect("message").message_id.as_str())
        .collect()
}

#[tokio::test]
async fn group_managers_pin_messages_that_every_member_sees_with_the_conversation() {
    let server = TestServer::start_with(|config| config.limits.max_pinned_messages = 2).await;
    let owner = server.register("owner").await;
    let bob = server.register("bob").await;
    let group = create_group(&owner, &[&bob]).await;
    let id = format!("g_{}", group.group_id);
    let rules = sent(&owner, &id, "rules: be nice").await;
    let agenda = sent(&bob, &id, "agenda").await;
    let third = sent(&bob, &id, "third").await;

    assert_error(
        pin(&bob, &rules.message_id).await,
        Code::PermissionDenied,
        "PIN_NOT_ALLOWED",
    );
    let pinned = pin(&owner, &rules.message_id).await.unwrap();
    assert_eq!(pinned_ids(&pinned), [rules.message_id.as_str()]);
    assert_eq!(pinned[0].pinned_by, owner.user_id);
    assert!(pinned[0].pin_time.is_some());
    assert_eq!(
        pinned_ids(&pin(&owner, &rules.message_id).await.unwrap()),
        [rules.message_id.as_str()],
        "pinning twice changes nothing"
    );
    let pinned = pin(&owner, &agenda.message_id).await.unwrap();
    assert_eq!(
        pinned_ids(&pinned),
        [agenda.message_id.as_str(), rules.message_id.as_str()],
        "newest pin first"
    );
    assert_error(
        pin(&owner, &third.message_id).await,
        Code::FailedPrecondition,
        "TOO_MANY_PINS",
    );
    let for_bob = conversation(&bob, &id).await.unwrap();
    assert_eq!(
        pinned_ids(&for_bob.pinned_messages),
        [agenda.message_id.as_str(), rules.message_id.as_str()]
    );
    let listed = conversations(&bob, true)
        .await
        .into_iter()
        .find(|c| c.conversation_id == id)
        .unwrap();
    assert_eq!(listed.pinned_messages, for_bob.pinned_messages);

    assert_error(
        unpin(&bob, &agenda.message_id).await,
        Code::PermissionDenied,
        "PIN_NOT_ALLOWED",
    );
    let left = unpin(&owner, &agenda.message_id).await.unwrap();
    assert_eq!(pinned_ids(&left), [rules.message_id.as_str()]);
    recall(&owner, &rules.message_id).await.unwrap();
    let for_bob = conversation(&bob, &id).await.unwrap();
    assert!(for_bob.pinned_messages.is_empty(), "a recall unpins");
    assert_error(
        pin(&owner, &rules.message_id).await,
        Code::FailedPrecondition,
        "MESSAGE_RECALLED",
    );
}

#[tokio::test]
async fn either_side_of_a_single_chat_pins_and_outsiders_cannot() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let mallory = server.register("mallory").await;
    let id = befriend(&alice, &bob).await;
    let message = sent(&alice, &id, "the address").await;

    let pinned = pin(&bob, &message.message_id).await.unwrap();
    assert_eq!(pinned_ids(&pinned), [message.message_id.as_str()]);
    assert_error(
        pin(&mallory, &message.message_id).await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
    assert_error(
        unpin(&mallory, &message.message_id).await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
    assert!(unpin(&alice, &message.message_id).await.unwrap().is_empty());
    assert!(
        conversation(&bob, &id)
            .await
            .unwrap()
            .pinned_messages
            .is_empty()
    );
}
