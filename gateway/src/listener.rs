//! A TCP listener that guards the HTTP servers behind it (the gRPC port and this gateway's port)
//! against connections that hold resources without doing anything: a cap on open connections in
//! all and per client IP, and a deadline for a new connection's first request.
//!
//! The deadline is here rather than in hyper because hyper has none for the start of a
//! connection: a server accepting both HTTP/1 and HTTP/2 first reads bytes to tell which one it
//! is, and waits for them forever; and hyper's HTTP/1 header read timeout (tonic leaves it at
//! hyper's 30 s default) cannot be set through tonic. So the listener watches the bytes a new
//! connection sends: an HTTP/1 request head must end (a blank line), or an HTTP/2 client must
//! send the connection preface and one whole frame (its SETTINGS), before the deadline; past
//! it, reads fail and the server drops the connection. Later requests are hyper's business
//! (its header read timeout for HTTP/1, keep-alive pings for HTTP/2).

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Sleep;

/// What a [`GuardedListener`] admits.
#[derive(Debug, Clone, Default)]
pub struct ConnectionLimits {
    /// Connections open at once; a new one past it is closed as soon as it is accepted
    /// (0: no limit).
    pub max_connections: usize,
    /// Connections open at once from one IP address; past it likewise (0: no limit).
    pub max_connections_per_ip: usize,
    /// Peers the per-IP cap does not apply to: proxies, whose connections carry many clients.
    pub unlimited_ips: Vec<IpAddr>,
    /// Time a new connection has to send its first request head (HTTP/1) or the HTTP/2 preface
    /// and first frame (None: no limit).
    pub first_request_timeout: Option<Duration>,
}

/// Open connections, in all and per IP address.
#[derive(Debug, Default)]
struct Counts {
    total: usize,
    per_ip: HashMap<IpAddr, usize>,
}

/// A TCP listener whose accepted connections obey [`ConnectionLimits`].
pub struct GuardedListener {
    listener: TcpListener,
    limits: ConnectionLimits,
    counts: Arc<Mutex<Counts>>,
}

impl GuardedListener {
    pub fn new(listener: TcpListener, limits: ConnectionLimits) -> GuardedListener {
        GuardedListener {
            listener,
            limits,
            counts: Arc::default(),
        }
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The next admitted connection. Connections over a cap are closed here; accept errors are
    /// logged and retried (after a pause when they are not about one connection: out of file
    /// descriptors, for instance, would otherwise spin).
    pub async fn accept(&self) -> (GuardedStream, SocketAddr) {
        loop {
            let (stream, peer) = match self.listener.accept().await {
                Ok(accepted) => accepted,
                Err(error) => {
                    if !is_connection_error(&error) {
                        tracing::warn!(%error, "accepting a connection failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    continue;
                }
            };
            match self.admit(peer.ip()) {
                Some(slot) => {
                    // Small frames (pushes, acks) go out at once, not after Nagle's wait for
                    // the peer's ACK (axum::serve did the same before this listener).
                    if let Err(error) = stream.set_nodelay(true) {
                        tracing::debug!(%error, "TCP_NODELAY not set");
                    }
                    let first_request = self.limits.first_request_timeout.map(FirstRequest::new);
                    let stream = GuardedStream {
                        inner: stream,
                        _slot: slot,
                        first_request,
                    };
                    return (stream, peer);
                }
                // Dropping the stream closes it: the peer sees the connection end at once.
                None => tracing::debug!(%peer, "connection refused: too many connections"),
            }
        }
    }

    /// The admitted connections as a stream, as tonic's `serve_with_incoming` takes them.
    pub fn into_incoming(
        self,
    ) -> impl futures::Stream<Item = io::Result<GuardedStream>> + Send + 'static {
        futures::stream::unfold(self, |listener| async move {
            let (stream, _) = listener.accept().await;
            Some((Ok(stream), listener))
        })
    }

    /// Counts a new connection from `ip` in, unless a cap is reached.
    fn admit(&self, ip: IpAddr) -> Option<Slot> {
        let limits = &self.limits;
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        let from_ip = counts.per_ip.get(&ip).copied().unwrap_or(0);
        let over_total = limits.max_connections > 0 && counts.total >= limits.max_connections;
        let over_ip = limits.max_connections_per_ip > 0
            && from_ip >= limits.max_connections_per_ip
            && !limits.unlimited_ips.contains(&ip);
        if over_total || over_ip {
            return None;
        }
        counts.total += 1;
        *counts.per_ip.entry(ip).or_default() += 1;
        Some(Slot {
            counts: self.counts.clone(),
            ip,
        })
    }
}

/// Errors of one connection that went away before it was accepted; the listener is fine.
fn is_connection_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// One connection's place in the counts, given back when the connection is dropped.
#[derive(Debug)]
struct Slot {
    counts: Arc<Mutex<Counts>>,
    ip: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        counts.total = counts.total.saturating_sub(1);
        if let Some(from_ip) = counts.per_ip.get_mut(&self.ip) {
            *from_ip -= 1;
            if *from_ip == 0 {
                counts.per_ip.remove(&self.ip);
            }
        }
    }
}

/// An admitted connection: a TCP stream that holds its place in the counts while it lives and
/// fails reads once its first request is overdue.
#[derive(Debug)]
pub struct GuardedStream {
    inner: TcpStream,
    _slot: Slot,
    /// Until the first request is in (then None).
    first_request: Option<FirstRequest>,
}

const H2_PREFACE: &[u8; 24] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
/// An HTTP/2 frame header: 24-bit length, type, flags, stream id.
const FRAME_HEADER_LEN: usize = 9;

/// Watches a new connection's bytes for the end of its first request.
#[derive(Debug)]
struct FirstRequest {
    deadline: Pin<Box<Sleep>>,
    /// Bytes seen so far.
    seen: usize,
    /// Whether every byte so far matched the HTTP/2 preface (then the connection is HTTP/2
    /// once 24 bytes matched).
    h2: bool,
    /// The first HTTP/2 frame's header, as it arrives.
    frame_header: [u8; FRAME_HEADER_LEN],
    /// Line feeds since the last byte that was neither CR nor LF: two end an HTTP/1 head
    /// (CRLF CRLF, or bare LFs, which HTTP/1 parsers accept too).
    line_feeds: u8,
}

impl FirstRequest {
    fn new(timeout: Duration) -> FirstRequest {
        FirstRequest {
            deadline: Box::pin(tokio::time::sleep(timeout)),
            seen: 0,
            h2: true,
            frame_header: [0; FRAME_HEADER_LEN],
            line_feeds: 0,
        }
    }

    /// Takes bytes just read; true once the first request is complete.
    fn feed(&mut self, bytes: &[u8]) -> bool {
        for &byte in bytes {
            let at = self.seen;
            self.seen += 1;
            match byte {
                b'\n' => self.line_feeds = self.line_feeds.saturating_add(1),
                b'\r' => {}
                _ => self.line_feeds = 0,
            }
            if self.h2 {
                if at < H2_PREFACE.len() {
                    if byte == H2_PREFACE[at] {
                        continue;
                    }
                    self.h2 = false;
                } else {
                    let in_frame = at - H2_PREFACE.len();
                    if in_frame < FRAME_HEADER_LEN {
                        self.frame_header[in_frame] = byte;
                    }
                    let [a, b, c, ..] = self.frame_header;
                    let payload = usize::from(a) << 16 | usize::from(b) << 8 | usize::from(c);
                    // Unread header bytes are still 0, so this waits for the whole header too.
                    if in_frame + 1 >= FRAME_HEADER_LEN + payload {
                        return true;
                    }
                    continue;
                }
            }
            if self.line_feeds >= 2 {
                return true;
            }
        }
        false
    }
}

impl AsyncRead for GuardedStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let read = Pin::new(&mut this.inner).poll_read(cx, buf);
        if let Some(first) = &mut this.first_request {
            match &read {
                Poll::Ready(Ok(())) => {
                    if first.feed(&buf.filled()[before..]) {
                        this.first_request = None;
                    }
                }
                // The server waits for more: the deadline wakes it if nothing comes in time.
                Poll::Pending => {
                    if first.deadline.as_mut().poll(cx).is_ready() {
                        tracing::debug!(
                            peer = ?this.inner.peer_addr().ok(),
                            "connection closed: its first request did not arrive in time"
                        );
                        return Poll::Ready(Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            "the first request did not arrive in time",
                        )));
                    }
                }
                Poll::Ready(Err(_)) => {}
            }
        }
        read
    }
}

impl AsyncWrite for GuardedStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// tonic reads the peer's address through this (`Request::remote_addr`).
impl tonic::transport::server::Connected for GuardedStream {
    type ConnectInfo = tonic::transport::server::TcpConnectInfo;

    fn connect_info(&self) -> Self::ConnectInfo {
        self.inner.connect_info()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_request() -> FirstRequest {
        FirstRequest::new(Duration::from_secs(60))
    }

    #[tokio::test]
    async fn an_http1_head_ends_at_a_blank_line_however_it_is_split() {
        let head = b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n";
        let mut whole = first_request();
        assert!(whole.feed(head));
        let mut bytewise = first_request();
        let last = head.len() - 1;
        assert!(head[..last].iter().all(|b| !bytewise.feed(&[*b])));
        assert!(bytewise.feed(&head[last..]));
        let mut bare = first_request();
        assert!(bare.feed(b"GET / HTTP/1.1\nHost: x\n\n"));
    }

    #[tokio::test]
    async fn an_http2_connection_needs_the_preface_and_a_whole_frame() {
        let mut first = first_request();
        assert!(
            !first.feed(H2_PREFACE),
            "the preface alone is not a request"
        );
        // SETTINGS with one 6-byte setting.
        assert!(!first.feed(&[0, 0, 6, 4, 0, 0, 0, 0, 0]));
        assert!(!first.feed(&[0, 3, 0, 0]));
        assert!(first.feed(&[0, 100]));
        let mut empty_settings = first_request();
        assert!(empty_settings.feed(&[&H2_PREFACE[..], &[0, 0, 0, 4, 0, 0, 0, 0, 0]].concat()));
    }

    #[tokio::test]
    async fn a_wrong_preface_is_read_as_http1() {
        let mut first = first_request();
        assert!(!first.feed(b"PRI * HTTP/1.1\r\n"));
        assert!(first.feed(b"\r\n"));
    }
}
