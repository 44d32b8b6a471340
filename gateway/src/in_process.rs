//! The port through which a gateway running inside an EasyChat server opens its connections'
//! Chat sessions directly, without a gRPC call to itself. The server implements it; the
//! gateway's sessions use it exactly like an upstream's Chat stream (same frames, same ending
//! statuses), so everything above `upstream` is unaware of which it got.
//!
//! Why: bridged over loopback gRPC, every WebSocket paid a second HTTP/2 stream on both ends,
//! a protobuf encode and decode of every frame, and the HTTP/2 tasks' wake-ups; for a group
//! message that was once per recipient.

use std::pin::Pin;

use easychat_proto::im::v1::{ChatRequest, ChatResponse};
use futures::Stream;
use futures::future::BoxFuture;
use tonic::Status;

/// The frames a connection sends to its Chat session; the session ends when this does.
pub type ChatRequests = Pin<Box<dyn Stream<Item = ChatRequest> + Send + Sync>>;
/// The frames of a Chat session, ended by the status that closed it (as a gRPC stream ends).
pub type ChatResponses = Pin<Box<dyn Stream<Item = Result<ChatResponse, Status>> + Send + Sync>>;

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
