//! End-to-end tests of grpc-web (HTTP/1.1, as browsers speak it): Subscribe and a unary call with
//! hand-written requests on a plain TCP socket, authentication, and the CORS preflight.

use std::collections::HashMap;
use std::time::Duration;

use easychat_proto::im::v1::{self as im, server_event::Event, subscribe_response::Frame};
use easychat_proto::user::v1 as user;
use easychat_tests::{TestServer, befriend, send_text};
use prost::Message as _;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const WAIT: Duration = Duration::from_secs(10);

// ---------------------------------------------------------------------------------------------
// A minimal HTTP/1.1 client
// ---------------------------------------------------------------------------------------------

/// How the response body is delimited.
enum Framing {
    Chunked,
    Length(usize),
    UntilClose,
}

/// A response whose body is read incrementally.
struct Response {
    status: u16,
    /// Header names in lower case.
    headers: HashMap<String, String>,
    socket: TcpStream,
    /// Bytes read off the socket and not parsed yet.
    raw: Vec<u8>,
    framing: Framing,
    /// Body bytes decoded and not consumed yet.
    body: Vec<u8>,
    body_done: bool,
}

/// Sends one request on a new connection and reads the response head.
async fn http1(
    server: &TestServer,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut socket = TcpStream::connect(server.addr)
        .await
        .expect("connect to the test server");
    let mut head = format!("{method} {path} HTTP/1.1\r\nhost: {}\r\n", server.addr);
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    socket
        .write_all(head.as_bytes())
        .await
        .expect("write the head");
    socket.write_all(body).await.expect("write the body");

    let mut response = Response {
        status: 0,
        headers: HashMap::new(),
        socket,
        raw: Vec::new(),
        framing: Framing::UntilClose,
        body: Vec::new(),
        body_done: false,
    };
    let end = loop {
        if let Some(end) = find(&response.raw, b"\r\n\r\n") {
            break end;
        }
        assert!(
            response.fill().await,
            "the connection closed before the head"
        );
    };
    let head = String::from_utf8(response.raw[..end].to_vec()).expect("a text head");
    response.raw.drain(..end + 4);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("a status line");
    response.status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("a status code in {status_line:?}"));
    for line in lines {
        let (name, value) = line.split_once(':').expect("a header line");
        response
            .headers
            .insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
    }
    response.framing = if response
        .header("transfer-encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"))
    {
        Framing::Chunked
    } else if let Some(length) = response.header("content-length") {
        Framing::Length(length.parse().expect("a numeric content-length"))
    } else {
        Framing::UntilClose
    };
    response
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    /// Reads more bytes off the socket; false at end of stream.
    async fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 16 * 1024];
        let n = tokio::time::timeout(WAIT, self.socket.read(&mut chunk))
            .await
            .expect("response bytes in time")
            .expect("read the response");
        self.raw.extend_from_slice(&chunk[..n]);
        n > 0
    }

    /// Decodes more body bytes into `body`; false once the body is complete.
    async fn more_body(&mut self) -> bool {
        if self.body_done {
            return false;
        }
        match self.framing {
            Framing::Length(remaining) => {
                if remaining == 0 {
                    self.body_done = true;
                    return false;
                }
                if self.raw.is_empty() {
                    assert!(self.fill().await, "the connection closed inside the body");
                }
                let take = remaining.min(self.raw.len());
                self.body.extend(self.raw.drain(..take));
                self.framing = Framing::Length(remaining - take);
                true
            }
            Framing::UntilClose => {
                if self.raw.is_empty() && !self.fill().await {
                    self.body_done = true;
                    return false;
                }
                self.body.append(&mut self.raw);
                true
            }
            Framing::Chunked => {
                let line_end = loop {
                    if let Some(end) = find(&self.raw, b"\r\n") {
                        break end;
                    }
                    assert!(self.fill().await, "the connection closed inside a chunk");
                };
                let size_line = String::from_utf8_lossy(&self.raw[..line_end]).into_owned();
                let size_text = size_line.split(';').next().unwrap_or_default().trim();
                let size = usize::from_str_radix(size_text, 16)
                    .unwrap_or_else(|_| panic!("a chunk size in {size_line:?}"));
                if size == 0 {
                    // Last chunk; HTTP trailers (none expected with grpc-web) are not read.
                    self.body_done = true;
                    return false;
                }
                while self.raw.len() < line_end + 2 + size + 2 {
                    assert!(self.fill().await, "the connection closed inside a chunk");
                }
                self.body
                    .extend_from_slice(&self.raw[line_end + 2..line_end + 2 + size]);
                self.raw.drain(..line_end + 2 + size + 2);
                true
            }
        }
    }

    /// The next grpc-web frame of the body: (flag, payload); None at the end of the body.
    async fn next_frame(&mut self) -> Option<(u8, Vec<u8>)> {
        loop {
            if self.body.len() >= 5 {
                let length = u32::from_be_bytes(self.body[1..5].try_into().expect("4 bytes"));
                let length = usize::try_from(length).expect("a frame length");
                if self.body.len() >= 5 + length {
                    let frame: Vec<u8> = self.body.drain(..5 + length).collect();
                    return Some((frame[0], frame[5..].to_vec()));
                }
            }
            if !self.more_body().await {
                assert!(self.body.is_empty(), "a truncated grpc-web frame");
                return None;
            }
        }
    }

    /// The grpc status: from the headers of a trailers-only answer, or from the trailer frame
    /// (after skipping data frames).
    async fn grpc_status(&mut self) -> HashMap<String, String> {
        if self.header("grpc-status").is_some() {
            return self.headers.clone();
        }
        while let Some((flag, payload)) = self.next_frame().await {
            if flag & 0x80 != 0 {
                return trailers(&payload);
            }
        }
        panic!("the response has no grpc-status");
    }
}

/// The name/value lines of a grpc-web trailer frame, names in lower case.
fn trailers(payload: &[u8]) -> HashMap<String, String> {
    String::from_utf8_lossy(payload)
        .split("\r\n")
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect()
}

/// A grpc-web data frame around `message`.
fn grpc_web_body(message: &impl prost::Message) -> Vec<u8> {
    let payload = message.encode_to_vec();
    let mut body = vec![0u8];
    body.extend_from_slice(
        &u32::try_from(payload.len())
            .expect("a small message")
            .to_be_bytes(),
    );
    body.extend_from_slice(&payload);
    body
}

/// A grpc-web call (binary protobuf) with an optional bearer token.
async fn grpc_web_call(
    server: &TestServer,
    path: &str,
    token: Option<&str>,
    message: &impl prost::Message,
) -> Response {
    let authorization = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![
        ("content-type", "application/grpc-web+proto"),
        ("x-grpc-web", "1"),
        ("accept", "application/grpc-web+proto"),
    ];
    if let Some(authorization) = &authorization {
        headers.push(("authorization", authorization));
    }
    http1(server, "POST", path, &headers, &grpc_web_body(message)).await
}

const SUBSCRIBE: &str = "/easychat.im.v1.ImService/Subscribe";

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn subscribe_over_grpc_web_gets_ready_then_pushed_messages() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;

    let mut response = grpc_web_call(
        &server,
        SUBSCRIBE,
        Some(&bob.token),
        &im::SubscribeRequest {},
    )
    .await;

    assert_eq!(response.status, 200);
    assert!(
        response
            .header("content-type")
            .is_some_and(|v| v.starts_with("application/grpc-web")),
        "{:?}",
        response.headers
    );
    let (flag, payload) = response.next_frame().await.expect("a first frame");
    assert_eq!(flag, 0, "a data frame");
    let first = im::SubscribeResponse::decode(payload.as_slice()).expect("a SubscribeResponse");
    let Some(Frame::Ready(ready)) = first.frame else {
        panic!("the first frame is not ready: {first:?}");
    };
    assert_eq!(ready.user_id, bob.user_id);

    let message = send_text(&alice, &conversation_id, "hello, browser")
        .await
        .expect("send");
    loop {
        let (flag, payload) = response.next_frame().await.expect("the stream is open");
        assert_eq!(flag, 0, "a data frame before the message");
        let frame = im::SubscribeResponse::decode(payload.as_slice()).expect("a frame");
        if let Some(Frame::Event(im::ServerEvent {
            event: Some(Event::Message(pushed)),
        })) = frame.frame
            && pushed.message_id == message.message_id
        {
            assert_eq!(pushed, message);
            break;
        }
    }
}

#[tokio::test]
async fn unary_call_over_grpc_web_works() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;

    let mut response = grpc_web_call(
        &server,
        "/easychat.user.v1.UserService/GetMe",
        Some(&alice.token),
        &user::GetMeRequest {},
    )
    .await;

    assert_eq!(response.status, 200);
    let (flag, payload) = response.next_frame().await.expect("a data frame");
    assert_eq!(flag, 0);
    let me = user::GetMeResponse::decode(payload.as_slice())
        .expect("a GetMeResponse")
        .user
        .expect("the user");
    assert_eq!(me.user_id, alice.user_id);
    assert_eq!(me.nickname, "alice");
    let status = response.grpc_status().await;
    assert_eq!(status.get("grpc-status").map(String::as_str), Some("0"));
}

#[tokio::test]
async fn grpc_web_call_without_a_token_is_unauthenticated() {
    let server = TestServer::start().await;

    let mut response = grpc_web_call(&server, SUBSCRIBE, None, &im::SubscribeRequest {}).await;

    assert_eq!(response.status, 200);
    let status = response.grpc_status().await;
    assert_eq!(
        status.get("grpc-status").map(String::as_str),
        Some("16"),
        "{status:?}"
    );
}

#[tokio::test]
async fn cors_preflight_allows_the_origin() {
    let server = TestServer::start().await;

    let response = http1(
        &server,
        "OPTIONS",
        SUBSCRIBE,
        &[
            ("origin", "https://app.example"),
            ("access-control-request-method", "POST"),
            (
                "access-control-request-headers",
                "authorization,content-type,x-grpc-web",
            ),
        ],
        &[],
    )
    .await;

    assert!((200..300).contains(&response.status), "{}", response.status);
    assert_eq!(
        response.header("access-control-allow-origin"),
        Some("https://app.example")
    );
    assert!(
        response
            .header("access-control-allow-methods")
            .is_some_and(|v| v.contains("POST")),
        "{:?}",
        response.headers
    );
}
