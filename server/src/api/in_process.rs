//! The Chat sessions of the WebSocket gateway running inside this server (`easychat serve`):
//! opened directly on the session layer instead of through a gRPC call to the server's own
//! port, which cost every bridged connection a second HTTP/2 stream on both ends and every
//! frame a protobuf encode and decode (`easychat_gateway::InProcessChat`).
//!
//! Everything else is what `ImService/Chat` does: the same token check, the same session, the
//! same frames and ending statuses. A gateway in its own process (`easychat gateway`) still
//! uses the public RPC.

use std::sync::Arc;

use bytes::Bytes;
use easychat_gateway::{ChatRequests, ChatResponses, InProcessChat, SharedEvent, UpstreamFrame};
use easychat_proto::im::v1 as pb;
use futures::StreamExt;
use futures::future::BoxFuture;
use tonic::Status;

use crate::domain::accounts::Accounts;
use crate::domain::tokens::Caller;
use crate::realtime::events::PushedEvent;
use crate::realtime::outbound::Outbound;
use crate::realtime::session::Sessions;

impl SharedEvent for PushedEvent {
    fn event(&self) -> &pb::ServerEvent {
        &self.event
    }

    fn encoded_once(&self, encode: &dyn Fn(&pb::ServerEvent) -> Bytes) -> Bytes {
        self.bridged(encode)
    }
}

/// Opens Chat sessions for the in-process gateway.
pub struct InProcessSessions {
    pub accounts: Accounts,
    pub sessions: Arc<Sessions>,
}

impl InProcessChat for InProcessSessions {
    fn open(
        &self,
        token: String,
        requests: ChatRequests,
    ) -> BoxFuture<'static, Result<ChatResponses, Status>> {
        let accounts = self.accounts.clone();
        let sessions = self.sessions.clone();
        Box::pin(async move {
            let claims = accounts.authenticate(&token).await.map_err(Status::from)?;
            // The gateway polls the stream from the connection's task, which also reads the
            // socket: the session runs there too (`chat_in_reader`).
            let frames = sessions
                .chat_in_reader(Caller { claims }, Box::pin(requests.map(Ok)))
                .await?;
            // A pushed event stays shared: the bridge translates it once for all its recipients.
            let frames = frames.map(|frame| {
                frame.map(|frame| match frame {
                    Outbound::Frame(own) => UpstreamFrame::Own(own),
                    Outbound::Event(pushed) => UpstreamFrame::Shared(pushed),
                })
            });
            Ok(Box::pin(frames) as ChatResponses)
        })
    }
}
