//! End-to-end tests of how stored text is kept, matched and ordered, which every storage backend
//! must do alike: emoji survive (utf8mb4) and are told apart, search wildcards in a keyword are
//! plain characters, matching ignores ASCII case, and results order by code point.

use easychat_proto::user::v1::{SearchUsersRequest, User};
use easychat_tests::{TestServer, TestUser};

async fn search(caller: &TestUser, keyword: &str) -> Vec<User> {
    caller
        .users()
        .search_users(SearchUsersRequest {
            keyword: keyword.to_owned(),
            page_size: 100,
            page_token: String::new(),
        })
        .await
        .expect("search users")
        .into_inner()
        .users
}

fn nicknames(users: &[User]) -> Vec<&str> {
    users.iter().map(|user| user.nickname.as_str()).collect()
}

#[tokio::test]
async fn emoji_in_nicknames_are_kept_and_told_apart() {
    let server = TestServer::start().await;
    let caller = server.register("caller").await;
    server.register("cat 🐱").await;
    server.register("dog 🐶").await;

    let found = search(&caller, "🐱").await;

    assert_eq!(nicknames(&found), ["cat 🐱"]);
}

#[tokio::test]
async fn wildcards_in_a_search_keyword_match_themselves() {
    let server = TestServer::start().await;
    let caller = server.register("caller").await;
    for nickname in [
        "100% sure",
        "100 sure",
        "snake_case",
        "snakeXcase",
        "wow!",
        "wow",
    ] {
        server.register(nickname).await;
    }

    assert_eq!(nicknames(&search(&caller, "0% s").await), ["100% sure"]);
    assert_eq!(nicknames(&search(&caller, "e_c").await), ["snake_case"]);
    assert_eq!(nicknames(&search(&caller, "w!").await), ["wow!"]);
}

#[tokio::test]
async fn search_ignores_ascii_case_and_orders_by_code_point() {
    let server = TestServer::start().await;
    let caller = server.register("caller").await;
    for nickname in ["bob zq", "Bob zq", "alice ZQ", "Émile zq"] {
        server.register(nickname).await;
    }

    let found = search(&caller, "zq").await;

    // Code point order: 'B' < 'a' < 'b' < 'É'.
    assert_eq!(
        nicknames(&found),
        ["Bob zq", "alice ZQ", "bob zq", "Émile zq"]
    );
}
