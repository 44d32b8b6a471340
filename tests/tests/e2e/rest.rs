//! REST/JSON on the gateway's HTTP port, over real HTTP against a real server: every route of
//! the OpenAPI document (success and its main error), bad requests, the client address behind
//! the gateway, and the old system's HTTP routes leading a legacy WebSocket client to chat with
//! a gRPC user.

use std::collections::BTreeSet;

use easychat_proto::im::v1 as im;
use easychat_tests::rest::RestClient;
use easychat_tests::ws::{TestGateway, TokenVia, chat_data, new_id};
use easychat_tests::{TestServer, single_conversation_id, unique_phone};
use serde_json::{Value, json};

/// `chatType` of a single chat in the WebSocket protocol.
const SINGLE: i64 = 2;

const PROXY_KEY: &str = "rest-test-proxy-key-0123456789";

/// A server and a gateway in front of it that share the proxy key, as `easychat serve` sets up.
async fn world_with(
    adjust: impl FnOnce(&mut easychat_server::config::Config),
) -> (TestServer, TestGateway) {
    let server = TestServer::start_with(|config| {
        config.limits.proxy_key = Some(PROXY_KEY.to_owned());
        adjust(config);
    })
    .await;
    let gateway = TestGateway::start_with(&server, |config| {
        config.proxy_key = Some(PROXY_KEY.to_owned());
        config.rest_max_body_bytes = 4096;
    })
    .await;
    (server, gateway)
}

/// A user registered over REST.
struct Person {
    id: String,
    token: String,
}

async fn register(rest: &RestClient, nickname: &str) -> Person {
    let body = rest
        .route(
            "POST",
            "/v1/users:register",
            &[],
            None,
            Some(json!({"phone": unique_phone(), "password": "password123", "nickname": nickname})),
        )
        .await
        .ok();
    Person {
        id: body["user"]["userId"].as_str().unwrap().to_owned(),
        token: body["token"].as_str().unwrap().to_owned(),
    }
}

fn str_of<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{pointer} in {value}"))
}

#[tokio::test]
async fn every_route_of_the_openapi_document_answers_and_refuses() {
    let (server, gateway) = world_with(|_| {}).await;
    let rest = RestClient::new(gateway.addr);
    let nobody = "00000000-0000-7000-8000-000000000000";

    // Users.
    let phone = unique_phone();
    let alice = rest
        .route(
            "POST",
            "/v1/users:register",
            &[],
            None,
            Some(json!({"phone": phone, "password": "password123", "nickname": "alice"})),
        )
        .await
        .ok();
    let alice = Person {
        id: str_of(&alice, "/user/userId").to_owned(),
        token: str_of(&alice, "/token").to_owned(),
    };
    rest.route(
        "POST",
        "/v1/users:register",
        &[],
        None,
        Some(json!({"phone": phone, "password": "password123", "nickname": "again"})),
    )
    .await
    .error(409, "PHONE_TAKEN");
    let bob = register(&rest, "bob").await;
    let carol = register(&rest, "carol").await;
    let login = rest
        .route(
            "POST",
            "/v1/users:login",
            &[],
            None,
            Some(json!({"phone": phone, "password": "password123"})),
        )
        .await
        .ok();
    assert!(
        login["expireTime"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z')),
        "{login}"
    );
    rest.route(
        "POST",
        "/v1/users:login",
        &[],
        None,
        Some(json!({"phone": phone, "password": "wrong-password"})),
    )
    .await
    .error(401, "BAD_CREDENTIALS");
    let me = rest
        .route("GET", "/v1/users/me", &[], Some(&alice.token), None)
        .await
        .ok();
    assert_eq!(me["user"]["phone"], phone.as_str());
    let missing = rest.route("GET", "/v1/users/me", &[], None, None).await;
    missing.error(401, "TOKEN_MISSING");
    assert_eq!(missing.headers["www-authenticate"], "Bearer");
    let user = rest
        .route(
            "GET",
            "/v1/users/{userId}",
            &[&bob.id],
            Some(&alice.token),
            None,
        )
        .await
        .ok();
    assert_eq!(user["user"]["nickname"], "bob");
    rest.route(
        "GET",
        "/v1/users/{userId}",
        &[nobody],
        Some(&alice.token),
        None,
    )
    .await
    .error(404, "USER_NOT_FOUND");
    let batch = format!("/v1/users:batchGet?userIds={}&userIds={}", bob.id, carol.id);
    let users = rest
        .route("GET", &batch, &[], Some(&alice.token), None)
        .await
        .ok();
    assert_eq!(users["users"].as_array().unwrap().len(), 2, "{users}");
    rest.route(
        "GET",
        "/v1/users:batchGet?userIds=not-an-id",
        &[],
        Some(&alice.token),
        None,
    )
    .await
    .error(400, "INVALID_FIELD");
    let patched = rest
        .route(
            "PATCH",
            "/v1/users/me",
            &[],
            Some(&alice.token),
            Some(json!({"nickname": "alice2"})),
        )
        .await
        .ok();
    assert_eq!(patched["user"]["nickname"], "alice2");
    rest.route(
        "PATCH",
        "/v1/users/me",
        &[],
        Some(&alice.token),
        Some(json!({"nickname": "x".repeat(100)})),
    )
    .await
    .error(400, "INVALID_FIELD");
    rest.route(
        "GET",
        "/v1/users:search?keyword=bob",
        &[],
        Some(&alice.token),
        None,
    )
    .await
    .ok();
    rest.route("GET", "/v1/users:search?keyword=bob", &[], None, None)
        .await
        .error(401, "TOKEN_MISSING");
    rest.route(
        "POST",
        "/v1/users/me:changePassword",
        &[],
        Some(&carol.token),
        Some(json!({"oldPassword": "not-the-password", "newPassword": "password456"})),
    )
    .await
    .error(403, "WRONG_PASSWORD");
    let changed = rest
        .route(
            "POST",
            "/v1/users/me:changePassword",
            &[],
            Some(&carol.token),
            Some(json!({"oldPassword": "password123", "newPassword": "password456"})),
        )
        .await
        .ok();
    let carol = Person {
        token: str_of(&changed, "/token").to_owned(),
        ..carol
    };
    rest.route(
        "GET",
        "/v1/users/me",
        &[],
        Some(&register(&rest, "old").await.token),
        None,
    )
    .await
    .ok();
    let spare = register(&rest, "spare").await;
    rest.route("POST", "/v1/users/me:logout", &[], Some(&spare.token), None)
        .await
        .ok();
    rest.route("POST", "/v1/users/me:logout", &[], Some(&spare.token), None)
        .await
        .error(401, "TOKEN_REVOKED");

    // Friends.
    let sent = rest
        .route(
            "POST",
            "/v1/friend-requests",
            &[],
            Some(&alice.token),
            Some(json!({"userId": bob.id, "message": "hi"})),
        )
        .await
        .ok();
    let request_id = str_of(&sent, "/request/requestId").to_owned();
    rest.route(
        "POST",
        "/v1/friend-requests",
        &[],
        Some(&alice.token),
        Some(json!({"userId": alice.id})),
    )
    .await
    .error(400, "CANNOT_TARGET_SELF");
    let incoming = rest
        .route(
            "GET",
            "/v1/friend-requests?direction=REQUEST_DIRECTION_INCOMING",
            &[],
            Some(&bob.token),
            None,
        )
        .await
        .ok();
    assert_eq!(
        incoming["requests"][0]["requestId"],
        request_id.as_str(),
        "{incoming}"
    );
    rest.route(
        "GET",
        "/v1/friend-requests?pageToken=forged",
        &[],
        Some(&bob.token),
        None,
    )
    .await
    .error(400, "INVALID_PAGE_TOKEN");
    rest.route(
        "POST",
        "/v1/friend-requests/{requestId}:handle",
        &[&request_id],
        Some(&bob.token),
        Some(json!({"accept": true})),
    )
    .await
    .ok();
    rest.route(
        "POST",
        "/v1/friend-requests/{requestId}:handle",
        &[&request_id],
        Some(&bob.token),
        Some(json!({"accept": true})),
    )
    .await
    .error(400, "REQUEST_ALREADY_HANDLED");
    let friends = rest
        .route("GET", "/v1/friends", &[], Some(&alice.token), None)
        .await
        .ok();
    assert_eq!(friends["friends"].as_array().unwrap().len(), 1, "{friends}");
    rest.route("GET", "/v1/friends", &[], None, None)
        .await
        .error(401, "TOKEN_MISSING");
    let blocked = rest
        .route(
            "POST",
            "/v1/blocked-users",
            &[],
            Some(&alice.token),
            Some(json!({"userId": carol.id})),
        )
        .await
        .ok();
    assert_eq!(str_of(&blocked, "/blockedUser/user/userId"), carol.id);
    rest.route(
        "POST",
        "/v1/blocked-users",
        &[],
        Some(&alice.token),
        Some(json!({"userId": alice.id})),
    )
    .await
    .error(400, "CANNOT_TARGET_SELF");
    let listed = rest
        .route("GET", "/v1/blocked-users", &[], Some(&alice.token), None)
        .await
        .ok();
    assert_eq!(
        listed["blockedUsers"].as_array().unwrap().len(),
        1,
        "{listed}"
    );
    rest.route("GET", "/v1/blocked-users", &[], None, None)
        .await
        .error(401, "TOKEN_MISSING");
    rest.route(
        "DELETE",
        "/v1/blocked-users/{userId}",
        &[&carol.id],
        Some(&alice.token),
        None,
    )
    .await
    .ok();
    rest.route(
        "DELETE",
        "/v1/blocked-users/{userId}",
        &[&alice.id],
        Some(&alice.token),
        None,
    )
    .await
    .error(400, "CANNOT_TARGET_SELF");
    rest.route(
        "PATCH",
        "/v1/friends/{userId}",
        &[&bob.id],
        Some(&alice.token),
        Some(json!({"remark": "Bobby"})),
    )
    .await
    .ok();
    rest.route(
        "PATCH",
        "/v1/friends/{userId}",
        &[&carol.id],
        Some(&alice.token),
        Some(json!({"remark": "x"})),
    )
    .await
    .error(404, "FRIEND_NOT_FOUND");

    // Messages of the single conversation.
    let conversation = single_conversation_id(&alice.id, &bob.id);
    let sent = rest
        .route("POST", "/v1/messages", &[], Some(&alice.token),
            Some(json!({"clientMsgId": new_id(), "peerUserId": bob.id, "content": {"text": {"text": "hello over REST"}}})))
        .await
        .ok();
    let message_id = str_of(&sent, "/message/messageId").to_owned();
    assert_eq!(
        sent["message"]["seq"], "1",
        "int64 travels as a string: {sent}"
    );
    rest.route("POST", "/v1/messages", &[], Some(&alice.token),
        Some(json!({"clientMsgId": new_id(), "peerUserId": carol.id, "content": {"text": {"text": "hi"}}})))
        .await
        .error(403, "NOT_FRIENDS");
    let page = rest
        .route(
            "GET",
            "/v1/conversations/{conversationId}/messages?pageSize=10",
            &[&conversation],
            Some(&bob.token),
            None,
        )
        .await
        .ok();
    assert_eq!(
        page["messages"][0]["content"]["text"]["text"], "hello over REST",
        "{page}"
    );
    rest.route(
        "GET",
        "/v1/conversations/{conversationId}/messages",
        &[&conversation],
        Some(&carol.token),
        None,
    )
    .await
    .error(403, "NOT_CONVERSATION_MEMBER");
    rest.route(
        "GET",
        "/v1/messages/{messageId}",
        &[&message_id],
        Some(&bob.token),
        None,
    )
    .await
    .ok();
    rest.route(
        "GET",
        "/v1/messages/{messageId}",
        &[nobody],
        Some(&bob.token),
        None,
    )
    .await
    .error(404, "MESSAGE_NOT_FOUND");
    rest.route("GET", "/v1/conversations", &[], Some(&bob.token), None)
        .await
        .ok();
    rest.route("GET", "/v1/conversations", &[], None, None)
        .await
        .error(401, "TOKEN_MISSING");
    let got = rest
        .route(
            "GET",
            "/v1/conversations/{conversationId}",
            &[&conversation],
            Some(&bob.token),
            None,
        )
        .await
        .ok();
    assert_eq!(got["conversation"]["unreadCount"], "1", "{got}");
    rest.route(
        "GET",
        "/v1/conversations/{conversationId}",
        &[&conversation],
        Some(&carol.token),
        None,
    )
    .await
    .error(403, "NOT_CONVERSATION_MEMBER");
    let updated = rest
        .route(
            "PATCH",
            "/v1/conversations/{conversationId}",
            &[&conversation],
            Some(&bob.token),
            Some(json!({"pinned": true})),
        )
        .await
        .ok();
    assert_eq!(updated["conversation"]["pinned"], true, "{updated}");
    rest.route(
        "PATCH",
        "/v1/conversations/{conversationId}",
        &[&conversation],
        Some(&carol.token),
        Some(json!({"pinned": true})),
    )
    .await
    .error(403, "NOT_CONVERSATION_MEMBER");
    rest.route(
        "POST",
        "/v1/conversations/{conversationId}:markRead",
        &[&conversation],
        Some(&bob.token),
        Some(json!({"readSeq": "1"})),
    )
    .await
    .ok();
    rest.route(
        "POST",
        "/v1/conversations/{conversationId}:markRead",
        &[&conversation],
        Some(&carol.token),
        Some(json!({"readSeq": 1})),
    )
    .await
    .error(403, "NOT_CONVERSATION_MEMBER");
    rest.route(
        "GET",
        "/v1/messages/{messageId}/receipts",
        &[&message_id],
        Some(&alice.token),
        None,
    )
    .await
    .ok();
    rest.route(
        "GET",
        "/v1/messages/{messageId}/receipts",
        &[&message_id],
        Some(&carol.token),
        None,
    )
    .await
    .error(403, "NOT_CONVERSATION_MEMBER");
    rest.route(
        "POST",
        "/v1/conversations/{conversationId}:typing",
        &[&conversation],
        Some(&alice.token),
        None,
    )
    .await
    .ok();
    rest.route(
        "POST",
        "/v1/conversations/{conversationId}:typing",
        &[&conversation],
        Some(&carol.token),
        None,
    )
    .await
    .error(403, "NOT_CONVERSATION_MEMBER");
    rest.route(
        "POST",
        "/v1/messages/{messageId}:edit",
        &[&message_id],
        Some(&alice.token),
        Some(json!({"text": {"text": "edited over REST"}})),
    )
    .await
    .ok();
    rest.route(
        "POST",
        "/v1/messages/{messageId}:edit",
        &[&message_id],
        Some(&bob.token),
        Some(json!({"text": {"text": "not mine"}})),
    )
    .await
    .error(403, "EDIT_NOT_ALLOWED");
    let reacted = rest
        .route(
            "POST",
            "/v1/messages/{messageId}/reactions",
            &[&message_id],
            Some(&bob.token),
            Some(json!({"emoji": "👍"})),
        )
        .await
        .ok();
    assert_eq!(
        reacted["reactions"],
        json!([{"emoji": "👍", "count": "1", "reactedByMe": true}]),
        "{reacted}"
    );
    rest.route(
        "POST",
        "/v1/messages/{messageId}/reactions",
        &[&message_id],
        Some(&carol.token),
        Some(json!({"emoji": "👍"})),
    )
    .await
    .error(403, "NOT_CONVERSATION_MEMBER");
    // The emoji travels percent-encoded in the path.
    let unreacted = rest
        .route(
            "DELETE",
            "/v1/messages/{messageId}/reactions/{emoji}",
            &[&message_id, "%F0%9F%91%8D"],
            Some(&bob.token),
            None,
        )
        .await
        .ok();
    assert_eq!(unreacted["reactions"], json!([]), "{unreacted}");
    rest.route(
        "DELETE",
        "/v1/messages/{messageId}/reactions/{emoji}",
        &[&message_id, "%F0%9F%91%8D"],
        Some(&carol.token),
        None,
    )
    .await
    .error(403, "NOT_CONVERSATION_MEMBER");
    let searched = rest
        .route(
            "GET",
            "/v1/messages:search?query=over%20REST",
            &[],
            Some(&alice.token),
            None,
        )
        .await
        .ok();
    assert_eq!(
        searched["hits"].as_array().map(Vec::len),
        Some(1),
        "{searched}"
    );
    rest.route("GET", "/v1/messages:search?query=x", &[], None, None)
        .await
        .error(401, "TOKEN_MISSING");
    // Media: reserve, upload (to the URL it gives), complete, download.
    let upload = rest
        .route(
            "POST",
            "/v1/media",
            &[],
            Some(&alice.token),
            Some(json!({"kind": "MEDIA_KIND_FILE", "mimeType": "text/plain", "size": "5", "fileName": "a.txt"})),
        )
        .await
        .ok();
    let media_id = str_of(&upload, "/media/mediaId").to_owned();
    let mut put = reqwest::Client::new()
        .put(str_of(&upload, "/uploadUrl"))
        .body("hello");
    for (header, value) in upload["uploadHeaders"].as_object().expect("upload headers") {
        put = put.header(header, value.as_str().expect("a header value"));
    }
    let put = put.send().await.expect("the upload URL answers");
    assert!(put.status().is_success(), "{}", put.status());
    rest.route(
        "POST",
        "/v1/media",
        &[],
        Some(&alice.token),
        Some(json!({"kind": "MEDIA_KIND_IMAGE", "mimeType": "image/svg+xml", "size": "5"})),
    )
    .await
    .error(400, "MEDIA_TYPE_NOT_ALLOWED");
    let completed = rest
        .route(
            "POST",
            "/v1/media/{mediaId}:complete",
            &[&media_id],
            Some(&alice.token),
            None,
        )
        .await
        .ok();
    assert_eq!(completed["media"]["completed"], true, "{completed}");
    rest.route(
        "POST",
        "/v1/media/{mediaId}:complete",
        &[&media_id],
        Some(&carol.token),
        None,
    )
    .await
    .error(404, "MEDIA_NOT_FOUND");
    let download = rest
        .route(
            "GET",
            "/v1/media/{mediaId}:download-url",
            &[&media_id],
            Some(&alice.token),
            None,
        )
        .await
        .ok();
    let got = reqwest::get(str_of(&download, "/url"))
        .await
        .expect("the download URL answers");
    assert_eq!(got.text().await.unwrap(), "hello");
    rest.route(
        "GET",
        "/v1/media/{mediaId}:download-url",
        &[&media_id],
        Some(&carol.token),
        None,
    )
    .await
    .error(403, "MEDIA_NOT_SHARED");
    for (action, pinned) in [(":pin", 1), (":unpin", 0)] {
        let template = format!("/v1/messages/{{messageId}}{action}");
        let answer = rest
            .route("POST", &template, &[&message_id], Some(&alice.token), None)
            .await
            .ok();
        let listed = answer["pinnedMessages"].as_array().map(Vec::len);
        assert_eq!(listed, Some(pinned), "{answer}");
        rest.route("POST", &template, &[&message_id], Some(&carol.token), None)
            .await
            .error(403, "NOT_CONVERSATION_MEMBER");
    }
    rest.route(
        "POST",
        "/v1/messages/{messageId}:recall",
        &[&message_id],
        Some(&bob.token),
        None,
    )
    .await
    .error(403, "RECALL_NOT_ALLOWED");
    rest.route(
        "POST",
        "/v1/messages/{messageId}:recall",
        &[&message_id],
        Some(&alice.token),
        None,
    )
    .await
    .ok();
    rest.route(
        "POST",
        "/v1/conversations/{conversationId}/messages:deleteForMe",
        &[&conversation],
        Some(&bob.token),
        Some(json!({"messageIds": [message_id]})),
    )
    .await
    .ok();
    rest.route(
        "POST",
        "/v1/conversations/{conversationId}/messages:deleteForMe",
        &[&conversation],
        Some(&carol.token),
        Some(json!({"messageIds": [message_id]})),
    )
    .await
    .error(403, "NOT_CONVERSATION_MEMBER");
    rest.route(
        "POST",
        "/v1/conversations/{conversationId}:clearForMe",
        &[&conversation],
        Some(&bob.token),
        None,
    )
    .await
    .ok();
    rest.route(
        "POST",
        "/v1/conversations/{conversationId}:clearForMe",
        &[&conversation],
        Some(&carol.token),
        None,
    )
    .await
    .error(403, "NOT_CONVERSATION_MEMBER");
    rest.route(
        "DELETE",
        "/v1/friends/{userId}",
        &[&bob.id],
        Some(&alice.token),
        None,
    )
    .await
    .ok();
    rest.route(
        "DELETE",
        "/v1/friends/{userId}",
        &[&bob.id],
        Some(&alice.token),
        None,
    )
    .await
    .error(404, "FRIEND_NOT_FOUND");

    // Invitations go to friends: Alice befriends Carol.
    let to_carol = rest
        .route(
            "POST",
            "/v1/friend-requests",
            &[],
            Some(&alice.token),
            Some(json!({"userId": carol.id})),
        )
        .await
        .ok();
    rest.route(
        "POST",
        "/v1/friend-requests/{requestId}:handle",
        &[str_of(&to_carol, "/request/requestId")],
        Some(&carol.token),
        Some(json!({"accept": true})),
    )
    .await
    .ok();

    // Groups: an open one and one that needs approval.
    let created = rest
        .route(
            "POST",
            "/v1/groups",
            &[],
            Some(&alice.token),
            Some(json!({"name": "REST fans", "joinPolicy": "JOIN_POLICY_OPEN"})),
        )
        .await
        .ok();
    let group = str_of(&created, "/group/groupId").to_owned();
    rest.route(
        "POST",
        "/v1/groups",
        &[],
        Some(&alice.token),
        Some(json!({"name": ""})),
    )
    .await
    .error(400, "INVALID_FIELD");
    rest.route(
        "GET",
        "/v1/groups/{groupId}",
        &[&group],
        Some(&alice.token),
        None,
    )
    .await
    .ok();
    rest.route(
        "GET",
        "/v1/groups/{groupId}",
        &[nobody],
        Some(&alice.token),
        None,
    )
    .await
    .error(404, "GROUP_NOT_FOUND");
    rest.route(
        "POST",
        "/v1/groups/{groupId}:join",
        &[&group],
        Some(&bob.token),
        None,
    )
    .await
    .ok();
    rest.route(
        "POST",
        "/v1/groups/{groupId}:join",
        &[&group],
        Some(&bob.token),
        None,
    )
    .await
    .error(409, "ALREADY_MEMBER");
    rest.route(
        "PATCH",
        "/v1/groups/{groupId}",
        &[&group],
        Some(&alice.token),
        Some(json!({"notice": "be nice"})),
    )
    .await
    .ok();
    rest.route(
        "PATCH",
        "/v1/groups/{groupId}",
        &[&group],
        Some(&bob.token),
        Some(json!({"notice": "mine"})),
    )
    .await
    .error(403, "NOT_GROUP_MANAGER");
    rest.route(
        "POST",
        "/v1/groups/{groupId}:invite",
        &[&group],
        Some(&carol.token),
        Some(json!({"userIds": [carol.id]})),
    )
    .await
    .error(403, "NOT_GROUP_MEMBER");
    rest.route(
        "POST",
        "/v1/groups/{groupId}:invite",
        &[&group],
        Some(&alice.token),
        Some(json!({"userIds": [carol.id]})),
    )
    .await
    .ok();
    let members = rest
        .route(
            "GET",
            "/v1/groups/{groupId}/members",
            &[&group],
            Some(&bob.token),
            None,
        )
        .await
        .ok();
    assert_eq!(members["members"].as_array().unwrap().len(), 3, "{members}");
    let outsider = register(&rest, "outsider").await;
    rest.route(
        "GET",
        "/v1/groups/{groupId}/members",
        &[&group],
        Some(&outsider.token),
        None,
    )
    .await
    .error(403, "NOT_GROUP_MEMBER");
    rest.route("GET", "/v1/groups", &[], Some(&bob.token), None)
        .await
        .ok();
    rest.route("GET", "/v1/groups", &[], None, None)
        .await
        .error(401, "TOKEN_MISSING");
    let found = rest
        .route(
            "GET",
            "/v1/groups:search?keyword=REST",
            &[],
            Some(&outsider.token),
            None,
        )
        .await
        .ok();
    assert_eq!(found["groups"][0]["groupId"], group.as_str(), "{found}");
    rest.route("GET", "/v1/groups:search?keyword=REST", &[], None, None)
        .await
        .error(401, "TOKEN_MISSING");
    rest.route(
        "POST",
        "/v1/groups/{groupId}/members/{userId}:setRole",
        &[&group, &carol.id],
        Some(&bob.token),
        Some(json!({"role": "GROUP_ROLE_MANAGER"})),
    )
    .await
    .error(403, "NOT_GROUP_OWNER");
    rest.route(
        "POST",
        "/v1/groups/{groupId}/members/{userId}:setRole",
        &[&group, &bob.id],
        Some(&alice.token),
        Some(json!({"role": "GROUP_ROLE_MANAGER"})),
    )
    .await
    .ok();
    rest.route(
        "POST",
        "/v1/groups/{groupId}/members/{userId}:mute",
        &[&group, &bob.id],
        Some(&carol.token),
        Some(json!({"mutedUntil": "2099-01-01T00:00:00Z"})),
    )
    .await
    .error(403, "NOT_GROUP_MANAGER");
    rest.route(
        "POST",
        "/v1/groups/{groupId}/members/{userId}:mute",
        &[&group, &carol.id],
        Some(&bob.token),
        Some(json!({"mutedUntil": "2099-01-01T00:00:00Z"})),
    )
    .await
    .ok();
    rest.route(
        "DELETE",
        "/v1/groups/{groupId}/members/{userId}",
        &[&group, &bob.id],
        Some(&carol.token),
        None,
    )
    .await
    .error(403, "NOT_GROUP_MANAGER");
    rest.route(
        "DELETE",
        "/v1/groups/{groupId}/members/{userId}",
        &[&group, &carol.id],
        Some(&bob.token),
        None,
    )
    .await
    .ok();
    rest.route(
        "POST",
        "/v1/groups/{groupId}:leave",
        &[&group],
        Some(&alice.token),
        None,
    )
    .await
    .error(400, "OWNER_CANNOT_LEAVE");
    rest.route(
        "POST",
        "/v1/groups/{groupId}:transferOwnership",
        &[&group],
        Some(&bob.token),
        Some(json!({"userId": bob.id})),
    )
    .await
    .error(403, "NOT_GROUP_OWNER");
    rest.route(
        "POST",
        "/v1/groups/{groupId}:transferOwnership",
        &[&group],
        Some(&alice.token),
        Some(json!({"userId": bob.id})),
    )
    .await
    .ok();
    rest.route(
        "POST",
        "/v1/groups/{groupId}:leave",
        &[&group],
        Some(&alice.token),
        None,
    )
    .await
    .ok();

    let closed = rest
        .route(
            "POST",
            "/v1/groups",
            &[],
            Some(&alice.token),
            Some(json!({"name": "closed", "joinPolicy": "JOIN_POLICY_APPROVAL_REQUIRED"})),
        )
        .await
        .ok();
    let closed = str_of(&closed, "/group/groupId").to_owned();
    let asked = rest
        .route(
            "POST",
            "/v1/groups/{groupId}:join",
            &[&closed],
            Some(&carol.token),
            Some(json!({"message": "let me in"})),
        )
        .await
        .ok();
    assert_eq!(asked["joined"], false, "{asked}");
    let pending = rest
        .route(
            "GET",
            "/v1/groups/{groupId}/requests",
            &[&closed],
            Some(&alice.token),
            None,
        )
        .await
        .ok();
    let group_request = str_of(&pending, "/requests/0/requestId").to_owned();
    rest.route(
        "GET",
        "/v1/groups/{groupId}/requests",
        &[&closed],
        Some(&carol.token),
        None,
    )
    .await
    .error(403, "NOT_GROUP_MEMBER");
    rest.route(
        "POST",
        "/v1/group-requests/{requestId}:handle",
        &[nobody],
        Some(&alice.token),
        Some(json!({"accept": true})),
    )
    .await
    .error(404, "REQUEST_NOT_FOUND");
    rest.route(
        "POST",
        "/v1/group-requests/{requestId}:handle",
        &[&group_request],
        Some(&alice.token),
        Some(json!({"accept": true})),
    )
    .await
    .ok();
    rest.route(
        "DELETE",
        "/v1/groups/{groupId}",
        &[&closed],
        Some(&carol.token),
        None,
    )
    .await
    .error(403, "NOT_GROUP_OWNER");
    rest.route(
        "DELETE",
        "/v1/groups/{groupId}",
        &[&closed],
        Some(&alice.token),
        None,
    )
    .await
    .ok();

    // Every route the OpenAPI document lists was exercised above, and nothing else exists.
    let document = rest.raw("GET", "/openapi.json", None, &[], None).await.ok();
    let mut listed = BTreeSet::new();
    for (path, operations) in document["paths"].as_object().unwrap() {
        for method in operations.as_object().unwrap().keys() {
            listed.insert((method.clone(), path.clone()));
        }
    }
    assert_eq!(
        rest.exercised(),
        listed,
        "exercised routes vs /openapi.json"
    );
    server.stop().await;
}

#[tokio::test]
async fn bad_requests_get_a_clear_4xx_with_the_reason() {
    let (server, gateway) = world_with(|_| {}).await;
    let rest = RestClient::new(gateway.addr);
    let alice = register(&rest, "alice").await;
    let token = Some(alice.token.as_str());
    let post = |path: &'static str, body: &'static str| {
        rest.raw("POST", path, token, &[], Some(body.as_bytes().to_vec()))
    };

    let not_json = post("/v1/groups", "{name: 'x'").await;
    not_json.error(400, "INVALID_JSON");
    assert!(
        not_json.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not valid JSON")
    );
    let unknown = post("/v1/groups", r#"{"name": "x", "colour": "red"}"#).await;
    unknown.error(400, "INVALID_JSON");
    assert!(
        unknown.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("colour"),
        "{}",
        unknown.body
    );
    let wrong_type = post("/v1/groups", r#"{"name": 5}"#).await;
    wrong_type.error(400, "INVALID_JSON");
    assert!(
        wrong_type.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("name"),
        "{}",
        wrong_type.body
    );
    post("/v1/groups", "[1, 2]")
        .await
        .error(400, "INVALID_JSON");
    let bad_enum = post(
        "/v1/groups",
        r#"{"name": "x", "joinPolicy": "JOIN_POLICY_WHATEVER"}"#,
    )
    .await;
    bad_enum.error(400, "INVALID_JSON");

    let query = rest
        .raw("GET", "/v1/friends?pageSize=lots", token, &[], None)
        .await;
    query.error(400, "INVALID_PARAMETER");
    assert!(
        query.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("`pageSize` must be an integer, not `lots`"),
        "{}",
        query.body
    );
    rest.raw("GET", "/v1/friends?colour=red", token, &[], None)
        .await
        .error(400, "INVALID_PARAMETER");
    rest.raw("GET", "/v1/friends", token, &[], Some(b"{}".to_vec()))
        .await
        .error(400, "INVALID_JSON");

    // Over `rest_max_body_bytes` (4096 here): refused before the server sees it.
    let large = format!(r#"{{"name": "{}"}}"#, "x".repeat(5000)).into_bytes();
    rest.raw("POST", "/v1/groups", token, &[], Some(large))
        .await
        .error(413, "BODY_TOO_LARGE");

    rest.raw("GET", "/v1/users/me", None, &[], None)
        .await
        .error(401, "TOKEN_MISSING");
    rest.raw("GET", "/v1/users/me", Some("not-a-token"), &[], None)
        .await
        .error(401, "TOKEN_INVALID");
    rest.raw("GET", "/v1/nothing/here", token, &[], None)
        .await
        .error(404, "ROUTE_NOT_FOUND");
    let wrong_method = rest.raw("PUT", "/v1/groups/g", token, &[], None).await;
    wrong_method.error(405, "METHOD_NOT_ALLOWED");
    assert!(
        wrong_method.headers["allow"]
            .to_str()
            .unwrap()
            .contains("GET")
    );

    // A browser on another origin may call it (preflight, then the call), as with grpc-web.
    let preflight = rest
        .raw(
            "OPTIONS",
            "/v1/users/me",
            None,
            &[
                ("origin", "https://app.example"),
                ("access-control-request-method", "GET"),
                ("access-control-request-headers", "authorization"),
            ],
            None,
        )
        .await;
    assert!(preflight.status.is_success(), "{:?}", preflight.status);
    assert_eq!(
        preflight.headers["access-control-allow-origin"],
        "https://app.example"
    );
    let cross = rest
        .raw(
            "GET",
            "/v1/users/me",
            token,
            &[("origin", "https://app.example")],
            None,
        )
        .await;
    assert_eq!(
        cross.headers["access-control-allow-origin"],
        "https://app.example"
    );
    cross.ok();
    server.stop().await;
}

#[tokio::test]
async fn per_address_limits_count_the_client_behind_the_gateway() {
    let (server, gateway) = world_with(|config| {
        config.limits.registrations_per_address_per_minute = 2;
    })
    .await;
    let first = RestClient::new(gateway.addr);
    register(&first, "one").await;
    register(&first, "two").await;
    let refused = first
        .route(
            "POST",
            "/v1/users:register",
            &[],
            None,
            Some(json!({"phone": unique_phone(), "password": "password123", "nickname": "three"})),
        )
        .await;
    refused.error(429, "RATE_LIMITED");
    assert!(
        refused.headers.contains_key("retry-after"),
        "{:?}",
        refused.headers
    );
    assert_eq!(
        refused.body["error"]["details"][1]["@type"],
        "type.googleapis.com/google.rpc.RetryInfo"
    );
    // Another client address (the gateway reaches the server from the same one for both):
    // its own budget, because the server believes the address the gateway forwards.
    let second = RestClient::from_address(gateway.addr, "127.0.0.2".parse().unwrap());
    register(&second, "four").await;
    server.stop().await;
}

#[tokio::test]
async fn without_the_proxy_key_a_forwarded_address_is_not_believed() {
    let server = TestServer::start_with(|config| {
        config.limits.registrations_per_address_per_minute = 1;
    })
    .await;
    // A gateway without the key, and a client that makes up an address in the header.
    let gateway = TestGateway::start(&server).await;
    let rest = RestClient::new(gateway.addr);
    register(&rest, "one").await;
    let forged = rest
        .raw(
            "POST",
            "/v1/users:register",
            None,
            &[("x-forwarded-for", "198.51.100.7")],
            Some(
                json!({"phone": unique_phone(), "password": "password123", "nickname": "two"})
                    .to_string()
                    .into_bytes(),
            ),
        )
        .await;
    forged.error(429, "RATE_LIMITED");
    server.stop().await;
}

#[tokio::test]
async fn a_legacy_client_logs_in_over_http_and_chats_over_websocket_with_a_grpc_user() {
    let (server, gateway) = world_with(|_| {}).await;
    let rest = RestClient::new(gateway.addr);
    let phone = unique_phone();
    // The old register and login: the old field names, sex as a number, {token, expire} back.
    let registered = rest
        .raw("POST", "/v1/user/register", None, &[], Some(
            json!({"phone": phone, "password": "password123", "nickname": "old-timer", "avatar": "", "sex": 2, "extra": "ignored"})
                .to_string().into_bytes()))
        .await
        .ok();
    assert!(
        registered["token"].is_string() && registered["expire"].as_i64().unwrap() > 0,
        "{registered}"
    );
    rest.raw(
        "POST",
        "/v1/user/register",
        None,
        &[],
        Some(
            json!({"phone": phone, "password": "password123", "nickname": "again"})
                .to_string()
                .into_bytes(),
        ),
    )
    .await
    .error(409, "PHONE_TAKEN");
    rest.raw(
        "POST",
        "/v1/user/login",
        None,
        &[],
        Some(
            json!({"phone": phone, "password": "wrong-password"})
                .to_string()
                .into_bytes(),
        ),
    )
    .await
    .error(401, "BAD_CREDENTIALS");
    let login = rest
        .raw(
            "POST",
            "/v1/user/login",
            None,
            &[],
            Some(
                json!({"phone": phone, "password": "password123"})
                    .to_string()
                    .into_bytes(),
            ),
        )
        .await
        .ok();
    let token = login["token"].as_str().unwrap().to_owned();
    assert!(login["expire"].as_i64().unwrap() > 0, "{login}");
    let info = rest
        .raw("GET", "/v1/user/user", Some(&token), &[], None)
        .await
        .ok();
    assert_eq!(info["info"]["phone"], phone.as_str(), "{info}");
    assert_eq!(info["info"]["nickname"], "old-timer");
    assert_eq!(info["info"]["sex"], 2);
    let legacy_id = info["info"]["id"].as_str().unwrap().to_owned();
    rest.raw("GET", "/v1/user/user", None, &[], None)
        .await
        .error(401, "TOKEN_MISSING");

    // A gRPC user befriends them; the legacy client opens /ws with the HTTP login's token.
    let grpc_user = server.register("grpc").await;
    let legacy = server
        .adopt(&legacy_id, &phone, "password123", &token)
        .await;
    easychat_tests::befriend(&grpc_user, &legacy).await;
    let (mut socket, _) = gateway
        .open(TokenVia::Protocol(&token))
        .await
        .expect("handshake");
    socket.ready().await;
    let answer = socket
        .request(
            &new_id(),
            "conversation.chat",
            chat_data(SINGLE, &grpc_user.user_id, "hello from the old app"),
        )
        .await;
    assert_eq!(answer["frameType"], 0, "{answer}");

    // The gRPC user reads it, answers, and the legacy client gets the push.
    let conversation = single_conversation_id(&legacy_id, &grpc_user.user_id);
    let page = grpc_user
        .im()
        .list_messages(im::ListMessagesRequest {
            conversation_id: conversation.clone(),
            page_size: 10,
            ..Default::default()
        })
        .await
        .expect("history")
        .into_inner();
    let texts: Vec<_> = page
        .messages
        .iter()
        .filter_map(|m| match m.content.as_ref()?.kind.as_ref()? {
            im::message_content::Kind::Text(text) => Some(text.text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(texts, ["hello from the old app"]);
    easychat_tests::send_text(&grpc_user, &conversation, "hello from gRPC")
        .await
        .expect("send over gRPC");
    let push = socket
        .push("chat", |data| data["content"] == "hello from gRPC")
        .await;
    assert_eq!(push["sendId"], grpc_user.user_id.as_str(), "{push}");
    server.stop().await;
}
