//! The Prometheus endpoint: a real server with `observability.metrics_listen` on an ephemeral
//! port, driven over gRPC, then scraped over HTTP like Prometheus does.

#[allow(dead_code)] // the real-time helpers; this suite opens a Subscribe stream only
use std::net::SocketAddr;
use std::time::Duration;

use easychat_proto::im::v1 as im;
use easychat_tests::sessions;
use easychat_tests::{Code, TestServer, befriend, send_text, single_conversation_id};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::codegen::http::uri::PathAndQuery;

const WAIT: Duration = Duration::from_secs(10);

async fn server_with_metrics() -> TestServer {
    TestServer::start_with(|config| {
        config.observability.metrics_listen = Some(SocketAddr::from(([127, 0, 0, 1], 0)));
    })
    .await
}

/// `GET /metrics` over a plain TCP connection; returns the body after checking the status line
/// and the content type Prometheus expects.
async fn scrape(server: &TestServer) -> String {
    let addr = server.metrics_addr.expect("metrics listener");
    let mut connection = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connect to /metrics");
    connection
        .write_all(b"GET /metrics HTTP/1.1\r\nHost: metrics\r\nConnection: close\r\n\r\n")
        .await
        .expect("send the scrape request");
    let mut response = String::new();
    tokio::time::timeout(WAIT, connection.read_to_string(&mut response))
        .await
        .expect("scrape answered in time")
        .expect("read the scrape response");
    let (head, body) = response
        .split_once("\r\n\r\n")
        .expect("an HTTP response with a body");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: text/plain; version=0.0.4"),
        "{head}"
    );
    body.to_owned()
}

/// The value of one series (`name{labels}` exactly as rendered), or None when it is absent.
fn value(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| {
        let rest = line.strip_prefix(series)?.strip_prefix(' ')?;
        rest.trim().parse().ok()
    })
}

fn requests(service: &str, method: &str, code: &str) -> String {
    format!(
        "easychat_grpc_requests_total{{service=\"{service}\",method=\"{method}\",code=\"{code}\"}}"
    )
}

fn durations_count(service: &str, method: &str, code: &str) -> String {
    format!(
        "easychat_grpc_request_duration_seconds_count{{service=\"{service}\",method=\"{method}\",code=\"{code}\"}}"
    )
}

/// Scrapes until `check` accepts the text (a stream's end is recorded when its response body
/// is dropped, just after the client sees it end), or fails after `WAIT`.
async fn scrape_until(server: &TestServer, check: impl Fn(&str) -> bool) -> String {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let text = scrape(server).await;
        if check(&text) {
            return text;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "metrics never matched:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

const USERS: &str = "easychat.user.v1.UserService";
const SOCIAL: &str = "easychat.social.v1.SocialService";
const IM: &str = "easychat.im.v1.ImService";

#[tokio::test]
async fn calls_are_counted_and_timed_by_method_and_status_code() {
    let server = server_with_metrics().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    befriend(&alice, &bob).await;
    let conversation = single_conversation_id(&alice.user_id, &bob.user_id);
    for body in ["one", "two", "three"] {
        send_text(&alice, &conversation, body).await.expect("sent");
    }

    let text = scrape(&server).await;
    assert_eq!(value(&text, &requests(USERS, "Register", "OK")), Some(2.0));
    assert_eq!(
        value(&text, &requests(SOCIAL, "SendFriendRequest", "OK")),
        Some(1.0)
    );
    assert_eq!(
        value(&text, &requests(SOCIAL, "HandleFriendRequest", "OK")),
        Some(1.0)
    );
    assert_eq!(value(&text, &requests(IM, "SendMessage", "OK")), Some(3.0));
    assert_eq!(
        value(&text, &durations_count(IM, "SendMessage", "OK")),
        Some(3.0)
    );
    assert_eq!(
        value(
            &text,
            "easychat_messages_sent_total{conversation=\"single\"}"
        ),
        Some(3.0)
    );
    assert_eq!(
        value(
            &text,
            "easychat_grpc_requests_in_flight{service=\"easychat.im.v1.ImService\",method=\"SendMessage\"}"
        ),
        Some(0.0)
    );
    // Calls not made have no series at all.
    assert_eq!(value(&text, &requests(IM, "RecallMessage", "OK")), None);
}

#[tokio::test]
async fn a_retried_send_is_one_message_sent_but_two_calls() {
    let server = server_with_metrics().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    befriend(&alice, &bob).await;
    let request = im::SendMessageRequest {
        client_msg_id: "retry-1".to_owned(),
        target: Some(im::send_message_request::Target::PeerUserId(
            bob.user_id.clone(),
        )),
        content: Some(easychat_tests::text("hello")),
        ..Default::default()
    };
    for _ in 0..2 {
        alice
            .im()
            .send_message(request.clone())
            .await
            .expect("sent (the retry gets the original ack)");
    }
    let text = scrape(&server).await;
    assert_eq!(value(&text, &requests(IM, "SendMessage", "OK")), Some(2.0));
    assert_eq!(
        value(
            &text,
            "easychat_messages_sent_total{conversation=\"single\"}"
        ),
        Some(1.0)
    );
}

/// Sends raw bytes as the request message, to exercise what a broken client sends.
#[derive(Clone, Copy, Default)]
struct RawBytes;

impl Codec for RawBytes {
    type Encode = Vec<u8>;
    type Decode = Vec<u8>;
    type Encoder = RawBytes;
    type Decoder = RawBytes;

    fn encoder(&mut self) -> RawBytes {
        RawBytes
    }

    fn decoder(&mut self) -> RawBytes {
        RawBytes
    }
}

impl Encoder for RawBytes {
    type Item = Vec<u8>;
    type Error = tonic::Status;

    fn encode(&mut self, item: Vec<u8>, buf: &mut EncodeBuf<'_>) -> Result<(), tonic::Status> {
        bytes::BufMut::put_slice(buf, &item);
        Ok(())
    }
}

impl Decoder for RawBytes {
    type Item = Vec<u8>;
    type Error = tonic::Status;

    fn decode(&mut self, buf: &mut DecodeBuf<'_>) -> Result<Option<Vec<u8>>, tonic::Status> {
        let bytes = bytes::Buf::chunk(buf).to_vec();
        bytes::Buf::advance(buf, bytes.len());
        Ok(Some(bytes))
    }
}

/// One unary call with `message` as the encoded request, with or without a token.
async fn raw_call(
    server: &TestServer,
    path: &'static str,
    token: Option<&str>,
    message: Vec<u8>,
) -> Result<tonic::Response<Vec<u8>>, tonic::Status> {
    let mut grpc = tonic::client::Grpc::new(server.channel().await);
    grpc.ready().await.expect("channel ready");
    let mut request = tonic::Request::new(message);
    if let Some(token) = token {
        let bearer = format!("Bearer {token}")
            .parse()
            .expect("token is metadata");
        request.metadata_mut().insert("authorization", bearer);
    }
    grpc.unary(request, PathAndQuery::from_static(path), RawBytes)
        .await
}

/// A varint that never ends: no protobuf message decodes from it.
const MALFORMED: &[u8] = &[0xff, 0xff, 0xff];

#[tokio::test]
async fn refused_and_malformed_calls_count_under_their_status_code() {
    let server = server_with_metrics().await;
    let alice = server.register("alice").await;

    // No token.
    let unauthenticated = raw_call(
        &server,
        "/easychat.im.v1.ImService/ListConversations",
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(
        unauthenticated.expect_err("refused").code(),
        Code::Unauthenticated
    );
    // A valid message with an invalid field: content is required.
    let invalid = alice
        .im()
        .send_message(im::SendMessageRequest {
            client_msg_id: "m-1".to_owned(),
            target: Some(im::send_message_request::Target::PeerUserId(
                alice.user_id.clone(),
            )),
            content: None,
            ..Default::default()
        })
        .await;
    assert_eq!(invalid.expect_err("refused").code(), Code::InvalidArgument);
    // Bytes that are no protobuf message at all.
    let malformed = raw_call(
        &server,
        "/easychat.im.v1.ImService/SendMessage",
        Some(&alice.token),
        MALFORMED.to_vec(),
    )
    .await
    .expect_err("a malformed message is refused");
    // A method no service has.
    let unknown = raw_call(
        &server,
        "/easychat.im.v1.ImService/NoSuchMethod",
        Some(&alice.token),
        Vec::new(),
    )
    .await
    .expect_err("no such method");
    assert_eq!(unknown.code(), Code::Unimplemented);

    let text = scrape(&server).await;
    assert_eq!(
        value(&text, &requests(IM, "ListConversations", "UNAUTHENTICATED")),
        Some(1.0)
    );
    assert_eq!(
        value(&text, &requests(IM, "SendMessage", "INVALID_ARGUMENT")),
        Some(1.0)
    );
    let malformed_code = easychat_proto::code_name(malformed.code());
    assert_ne!(malformed_code, "OK");
    assert_eq!(
        value(&text, &requests(IM, "SendMessage", malformed_code)),
        Some(1.0),
        "the malformed call counts under the code its client saw ({malformed:?})"
    );
    assert_eq!(
        value(&text, &requests("unknown", "unknown", "UNIMPLEMENTED")),
        Some(1.0)
    );
    assert_eq!(value(&text, &requests(IM, "SendMessage", "OK")), None);
}

#[tokio::test]
async fn live_streams_are_sessions_in_flight_and_count_when_they_end() {
    let server = server_with_metrics().await;
    let alice = server.register("alice").await;
    let subscribe_in_flight = "easychat_grpc_requests_in_flight{service=\"easychat.im.v1.ImService\",method=\"Subscribe\"}";

    let session = sessions::SubscribeSession::open(&server, &alice).await;
    let text = scrape(&server).await;
    assert_eq!(value(&text, "easychat_sessions"), Some(1.0));
    assert_eq!(value(&text, subscribe_in_flight), Some(1.0));
    assert!(value(&text, "easychat_session_queue_depth").is_some());
    assert!(value(&text, "easychat_session_queue_depth_max").is_some());

    // The client goes away: the stream ends as CANCELLED and the session is gone.
    drop(session);
    let text = scrape_until(&server, |text| {
        value(text, "easychat_sessions") == Some(0.0)
            && value(text, &requests(IM, "Subscribe", "CANCELLED")) == Some(1.0)
    })
    .await;
    assert_eq!(value(&text, subscribe_in_flight), Some(0.0));
}

#[tokio::test]
async fn sends_through_the_kafka_pipeline_are_timed() {
    let server = server_with_metrics().await;
    if server.config.backends.kafka.brokers.is_none() {
        easychat_tests::skipped("the test profile has no backends.kafka.brokers");
        return;
    }
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    for i in 0..3 {
        send_text(&alice, &conversation_id, &format!("timed {i}"))
            .await
            .expect("send");
    }
    let text = scrape(&server).await;
    assert!(
        text.contains("easychat_pipeline_store_latency_seconds_count 3"),
        "{text}"
    );
    assert!(text.contains("easychat_pipeline_consumer_lag"), "{text}");
}

/// A message whose sender stopped waiting is pushed by the Kafka consumer instead, and counted
/// as sent all the same, once (Kafka profile only).
#[tokio::test]
async fn a_message_the_consumer_pushes_is_counted_as_sent_once() {
    let server = TestServer::start_with(|config| {
        config.observability.metrics_listen = Some(SocketAddr::from(([127, 0, 0, 1], 0)));
        // The sender gives up long before its message is stored.
        config.backends.kafka.store_timeout_ms = 1;
        config.limits.messages_per_second = 0.0;
    })
    .await;
    if server.config.backends.kafka.brokers.is_none() {
        easychat_tests::skipped("the profile has no Kafka pipeline (EASYCHAT_TEST_CONFIG)");
        return;
    }
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    befriend(&alice, &bob).await;
    let conversation = single_conversation_id(&alice.user_id, &bob.user_id);
    let status = send_text(&alice, &conversation, "late")
        .await
        .expect_err("answered before the 1 ms store timeout");
    assert_eq!(status.code(), Code::Unavailable, "{status:?}");
    let sent = "easychat_messages_sent_total{conversation=\"single\"}";
    let text = scrape_until(&server, |text| value(text, sent).is_some()).await;
    assert_eq!(value(&text, sent), Some(1.0));
}
