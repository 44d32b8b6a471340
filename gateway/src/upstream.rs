//! The upstream side of a connection: picking an EasyChat server, opening its Chat stream with
//! the connection's token, waiting for `ready`, and the unary calls a few methods need. Only the
//! public gRPC API is used.
//!
//! Client connections share HTTP/2 connections upstream, up to `upstream_streams_per_connection`
//! Chat streams on each (`pool`): one connection per client cost an idle WebSocket two HTTP/2
//! connection states (gateway and server side) and two more descriptors. Another connection is
//! opened when all are full, so a gateway is not capped by a server's stream limit. A server
//! that is down fails the connect or the stream with UNAVAILABLE: the next upstream is tried.
//!
//! A gateway inside a server (`easychat serve`) opens Chat sessions through [`InProcessChat`]
//! instead, with no stream on the network; its unary calls still go to that server's port.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::http::uri::PathAndQuery;
use bytes::{Buf, BufMut, Bytes};
use easychat_proto::im::v1::im_service_client::ImServiceClient;
use easychat_proto::im::v1::{self as im, ChatRequest, ChatResponse, chat_response};
use easychat_proto::social::v1::social_service_client::SocialServiceClient;
use easychat_proto::social::v1::{ListFriendsRequest, ListFriendsResponse};
use futures::StreamExt;
use tonic::metadata::{Ascii, MetadataMap, MetadataValue};
use tonic::transport::{Channel, Endpoint};
use tonic::{Code, Request, Status, Streaming};
use tonic_types::StatusExt;

use crate::config::GatewayConfig;
use crate::error::ClientError;
use crate::in_process::{ChatResponses, InProcessChat, UpstreamFrame};
use crate::pool::{ConnectionPool, StreamSlot};

/// HTTP/2 pings keep idle upstream connections (quiet chats) from being dropped by NATs and
/// notice a dead server between messages.
const KEEP_ALIVE_INTERVAL: Duration = Duration::from_secs(30);
const KEEP_ALIVE_TIMEOUT: Duration = Duration::from_secs(10);

/// The upstream servers, used round-robin: the configured list, or the one given later by
/// [`Upstreams::replace`] (a gateway following the node registry).
pub struct Upstreams {
    /// Replaced whole when the set changes; sessions keep the pool they opened on.
    endpoints: RwLock<Arc<Vec<Arc<ConnectionPool>>>>,
    next: AtomicUsize,
    streams_per_connection: usize,
    queue: usize,
    connect_timeout: Duration,
    ready_timeout: Duration,
    call_timeout: Duration,
    /// Set when the gateway runs inside the server it bridges to.
    in_process: Option<InProcess>,
}

/// The server this gateway runs in.
struct InProcess {
    chat: Arc<dyn InProcessChat>,
    /// Its gRPC URL, for the unary calls (REST, and a few client methods).
    uri: String,
    /// One shared connection for those calls, opened when the first is made.
    calls: Channel,
}

/// A registered upstream Chat session of one connection.
pub struct UpstreamSession {
    pub user_id: String,
    pub session_id: String,
    /// The upstream's URI, to avoid it when this session has to move.
    pub upstream: String,
    /// Frames to the Chat stream; dropping it half-closes the stream.
    pub requests: RequestQueue,
    /// Frames from the Chat stream; dropping it cancels the call.
    pub responses: ChatResponses,
    pub calls: Calls,
    /// The stream's place on its shared upstream connection, given back when dropped (none
    /// for an in-process session).
    pub slot: Option<StreamSlot>,
    /// Opened in the server this gateway runs in: there is no other server to move it to.
    pub in_process: bool,
}

/// The queue of a connection's frames to its Chat stream: futures' channel, not tokio's. Every
/// idle connection keeps one, and tokio's costs 800 bytes before its first frame (the channel,
/// padded to cache lines, and a first block of 32 slots), futures' about 200; a frame costs it
/// one small allocation, which a client's frames (not the pushes) can afford.
pub type RequestQueue = futures::channel::mpsc::Sender<ChatRequest>;

/// A queue of `capacity` frames.
fn request_queue(capacity: usize) -> (RequestQueue, futures::channel::mpsc::Receiver<ChatRequest>) {
    // Its capacity is the buffer plus one per sender, and there is one sender.
    futures::channel::mpsc::channel(capacity.max(1) - 1)
}

/// Why one upstream could not be used.
enum Attempt {
    /// Not reachable: the next upstream may be.
    Unreachable(String),
    /// It answered, and the answer ends the connection (a bad token, for one).
    Refused(ClientError),
}

impl Upstreams {
    pub fn new(config: &GatewayConfig) -> Upstreams {
        let upstreams = Upstreams {
            endpoints: RwLock::new(Arc::new(Vec::new())),
            next: AtomicUsize::new(0),
            streams_per_connection: config.upstream_streams_per_connection,
            queue: config.queue(),
            connect_timeout: config.connect_timeout(),
            ready_timeout: config.ready_timeout(),
            call_timeout: config.call_timeout(),
            in_process: None,
        };
        upstreams.replace(&config.upstreams);
        upstreams
    }

    /// The upstreams of a gateway running inside the server at `config.upstreams[0]`: Chat
    /// sessions are opened through `chat`, unary calls go to that URL.
    pub fn in_process(
        config: &GatewayConfig,
        chat: Arc<dyn InProcessChat>,
    ) -> Result<Upstreams, String> {
        let [uri] = config.upstreams.as_slice() else {
            return Err(format!(
                "an in-process gateway has exactly one upstream, its own server (got {:?})",
                config.upstreams
            ));
        };
        let endpoint = Endpoint::from_shared(uri.clone())
            .map_err(|e| format!("the server's URL {uri:?} is not valid: {e}"))?;
        let mut upstreams = Upstreams::new(config);
        let calls = upstreams.endpoint(endpoint).connect_lazy();
        upstreams.in_process = Some(InProcess {
            chat,
            uri: uri.clone(),
            calls,
        });
        Ok(upstreams)
    }

    /// Makes `urls` the upstreams. Connections to those already known are kept; sessions on
    /// the others carry on until their stream ends.
    pub fn replace(&self, urls: &[String]) {
        let current = self.snapshot();
        let endpoints = urls
            .iter()
            .filter_map(|url| match Endpoint::from_shared(url.clone()) {
                Ok(endpoint) => Some(
                    current
                        .iter()
                        .find(|pool| pool.uri() == endpoint.uri())
                        .cloned()
                        .unwrap_or_else(|| Arc::new(self.pool(endpoint))),
                ),
                Err(e) => {
                    // `run` validates the configured ones; a bad discovered one is skipped.
                    tracing::error!(upstream = %url, error = %e, "ignoring an invalid upstream URL");
                    None
                }
            })
            .collect();
        *self.endpoints.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(endpoints);
    }

    /// The upstreams' URIs, in round-robin order.
    pub fn uris(&self) -> Vec<String> {
        self.snapshot()
            .iter()
            .map(|pool| pool.uri().to_string())
            .collect()
    }

    fn snapshot(&self) -> Arc<Vec<Arc<ConnectionPool>>> {
        self.endpoints
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn pool(&self, endpoint: Endpoint) -> ConnectionPool {
        ConnectionPool::new(self.endpoint(endpoint), self.streams_per_connection)
    }

    fn endpoint(&self, endpoint: Endpoint) -> Endpoint {
        endpoint
            .connect_timeout(self.connect_timeout)
            .tcp_nodelay(true)
            .http2_keep_alive_interval(KEEP_ALIVE_INTERVAL)
            .keep_alive_timeout(KEEP_ALIVE_TIMEOUT)
            .keep_alive_while_idle(true)
    }

    /// Opens a Chat session for `token` on the next upstream, falling back to the following ones
    /// while they cannot be reached. The upstream `avoid` (one that just failed) is tried last.
    pub async fn open(
        &self,
        token: &str,
        avoid: Option<&str>,
    ) -> Result<UpstreamSession, ClientError> {
        // A token that is not valid metadata cannot be valid; asking upstream would be pointless.
        let auth: MetadataValue<Ascii> = format!("Bearer {token}")
            .parse()
            .map_err(|_| ClientError::TokenInvalid)?;
        if let Some(server) = &self.in_process {
            return match self.start_in_process(server, token, auth).await {
                Ok(session) => Ok(session),
                Err(Attempt::Refused(error)) => Err(error),
                Err(Attempt::Unreachable(reason)) => Err(ClientError::UpstreamUnavailable(
                    format!("{}: {reason}", server.uri),
                )),
            };
        }
        let endpoints = self.snapshot();
        let count = endpoints.len();
        if count == 0 {
            return Err(ClientError::UpstreamUnavailable(
                "no upstream is known (none configured or registered)".to_owned(),
            ));
        }
        let start = self.next.fetch_add(1, Ordering::Relaxed) % count;
        let (others, avoided): (Vec<_>, Vec<_>) = (0..count)
            .map(|offset| &endpoints[(start + offset) % count])
            .partition(|pool| Some(pool.uri().to_string().as_str()) != avoid);
        let mut failures = Vec::new();
        for pool in others.into_iter().chain(avoided) {
            let uri = pool.uri().to_string();
            let attempt = match pool.slot(self.connect_timeout).await {
                Ok((channel, slot)) => {
                    self.start_chat(channel, slot, auth.clone())
                        .await
                        .map(|session| UpstreamSession {
                            upstream: uri.clone(),
                            ..session
                        })
                }
                Err(reason) => Err(Attempt::Unreachable(reason)),
            };
            match attempt {
                Ok(session) => return Ok(session),
                Err(Attempt::Refused(error)) => return Err(error),
                Err(Attempt::Unreachable(reason)) => {
                    tracing::warn!(upstream = %uri, %reason, "upstream unreachable; trying the next");
                    failures.push(format!("{uri}: {reason}"));
                }
            }
        }
        Err(ClientError::UpstreamUnavailable(failures.join("; ")))
    }

    /// One unary call with an already encoded request (the REST transcoder's), on the next
    /// upstream that can be reached. Only failures to connect move on to the next one: a call
    /// that reached a server is never sent twice, since it may have taken effect.
    pub async fn unary(
        &self,
        path: PathAndQuery,
        metadata: MetadataMap,
        request: Bytes,
    ) -> Result<Bytes, Status> {
        let endpoints = self.snapshot();
        let count = endpoints.len();
        if count == 0 {
            return Err(Status::unavailable(
                "no upstream is known (none configured or registered)",
            ));
        }
        let start = self.next.fetch_add(1, Ordering::Relaxed) % count;
        let mut failures = Vec::new();
        for offset in 0..count {
            let pool = &endpoints[(start + offset) % count];
            // The slot counts the call among the connection's streams until it ends.
            let (channel, _slot) = match pool.slot(self.connect_timeout).await {
                Ok(found) => found,
                Err(reason) => {
                    failures.push(format!("{}: {reason}", pool.uri()));
                    continue;
                }
            };
            let mut grpc = tonic::client::Grpc::new(channel);
            if let Err(e) = grpc.ready().await {
                failures.push(format!("{}: {e}", pool.uri()));
                continue;
            }
            let mut call = Request::from_parts(metadata, tonic::Extensions::default(), request);
            call.set_timeout(self.call_timeout);
            let answer = grpc.unary(call, path, RawCodec);
            return match tokio::time::timeout(self.call_timeout, answer).await {
                Ok(answer) => answer.map(tonic::Response::into_inner),
                Err(_) => Err(Status::deadline_exceeded("the upstream call timed out")),
            };
        }
        Err(Status::unavailable(format!(
            "no upstream could be reached: {}",
            failures.join("; ")
        )))
    }

    async fn start_chat(
        &self,
        channel: Channel,
        slot: StreamSlot,
        auth: MetadataValue<Ascii>,
    ) -> Result<UpstreamSession, Attempt> {
        let (requests, outgoing) = request_queue(self.queue);
        let mut request = Request::new(outgoing);
        request.metadata_mut().insert("authorization", auth.clone());
        let opened = async {
            let responses = open_chat(channel.clone(), request).await?.into_inner();
            let frames = responses.map(|response| response.map(UpstreamFrame::Own));
            Ok::<ChatResponses, Status>(Box::pin(frames))
        };
        let (ready, responses) = self.ready(opened).await?;
        Ok(UpstreamSession {
            user_id: ready.user_id,
            session_id: ready.session_id,
            upstream: String::new(),
            requests,
            responses,
            calls: Calls {
                channel,
                auth,
                timeout: self.call_timeout,
            },
            slot: Some(slot),
            in_process: false,
        })
    }

    async fn start_in_process(
        &self,
        server: &InProcess,
        token: &str,
        auth: MetadataValue<Ascii>,
    ) -> Result<UpstreamSession, Attempt> {
        let (requests, outgoing) = request_queue(self.queue);
        let opened = server.chat.open(token.to_owned(), Box::pin(outgoing));
        let (ready, responses) = self.ready(opened).await?;
        Ok(UpstreamSession {
            user_id: ready.user_id,
            session_id: ready.session_id,
            upstream: server.uri.clone(),
            requests,
            responses,
            calls: Calls {
                channel: server.calls.clone(),
                auth,
                timeout: self.call_timeout,
            },
            slot: None,
            in_process: true,
        })
    }

    /// Waits (at most `ready_timeout`) for the stream `opened` gives and for its first frame,
    /// which must be `ready`.
    async fn ready(
        &self,
        opened: impl Future<Output = Result<ChatResponses, Status>>,
    ) -> Result<(im::SessionReady, ChatResponses), Attempt> {
        let opened = tokio::time::timeout(self.ready_timeout, async {
            let mut responses = opened.await?;
            let first = responses.next().await.transpose()?;
            Ok::<_, Status>((responses, first))
        })
        .await;
        let not_ready = |why: &str| Attempt::Refused(ClientError::UpstreamNotReady(why.to_owned()));
        match opened {
            Err(_) => Err(not_ready(&format!(
                "no `ready` frame within {} s",
                self.ready_timeout.as_secs()
            ))),
            Ok(Err(status)) if server_went_away(&status) => {
                Err(Attempt::Unreachable(status.message().to_owned()))
            }
            Ok(Err(status)) => Err(Attempt::Refused(ClientError::from_status(&status))),
            Ok(Ok((_, None))) => Err(not_ready("the stream ended before `ready`")),
            Ok(Ok((responses, Some(first)))) => match first {
                UpstreamFrame::Own(ChatResponse {
                    frame: Some(chat_response::Frame::Ready(ready)),
                    ..
                }) => Ok((ready, responses)),
                _ => Err(not_ready("the first frame was not `ready`")),
            },
        }
    }
}

/// Whether a stream's end means its server went away (stopped, crashed, cut off), so the
/// session can move to another, rather than that the server ended the session on purpose (token
/// expired or revoked, slow consumer), which no other server would change.
pub fn server_went_away(status: &Status) -> bool {
    match status.code() {
        Code::Unavailable => true,
        // A broken connection surfaces as one of these without the ErrorInfo every error of
        // the server carries.
        Code::Unknown | Code::Internal | Code::Cancelled => {
            status.get_details_error_info().is_none()
        }
        _ => false,
    }
}

/// Initial buffers of a Chat stream's encoder and decoder: tonic's default (8 KiB each) made up
/// most of an idle connection's memory. They grow for larger messages.
const CHAT_BUFFER_BYTES: usize = 1024;
/// Encoded frames gathered before they are handed to HTTP/2 (tonic's default).
const CHAT_YIELD_BYTES: usize = 32 * 1024;

/// `ImService/Chat`, as the generated client calls it but with small initial codec buffers.
async fn open_chat(
    channel: Channel,
    request: Request<impl futures::Stream<Item = ChatRequest> + Send + 'static>,
) -> Result<tonic::Response<Streaming<ChatResponse>>, Status> {
    let mut grpc = tonic::client::Grpc::new(channel);
    grpc.ready()
        .await
        .map_err(|e| Status::unavailable(format!("upstream not ready: {e}")))?;
    let path = axum::http::uri::PathAndQuery::from_static("/easychat.im.v1.ImService/Chat");
    grpc.streaming(request, path, ChatCodec).await
}

/// Prost encoding with `CHAT_BUFFER_BYTES` initial buffers.
struct ChatCodec;

impl tonic::codec::Codec for ChatCodec {
    type Encode = ChatRequest;
    type Decode = ChatResponse;
    type Encoder = tonic_prost::ProstEncoder<ChatRequest>;
    type Decoder = tonic_prost::ProstDecoder<ChatResponse>;

    fn encoder(&mut self) -> Self::Encoder {
        tonic_prost::ProstEncoder::new(chat_buffers())
    }

    fn decoder(&mut self) -> Self::Decoder {
        tonic_prost::ProstDecoder::new(chat_buffers())
    }
}

fn chat_buffers() -> tonic::codec::BufferSettings {
    tonic::codec::BufferSettings::new(CHAT_BUFFER_BYTES, CHAT_YIELD_BYTES)
}

/// Messages passed through as the bytes they are: the REST transcoder encodes and decodes them
/// itself, by their descriptors.
struct RawCodec;

impl tonic::codec::Codec for RawCodec {
    type Encode = Bytes;
    type Decode = Bytes;
    type Encoder = RawCodec;
    type Decoder = RawCodec;

    fn encoder(&mut self) -> Self::Encoder {
        RawCodec
    }

    fn decoder(&mut self) -> Self::Decoder {
        RawCodec
    }
}

impl tonic::codec::Encoder for RawCodec {
    type Item = Bytes;
    type Error = Status;

    fn encode(&mut self, item: Bytes, dst: &mut tonic::codec::EncodeBuf<'_>) -> Result<(), Status> {
        dst.put(item);
        Ok(())
    }
}

impl tonic::codec::Decoder for RawCodec {
    type Item = Bytes;
    type Error = Status;

    fn decode(&mut self, src: &mut tonic::codec::DecodeBuf<'_>) -> Result<Option<Bytes>, Status> {
        Ok(Some(src.copy_to_bytes(src.remaining())))
    }
}

/// Unary calls as the connection's user, over its upstream connection.
#[derive(Clone)]
pub struct Calls {
    channel: Channel,
    auth: MetadataValue<Ascii>,
    timeout: Duration,
}

impl Calls {
    pub async fn get_message(&self, message_id: &str) -> Result<im::Message, Status> {
        let mut client = ImServiceClient::new(self.channel.clone());
        let request = self.request(im::GetMessageRequest {
            message_id: message_id.to_owned(),
        });
        let response = self.bounded(client.get_message(request)).await?;
        response
            .into_inner()
            .message
            .ok_or_else(|| Status::internal("GetMessage answered without a message"))
    }

    pub async fn search_messages(
        &self,
        search: im::SearchMessagesRequest,
    ) -> Result<im::SearchMessagesResponse, Status> {
        let mut client = ImServiceClient::new(self.channel.clone());
        let request = self.request(search);
        Ok(self
            .bounded(client.search_messages(request))
            .await?
            .into_inner())
    }

    pub async fn list_friends(&self, page_token: String) -> Result<ListFriendsResponse, Status> {
        let mut client = SocialServiceClient::new(self.channel.clone());
        let request = self.request(ListFriendsRequest {
            keyword: String::new(),
            page_size: 100,
            page_token,
        });
        Ok(self
            .bounded(client.list_friends(request))
            .await?
            .into_inner())
    }

    /// One page of the user's conversations, hidden ones included.
    pub async fn list_conversations(
        &self,
        page_token: String,
    ) -> Result<im::ListConversationsResponse, Status> {
        let mut client = ImServiceClient::new(self.channel.clone());
        let request = self.request(im::ListConversationsRequest {
            include_hidden: true,
            page_size: 100,
            page_token,
        });
        Ok(self
            .bounded(client.list_conversations(request))
            .await?
            .into_inner())
    }

    /// Up to `page_size` messages of a conversation from `anchor_seq` (exclusive) in `direction`.
    pub async fn list_messages(
        &self,
        conversation_id: &str,
        anchor_seq: i64,
        direction: im::PageDirection,
        page_size: i32,
    ) -> Result<Vec<im::Message>, Status> {
        let mut client = ImServiceClient::new(self.channel.clone());
        let request = self.request(im::ListMessagesRequest {
            conversation_id: conversation_id.to_owned(),
            anchor_seq,
            direction: direction as i32,
            page_size,
            page_token: String::new(),
        });
        Ok(self
            .bounded(client.list_messages(request))
            .await?
            .into_inner()
            .messages)
    }

    fn request<T>(&self, message: T) -> Request<T> {
        let mut request = Request::new(message);
        request
            .metadata_mut()
            .insert("authorization", self.auth.clone());
        request.set_timeout(self.timeout);
        request
    }

    /// The grpc-timeout header asks the server to give up; this makes sure we do.
    async fn bounded<T>(&self, call: impl Future<Output = Result<T, Status>>) -> Result<T, Status> {
        tokio::time::timeout(self.timeout, call)
            .await
            .unwrap_or_else(|_| Err(Status::deadline_exceeded("the upstream call timed out")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(n: usize) -> ChatRequest {
        ChatRequest {
            request_id: n.to_string(),
            frame: None,
        }
    }

    /// A failover re-sends every unanswered request into the new queue, which must hold as many
    /// as the configured size (`unanswered` keeps that many), and refuse the next.
    #[test]
    fn a_request_queue_holds_exactly_its_capacity() {
        for capacity in [1, 2, 64] {
            let (mut queue, _receiver) = request_queue(capacity);
            for n in 0..capacity {
                queue.try_send(frame(n)).expect("room within the capacity");
            }
            let refused = queue.try_send(frame(capacity)).expect_err("full");
            assert!(refused.is_full(), "capacity {capacity}: {refused:?}");
        }
    }

    #[test]
    fn a_request_queue_frees_room_as_the_stream_reads_and_keeps_order() {
        let (mut queue, mut receiver) = request_queue(2);
        queue.try_send(frame(0)).expect("room");
        queue.try_send(frame(1)).expect("room");
        assert!(queue.try_send(frame(2)).is_err());
        let first = receiver.try_recv().expect("a frame");
        assert_eq!(first.request_id, "0");
        queue.try_send(frame(2)).expect("room again after a read");
        let rest: Vec<String> = std::iter::from_fn(|| receiver.try_recv().ok())
            .map(|request| request.request_id)
            .collect();
        assert_eq!(rest, ["1", "2"]);
    }
}
