//! `easychat.im.v1.ImService`.

use easychat_proto::im::v1 as pb;
use easychat_proto::im::v1::im_service_server::ImService;
use tonic::{Request, Response, Status};

use super::convert;
use crate::auth::Caller;
use crate::domain::messaging::Messaging;
use crate::domain::model::ConversationPatch;
use crate::domain::paging::PageRequest;
use crate::realtime::outbound::{EventFrame, Outbound};
use crate::realtime::session::{SessionStream, Sessions};

pub struct ImApi {
    pub messaging: Messaging,
    pub sessions: Sessions,
}

type Reply<T> = Result<Response<T>, Status>;

/// A session's frames as plain protos. `api::streams` serves Chat and Subscribe with shared
/// event encodings instead; this is the same session for any other way of serving the trait.
pub type PlainStream<T> =
    futures::stream::Map<SessionStream<T>, fn(Result<Outbound<T>, Status>) -> Result<T, Status>>;

fn plain<T: EventFrame>(stream: SessionStream<T>) -> PlainStream<T> {
    use futures::StreamExt;
    stream.map(|frame| frame.map(Outbound::into_frame))
}

#[tonic::async_trait]
impl ImService for ImApi {
    type ChatStream = PlainStream<pb::ChatResponse>;
    type SubscribeStream = PlainStream<pb::SubscribeResponse>;

    #[tracing::instrument(skip_all)]
    async fn chat(
        &self,
        request: Request<tonic::Streaming<pb::ChatRequest>>,
    ) -> Reply<Self::ChatStream> {
        let caller = Caller::of(&request)?;
        Ok(Response::new(plain(
            self.sessions.chat(caller, request.into_inner()).await?,
        )))
    }

    #[tracing::instrument(skip_all)]
    async fn subscribe(
        &self,
        request: Request<pb::SubscribeRequest>,
    ) -> Reply<Self::SubscribeStream> {
        let caller = Caller::of(&request)?;
        let pb::SubscribeRequest {} = request.into_inner();
        Ok(Response::new(plain(self.sessions.subscribe(caller).await?)))
    }

    #[tracing::instrument(skip_all)]
    async fn send_typing(
        &self,
        request: Request<pb::SendTypingRequest>,
    ) -> Reply<pb::SendTypingResponse> {
        let caller = Caller::of(&request)?;
        let pb::SendTypingRequest { conversation_id } = request.into_inner();
        self.messaging
            .typing(caller.user_id(), &conversation_id)
            .await?;
        Ok(Response::new(pb::SendTypingResponse {}))
    }

    #[tracing::instrument(skip_all)]
    async fn list_conversations(
        &self,
        request: Request<pb::ListConversationsRequest>,
    ) -> Reply<pb::ListConversationsResponse> {
        let caller = Caller::of(&request)?;
        let pb::ListConversationsRequest {
            include_hidden,
            page_size,
            page_token,
        } = request.into_inner();
        let paging = PageRequest::parse(page_size, &page_token, 20, 100)?;
        let (conversations, next_page_token) = self
            .messaging
            .list_conversations(caller.user_id(), include_hidden, paging)
            .await?;
        Ok(Response::new(pb::ListConversationsResponse {
            conversations: conversations
                .into_iter()
                .map(convert::conversation)
                .collect(),
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn get_conversation(
        &self,
        request: Request<pb::GetConversationRequest>,
    ) -> Reply<pb::GetConversationResponse> {
        let caller = Caller::of(&request)?;
        let pb::GetConversationRequest { conversation_id } = request.into_inner();
        let conversation = self
            .messaging
            .conversation(caller.user_id(), &conversation_id)
            .await?;
        Ok(Response::new(pb::GetConversationResponse {
            conversation: Some(convert::conversation(conversation)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn update_conversation(
        &self,
        request: Request<pb::UpdateConversationRequest>,
    ) -> Reply<pb::UpdateConversationResponse> {
        let caller = Caller::of(&request)?;
        let pb::UpdateConversationRequest {
            conversation_id,
            hidden,
            pinned,
            muted,
        } = request.into_inner();
        let patch = ConversationPatch {
            hidden,
            pinned,
            muted,
        };
        let conversation = self
            .messaging
            .update_conversation(caller.user_id(), &conversation_id, patch)
            .await?;
        Ok(Response::new(pb::UpdateConversationResponse {
            conversation: Some(convert::conversation(conversation)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn list_messages(
        &self,
        request: Request<pb::ListMessagesRequest>,
    ) -> Reply<pb::ListMessagesResponse> {
        let caller = Caller::of(&request)?;
        let pb::ListMessagesRequest {
            conversation_id,
            anchor_seq,
            direction,
            page_size,
            page_token,
        } = request.into_inner();
        let forward = match convert::enum_field::<pb::PageDirection>("direction", direction)? {
            pb::PageDirection::Forward => true,
            pb::PageDirection::Backward | pb::PageDirection::Unspecified => false,
        };
        let (messages, next_page_token) = self
            .messaging
            .history(
                caller.user_id(),
                &conversation_id,
                anchor_seq,
                forward,
                page_size,
                &page_token,
            )
            .await?;
        Ok(Response::new(pb::ListMessagesResponse {
            messages: messages.into_iter().map(convert::message).collect(),
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn get_message(
        &self,
        request: Request<pb::GetMessageRequest>,
    ) -> Reply<pb::GetMessageResponse> {
        let caller = Caller::of(&request)?;
        let pb::GetMessageRequest { message_id } = request.into_inner();
        let message = self
            .messaging
            .message(caller.user_id(), &message_id)
            .await?;
        Ok(Response::new(pb::GetMessageResponse {
            message: Some(convert::message(message)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn send_message(
        &self,
        request: Request<pb::SendMessageRequest>,
    ) -> Reply<pb::SendMessageResponse> {
        let caller = Caller::of(&request)?;
        let pb::SendMessageRequest {
            client_msg_id,
            target,
            content,
        } = request.into_inner();
        let target = convert::send_target(target)?;
        let content = convert::content_from_proto(content)?;
        let appended = self
            .messaging
            .send(caller.user_id(), target, &client_msg_id, content, None)
            .await?;
        Ok(Response::new(pb::SendMessageResponse {
            message: Some(convert::message(appended.message)),
            duplicate: appended.duplicate,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn mark_read(
        &self,
        request: Request<pb::MarkReadRequest>,
    ) -> Reply<pb::MarkReadResponse> {
        let caller = Caller::of(&request)?;
        let pb::MarkReadRequest {
            conversation_id,
            read_seq,
        } = request.into_inner();
        let (read_seq, unread_count) = self
            .messaging
            .mark_read(caller.user_id(), &conversation_id, read_seq, None)
            .await?;
        Ok(Response::new(pb::MarkReadResponse {
            read_seq,
            unread_count,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn get_read_receipts(
        &self,
        request: Request<pb::GetReadReceiptsRequest>,
    ) -> Reply<pb::GetReadReceiptsResponse> {
        let caller = Caller::of(&request)?;
        let pb::GetReadReceiptsRequest { message_id } = request.into_inner();
        let receipts = self
            .messaging
            .receipts(caller.user_id(), &message_id)
            .await?;
        Ok(Response::new(pb::GetReadReceiptsResponse {
            read_user_ids: receipts.read,
            unread_user_ids: receipts.unread,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn recall_message(
        &self,
        request: Request<pb::RecallMessageRequest>,
    ) -> Reply<pb::RecallMessageResponse> {
        let caller = Caller::of(&request)?;
        let pb::RecallMessageRequest { message_id } = request.into_inner();
        let message = self.messaging.recall(caller.user_id(), &message_id).await?;
        Ok(Response::new(pb::RecallMessageResponse {
            message: Some(convert::message(message)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn delete_messages_for_me(
        &self,
        request: Request<pb::DeleteMessagesForMeRequest>,
    ) -> Reply<pb::DeleteMessagesForMeResponse> {
        let caller = Caller::of(&request)?;
        let pb::DeleteMessagesForMeRequest {
            conversation_id,
            message_ids,
        } = request.into_inner();
        let deleted = self
            .messaging
            .delete_for_me(caller.user_id(), &conversation_id, &message_ids)
            .await?;
        Ok(Response::new(pb::DeleteMessagesForMeResponse {
            deleted_count: i32::try_from(deleted).unwrap_or(i32::MAX),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn clear_conversation_for_me(
        &self,
        request: Request<pb::ClearConversationForMeRequest>,
    ) -> Reply<pb::ClearConversationForMeResponse> {
        let caller = Caller::of(&request)?;
        let pb::ClearConversationForMeRequest { conversation_id } = request.into_inner();
        let cleared_seq = self
            .messaging
            .clear_for_me(caller.user_id(), &conversation_id)
            .await?;
        Ok(Response::new(pb::ClearConversationForMeResponse {
            cleared_seq,
        }))
    }
}
