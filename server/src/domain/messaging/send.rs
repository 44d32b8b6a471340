//! Sending: the rate limit, the target's authorization (friendship or membership, mute), the
//! content's checks, the quote, mentions, the upload and the message policy (`accept`), then
//! the durable append and the push to the members' live sessions (`store`).

use super::*;

impl Messaging {
    /// Sends a message and, once it is stored, pushes it to every live session of the
    /// conversation's members except `origin` (the sending session, which gets the ack).
    pub async fn send(&self, me: &str, draft: Draft, origin: Option<&str>) -> Result<Appended> {
        let accepted = self.accept(me, draft, origin).await?;
        self.store(accepted).await
    }

    /// The first half of `send`: the rate limit, the checks and the recipients. A session that
    /// pipelines its sends accepts them one after the other, in frame order, and lets the
    /// `store`s run together: they reach the log in the order they were accepted.
    pub async fn accept(
        &self,
        me: &str,
        draft: Draft,
        origin: Option<&str>,
    ) -> Result<AcceptedSend> {
        let Draft {
            target,
            client_msg_id,
            content,
            reply_to,
            mentions,
        } = draft;
        // Every attempt counts, retries included: a client retrying in a loop is throttled too.
        self.limiter.check(me, Action::SendMessage).await?;
        let conversation = self
            .authorize_send_target(me, target, &client_msg_id, &content)
            .await?;
        let reply_to = match reply_to {
            Some(id) => Some(self.quote(&conversation, &id).await?),
            None => None,
        };
        let mentions = self.checked_mentions(me, &conversation, mentions).await?;
        // Recipients are resolved before the append so that the push can go out the moment
        // the message is durable, in seq order with the other messages of the conversation.
        let members: Arc<[String]> = self.audience(me, &conversation).await?.into();
        let content = content.ok_or_else(|| Error::invalid_field("content", "is required"))?;
        // The upload's facts are filled in first, so the policy sees what will be stored.
        let mut content = self.resolve_media(me, content).await?;
        let check = PolicyCheck {
            sender_id: me,
            conversation_id: &conversation.to_string(),
            kind: conversation.kind(),
            client_msg_id: client_msg_id.trim(),
            edit_of: None,
            content: &content,
        };
        if let Some(replacement) = self.apply_policy(check).await? {
            // A replacement naming an upload is held to the same rules as the sender's.
            content = self.resolve_media(me, replacement).await?;
        }
        if let Some(media) = &self.media {
            media.share(&conversation.to_string(), &content).await?;
        }
        let message = NewMessage {
            message_id: new_id(),
            conversation_id: conversation.to_string(),
            kind: conversation.kind(),
            sender_id: me.to_owned(),
            client_msg_id: client_msg_id.trim().to_owned(),
            content,
            sent_at: now_millis(),
            reply_to,
            mentions,
        };
        Ok(AcceptedSend {
            message,
            conversation,
            members,
            origin: origin.map(str::to_owned),
        })
    }

    /// The second half of `send`: stores the accepted message and pushes it.
    pub async fn store(&self, accepted: AcceptedSend) -> Result<Appended> {
        let AcceptedSend {
            message,
            conversation,
            members,
            origin,
        } = accepted;
        let after = || self.announce(members.clone(), origin.as_deref());
        match self
            .log
            .append_then(&message, origin.as_deref(), after())
            .await
        {
            Err(e) if e.reason == Reason::ConversationNotFound => {
                // The conversation was not opened when the friendship or membership began (a
                // crash in between); authorization passed, so open it now and append again.
                self.reopen(&message.sender_id, &conversation).await?;
                self.log
                    .append_then(&message, origin.as_deref(), after())
                    .await
            }
            other => other,
        }
    }

    /// Pushes a newly stored message to the live sessions of `members` except `origin`; a retry
    /// of a stored message is not pushed again.
    fn announce(&self, members: Arc<[String]>, origin: Option<&str>) -> AfterAppend {
        let events = self.events.clone();
        let origin = origin.map(str::to_owned);
        Box::new(move |appended: &Appended| {
            if !appended.duplicate {
                let event = Event::Message(appended.message.clone());
                events.publish(&members, event, origin.as_deref());
            }
        })
    }

    async fn authorize_send_target(
        &self,
        me: &str,
        target: SendTarget,
        client_msg_id: &str,
        content: &Option<Content>,
    ) -> Result<ConversationId> {
        validate::required_text("client_msg_id", client_msg_id, MAX_CLIENT_MSG_ID_CHARS)?;
        let content = content
            .as_ref()
            .ok_or_else(|| Error::invalid_field("content", "is required"))?;
        validate_content(content, &self.limits)?;
        self.authorize_send(me, target).await
    }

    /// Resolves the target and checks the sender may post there.
    async fn authorize_send(&self, me: &str, target: SendTarget) -> Result<ConversationId> {
        let conversation = match target {
            SendTarget::Conversation(id) => ConversationId::parse("conversation_id", &id)?,
            SendTarget::Peer(peer) => {
                let peer = parse_id("peer_user_id", &peer)?;
                if peer == me {
                    return Err(Error::invalid(
                        Reason::CannotTargetSelf,
                        "peer_user_id is yourself",
                    ));
                }
                ConversationId::single(me, &peer)
            }
            SendTarget::Group(group) => ConversationId::group(&parse_id("group_id", &group)?),
        };
        match &conversation {
            ConversationId::Single { .. } => {
                let peer = conversation.peer_of(me).ok_or_else(not_a_member)?;
                // Friends, and no block either way (one read of the pair).
                self.social.authorize_single_send(me, peer).await?;
            }
            ConversationId::Group { group_id } => {
                let member = self.social.require_member_of_group(group_id, me).await?;
                if member.is_muted_at(now_millis()) {
                    return Err(Error::denied(
                        Reason::MemberMuted,
                        "you are muted in this group",
                    ));
                }
            }
        }
        Ok(conversation)
    }

    /// Checks the upload `content` names (if any) and fills in its facts from it.
    async fn resolve_media(&self, me: &str, content: Content) -> Result<Content> {
        match &self.media {
            Some(media) => media.resolve(me, content).await,
            None if content.media_id().is_some() => Err(Error::precondition(
                Reason::MediaNotFound,
                "this server does not keep uploads",
            )),
            None => Ok(content),
        }
    }

    async fn reopen(&self, me: &str, conversation: &ConversationId) -> Result<()> {
        let users = match conversation {
            ConversationId::Single { low, high } => vec![low.clone(), high.clone()],
            ConversationId::Group { .. } => vec![me.to_owned()],
        };
        self.store
            .open_conversation(
                &conversation.to_string(),
                conversation.kind(),
                &users,
                now_millis(),
            )
            .await
    }
}
