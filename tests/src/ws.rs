//! WebSocket gateway fixtures: `easychat_gateway::run` on an ephemeral port in front of a
//! [`TestServer`], and a small JSON WebSocket client whose every wait has a timeout.
//!
//! Frames a wait skips stay, in order, in a backlog where later waits find them. "Nothing
//! arrived" is always checked against a later frame that must arrive: everything before it is
//! returned for inspection, so no test sleeps.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::time::Duration;

use std::pin::Pin;

use easychat_gateway::{Gateway, GatewayConfig};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::handshake::client::Response;
use tokio_tungstenite::tungstenite::http::{HeaderValue, header};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::{TestServer, TestUser};

/// How long any single expected frame may take.
pub const WAIT: Duration = Duration::from_secs(10);

/// A gateway running in this process, bridging to one test server.
pub struct TestGateway {
    pub addr: SocketAddr,
    pub config: GatewayConfig,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

impl TestGateway {
    pub async fn start(server: &TestServer) -> TestGateway {
        Self::start_with(server, |_| {}).await
    }

    /// Starts a gateway inside `server`, as `easychat serve` runs one (Chat sessions opened
    /// directly, REST over gRPC), after `adjust` has changed its configuration.
    pub async fn start_with(
        server: &TestServer,
        adjust: impl FnOnce(&mut GatewayConfig),
    ) -> TestGateway {
        let mut config = GatewayConfig {
            upstreams: vec![server.url()],
            ..GatewayConfig::default()
        };
        adjust(&mut config);
        let gateway = Gateway::in_process(config.clone(), server.in_process_chat().await)
            .expect("a valid in-process gateway configuration");
        Self::serve(gateway, config).await
    }

    /// Starts a gateway in its own right (`easychat gateway`) in front of `server`, reaching it
    /// over gRPC only.
    pub async fn start_remote_with(
        server: &TestServer,
        adjust: impl FnOnce(&mut GatewayConfig),
    ) -> TestGateway {
        Self::start_for(vec![server.url()], adjust).await
    }

    /// Starts a gateway in front of `upstreams` (server URLs, used round-robin from the first).
    pub async fn start_for(
        upstreams: Vec<String>,
        adjust: impl FnOnce(&mut GatewayConfig),
    ) -> TestGateway {
        let mut config = GatewayConfig {
            upstreams,
            ..GatewayConfig::default()
        };
        adjust(&mut config);
        let task = |listener, stopped| {
            tokio::spawn(easychat_gateway::run(config.clone(), listener, stopped))
        };
        Self::spawn(config.clone(), task).await
    }

    /// Serves `gateway` (built by the test, e.g. following the node registry).
    pub async fn serve(gateway: Gateway, config: GatewayConfig) -> TestGateway {
        let task =
            |listener, stopped| tokio::spawn(async move { gateway.serve(listener, stopped).await });
        Self::spawn(config, task).await
    }

    async fn spawn(
        config: GatewayConfig,
        start: impl FnOnce(
            tokio::net::TcpListener,
            Pin<Box<dyn Future<Output = ()> + Send>>,
        ) -> tokio::task::JoinHandle<anyhow::Result<()>>,
    ) -> TestGateway {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind an ephemeral port");
        let addr = listener.local_addr().expect("local address");
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = start(
            listener,
            Box::pin(async move {
                let _ = stopped.await;
            }),
        );
        TestGateway {
            addr,
            config,
            shutdown: Some(shutdown),
            task: Some(task),
        }
    }

    pub fn url(&self) -> String {
        format!("ws://{}/ws", self.addr)
    }

    /// Connects as `user` with the token in Sec-WebSocket-Protocol, as browsers pass it, and
    /// waits until the upstream session is registered (`session.ready`), so pushes reach it.
    pub async fn connect(&self, user: &TestUser) -> WsClient {
        let (mut client, _) = self
            .open(TokenVia::Protocol(&user.token))
            .await
            .expect("WebSocket handshake");
        client.ready().await;
        client
    }

    /// Performs the handshake only; the caller reads what follows.
    pub async fn open(
        &self,
        via: TokenVia<'_>,
    ) -> Result<(WsClient, Response), tungstenite::Error> {
        let url = match via {
            TokenVia::Query(token) => format!("{}?token={token}", self.url()),
            _ => self.url(),
        };
        let mut request = url.into_client_request()?;
        let headers = request.headers_mut();
        match via {
            TokenVia::Protocol(token) => {
                headers.insert(header::SEC_WEBSOCKET_PROTOCOL, header_value(token));
            }
            TokenVia::Header(token) => {
                headers.insert(
                    header::AUTHORIZATION,
                    header_value(&format!("Bearer {token}")),
                );
            }
            TokenVia::Query(_) | TokenVia::Nothing => {}
        }
        let (stream, response) =
            tokio::time::timeout(WAIT, tokio_tungstenite::connect_async(request))
                .await
                .expect("the handshake finishes in time")?;
        Ok((WsClient::new(stream), response))
    }

    /// Stops the gateway gracefully and waits for it.
    pub async fn stop(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            tokio::time::timeout(WAIT, task)
                .await
                .expect("the gateway stops in time")
                .expect("gateway task did not panic")
                .expect("gateway stopped cleanly");
        }
    }
}

impl Drop for TestGateway {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

fn header_value(value: &str) -> HeaderValue {
    HeaderValue::from_str(value).expect("a valid header value")
}

/// Where the client puts its token.
#[derive(Debug, Clone, Copy)]
pub enum TokenVia<'a> {
    /// `Sec-WebSocket-Protocol: <token>`.
    Protocol(&'a str),
    /// `Authorization: Bearer <token>`.
    Header(&'a str),
    /// `?token=<token>`.
    Query(&'a str),
    /// No token at all.
    Nothing,
}

/// What the socket delivered.
#[derive(Debug)]
enum Incoming {
    Frame(Value),
    Closed(Option<CloseFrame>),
}

/// A JSON WebSocket client.
pub struct WsClient {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
    backlog: VecDeque<Value>,
    /// The user the gateway authenticated (from `session.ready`); empty before it.
    pub user_id: String,
}

impl WsClient {
    fn new(stream: WebSocketStream<MaybeTlsStream<TcpStream>>) -> WsClient {
        WsClient {
            stream,
            backlog: VecDeque::new(),
            user_id: String::new(),
        }
    }

    /// Waits for `session.ready` and returns its data.
    pub async fn ready(&mut self) -> Value {
        let ready = self
            .next_matching("session.ready", |f| f["method"] == "session.ready")
            .await;
        self.user_id = ready["data"]["userId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        ready["data"].clone()
    }

    /// Sends a JSON frame.
    pub async fn send(&mut self, frame: Value) {
        self.send_raw(Message::text(frame.to_string())).await;
    }

    /// Sends any WebSocket message (malformed text, binary, …).
    pub async fn send_raw(&mut self, message: Message) {
        tokio::time::timeout(WAIT, self.stream.send(message))
            .await
            .expect("the send finishes in time")
            .expect("send a WebSocket message");
    }

    /// Sends a data frame and waits for its answer: a result or an error frame with its id.
    pub async fn request(&mut self, id: &str, method: &str, data: Value) -> Value {
        self.send(data_frame(id, method, data)).await;
        self.answer(id).await
    }

    /// The result or error frame answering the frame `id`.
    pub async fn answer(&mut self, id: &str) -> Value {
        self.next_matching(&format!("the answer to {id}"), |f| {
            f["id"] == id && (f["frameType"] == 0 || f["frameType"] == 9)
        })
        .await
    }

    /// The next error frame (frameType 9).
    pub async fn error_frame(&mut self) -> Value {
        self.next_matching("an error frame", |f| f["frameType"] == 9)
            .await
    }

    /// The next push of `content_type` satisfying `matches`.
    pub async fn push(&mut self, content_type: &str, matches: impl Fn(&Value) -> bool) -> Value {
        self.next_matching(&format!("a {content_type} push"), |f| {
            f["method"] == "push" && f["data"]["contentType"] == content_type && matches(&f["data"])
        })
        .await["data"]
            .clone()
    }

    /// The next frame satisfying `matches` within [`WAIT`]; others stay in the backlog.
    pub async fn next_matching(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.backlog.iter().position(&matches) {
            return self.backlog.remove(index).expect("index is in the backlog");
        }
        let deadline = Instant::now() + WAIT;
        loop {
            match self.read(what, deadline).await {
                Incoming::Frame(frame) if matches(&frame) => return frame,
                Incoming::Frame(frame) => self.backlog.push_back(frame),
                Incoming::Closed(close) => panic!(
                    "the socket closed ({close:?}) while waiting for {what}; unmatched: {:#?}",
                    self.backlog
                ),
            }
        }
    }

    /// Every frame up to and including the first satisfying `matches` (the last element), in
    /// arrival order; they are all consumed.
    pub async fn collect_until(
        &mut self,
        what: &str,
        matches: impl Fn(&Value) -> bool,
    ) -> Vec<Value> {
        let mut frames = Vec::new();
        while let Some(frame) = self.backlog.pop_front() {
            let found = matches(&frame);
            frames.push(frame);
            if found {
                return frames;
            }
        }
        let deadline = Instant::now() + WAIT;
        loop {
            match self.read(what, deadline).await {
                Incoming::Frame(frame) => {
                    let found = matches(&frame);
                    frames.push(frame);
                    if found {
                        return frames;
                    }
                }
                Incoming::Closed(close) => {
                    panic!("the socket closed ({close:?}) while waiting for {what}: {frames:#?}")
                }
            }
        }
    }

    /// Sends a single-chat text to `recv_id` for each of `ids` (frame id = text = the id), without
    /// waiting for answers.
    pub async fn send_chats(&mut self, ids: &[String], recv_id: &str) {
        for id in ids {
            let chat = chat_data(2, recv_id, id);
            self.send(data_frame(id, "conversation.chat", chat)).await;
        }
    }

    /// Reads, after the frames `read` already, until every single-chat send of `ids` (text = id,
    /// to `recv_id`) is answered with its result and a chat push satisfying `last` arrived;
    /// returns the results (id → data) and the chat pushes' data in arrival order. A send
    /// refused as UNAVAILABLE (a server recovering) is sent again with the same id, as a client
    /// does; any other error fails the test, and so does the socket closing or a send answered
    /// twice.
    pub async fn await_sends_and_push(
        &mut self,
        read: Vec<Value>,
        ids: &[String],
        recv_id: &str,
        last: impl Fn(&Value) -> bool,
    ) -> (HashMap<String, Value>, Vec<Value>) {
        let mut answers = HashMap::new();
        let mut pushes = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut read = read.into_iter();
        while answers.len() < ids.len() || !pushes.iter().any(&last) {
            assert!(
                Instant::now() < deadline,
                "answers {answers:?}, pushes {pushes:?}"
            );
            let frame = match read.next() {
                Some(frame) => frame,
                None => self.next_matching("any frame", |_| true).await,
            };
            let id = frame["id"].as_str().unwrap_or_default().to_owned();
            if frame["method"] == "push" && frame["data"]["contentType"] == "chat" {
                pushes.push(frame["data"].clone());
            } else if frame["frameType"] == 9 && ids.contains(&id) {
                assert_eq!(
                    frame["data"]["code"], 14,
                    "only UNAVAILABLE is retried: {frame}"
                );
                tokio::time::sleep(Duration::from_millis(500)).await;
                self.send_chats(std::slice::from_ref(&id), recv_id).await;
            } else if frame["frameType"] == 9 {
                panic!("an error frame for no send of {ids:?}: {frame}");
            } else if frame["frameType"] == 0 && ids.contains(&id) {
                assert!(
                    answers.insert(id, frame["data"].clone()).is_none(),
                    "a send answered twice: {frame}"
                );
            }
        }
        (answers, pushes)
    }

    /// Every frame that arrives within `duration` (after those already read), in arrival order.
    pub async fn frames_for(&mut self, duration: Duration) -> Vec<Value> {
        let mut frames: Vec<Value> = self.backlog.drain(..).collect();
        let deadline = Instant::now() + duration;
        while let Ok(message) = tokio::time::timeout_at(deadline, self.stream.next()).await {
            match message {
                Some(Ok(Message::Text(text))) => frames.push(
                    serde_json::from_str(text.as_str())
                        .unwrap_or_else(|e| panic!("the gateway sent non-JSON {text:?}: {e}")),
                ),
                Some(Ok(_)) => {}
                Some(Err(e)) => panic!("the socket failed: {e}"),
                None => panic!("the socket closed; frames so far: {frames:#?}"),
            }
        }
        frames
    }

    /// Waits for the close frame; returns it with every frame that came before it.
    pub async fn closed(&mut self) -> (Vec<Value>, Option<CloseFrame>) {
        let mut frames: Vec<Value> = self.backlog.drain(..).collect();
        let deadline = Instant::now() + WAIT;
        loop {
            match self.read("the close frame", deadline).await {
                Incoming::Frame(frame) => frames.push(frame),
                Incoming::Closed(close) => return (frames, close),
            }
        }
    }

    async fn read(&mut self, what: &str, deadline: Instant) -> Incoming {
        loop {
            let message = match tokio::time::timeout_at(deadline, self.stream.next()).await {
                Ok(Some(Ok(message))) => message,
                Ok(None) => return Incoming::Closed(None),
                Ok(Some(Err(e))) => panic!("the socket failed while waiting for {what}: {e}"),
                Err(_) => panic!(
                    "timed out waiting for {what}; {} unmatched frames, the last ones: {:#?}",
                    self.backlog.len(),
                    self.backlog.iter().rev().take(3).collect::<Vec<_>>()
                ),
            };
            match message {
                Message::Text(text) => {
                    let frame = serde_json::from_str(text.as_str())
                        .unwrap_or_else(|e| panic!("the gateway sent non-JSON {text:?}: {e}"));
                    return Incoming::Frame(frame);
                }
                Message::Close(close) => {
                    // Let tungstenite answer the close, bounded like every wait.
                    let _ = tokio::time::timeout(Duration::from_secs(1), self.stream.next()).await;
                    return Incoming::Closed(close);
                }
                Message::Binary(_) => panic!("the gateway sent a binary frame"),
                Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => {}
            }
        }
    }
}

/// A data frame `{frameType: 0, id, method, data}`.
pub fn data_frame(id: &str, method: &str, data: Value) -> Value {
    json!({"frameType": 0, "id": id, "method": method, "data": data})
}

/// `conversation.chat` data for a text message; `chat_type` 1 = group, 2 = single.
pub fn chat_data(chat_type: i64, recv_id: &str, text: &str) -> Value {
    json!({"chatType": chat_type, "recvId": recv_id, "msg": {"mType": 0, "content": text}})
}

/// A fresh frame id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
