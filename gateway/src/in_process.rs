//! The port through which a gateway running inside an EasyChat server opens its connections'
//! Chat sessions directly, without a gRPC call to itself. The server implements it; the
//! gateway's sessions use it exactly like an upstream's Chat stream (same frames, same ending
//! statuses), so everything above `upstream` is unaware of which it got, except that a pushed
//! event arrives shared: the bridge translates it to its JSON frame once, for every recipient.
//!
//! Why: bridged over loopback gRPC, every WebSocket paid a second HTTP/2 stream on both ends,
//! a protobuf encode and decode of every frame, and the HTTP/2 tasks' wake-ups; a group message
//! was decoded and translated to JSON once per recipient.

use std::pin::Pin;
use std::sync::Arc;

use bytes::Bytes;
use easychat_proto::im::v1::{ChatRequest, ChatResponse, ServerEvent};
use futures::Stream;
use futures::future::BoxFuture;
use tonic::Status;

/// The frames a connection sends to its Chat session; the session ends when this does.
pub type ChatRequests = Pin<Box<dyn Stream<Item = ChatRequest> + Send + Sync>>;
/// The frames of a Chat session, ended by the status that closed it (as a gRPC stream ends).
pub type ChatResponses = Pin<Box<dyn Stream<Item = Result<UpstreamFrame, Status>> + Send + Sync>>;

/// One frame of a Chat session.
// Frames are moved from the stream into the session once: boxing the large variant would cost
// an allocation per frame to save a copy.
#[allow(clippy::large_enum_variant)]
pub enum UpstreamFrame {
    /// A frame for this connection alone (or any frame, from a remote upstream).
    Own(ChatResponse),
    /// A pushed event, the same for each of its recipients on the server.
    Shared(Arc<dyn SharedEvent>),
}

/// A pushed event shared by its recipients, with room for the bridge's encoding of it.
pub trait SharedEvent: Send + Sync {
    fn event(&self) -> &ServerEvent;
    /// `encode(event)`, computed by the first recipient that asks and kept for the others:
    /// the same `encode` must be passed every time.
    fn encoded_once(&self, encode: &dyn Fn(&ServerEvent) -> Bytes) -> Bytes;
}

/// The Chat service of the server this gateway runs in.
pub trait InProcessChat: Send + Sync + 'static {
    /// Opens a Chat session for the bearer `token`, as `ImService/Chat` would: an invalid token
    /// or a refused session is the error status the RPC would end with, and the first frame of
    /// an opened session is `ready`.
    fn open(
        &self,
        token: String,
        requests: ChatRequests,
    ) -> BoxFuture<'static, Result<ChatResponses, Status>>;
}
