//! `easychat.im.v1.ImService`.

use std::sync::Arc;

use easychat_proto::im::v1 as pb;
use easychat_proto::im::v1::im_service_server::ImService;
use tonic::{Request, Response, Status};

use crate::api::auth::caller;
use crate::domain::messaging::Messaging;
use crate::domain::model::ConversationPatch;
use crate::domain::paging::PageRequest;
use crate::realtime::session::Sessions;
use crate::wire;

pub struct ImApi {
    pub messaging: Messaging,
    pub sessions: Arc<Sessions>,
}

type Reply<T> = Result<Response<T>, Status>;

/// Chat and Subscribe are served by `api::streams::ImRoutes`, which routes them to
/// `realtime::session` with shared event encodings before this service sees them; the trait's
/// own methods only answer if that routing is ever bypassed.
type NotRouted<T> = futures::stream::Empty<Result<T, Status>>;

fn not_routed<T>() -> Reply<T> {
    Err(Status::internal(
        "Chat and Subscribe are served by ImRoutes; this ImService was mounted without it",
    ))
}

#[tonic::async_trait]
impl ImService for ImApi {
    type ChatStream = NotRouted<pb::ChatResponse>;
    type SubscribeStream = NotRouted<pb::SubscribeResponse>;

    async fn chat(&self, _: Request<tonic::Streaming<pb::ChatRequest>>) -> Reply<Self::ChatStream> {
        not_routed()
    }

    async fn subscribe(&self, _: Request<pb::SubscribeRequest>) -> Reply<Self::SubscribeStream> {
        not_routed()
    }

    #[tracing::instrument(skip_all)]
    async fn send_typing(
        &self,
        request: Request<pb::SendTypingRequest>,
    ) -> Reply<pb::SendTypingResponse> {
        let caller = caller(&request)?;
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
        let caller = caller(&request)?;
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
            conversations: conversations.into_iter().map(wire::conversation).collect(),
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn get_conversation(
        &self,
        request: Request<pb::GetConversationRequest>,
    ) -> Reply<pb::GetConversationResponse> {
        let caller = caller(&request)?;
        let pb::GetConversationRequest { conversation_id } = request.into_inner();
        let conversation = self
            .messaging
            .conversation(caller.user_id(), &conversation_id)
            .await?;
        Ok(Response::new(pb::GetConversationResponse {
            conversation: Some(wire::conversation(conversation)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn update_conversation(
        &self,
        request: Request<pb::UpdateConversationRequest>,
    ) -> Reply<pb::UpdateConversationResponse> {
        let caller = caller(&request)?;
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
            conversation: Some(wire::conversation(conversation)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn list_messages(
        &self,
        request: Request<pb::ListMessagesRequest>,
    ) -> Reply<pb::ListMessagesResponse> {
        let caller = caller(&request)?;
        let pb::ListMessagesRequest {
            conversation_id,
            anchor_seq,
            direction,
            page_size,
            page_token,
        } = request.into_inner();
        let forward = match wire::enum_field::<pb::PageDirection>("direction", direction)? {
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
            messages: messages.into_iter().map(wire::message).collect(),
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn get_message(
        &self,
        request: Request<pb::GetMessageRequest>,
    ) -> Reply<pb::GetMessageResponse> {
        let caller = caller(&request)?;
        let pb::GetMessageRequest { message_id } = request.into_inner();
        let message = self
            .messaging
            .annotated_message(caller.user_id(), &message_id)
            .await?;
        Ok(Response::new(pb::GetMessageResponse {
            message: Some(wire::message(message)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn send_message(
        &self,
        request: Request<pb::SendMessageRequest>,
    ) -> Reply<pb::SendMessageResponse> {
        let caller = caller(&request)?;
        let draft = wire::draft(request.into_inner())?;
        let appended = self.messaging.send(caller.user_id(), draft, None).await?;
        Ok(Response::new(pb::SendMessageResponse {
            message: Some(wire::message(appended.message)),
            duplicate: appended.duplicate,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn mark_read(
        &self,
        request: Request<pb::MarkReadRequest>,
    ) -> Reply<pb::MarkReadResponse> {
        let caller = caller(&request)?;
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
        let caller = caller(&request)?;
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
        let caller = caller(&request)?;
        let pb::RecallMessageRequest { message_id } = request.into_inner();
        let message = self.messaging.recall(caller.user_id(), &message_id).await?;
        Ok(Response::new(pb::RecallMessageResponse {
            message: Some(wire::message(message)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn edit_message(
        &self,
        request: Request<pb::EditMessageRequest>,
    ) -> Reply<pb::EditMessageResponse> {
        let caller = caller(&request)?;
        let pb::EditMessageRequest { message_id, text } = request.into_inner();
        let message = self
            .messaging
            .edit(caller.user_id(), &message_id, text.map(|t| t.text))
            .await?;
        Ok(Response::new(pb::EditMessageResponse {
            message: Some(wire::message(message)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn add_reaction(
        &self,
        request: Request<pb::AddReactionRequest>,
    ) -> Reply<pb::AddReactionResponse> {
        let caller = caller(&request)?;
        let pb::AddReactionRequest { message_id, emoji } = request.into_inner();
        let reactions = self
            .messaging
            .add_reaction(caller.user_id(), &message_id, &emoji)
            .await?;
        Ok(Response::new(pb::AddReactionResponse {
            reactions: wire::reaction_counts(reactions),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn remove_reaction(
        &self,
        request: Request<pb::RemoveReactionRequest>,
    ) -> Reply<pb::RemoveReactionResponse> {
        let caller = caller(&request)?;
        let pb::RemoveReactionRequest { message_id, emoji } = request.into_inner();
        let reactions = self
            .messaging
            .remove_reaction(caller.user_id(), &message_id, &emoji)
            .await?;
        Ok(Response::new(pb::RemoveReactionResponse {
            reactions: wire::reaction_counts(reactions),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn pin_message(
        &self,
        request: Request<pb::PinMessageRequest>,
    ) -> Reply<pb::PinMessageResponse> {
        let caller = caller(&request)?;
        let pb::PinMessageRequest { message_id } = request.into_inner();
        let pinned = self.messaging.pin(caller.user_id(), &message_id).await?;
        Ok(Response::new(pb::PinMessageResponse {
            pinned_messages: wire::pinned_messages(pinned),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn unpin_message(
        &self,
        request: Request<pb::UnpinMessageRequest>,
    ) -> Reply<pb::UnpinMessageResponse> {
        let caller = caller(&request)?;
        let pb::UnpinMessageRequest { message_id } = request.into_inner();
        let pinned = self.messaging.unpin(caller.user_id(), &message_id).await?;
        Ok(Response::new(pb::UnpinMessageResponse {
            pinned_messages: wire::pinned_messages(pinned),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn search_messages(
        &self,
        request: Request<pb::SearchMessagesRequest>,
    ) -> Reply<pb::SearchMessagesResponse> {
        let caller = caller(&request)?;
        let pb::SearchMessagesRequest {
            query,
            conversation_id,
            page_size,
            page_token,
        } = request.into_inner();
        let (hits, next_page_token) = self
            .messaging
            .search(
                caller.user_id(),
                &query,
                &conversation_id,
                page_size,
                &page_token,
            )
            .await?;
        Ok(Response::new(pb::SearchMessagesResponse {
            hits: hits.into_iter().map(wire::search_hit).collect(),
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn delete_messages_for_me(
        &self,
        request: Request<pb::DeleteMessagesForMeRequest>,
    ) -> Reply<pb::DeleteMessagesForMeResponse> {
        let caller = caller(&request)?;
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
        let caller = caller(&request)?;
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
