//! The gRPC baseline: `ImService/Chat` only, served by tonic with the same transport settings
//! as EasyChat, every other RPC unimplemented.

use std::sync::Arc;
use std::time::Duration;

use easychat_proto::im::v1::im_service_server::{ImService, ImServiceServer};
use easychat_proto::im::v1::{self as im, ChatRequest, ChatResponse, chat_request, chat_response};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_stream::wrappers::{ReceiverStream, TcpListenerStream};
use tonic::{Request, Response, Status, Streaming};

use super::{Hub, SESSION_QUEUE, route};

type Frame = Result<ChatResponse, Status>;

#[derive(Clone, Default)]
pub struct Baseline {
    hub: Arc<Hub<Frame>>,
}

/// Serves the baseline on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let baseline = Baseline::default();
    let hub = baseline.hub.clone();
    tonic::transport::Server::builder()
        .http2_keepalive_interval(Some(Duration::from_secs(30)))
        .http2_keepalive_timeout(Some(Duration::from_secs(10)))
        .add_service(ImServiceServer::new(baseline))
        .serve_with_incoming_shutdown(TcpListenerStream::new(listener), shutdown)
        .await?;
    eprintln!(
        "baseline-grpc: {} frames dropped at full queues",
        hub.dropped.load(std::sync::atomic::Ordering::Relaxed)
    );
    Ok(())
}

fn caller<T>(request: &Request<T>) -> Result<String, Status> {
    request
        .metadata()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned)
        .ok_or_else(|| Status::unauthenticated("a bearer token (the user id) is required"))
}

/// One Chat stream: answers the client's frames and leaves the hub when the client goes.
async fn session(
    hub: Arc<Hub<Frame>>,
    user: String,
    id: u64,
    mut inbound: Streaming<ChatRequest>,
    out: mpsc::Sender<Frame>,
) {
    while let Ok(Some(ChatRequest { request_id, frame })) = inbound.message().await {
        let answer = match frame {
            Some(chat_request::Frame::Send(send)) => {
                let conversation_id = match send.target {
                    Some(im::send_message_request::Target::ConversationId(c)) => c,
                    _ => String::new(),
                };
                let Some(recipients) = route(&conversation_id, &user) else {
                    let error = im::FrameError {
                        code: 3,
                        message: "conversation_id s_<a>_<b> or g_<x> is required".to_owned(),
                        reason: "INVALID_ARGUMENT".to_owned(),
                    };
                    let _ = out
                        .send(Ok(frame_of(request_id, chat_response::Frame::Error(error))))
                        .await;
                    continue;
                };
                let message = im::Message {
                    message_id: format!("{id}-{request_id}"),
                    conversation_id: conversation_id.clone(),
                    sender_id: user.clone(),
                    seq: hub.next_seq(),
                    client_msg_id: send.client_msg_id,
                    content: send.content,
                    ..Default::default()
                };
                let event = im::ServerEvent {
                    event: Some(im::server_event::Event::Message(message.clone())),
                };
                hub.deliver(
                    recipients,
                    id,
                    &Ok(frame_of(String::new(), chat_response::Frame::Event(event))),
                );
                chat_response::Frame::SendResult(im::SendMessageResponse {
                    message: Some(message),
                    duplicate: false,
                })
            }
            Some(chat_request::Frame::Ping(ping)) => chat_response::Frame::Pong(im::Pong {
                nonce: ping.nonce,
                server_time: None,
            }),
            // Nothing is stored, so there is nothing to catch up on.
            Some(chat_request::Frame::Sync(_)) => chat_response::Frame::SyncBatch(im::SyncBatch {
                done: true,
                ..Default::default()
            }),
            _ => continue,
        };
        if out.send(Ok(frame_of(request_id, answer))).await.is_err() {
            break;
        }
    }
    hub.leave(&user, id);
}

fn frame_of(request_id: String, frame: chat_response::Frame) -> ChatResponse {
    ChatResponse {
        request_id,
        frame: Some(frame),
    }
}

fn unimplemented<T>() -> Result<Response<T>, Status> {
    Err(Status::unimplemented("the baseline serves Chat only"))
}

#[tonic::async_trait]
impl ImService for Baseline {
    type ChatStream = ReceiverStream<Frame>;
    type SubscribeStream = ReceiverStream<Result<im::SubscribeResponse, Status>>;

    async fn chat(
        &self,
        request: Request<Streaming<ChatRequest>>,
    ) -> Result<Response<Self::ChatStream>, Status> {
        let user = caller(&request)?;
        let (out, frames) = mpsc::channel(SESSION_QUEUE);
        let id = self.hub.join(&user, out.clone());
        let ready = im::SessionReady {
            session_id: id.to_string(),
            user_id: user.clone(),
        };
        let _ = out.try_send(Ok(frame_of(
            String::new(),
            chat_response::Frame::Ready(ready),
        )));
        tokio::spawn(session(
            self.hub.clone(),
            user,
            id,
            request.into_inner(),
            out,
        ));
        Ok(Response::new(ReceiverStream::new(frames)))
    }

    async fn subscribe(
        &self,
        _: Request<im::SubscribeRequest>,
    ) -> Result<Response<Self::SubscribeStream>, Status> {
        unimplemented()
    }
    async fn list_conversations(
        &self,
        _: Request<im::ListConversationsRequest>,
    ) -> Result<Response<im::ListConversationsResponse>, Status> {
        unimplemented()
    }
    async fn get_conversation(
        &self,
        _: Request<im::GetConversationRequest>,
    ) -> Result<Response<im::GetConversationResponse>, Status> {
        unimplemented()
    }
    async fn update_conversation(
        &self,
        _: Request<im::UpdateConversationRequest>,
    ) -> Result<Response<im::UpdateConversationResponse>, Status> {
        unimplemented()
    }
    async fn list_messages(
        &self,
        _: Request<im::ListMessagesRequest>,
    ) -> Result<Response<im::ListMessagesResponse>, Status> {
        unimplemented()
    }
    async fn get_message(
        &self,
        _: Request<im::GetMessageRequest>,
    ) -> Result<Response<im::GetMessageResponse>, Status> {
        unimplemented()
    }
    async fn send_message(
        &self,
        _: Request<im::SendMessageRequest>,
    ) -> Result<Response<im::SendMessageResponse>, Status> {
        unimplemented()
    }
    async fn mark_read(
        &self,
        _: Request<im::MarkReadRequest>,
    ) -> Result<Response<im::MarkReadResponse>, Status> {
        unimplemented()
    }
    async fn get_read_receipts(
        &self,
        _: Request<im::GetReadReceiptsRequest>,
    ) -> Result<Response<im::GetReadReceiptsResponse>, Status> {
        unimplemented()
    }
    async fn recall_message(
        &self,
        _: Request<im::RecallMessageRequest>,
    ) -> Result<Response<im::RecallMessageResponse>, Status> {
        unimplemented()
    }
    async fn edit_message(
        &self,
        _: Request<im::EditMessageRequest>,
    ) -> Result<Response<im::EditMessageResponse>, Status> {
        unimplemented()
    }
    async fn add_reaction(
        &self,
        _: Request<im::AddReactionRequest>,
    ) -> Result<Response<im::AddReactionResponse>, Status> {
        unimplemented()
    }
    async fn remove_reaction(
        &self,
        _: Request<im::RemoveReactionRequest>,
    ) -> Result<Response<im::RemoveReactionResponse>, Status> {
        unimplemented()
    }
    async fn search_messages(
        &self,
        _: Request<im::SearchMessagesRequest>,
    ) -> Result<Response<im::SearchMessagesResponse>, Status> {
        unimplemented()
    }
    async fn pin_message(
        &self,
        _: Request<im::PinMessageRequest>,
    ) -> Result<Response<im::PinMessageResponse>, Status> {
        unimplemented()
    }
    async fn unpin_message(
        &self,
        _: Request<im::UnpinMessageRequest>,
    ) -> Result<Response<im::UnpinMessageResponse>, Status> {
        unimplemented()
    }
    async fn delete_messages_for_me(
        &self,
        _: Request<im::DeleteMessagesForMeRequest>,
    ) -> Result<Response<im::DeleteMessagesForMeResponse>, Status> {
        unimplemented()
    }
    async fn clear_conversation_for_me(
        &self,
        _: Request<im::ClearConversationForMeRequest>,
    ) -> Result<Response<im::ClearConversationForMeResponse>, Status> {
        unimplemented()
    }
    async fn send_typing(
        &self,
        _: Request<im::SendTypingRequest>,
    ) -> Result<Response<im::SendTypingResponse>, Status> {
        unimplemented()
    }
}
