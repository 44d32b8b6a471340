//! End-to-end tests of UserService: registration, login, tokens, profiles and user search.

use std::collections::HashSet;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use easychat_proto::user::v1::user_service_client::UserServiceClient;
use easychat_proto::user::v1::{
    BatchGetUsersRequest, ChangePasswordRequest, GetMeRequest, GetUserRequest, LoginRequest,
    LoginResponse, LogoutRequest, RegisterRequest, SearchUsersRequest, SearchUsersResponse, Sex,
    UpdateProfileRequest, User,
};
use easychat_tests::{
    Authed, Bearer, Code, TestServer, TestUser, assert_error, befriend, unique_phone,
};
use tonic::Status;

// ----- helpers -----

fn registration(phone: &str, password: &str, nickname: &str) -> RegisterRequest {
    RegisterRequest {
        phone: phone.to_owned(),
        password: password.to_owned(),
        nickname: nickname.to_owned(),
        avatar: String::new(),
        sex: Sex::Unspecified as i32,
    }
}

/// A registration that passes every rule; tests change one field of it.
fn valid_registration() -> RegisterRequest {
    registration(&unique_phone(), "password123", "Newcomer")
}

async fn register(server: &TestServer, request: RegisterRequest) -> Result<User, Status> {
    let response = server.users().await.register(request).await?.into_inner();
    Ok(response.user.expect("registered user"))
}

/// A user client that sends `token`, whoever it belongs to.
async fn users_with_token(server: &TestServer, token: &str) -> UserServiceClient<Authed> {
    UserServiceClient::with_interceptor(server.channel().await, Bearer::new(token))
}

async fn get_me(user: &TestUser) -> Result<User, Status> {
    let response = user.users().get_me(GetMeRequest {}).await?.into_inner();
    Ok(response.user.expect("my profile"))
}

async fn get_user(caller: &TestUser, user_id: &str) -> Result<User, Status> {
    let response = caller
        .users()
        .get_user(GetUserRequest {
            user_id: user_id.to_owned(),
        })
        .await?
        .into_inner();
    Ok(response.user.expect("user"))
}

async fn batch_get(caller: &TestUser, user_ids: Vec<String>) -> Result<Vec<User>, Status> {
    let response = caller
        .users()
        .batch_get_users(BatchGetUsersRequest { user_ids })
        .await?
        .into_inner();
    Ok(response.users)
}

async fn login(server: &TestServer, phone: &str, password: &str) -> Result<LoginResponse, Status> {
    let response = server
        .users()
        .await
        .login(LoginRequest {
            phone: phone.to_owned(),
            password: password.to_owned(),
        })
        .await?;
    Ok(response.into_inner())
}

async fn change_password(user: &TestUser, old: &str, new: &str) -> Result<String, Status> {
    let response = user
        .users()
        .change_password(ChangePasswordRequest {
            old_password: old.to_owned(),
            new_password: new.to_owned(),
        })
        .await?;
    Ok(response.into_inner().token)
}

async fn search(
    caller: &TestUser,
    keyword: &str,
    page_size: i32,
    page_token: &str,
) -> Result<SearchUsersResponse, Status> {
    let response = caller
        .users()
        .search_users(SearchUsersRequest {
            keyword: keyword.to_owned(),
            page_size,
            page_token: page_token.to_owned(),
        })
        .await?;
    Ok(response.into_inner())
}

fn ids(users: &[User]) -> Vec<String> {
    users.iter().map(|user| user.user_id.clone()).collect()
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs() as i64
}

// ----- Register -----

#[tokio::test]
async fn register_returns_profile_and_a_working_token() {
    let server = TestServer::start().await;
    let request = valid_registration();
    let phone = request.phone.clone();

    let response = server
        .users()
        .await
        .register(request)
        .await
        .expect("register")
        .into_inner();

    let user = response.user.expect("user");
    assert!(uuid::Uuid::parse_str(&user.user_id).is_ok(), "{user:?}");
    assert_eq!(user.phone, phone);
    assert_eq!(user.nickname, "Newcomer");
    let expire = response.expire_time.expect("expire_time");
    assert!(
        expire.seconds > now_secs(),
        "token already expired: {expire:?}"
    );
    let me = users_with_token(&server, &response.token)
        .await
        .get_me(GetMeRequest {})
        .await
        .expect("the new token works at once")
        .into_inner()
        .user
        .expect("me");
    assert_eq!(me.user_id, user.user_id);
    assert_eq!(me.phone, phone);
}

#[tokio::test]
async fn register_accepts_values_at_the_limits() {
    let server = TestServer::start().await;
    let shortest = registration("12345", "12345678", "x");
    let mut longest = registration(
        &"9".repeat(20),
        &"p".repeat(128),
        &"名".repeat(32), // 32 characters, 96 bytes
    );
    longest.avatar = format!("https://example.com/{}", "a".repeat(492));
    assert_eq!(longest.avatar.chars().count(), 512);
    longest.sex = Sex::Female as i32;

    let short_user = register(&server, shortest).await.expect("shortest values");
    let long_user = register(&server, longest.clone())
        .await
        .expect("longest values");

    assert_eq!(short_user.nickname, "x");
    assert_eq!(long_user.nickname, longest.nickname);
    assert_eq!(long_user.avatar, longest.avatar);
    assert_eq!(long_user.sex(), Sex::Female);
}

#[tokio::test]
async fn register_with_malformed_phone_is_invalid_field() {
    let server = TestServer::start().await;
    for phone in [
        "",
        "1234",
        "+1234",
        "123456789012345678901",
        "12-3456789",
        "phone12345",
        "++12345678",
        "12345 678",
    ] {
        let mut request = valid_registration();
        request.phone = phone.to_owned();
        assert_error(
            register(&server, request).await,
            Code::InvalidArgument,
            "INVALID_FIELD",
        );
    }
}

#[tokio::test]
async fn register_with_password_outside_8_to_128_chars_is_invalid_field() {
    let server = TestServer::start().await;
    for password in ["".to_owned(), "1234567".to_owned(), "p".repeat(129)] {
        let mut request = valid_registration();
        request.password = password;
        assert_error(
            register(&server, request).await,
            Code::InvalidArgument,
            "INVALID_FIELD",
        );
    }
}

#[tokio::test]
async fn register_with_empty_blank_or_long_nickname_is_invalid_field() {
    let server = TestServer::start().await;
    for nickname in ["".to_owned(), "   ".to_owned(), "n".repeat(33)] {
        let mut request = valid_registration();
        request.nickname = nickname;
        assert_error(
            register(&server, request).await,
            Code::InvalidArgument,
            "INVALID_FIELD",
        );
    }
}

#[tokio::test]
async fn register_with_bad_avatar_is_invalid_field() {
    let server = TestServer::start().await;
    for avatar in [
        "ftp://example.com/me.png".to_owned(),
        "not a url".to_owned(),
        format!("https://example.com/{}", "a".repeat(493)), // 513 characters
    ] {
        let mut request = valid_registration();
        request.avatar = avatar;
        assert_error(
            register(&server, request).await,
            Code::InvalidArgument,
            "INVALID_FIELD",
        );
    }
}

#[tokio::test]
async fn register_with_unknown_sex_is_invalid_field() {
    let server = TestServer::start().await;
    let mut request = valid_registration();
    request.sex = 99;

    assert_error(
        register(&server, request).await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

#[tokio::test]
async fn register_with_taken_phone_is_phone_taken() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let result = register(&server, registration(&alice.phone, "another-pass", "bob")).await;

    assert_error(result, Code::AlreadyExists, "PHONE_TAKEN");
}

// ----- Login -----

#[tokio::test]
async fn login_returns_a_working_token() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let response = login(&server, &alice.phone, &alice.password)
        .await
        .expect("login");

    assert_eq!(response.user.expect("user").user_id, alice.user_id);
    assert!(response.expire_time.expect("expire_time").seconds > now_secs());
    let me = get_me(&alice.with_token(&response.token))
        .await
        .expect("login token works");
    assert_eq!(me.user_id, alice.user_id);
}

#[tokio::test]
async fn login_with_wrong_password_or_unknown_phone_is_bad_credentials() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    assert_error(
        login(&server, &alice.phone, "wrong-password").await,
        Code::Unauthenticated,
        "BAD_CREDENTIALS",
    );
    assert_error(
        login(&server, &unique_phone(), &alice.password).await,
        Code::Unauthenticated,
        "BAD_CREDENTIALS",
    );
}

// ----- Tokens -----

#[tokio::test]
async fn call_without_token_is_token_missing() {
    let server = TestServer::start().await;

    let result = server.users().await.get_me(GetMeRequest {}).await;

    assert_error(result, Code::Unauthenticated, "TOKEN_MISSING");
}

#[tokio::test]
async fn garbage_token_is_token_invalid() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let result = get_me(&alice.with_token("not-a-real-token")).await;

    assert_error(result, Code::Unauthenticated, "TOKEN_INVALID");
}

#[tokio::test]
async fn token_past_its_ttl_is_token_expired() {
    let server = TestServer::start_with(|config| config.auth.token_ttl_secs = 1).await;
    let alice = server.register("alice").await;

    tokio::time::sleep(Duration::from_millis(2100)).await;

    assert_error(get_me(&alice).await, Code::Unauthenticated, "TOKEN_EXPIRED");
}

// ----- GetMe / GetUser -----

#[tokio::test]
async fn get_me_returns_own_profile_with_phone() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let me = get_me(&alice).await.expect("get me");

    assert_eq!(me.user_id, alice.user_id);
    assert_eq!(me.phone, alice.phone);
    assert_eq!(me.nickname, "alice");
    assert!(me.create_time.is_some());
}

#[tokio::test]
async fn get_user_hides_phone_from_strangers() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;

    let seen = get_user(&bob, &alice.user_id).await.expect("get user");

    assert_eq!(seen.user_id, alice.user_id);
    assert_eq!(seen.nickname, "alice");
    assert_eq!(seen.phone, "");
}

#[tokio::test]
async fn get_user_shows_phone_to_friends_and_self() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    befriend(&alice, &bob).await;

    let by_friend = get_user(&bob, &alice.user_id).await.expect("as friend");
    let by_self = get_user(&alice, &alice.user_id).await.expect("as self");

    assert_eq!(by_friend.phone, alice.phone);
    assert_eq!(by_self.phone, alice.phone);
}

#[tokio::test]
async fn get_unknown_user_is_user_not_found() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let result = get_user(&alice, &uuid::Uuid::new_v4().to_string()).await;

    assert_error(result, Code::NotFound, "USER_NOT_FOUND");
}

#[tokio::test]
async fn get_user_with_malformed_id_is_invalid_field() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let result = get_user(&alice, "not-a-uuid").await;

    assert_error(result, Code::InvalidArgument, "INVALID_FIELD");
}

// ----- BatchGetUsers -----

#[tokio::test]
async fn batch_get_users_returns_known_users_in_request_order() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let carol = server.register("carol").await;
    let unknown = uuid::Uuid::new_v4().to_string();

    let users = batch_get(
        &alice,
        vec![
            carol.user_id.clone(),
            unknown,
            alice.user_id.clone(),
            bob.user_id.clone(),
        ],
    )
    .await
    .expect("batch get");

    assert_eq!(ids(&users), vec![carol.user_id, alice.user_id, bob.user_id]);
}

#[tokio::test]
async fn batch_get_users_returns_duplicates_once() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;

    let users = batch_get(
        &alice,
        vec![
            bob.user_id.clone(),
            alice.user_id.clone(),
            bob.user_id.clone(),
        ],
    )
    .await
    .expect("batch get");

    assert_eq!(ids(&users), vec![bob.user_id, alice.user_id]);
}

#[tokio::test]
async fn batch_get_users_takes_at_most_100_ids() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let random_ids =
        |n: usize| -> Vec<String> { (0..n).map(|_| uuid::Uuid::new_v4().to_string()).collect() };

    let hundred = batch_get(&alice, random_ids(100)).await.expect("100 ids");
    assert!(hundred.is_empty());
    assert_error(
        batch_get(&alice, random_ids(101)).await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

// ----- UpdateProfile -----

#[tokio::test]
async fn update_profile_changes_only_the_fields_set() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    alice
        .users()
        .update_profile(UpdateProfileRequest {
            nickname: None,
            avatar: Some("https://example.com/alice.png".to_owned()),
            sex: Some(Sex::Female as i32),
        })
        .await
        .expect("set avatar and sex");

    let updated = alice
        .users()
        .update_profile(UpdateProfileRequest {
            nickname: Some("Alice L.".to_owned()),
            avatar: None,
            sex: None,
        })
        .await
        .expect("set nickname")
        .into_inner()
        .user
        .expect("user");

    assert_eq!(updated.nickname, "Alice L.");
    assert_eq!(updated.avatar, "https://example.com/alice.png");
    assert_eq!(updated.sex(), Sex::Female);
    let me = get_me(&alice).await.expect("get me");
    assert_eq!(me.nickname, "Alice L.");
    assert_eq!(me.avatar, "https://example.com/alice.png");
    assert_eq!(me.sex(), Sex::Female);
}

#[tokio::test]
async fn update_profile_with_empty_avatar_removes_it() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    alice
        .users()
        .update_profile(UpdateProfileRequest {
            avatar: Some("https://example.com/alice.png".to_owned()),
            ..Default::default()
        })
        .await
        .expect("set avatar");

    alice
        .users()
        .update_profile(UpdateProfileRequest {
            avatar: Some(String::new()),
            ..Default::default()
        })
        .await
        .expect("remove avatar");

    assert_eq!(get_me(&alice).await.expect("get me").avatar, "");
}

#[tokio::test]
async fn update_profile_with_bad_nickname_is_invalid_field() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    for nickname in ["".to_owned(), "  ".to_owned(), "n".repeat(33)] {
        let result = alice
            .users()
            .update_profile(UpdateProfileRequest {
                nickname: Some(nickname),
                ..Default::default()
            })
            .await;
        assert_error(result, Code::InvalidArgument, "INVALID_FIELD");
    }
    assert_eq!(get_me(&alice).await.expect("get me").nickname, "alice");
}

// ----- ChangePassword -----

#[tokio::test]
async fn change_password_with_wrong_old_password_is_wrong_password() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let result = change_password(&alice, "not-my-password", "new-password-1").await;

    assert_error(result, Code::PermissionDenied, "WRONG_PASSWORD");
}

#[tokio::test]
async fn change_password_returns_a_working_token_and_revokes_the_old_one() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let token = change_password(&alice, &alice.password, "new-password-1")
        .await
        .expect("change password");

    let me = get_me(&alice.with_token(&token))
        .await
        .expect("new token works");
    assert_eq!(me.user_id, alice.user_id);
    assert_error(get_me(&alice).await, Code::Unauthenticated, "TOKEN_REVOKED");
}

#[tokio::test]
async fn change_password_switches_the_login_password() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    change_password(&alice, &alice.password, "new-password-1")
        .await
        .expect("change password");

    let response = login(&server, &alice.phone, "new-password-1")
        .await
        .expect("login with the new password");
    get_me(&alice.with_token(&response.token))
        .await
        .expect("its token works");
    assert_error(
        login(&server, &alice.phone, &alice.password).await,
        Code::Unauthenticated,
        "BAD_CREDENTIALS",
    );
}

// ----- Logout -----

#[tokio::test]
async fn logout_revokes_the_token_used() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    alice
        .users()
        .logout(LogoutRequest {})
        .await
        .expect("logout");

    assert_error(get_me(&alice).await, Code::Unauthenticated, "TOKEN_REVOKED");
}

#[tokio::test]
async fn logout_keeps_other_tokens_of_the_user_working() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let second = login(&server, &alice.phone, &alice.password)
        .await
        .expect("second login")
        .token;

    alice
        .users()
        .logout(LogoutRequest {})
        .await
        .expect("logout");

    let me = get_me(&alice.with_token(&second))
        .await
        .expect("the other token still works");
    assert_eq!(me.user_id, alice.user_id);
}

// ----- SearchUsers -----

#[tokio::test]
async fn search_users_by_exact_phone_hides_phone_from_strangers() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;

    let found = search(&bob, &alice.phone, 0, "")
        .await
        .expect("search")
        .users;

    assert_eq!(ids(&found), vec![alice.user_id.clone()]);
    assert_eq!(found[0].phone, "");
}

#[tokio::test]
async fn search_users_by_exact_phone_shows_phone_to_self_and_friends() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    befriend(&alice, &bob).await;

    let by_friend = search(&bob, &alice.phone, 0, "")
        .await
        .expect("search")
        .users;
    let by_self = search(&alice, &alice.phone, 0, "")
        .await
        .expect("search")
        .users;

    assert_eq!(ids(&by_friend), vec![alice.user_id.clone()]);
    assert_eq!(by_friend[0].phone, alice.phone);
    assert_eq!(ids(&by_self), vec![alice.user_id.clone()]);
    assert_eq!(by_self[0].phone, alice.phone);
}

#[tokio::test]
async fn search_users_by_nickname_substring() {
    let server = TestServer::start().await;
    let caller = server.register("caller").await;
    let alexander = server.register("Alexander").await;
    let alexandra = server.register("Alexandra").await;
    server.register("Bob").await;

    let found = search(&caller, "xand", 0, "").await.expect("search").users;

    let found: HashSet<String> = ids(&found).into_iter().collect();
    let expected: HashSet<String> = [alexander.user_id, alexandra.user_id].into();
    assert_eq!(found, expected);
}

#[tokio::test]
async fn search_users_with_empty_keyword_is_invalid_field() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    assert_error(
        search(&alice, "", 0, "").await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

#[tokio::test]
async fn search_users_pages_with_next_page_token() {
    let server = TestServer::start().await;
    let caller = server.register("caller").await;
    let mut expected = HashSet::new();
    for n in 0..5 {
        expected.insert(server.register(&format!("pager-{n}")).await.user_id);
    }

    let mut seen = Vec::new();
    let mut page_sizes = Vec::new();
    let mut token = String::new();
    loop {
        let page = search(&caller, "pager", 2, &token).await.expect("page");
        page_sizes.push(page.users.len());
        seen.extend(ids(&page.users));
        token = page.next_page_token;
        if token.is_empty() {
            break;
        }
        assert!(page_sizes.len() < 10, "paging does not end");
    }

    assert_eq!(page_sizes, vec![2, 2, 1]);
    assert_eq!(seen.len(), 5, "a user was returned twice: {seen:?}");
    assert_eq!(seen.into_iter().collect::<HashSet<_>>(), expected);
}

#[tokio::test]
async fn search_users_with_negative_page_size_is_invalid_field() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    assert_error(
        search(&alice, "alice", -1, "").await,
        Code::InvalidArgument,
        "INVALID_FIELD",
    );
}

#[tokio::test]
async fn search_users_with_garbage_page_token_is_invalid_page_token() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    assert_error(
        search(&alice, "alice", 0, "garbage-token").await,
        Code::InvalidArgument,
        "INVALID_PAGE_TOKEN",
    );
}
