//! Pinned messages: a conversation's pins, set by a group's owner and managers or by either side
//! of a single chat, shown to every member with the conversation. A recall unpins.

use super::*;
use crate::domain::ports::PinAdded;

/// A pinned message with its pin.
#[derive(Debug, Clone)]
pub struct PinnedMessage {
    pub message: Message,
    pub pin: Pin,
}

impl Messaging {
    /// Pins a message of `me`'s conversation; returns the conversation's pins after.
    pub async fn pin(&self, me: &str, message_id: &str) -> Result<Vec<PinnedMessage>> {
        self.spend_send_budget(me).await?;
        let message = self.message(me, message_id).await?;
        if message.recall.is_some() {
            return Err(recalled());
        }
        self.require_pin_rights(me, &message).await?;
        let pin = Pin {
            message_id: message.message_id.clone(),
            seq: message.seq,
            pinned_by: me.to_owned(),
            pinned_at: now_millis(),
        };
        let max = self.limits.max_pinned_messages;
        match self.pins.pin(&message.conversation_id, &pin, max).await? {
            PinAdded::Pinned => self.announce_pin(me, &message, true).await?,
            PinAdded::AlreadyPinned => {}
            PinAdded::TooMany => {
                return Err(Error::precondition(
                    Reason::TooManyPins,
                    format!("a conversation has at most {max} pinned messages: unpin one first"),
                ));
            }
        }
        self.pinned_messages(&message.conversation_id).await
    }

    /// Takes a message's pin off; returns the conversation's pins after.
    pub async fn unpin(&self, me: &str, message_id: &str) -> Result<Vec<PinnedMessage>> {
        self.spend_send_budget(me).await?;
        let message = self.message(me, message_id).await?;
        self.require_pin_rights(me, &message).await?;
        if self
            .pins
            .unpin(&message.conversation_id, &message.message_id)
            .await?
        {
            self.announce_pin(me, &message, false).await?;
        }
        self.pinned_messages(&message.conversation_id).await
    }

    /// The conversation's pinned messages, most recently pinned first (each as stored: pins are
    /// the conversation's, not one reader's view).
    pub(super) async fn pinned_messages(
        &self,
        conversation_id: &str,
    ) -> Result<Vec<PinnedMessage>> {
        let pins = self.pins.pins(conversation_id).await?;
        if pins.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = pins.iter().map(|p| p.message_id.clone()).collect();
        let mut messages: std::collections::HashMap<String, Message> = self
            .store
            .messages_by_ids(&ids)
            .await?
            .into_iter()
            .map(|m| (m.message_id.clone(), m))
            .collect();
        Ok(pins
            .into_iter()
            .filter_map(|pin| {
                let message = messages.remove(&pin.message_id)?;
                Some(PinnedMessage { message, pin })
            })
            .collect())
    }

    /// Drops a recalled message's pin, telling the members when there was one.
    pub(super) async fn unpin_recalled(&self, by: &str, message: &Message) -> Result<()> {
        if self
            .pins
            .unpin(&message.conversation_id, &message.message_id)
            .await?
        {
            self.announce_pin(by, message, false).await?;
        }
        Ok(())
    }

    async fn require_pin_rights(&self, me: &str, message: &Message) -> Result<()> {
        let conversation = ConversationId::parse("conversation_id", &message.conversation_id)?;
        if let ConversationId::Group { group_id } = &conversation {
            let role = self.social.membership(group_id, me).await?.map(|m| m.role);
            if !role.is_some_and(GroupRole::can_manage) {
                return Err(Error::denied(
                    Reason::PinNotAllowed,
                    "only the group owner and managers can pin or unpin messages",
                ));
            }
        }
        Ok(())
    }

    async fn announce_pin(&self, me: &str, message: &Message, pinned: bool) -> Result<()> {
        let conversation = ConversationId::parse("conversation_id", &message.conversation_id)?;
        let members = self.members(&conversation).await?;
        let event = Event::Pin {
            conversation_id: message.conversation_id.clone(),
            message_id: message.message_id.clone(),
            seq: message.seq,
            user_id: me.to_owned(),
            pinned,
        };
        self.events.publish(&members, event, None);
        Ok(())
    }
}
