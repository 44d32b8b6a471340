//! The Chat sessions of the WebSocket gateway running inside this server (`easychat serve`):
//! opened directly on the session layer instead of through a gRPC call to the server's own
//! port, which cost every bridged connection a second HTTP/2 stream on both ends and every
//! frame a protobuf encode and decode (`easychat_gateway::InProcessChat`).
//!
//! Everything else is what `ImService/Chat` does: the same token check, the same session, the
//! same frames and ending statuses. A gateway in its own process (`easychat gateway`) still
//! uses the public RPC.

use easychat_gateway::{ChatRequests, ChatResponses, InProcessChat};
use futures::StreamExt;
use futures::future::BoxFuture;
use tonic::Status;

use crate::domain::accounts::Accounts;
use crate::domain::tokens::Caller;
use crate::realtime::outbound::Outbound;
use crate::realtime::session::Sessions;

/// Opens Chat sessions for the in-process gateway.
pub struct InProcessSessions {
    pub accounts: Accounts,
    pub sessions: Sessions,
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
            let frames = sessions
                .chat(Caller { claims }, Box::pin(requests.map(Ok)))
                .await?;
            // A pushed event is shared by its recipients; the gateway reads each as a frame of
            // its own (a copy, where gRPC would have decoded one from the wire).
            let frames = frames.map(|frame| frame.map(Outbound::into_frame));
            Ok(Box::pin(frames) as ChatResponses)
        })
    }
}
