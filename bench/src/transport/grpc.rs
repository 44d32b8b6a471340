//! `ImService/Chat` over HTTP/2: a pool of client connections (channels) that many streams
//! share, and one Chat stream per simulated device.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::{Context, bail};
use easychat_proto::im::v1::im_service_client::ImServiceClient;
use easychat_proto::im::v1::{
    self as im, ChatRequest, ChatResponse, chat_request, chat_response, message_content,
    send_message_request, server_event,
};
use futures::StreamExt;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::metadata::{Ascii, MetadataValue};
use tonic::service::Interceptor;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Channel, Endpoint};

use super::{Dest, Session, client_msg_id, id_of};
use crate::stats::meter::Meter;

/// Frames queued towards one stream before `send` waits.
const OUTBOUND_FRAMES: usize = 256;
/// Longest wait for a connection, a stream's headers or its `ready` frame.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// Connections opened at once by [`connect_pool`].
const CONNECTS_IN_FLIGHT: usize = 32;

/// An HTTP/2 endpoint for `url` with the transport settings every bench connection uses.
pub fn endpoint(url: &str) -> anyhow::Result<Endpoint> {
    Ok(Endpoint::from_shared(url.to_owned())
        .with_context(|| format!("invalid server URL {url}"))?
        .connect_timeout(CONNECT_TIMEOUT)
        .tcp_nodelay(true))
}

/// `count` eagerly connected channels (so the number of TCP connections is known), counted in
/// the meter's transports until [`release_pool`]. Channel `i` goes to `urls[i % urls.len()]`:
/// the nodes of a cluster share the connections round-robin.
pub async fn connect_pool(
    urls: &[String],
    count: usize,
    meter: &Meter,
) -> anyhow::Result<Vec<Channel>> {
    anyhow::ensure!(!urls.is_empty(), "no server URL to connect to");
    let endpoints = urls
        .iter()
        .map(|url| endpoint(url))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let channels: Vec<Channel> = futures::stream::iter(0..count)
        .map(|i| {
            let endpoint = endpoints[i % endpoints.len()].clone();
            async move { endpoint.connect().await }
        })
        .buffered(CONNECTS_IN_FLIGHT)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()
        .with_context(|| format!("connecting to {}", urls.join(", ")))?;
    meter.transports.fetch_add(count as u64, Ordering::Relaxed);
    Ok(channels)
}

/// Drops the pool's channels: their connections close once no stream uses them.
pub fn release_pool(channels: Vec<Channel>, meter: &Meter) {
    meter
        .transports
        .fetch_sub(channels.len() as u64, Ordering::Relaxed);
    drop(channels);
}

/// Adds `authorization: Bearer <token>` to every call.
#[derive(Clone)]
pub struct Bearer(MetadataValue<Ascii>);

impl Bearer {
    pub fn new(token: &str) -> anyhow::Result<Bearer> {
        let value = format!("Bearer {token}")
            .parse()
            .context("the token is not valid metadata")?;
        Ok(Bearer(value))
    }
}

impl Interceptor for Bearer {
    fn call(
        &mut self,
        mut request: tonic::Request<()>,
    ) -> Result<tonic::Request<()>, tonic::Status> {
        request
            .metadata_mut()
            .insert("authorization", self.0.clone());
        Ok(request)
    }
}

/// A channel whose calls carry a user's token.
pub type Authed = InterceptedService<Channel, Bearer>;

/// One Chat stream.
pub struct GrpcConn {
    pub session: Arc<Session>,
    requests: mpsc::Sender<ChatRequest>,
    reader: tokio::task::JoinHandle<()>,
    run: Arc<str>,
}

impl GrpcConn {
    /// Opens a Chat stream on `channel` as the token's user and waits for its `ready` frame.
    pub async fn open(
        channel: Channel,
        token: &str,
        session: Arc<Session>,
        run: Arc<str>,
    ) -> anyhow::Result<GrpcConn> {
        let mut client = ImServiceClient::with_interceptor(channel, Bearer::new(token)?);
        let (requests, outbound) = mpsc::channel(OUTBOUND_FRAMES);
        let opened = async {
            let mut inbound = client
                .chat(ReceiverStream::new(outbound))
                .await
                .context("opening Chat")?
                .into_inner();
            match inbound.message().await.context("reading the first frame")? {
                Some(ChatResponse {
                    frame: Some(chat_response::Frame::Ready(_)),
                    ..
                }) => Ok(inbound),
                other => bail!("expected `ready` first, got {other:?}"),
            }
        };
        let inbound = tokio::time::timeout(CONNECT_TIMEOUT, opened)
            .await
            .context("Chat did not get ready in time")??;
        session.meter().sessions.fetch_add(1, Ordering::Relaxed);
        let reader = tokio::spawn(read(inbound, session.clone()));
        Ok(GrpcConn {
            session,
            requests,
            reader,
            run,
        })
    }

    pub async fn send(&self, id: u64, dest: &Dest, text: String) -> anyhow::Result<()> {
        let client_msg_id = client_msg_id(&self.run, self.session.uid, id);
        let request = ChatRequest {
            request_id: client_msg_id.clone(),
            frame: Some(chat_request::Frame::Send(im::SendMessageRequest {
                client_msg_id,
                target: Some(send_message_request::Target::ConversationId(
                    dest.conversation_id.clone(),
                )),
                content: Some(text_content(text)),
                ..Default::default()
            })),
        };
        self.push(request).await
    }

    pub async fn ping(&self) -> anyhow::Result<()> {
        self.push(ChatRequest {
            request_id: String::new(),
            frame: Some(chat_request::Frame::Ping(im::Ping { nonce: 1 })),
        })
        .await
    }

    pub async fn sync(&self, conversation_id: &str, after_seq: i64) -> anyhow::Result<()> {
        self.push(ChatRequest {
            request_id: "sync".to_owned(),
            frame: Some(chat_request::Frame::Sync(im::SyncRequest {
                cursors: vec![im::SyncCursor {
                    conversation_id: conversation_id.to_owned(),
                    last_seq: after_seq,
                }],
                page_size: 500,
            })),
        })
        .await
    }

    async fn push(&self, request: ChatRequest) -> anyhow::Result<()> {
        self.requests.send(request).await.map_err(|_| {
            anyhow::anyhow!(
                "the Chat stream of session {} is closed",
                self.session.index
            )
        })
    }

    pub async fn close(self) {
        // Ending the request stream half-closes the call; the server then ends its half.
        drop(self.requests);
        let mut reader = self.reader;
        if tokio::time::timeout(Duration::from_secs(5), &mut reader)
            .await
            .is_err()
        {
            reader.abort();
        }
    }
}

/// Text content, as the benchmark sends it.
pub fn text_content(text: String) -> im::MessageContent {
    im::MessageContent {
        kind: Some(message_content::Kind::Text(im::TextContent { text })),
    }
}

fn message_text(message: &im::Message) -> &str {
    match message.content.as_ref().and_then(|c| c.kind.as_ref()) {
        Some(message_content::Kind::Text(text)) => &text.text,
        _ => "",
    }
}

/// The stream's reader: every frame lands in the session until the stream ends.
async fn read(mut inbound: tonic::Streaming<ChatResponse>, session: Arc<Session>) {
    let why = loop {
        match inbound.message().await {
            Ok(Some(response)) => on_frame(&session, response),
            Ok(None) => break "the server ended the stream".to_owned(),
            Err(status) => break format!("{:?}: {}", status.code(), status.message()),
        }
    };
    session.meter().sessions.fetch_sub(1, Ordering::Relaxed);
    session.on_end(&why);
}

fn on_frame(session: &Session, response: ChatResponse) {
    use chat_response::Frame;
    let ChatResponse { request_id, frame } = response;
    match frame {
        Some(Frame::SendResult(result)) => {
            let seq = result.message.map(|m| m.seq).unwrap_or_default();
            match id_of(&request_id) {
                Some(id) if result.duplicate => session.on_duplicate(id),
                Some(id) => session.on_ack(id, seq),
                None => {}
            }
        }
        Some(Frame::Error(error)) => match id_of(&request_id) {
            Some(id) => session.on_send_error(id, &format!("{}: {}", error.reason, error.message)),
            None => session.on_end(&format!("frame error {}: {}", error.reason, error.message)),
        },
        Some(Frame::Event(event)) => match event.event {
            Some(server_event::Event::Message(message)) => {
                session.on_message(message.seq, message_text(&message))
            }
            Some(_) | None => session.on_other_event(),
        },
        Some(Frame::SyncBatch(batch)) => {
            let last = batch.messages.last().map(|m| m.seq).unwrap_or_default();
            session.on_synced(batch.messages.len(), last, batch.done);
        }
        Some(
            Frame::Ready(_)
            | Frame::Pong(_)
            | Frame::MarkReadResult(_)
            | Frame::RecallResult(_)
            | Frame::EditResult(_)
            | Frame::AddReactionResult(_)
            | Frame::RemoveReactionResult(_)
            | Frame::PinResult(_)
            | Frame::UnpinResult(_),
        )
        | None => {}
    }
}
