//! Clients that abuse the transport rather than the API, against a real server (and gateway)
//! over loopback: slow request heads (slowloris) on the gRPC port and the WebSocket port, slow
//! request bodies, HTTP/2 rapid reset, oversized header lists, too many streams on one
//! connection, and too many connections. Each test checks that the abusive connection is cut
//! off within a bound, and that meanwhile a well-behaved client on a fresh connection is served
//! promptly.
//!
//! The HTTP/2 abusers write raw frames: the `h2` crate's client keeps the rules these tests
//! break (it never opens more streams than the server allows, for one). Where it can play the
//! abuser, it does.
//!
//! Bounds are short because the tests shrink the limits: a header read timeout of 1 s is
//! checked against a bound of 4 s, far below the defaults that would apply without it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use bytes::Bytes;
use easychat_tests::ws::TestGateway;
use easychat_tests::{TestServer, register_at};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::time::Instant;

/// How long a well-behaved client may take to be served while the abuse goes on.
const PROMPTLY: Duration = Duration::from_secs(3);
/// The header read timeout the tests configure…
const HEADER_TIMEOUT_SECS: u64 = 1;
/// …and how soon after connecting an abusive connection must be closed for it.
const CUT_OFF: Duration = Duration::from_secs(4);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Asserts a new client registers on the server at `addr` within [`PROMPTLY`].
async fn assert_served(addr: SocketAddr, during: &str) {
    let started = Instant::now();
    tokio::time::timeout(PROMPTLY, register_at(addr, "bystander"))
        .await
        .unwrap_or_else(|_| panic!("a normal client was not served within {PROMPTLY:?} {during}"));
    eprintln!("bystander served {during} in {:?}", started.elapsed());
}

/// A TCP connection to `addr` from the loopback address `from` (tests that cap connections per
/// IP keep their abusers on addresses of their own, 127.0.0.2 and up).
async fn connect_from(from: Ipv4Addr, addr: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().expect("a socket");
    socket
        .bind(SocketAddr::new(IpAddr::V4(from), 0))
        .expect("bind a loopback address");
    socket.connect(addr).await.expect("connect")
}

/// Reads (and drops) whatever the server sends until it closes the connection; returns how
/// long that took from `since`, or None when it is still open at `since + bound`.
async fn closed_within(
    reader: &mut (impl AsyncReadExt + Unpin),
    since: Instant,
    bound: Duration,
) -> Option<Duration> {
    let mut buf = [0u8; 4096];
    let deadline = since + bound;
    loop {
        match tokio::time::timeout_at(deadline, reader.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0) | Err(_)) => return Some(since.elapsed()),
            Ok(Ok(_)) => {}
        }
    }
}

/// Writes `bytes` one at a time, `every` apart, until done or the connection fails.
async fn trickle(writer: &mut (impl AsyncWriteExt + Unpin), bytes: &[u8], every: Duration) {
    for byte in bytes {
        if writer.write_all(&[*byte]).await.is_err() {
            return;
        }
        tokio::time::sleep(every).await;
    }
}

/// An HTTP/1.1 request head far too long to finish trickling before any test bound.
fn long_http1_head(method: &str, path: &str, extra: &str) -> Vec<u8> {
    let padding = "x".repeat(200);
    format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\n{extra}X-Padding: {padding}\r\n\r\n")
        .into_bytes()
}

/// Connects, trickles `head` a byte per 100 ms, and asserts the server closes the connection
/// within [`CUT_OFF`]; returns how long it took.
async fn slowloris(addr: SocketAddr, head: Vec<u8>, what: &'static str) -> Duration {
    let started = Instant::now();
    let (mut reader, mut writer) = TcpStream::connect(addr)
        .await
        .expect("connect")
        .into_split();
    let trickling =
        tokio::spawn(async move { trickle(&mut writer, &head, Duration::from_millis(100)).await });
    let closed = closed_within(&mut reader, started, CUT_OFF).await;
    trickling.abort();
    closed.unwrap_or_else(|| panic!("{what}: still open after {CUT_OFF:?}"))
}

/// Raw HTTP/2 framing, for clients that break the rules.
mod raw {
    use super::*;

    pub const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    pub const HEADERS: u8 = 0x1;
    pub const RST_STREAM: u8 = 0x3;
    pub const SETTINGS: u8 = 0x4;
    pub const GOAWAY: u8 = 0x7;
    pub const END_HEADERS: u8 = 0x4;
    pub const ACK: u8 = 0x1;
    pub const CANCEL: u32 = 0x8;
    pub const REFUSED_STREAM: u32 = 0x7;
    pub const ENHANCE_YOUR_CALM: u32 = 0xb;

    pub fn frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
        let len = u32::try_from(payload.len()).expect("a frame's length");
        let mut frame = len.to_be_bytes()[1..].to_vec();
        frame.extend([kind, flags]);
        frame.extend(stream.to_be_bytes());
        frame.extend(payload);
        frame
    }

    /// An HPACK integer with a 7-bit prefix (string lengths).
    fn length(mut value: usize, out: &mut Vec<u8>) {
        if value < 127 {
            out.push(value as u8);
            return;
        }
        out.push(127);
        value -= 127;
        while value >= 128 {
            out.push((value % 128) as u8 | 0x80);
            value /= 128;
        }
        out.push(value as u8);
    }

    /// A header block of literal fields (no indexing, no Huffman: the simplest valid HPACK).
    pub fn header_block(fields: &[(&str, &str)]) -> Vec<u8> {
        let mut block = Vec::new();
        for (name, value) in fields {
            block.push(0);
            length(name.len(), &mut block);
            block.extend(name.as_bytes());
            length(value.len(), &mut block);
            block.extend(value.as_bytes());
        }
        block
    }

    /// The request head of a gRPC call to the health service (public, so no token).
    pub fn grpc_call() -> Vec<u8> {
        header_block(&[
            (":method", "POST"),
            (":scheme", "http"),
            (":path", "/grpc.health.v1.Health/Check"),
            (":authority", "localhost"),
            ("content-type", "application/grpc"),
            ("te", "trailers"),
        ])
    }

    pub struct Frame {
        pub kind: u8,
        pub stream: u32,
        pub payload: Vec<u8>,
    }

    impl Frame {
        /// The error code of a RST_STREAM or GOAWAY frame.
        pub fn error_code(&self) -> u32 {
            let at = if self.kind == GOAWAY { 4 } else { 0 };
            u32::from_be_bytes(self.payload[at..at + 4].try_into().expect("an error code"))
        }
    }

    pub async fn read_frame(reader: &mut (impl AsyncReadExt + Unpin)) -> std::io::Result<Frame> {
        let mut header = [0u8; 9];
        reader.read_exact(&mut header).await?;
        let len = u32::from_be_bytes([0, header[0], header[1], header[2]]) as usize;
        let mut payload = vec![0u8; len];
        reader.read_exact(&mut payload).await?;
        Ok(Frame {
            kind: header[3],
            stream: u32::from_be_bytes(header[5..9].try_into().expect("4 bytes")) & 0x7fff_ffff,
            payload,
        })
    }

    /// An HTTP/2 connection from `from` whose handshake is done: both prefaces are sent and
    /// the server's SETTINGS acknowledged, so the server applies its limits from here on.
    pub async fn handshake(from: Ipv4Addr, addr: SocketAddr) -> TcpStream {
        let mut stream = connect_from(from, addr).await;
        let mut hello = PREFACE.to_vec();
        hello.extend(frame(SETTINGS, 0, 0, &[]));
        stream.write_all(&hello).await.expect("send the preface");
        loop {
            let frame = tokio::time::timeout(PROMPTLY, read_frame(&mut stream))
                .await
                .expect("the server's SETTINGS in time")
                .expect("the server's SETTINGS");
            if frame.kind == SETTINGS && frame.payload.is_empty() {
                continue; // the ack of ours
            }
            if frame.kind == SETTINGS {
                break;
            }
        }
        stream
            .write_all(&frame(SETTINGS, ACK, 0, &[]))
            .await
            .expect("acknowledge the server's SETTINGS");
        stream
    }
}

// ---------------------------------------------------------------------------------------------
// Slow clients
// ---------------------------------------------------------------------------------------------

/// Without `limits.header_read_timeout_secs` (the listener's first-request deadline) a trickled
/// HTTP/1 head would be cut only by hyper's 30 s default, and a connection that sends the
/// HTTP/2 preface and nothing more, or nothing at all, would stay open for good (the server
/// waits for the bytes that tell HTTP/1 from HTTP/2 without a deadline).
#[tokio::test]
async fn grpc_port_cuts_off_slowloris_connections() {
    let server = TestServer::start_with(|config| {
        config.limits.header_read_timeout_secs = HEADER_TIMEOUT_SECS;
    })
    .await;
    let addr = server.addr;
    let http1 = tokio::spawn(slowloris(
        addr,
        long_http1_head("POST", "/grpc.health.v1.Health/Check", ""),
        "trickled HTTP/1.1 head",
    ));
    let preface_only = tokio::spawn(async move {
        let started = Instant::now();
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream.write_all(raw::PREFACE).await.expect("send");
        closed_within(&mut stream, started, CUT_OFF).await
    });
    let silent = tokio::spawn(async move {
        let started = Instant::now();
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        closed_within(&mut stream, started, CUT_OFF).await
    });
    assert_served(addr, "while three connections dawdle").await;

    let http1 = http1.await.expect("trickle task");
    let preface_only = preface_only.await.expect("preface task");
    let silent = silent.await.expect("silent task");
    let preface_only = preface_only.expect("a connection with the preface only is closed");
    let silent = silent.expect("a connection that sends nothing is closed");
    for (what, took) in [
        ("HTTP/1.1", http1),
        ("preface only", preface_only),
        ("silent", silent),
    ] {
        assert!(
            took >= Duration::from_millis(900),
            "{what}: closed after {took:?}, before the deadline"
        );
    }
    assert_served(addr, "after the slow connections").await;
    server.stop().await;
}

/// A unary call whose body never finishes arriving: `limits.request_timeout_secs` ends it
/// (without it the handler would wait for the body for good; the h2 keep-alive does not
/// help, the trickle keeps the connection busy).
#[tokio::test]
async fn grpc_port_ends_calls_whose_body_is_trickled() {
    let server = TestServer::start_with(|config| {
        config.limits.request_timeout_secs = 1;
    })
    .await;
    let started = Instant::now();
    let tcp = TcpStream::connect(server.addr).await.expect("connect");
    let (client, connection) = h2::client::handshake(tcp).await.expect("h2 handshake");
    tokio::spawn(connection);
    let mut client = client.ready().await.expect("ready");
    let request = http::Request::post(format!(
        "http://{}/easychat.user.v1.UserService/Register",
        server.addr
    ))
    .header("content-type", "application/grpc")
    .header("te", "trailers")
    .body(())
    .expect("a request");
    let (response, mut body) = client.send_request(request, false).expect("send");
    let trickling = tokio::spawn(async move {
        // A gRPC message header announcing 100 bytes, then the bytes one by one.
        let mut message = vec![0u8, 0, 0, 0, 100];
        message.extend([b'x'; 100]);
        for byte in message {
            if body.send_data(Bytes::from(vec![byte]), false).is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    assert_served(server.addr, "while a request body trickles").await;
    let response = tokio::time::timeout(CUT_OFF, response)
        .await
        .expect("the trickled call is answered in time")
        .expect("a response");
    trickling.abort();
    let status = response
        .headers()
        .get("grpc-status")
        .expect("a trailers-only gRPC error");
    assert_ne!(status, "0", "the trickled call failed");
    eprintln!(
        "trickled call ended with grpc-status {status:?} after {:?}",
        started.elapsed()
    );
    server.stop().await;
}

/// The gateway: a trickled WebSocket upgrade request, a connection that sends nothing, and a
/// second request trickled on a kept-alive connection after a first one was answered. Before
/// `header_read_timeout_secs` (and the timer hyper needs to enforce any header timeout, which
/// `axum::serve` does not set) all three stayed open for good.
#[tokio::test]
async fn websocket_port_cuts_off_slowloris_connections() {
    let server = TestServer::start().await;
    let gateway = TestGateway::start_with(&server, |config| {
        config.header_read_timeout_secs = HEADER_TIMEOUT_SECS;
    })
    .await;
    let addr = gateway.addr;
    let upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\
                   Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    let upgrade = tokio::spawn(slowloris(
        addr,
        long_http1_head("GET", "/ws", upgrade),
        "trickled upgrade request",
    ));
    let silent = tokio::spawn(async move {
        let started = Instant::now();
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        closed_within(&mut stream, started, CUT_OFF).await
    });
    let second_request = tokio::spawn(async move {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream
            .write_all(b"GET /nothing-here HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .await
            .expect("send");
        let mut response = [0u8; 12];
        stream.read_exact(&mut response).await.expect("a response");
        assert_eq!(&response, b"HTTP/1.1 404", "the first request is answered");
        let started = Instant::now();
        let (mut reader, mut writer) = stream.into_split();
        let head = long_http1_head("GET", "/ws", "");
        let trickling = tokio::spawn(async move {
            trickle(&mut writer, &head, Duration::from_millis(100)).await;
        });
        let closed = closed_within(&mut reader, started, CUT_OFF).await;
        trickling.abort();
        closed
    });
    let user = server.register("bystander").await;
    let started = Instant::now();
    let client = tokio::time::timeout(PROMPTLY, gateway.connect(&user))
        .await
        .expect("a WebSocket client is served while others dawdle");
    eprintln!("WebSocket bystander ready in {:?}", started.elapsed());

    let upgrade = upgrade.await.expect("trickle task");
    let silent = silent
        .await
        .expect("silent task")
        .expect("a connection that sends nothing is closed");
    let second_request = second_request
        .await
        .expect("keep-alive task")
        .expect("a second request trickled after a first is cut off");
    for (what, took) in [
        ("upgrade", upgrade),
        ("silent", silent),
        ("second request", second_request),
    ] {
        assert!(
            took >= Duration::from_millis(900),
            "{what}: closed after {took:?}, before the deadline"
        );
    }
    drop(client);
    gateway.stop().await;
    server.stop().await;
}

// ---------------------------------------------------------------------------------------------
// HTTP/2 abuse
// ---------------------------------------------------------------------------------------------

/// Rapid reset (CVE-2023-44487): streams opened and reset at once, never counted as concurrent
/// by the server. `limits.http2_max_pending_accept_reset_streams` (20, h2's own default, which
/// already protected) bounds them: the connection gets GOAWAY with ENHANCE_YOUR_CALM.
#[tokio::test]
async fn rapid_reset_gets_goaway() {
    let server = TestServer::start().await;
    let mut stream = raw::handshake(Ipv4Addr::LOCALHOST, server.addr).await;
    let started = Instant::now();
    let call = raw::grpc_call();
    let mut burst = Vec::new();
    for i in 0..2000u32 {
        let id = 2 * i + 1;
        burst.extend(raw::frame(raw::HEADERS, raw::END_HEADERS, id, &call));
        burst.extend(raw::frame(
            raw::RST_STREAM,
            0,
            id,
            &raw::CANCEL.to_be_bytes(),
        ));
    }
    // The server may close while the burst is still being written; what it sent before says why.
    let _ = stream.write_all(&burst).await;
    let goaway = tokio::time::timeout(CUT_OFF, async {
        loop {
            match raw::read_frame(&mut stream).await {
                Ok(frame) if frame.kind == raw::GOAWAY => return Some(frame.error_code()),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    })
    .await
    .expect("the server answers the resets in time");
    assert_eq!(
        goaway,
        Some(raw::ENHANCE_YOUR_CALM),
        "GOAWAY(ENHANCE_YOUR_CALM) after a burst of resets"
    );
    eprintln!("rapid reset cut off after {:?}", started.elapsed());
    assert_served(server.addr, "after a rapid reset").await;
    server.stop().await;
}

/// A request whose header list is larger than `limits.http2_max_header_list_bytes` (16 KiB,
/// hyper's default, which already protected; tonic passes none of its own) is refused with
/// 431, and the server goes on serving.
#[tokio::test]
async fn oversized_header_lists_are_refused() {
    let server = TestServer::start().await;
    let tcp = TcpStream::connect(server.addr).await.expect("connect");
    let (client, connection) = h2::client::handshake(tcp).await.expect("h2 handshake");
    let connection = tokio::spawn(connection);
    let mut client = client.ready().await.expect("ready");
    let mut request = http::Request::post(format!(
        "http://{}/grpc.health.v1.Health/Check",
        server.addr
    ))
    .header("content-type", "application/grpc")
    .header("te", "trailers");
    // 64 headers of 1 KiB: 64 KiB, four times the limit.
    let value = "v".repeat(1024);
    for i in 0..64 {
        request = request.header(format!("x-flood-{i}"), &value);
    }
    let (response, _body) = client
        .send_request(request.body(()).expect("a request"), true)
        .expect("send");
    let refused = tokio::time::timeout(PROMPTLY, response)
        .await
        .expect("the flooded request is answered in time");
    match refused {
        Ok(response) => assert_eq!(response.status(), 431, "refused for its headers"),
        // A reset, or the whole connection refused, also refuses it.
        Err(error) => eprintln!("flooded request reset: {error}"),
    }
    assert_served(server.addr, "after a header flood").await;
    connection.abort();
    server.stop().await;
}

/// Streams past `limits.http2_max_concurrent_streams` on one connection are refused
/// (RST_STREAM REFUSED_STREAM); without it tonic sets no limit at all.
#[tokio::test]
async fn streams_past_the_limit_are_refused() {
    const LIMIT: u32 = 4;
    let server = TestServer::start_with(|config| {
        config.limits.http2_max_concurrent_streams = LIMIT;
    })
    .await;
    let mut stream = raw::handshake(Ipv4Addr::LOCALHOST, server.addr).await;
    // Calls whose body never comes hold their streams open.
    let call = raw::grpc_call();
    let mut requests = Vec::new();
    for i in 0..2 * LIMIT {
        requests.extend(raw::frame(raw::HEADERS, raw::END_HEADERS, 2 * i + 1, &call));
    }
    stream.write_all(&requests).await.expect("open the streams");
    let mut refused = Vec::new();
    let outcome = tokio::time::timeout(PROMPTLY, async {
        while refused.len() < LIMIT as usize {
            let frame = raw::read_frame(&mut stream).await.expect("a frame");
            match frame.kind {
                raw::RST_STREAM => {
                    assert_eq!(frame.error_code(), raw::REFUSED_STREAM, "refused");
                    refused.push(frame.stream);
                }
                raw::GOAWAY => panic!("the connection was closed, not the extra streams"),
                _ => {}
            }
        }
    })
    .await;
    assert!(
        outcome.is_ok(),
        "streams past the limit are refused in time (refused so far: {refused:?})"
    );
    refused.sort_unstable();
    let past_the_limit: Vec<u32> = (LIMIT..2 * LIMIT).map(|i| 2 * i + 1).collect();
    assert_eq!(
        refused, past_the_limit,
        "exactly the streams past the limit"
    );
    assert_served(server.addr, "while one connection holds its streams").await;
    // Open connections would hold up the server's graceful stop for its grace period.
    drop(stream);
    server.stop().await;
}

// ---------------------------------------------------------------------------------------------
// Too many connections
// ---------------------------------------------------------------------------------------------

/// `limits.max_connections_per_ip`: one address's connections past the cap are closed at once,
/// the ones under it stay, and clients from other addresses are served.
#[tokio::test]
async fn connections_past_the_per_ip_cap_are_closed() {
    const CAP: usize = 8;
    let abuser = Ipv4Addr::new(127, 0, 0, 2);
    let server = TestServer::start_with(|config| {
        config.limits.max_connections_per_ip = CAP;
    })
    .await;
    let mut admitted = Vec::new();
    for _ in 0..CAP {
        admitted.push(raw::handshake(abuser, server.addr).await);
    }
    let started = Instant::now();
    let mut extra = Vec::new();
    for _ in 0..40 {
        extra.push(connect_from(abuser, server.addr).await);
    }
    for (i, stream) in extra.iter_mut().enumerate() {
        // Well before the 10 s header read timeout: these are refused, not timed out.
        let closed = closed_within(stream, started, Duration::from_secs(2)).await;
        assert!(
            closed.is_some(),
            "connection {} past the cap is closed",
            CAP + i
        );
    }
    for stream in &mut admitted {
        let open = closed_within(stream, Instant::now(), Duration::from_millis(100)).await;
        assert!(open.is_none(), "connections under the cap stay open");
    }
    assert_served(server.addr, "while one address is at its cap").await;
    drop(admitted);
    server.stop().await;
}

/// A trusted proxy carries many clients' connections: the per-IP cap does not apply to it.
#[tokio::test]
async fn a_trusted_proxy_is_exempt_from_the_per_ip_cap() {
    const CAP: usize = 2;
    let proxy = Ipv4Addr::new(127, 0, 0, 5);
    let server = TestServer::start_with(|config| {
        config.limits.max_connections_per_ip = CAP;
        config.limits.trusted_proxies = vec![proxy.into()];
    })
    .await;
    let mut open = Vec::new();
    for _ in 0..CAP * 3 {
        open.push(raw::handshake(proxy, server.addr).await);
    }
    for stream in &mut open {
        let closed = closed_within(stream, Instant::now(), Duration::from_millis(100)).await;
        assert!(closed.is_none(), "the proxy's connections stay open");
    }
    drop(open);
    server.stop().await;
}

/// `limits.max_connections`: past the cap new connections are closed at once; once
/// connections close, new clients are served again.
#[tokio::test]
async fn connections_past_the_cap_are_closed() {
    const CAP: usize = 6;
    let abuser = Ipv4Addr::new(127, 0, 0, 3);
    let server = TestServer::start_with(|config| {
        config.limits.max_connections = CAP;
    })
    .await;
    let mut idle = Vec::new();
    for _ in 0..CAP {
        idle.push(raw::handshake(abuser, server.addr).await);
    }
    let started = Instant::now();
    let mut over = connect_from(Ipv4Addr::new(127, 0, 0, 4), server.addr).await;
    let closed = closed_within(&mut over, started, Duration::from_secs(2)).await;
    assert!(closed.is_some(), "a connection past the cap is closed");
    drop(idle);
    assert_served(server.addr, "once the idle connections closed").await;
    server.stop().await;
}
