//! SearchMessages (issue 16): what a user finds in their conversations, and never outside them.

use super::*;

async fn search_page(
    user: &TestUser,
    query: &str,
    conversation_id: &str,
    page_size: i32,
    page_token: &str,
) -> Result<im::SearchMessagesResponse, tonic::Status> {
    user.im()
        .search_messages(im::SearchMessagesRequest {
            query: query.to_owned(),
            conversation_id: conversation_id.to_owned(),
            page_size,
            page_token: page_token.to_owned(),
        })
        .await
        .map(|r| r.into_inner())
}

/// The texts of every hit, all pages, newest first.
async fn found(user: &TestUser, query: &str, conversation_id: &str) -> Vec<String> {
    search_page(user, query, conversation_id, 0, "")
        .await
        .expect("search")
        .hits
        .iter()
        .map(hit_text)
        .collect()
}

fn hit_text(hit: &im::SearchHit) -> String {
    match hit.message.as_ref().and_then(|m| m.content.as_ref()) {
        Some(im::MessageContent {
            kind: Some(Kind::Text(text)),
        }) => text.text.clone(),
        other => panic!("a hit is a text message: {other:?}"),
    }
}

/// The highlighted parts of a hit's snippet.
fn highlighted(hit: &im::SearchHit) -> Vec<String> {
    let chars: Vec<char> = hit.snippet.chars().collect();
    hit.highlights
        .iter()
        .map(|r| chars[r.start as usize..r.end as usize].iter().collect())
        .collect()
}

#[tokio::test]
async fn search_finds_my_messages_newest_first_with_the_matches_highlighted() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let with_bob = befriend(&alice, &bob).await;
    let with_carol = befriend(&alice, &carol).await;
    let bob_and_carol = befriend(&bob, &carol).await;
    sent(&alice, &with_bob, "hello bob").await;
    sent(&bob, &with_bob, "nothing to see").await;
    sent(&carol, &with_carol, "Hello from carol, HELLO again").await;
    sent(&carol, &bob_and_carol, "hello, bob only").await;

    let page = search_page(&alice, "hello", "", 0, "").await.unwrap();
    let texts: Vec<String> = page.hits.iter().map(hit_text).collect();
    assert_eq!(
        texts,
        ["Hello from carol, HELLO again", "hello bob"],
        "newest first"
    );
    assert_eq!(
        highlighted(&page.hits[0]),
        ["Hello", "HELLO"],
        "any case of ASCII letters"
    );
    assert!(page.next_page_token.is_empty());
    assert_eq!(
        found(&alice, "hello", &with_bob).await,
        ["hello bob"],
        "one conversation"
    );
    assert_eq!(found(&bob, "bob only", "").await, ["hello, bob only"]);
    assert!(
        found(&alice, "bob only", "").await.is_empty(),
        "never another's conversation"
    );
}

#[tokio::test]
async fn chinese_text_is_found_by_two_and_three_character_queries() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    sent(&alice, &id, "我们今晚去吃饭吧").await;
    sent(&bob, &id, "好的，七点见").await;

    assert_eq!(
        found(&bob, "吃饭", "").await,
        ["我们今晚去吃饭吧"],
        "two characters"
    );
    assert_eq!(
        found(&bob, "去吃饭", "").await,
        ["我们今晚去吃饭吧"],
        "three characters"
    );
    assert_eq!(found(&alice, "七点", "").await, ["好的，七点见"]);
    let page = search_page(&bob, "今晚去吃", "", 0, "").await.unwrap();
    assert_eq!(highlighted(&page.hits[0]), ["今晚去吃"]);
    assert!(found(&alice, "午饭", "").await.is_empty());
}

#[tokio::test]
async fn wildcards_and_quotes_in_a_query_are_plain_characters() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    for text in ["100% sure", "1000 times", "say \"yes\" now", "a_b and axb"] {
        sent(&alice, &id, text).await;
    }
    assert_eq!(found(&bob, "100%", "").await, ["100% sure"]);
    assert_eq!(found(&bob, "\"yes\"", "").await, ["say \"yes\" now"]);
    assert_eq!(found(&bob, "a_b", "").await, ["a_b and axb"]);
    assert_eq!(found(&bob, "%", "").await, ["100% sure"]);
}

#[tokio::test]
async fn search_leaves_out_recalled_deleted_cleared_and_earlier_edited_text() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    let recalled = sent(&alice, &id, "secret plan A").await;
    let deleted = sent(&alice, &id, "secret plan B").await;
    let edited = sent(&alice, &id, "secret plan C").await;
    recall(&alice, &recalled.message_id).await.unwrap();
    delete_for_me(&bob, &id, vec![deleted.message_id.clone()])
        .await
        .unwrap();
    edit_text(&alice, &edited.message_id, "public plan C").await;

    assert_eq!(found(&bob, "secret", "").await, Vec::<String>::new());
    assert_eq!(
        found(&alice, "secret", "").await,
        ["secret plan B"],
        "deleted for bob only"
    );
    assert_eq!(
        found(&bob, "public", "").await,
        ["public plan C"],
        "the edited text"
    );
    clear_for_me(&alice, &id).await.unwrap();
    assert!(found(&alice, "plan", "").await.is_empty(), "cleared");
    assert_eq!(found(&bob, "plan", "").await, ["public plan C"]);
}

#[tokio::test]
async fn a_late_group_member_finds_nothing_from_before_they_joined_and_a_leaver_nothing_more() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let early = server.register("early").await;
    let late = server.register("late").await;
    let group = create_group(&owner, &[&early]).await;
    let id = format!("g_{}", group.group_id);
    sent(&owner, &id, "meeting notes before").await;
    late.social()
        .join_group(social::JoinGroupRequest {
            group_id: group.group_id.clone(),
            message: String::new(),
        })
        .await
        .unwrap();
    sent(&owner, &id, "meeting notes after").await;

    assert_eq!(found(&late, "meeting", "").await, ["meeting notes after"]);
    assert_eq!(
        found(&early, "meeting", "").await,
        ["meeting notes after", "meeting notes before"]
    );
    late.social()
        .leave_group(social::LeaveGroupRequest {
            group_id: group.group_id.clone(),
        })
        .await
        .unwrap();
    assert_error(
        search_page(&late, "meeting", &id, 0, "").await,
        Code::PermissionDenied,
        "NOT_CONVERSATION_MEMBER",
    );
    assert!(
        found(&late, "meeting", "").await.is_empty(),
        "left: not searched"
    );
}

#[tokio::test]
async fn search_pages_go_back_in_time_without_repeating_a_hit() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let id = befriend(&alice, &bob).await;
    for n in 0..5 {
        sent(&alice, &id, &format!("note {n}")).await;
    }
    let mut seen = Vec::new();
    let mut token = String::new();
    loop {
        let page = search_page(&bob, "note", "", 2, &token).await.unwrap();
        assert!(page.hits.len() <= 2);
        seen.extend(page.hits.iter().map(hit_text));
        if page.next_page_token.is_empty() {
            break;
        }
        token = page.next_page_token;
    }
    assert_eq!(seen, ["note 4", "note 3", "note 2", "note 1", "note 0"]);
    assert_error(
        search_page(&bob, "note", "", 2, "not-a-token").await,
        Code::InvalidArgument,
        "INVALID_PAGE_TOKEN",
    );
}

#[tokio::test]
async fn a_query_must_be_one_to_a_hundred_characters() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    for bad in ["", "   ", &"x".repeat(101)] {
        assert_error(
            search_page(&alice, bad, "", 0, "").await,
            Code::InvalidArgument,
            "INVALID_FIELD",
        );
    }
    assert_error(
        search_page(&alice, "x", "", -1, "").await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

#[tokio::test]
async fn search_leaves_out_the_messages_of_users_i_blocked() {
    let server = TestServer::start().await;
    let owner = server.register("owner").await;
    let bob = server.register("bob").await;
    let group = create_group(&owner, &[&bob]).await;
    let id = format!("g_{}", group.group_id);
    sent(&bob, &id, "lunch plans from bob").await;
    sent(&owner, &id, "lunch plans from the owner").await;
    owner
        .social()
        .block_user(social::BlockUserRequest {
            user_id: bob.user_id.clone(),
        })
        .await
        .unwrap();
    assert_eq!(
        found(&owner, "lunch", "").await,
        ["lunch plans from the owner"]
    );
    assert_eq!(
        found(&bob, "lunch", "").await.len(),
        2,
        "bob's view is his own"
    );
}
