//! Edits: the sender replaces the text of their own text message within
//! `limits.edit_window_secs`; a recall wins over an edit whichever comes first.

use super::*;

impl Messaging {
    /// Replaces the text of `me`'s message and pushes the edited message to the conversation.
    pub async fn edit(&self, me: &str, message_id: &str, text: Option<String>) -> Result<Message> {
        self.spend_send_budget(me).await?;
        let text = text.ok_or_else(|| Error::invalid_field("text", "is required"))?;
        let mut content = Content::Text { text };
        validate_content(&content, &self.limits)?;
        let message = self.message(me, message_id).await?;
        if message.recall.is_some() {
            return Err(recalled());
        }
        if message.sender_id != me || !matches!(message.content, Some(Content::Text { .. })) {
            return Err(Error::denied(
                Reason::EditNotAllowed,
                "only the sender can edit a message, and only a text message",
            ));
        }
        let now = now_millis();
        let window_ms = self.limits.edit_window_secs.saturating_mul(1000);
        if now >= message.sent_at.saturating_add(window_ms) {
            return Err(Error::denied(
                Reason::EditWindowPassed,
                format!(
                    "messages can be edited within {} seconds of sending",
                    self.limits.edit_window_secs
                ),
            ));
        }
        let check = PolicyCheck {
            sender_id: me,
            conversation_id: &message.conversation_id,
            kind: message.kind,
            client_msg_id: &message.client_msg_id,
            edit_of: Some(&message.message_id),
            content: &content,
        };
        if let Some(replacement) = self.apply_policy(check).await? {
            content = replacement;
        }
        let mut edited = [self
            .store
            .edit(&message.message_id, &content, now)
            .await?
            .ok_or_else(recalled)?];
        self.annotate(me, &mut edited).await?;
        let [edited] = edited;
        let conversation = ConversationId::parse("conversation_id", &edited.conversation_id)?;
        let members = self.members(&conversation).await?;
        let mut pushed = edited.clone();
        for reaction in &mut pushed.reactions {
            reaction.reacted_by_me = false;
        }
        self.events.publish(&members, Event::Edit(pushed), None);
        Ok(edited)
    }
}
