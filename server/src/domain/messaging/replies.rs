//! Replies: the quote a reply carries, built when it is sent and refreshed when it is read; and
//! the annotations every read of messages gets (`Messaging::annotate`).

use std::collections::HashMap;

use super::*;

/// Characters of the original's text a quote keeps.
const SNIPPET_CHARS: usize = 100;

impl Messaging {
    /// The quote of `message_id` for a reply in `conversation`. The original must be a message
    /// of that conversation (anything else is "not found", so a reply cannot probe other
    /// conversations) and not recalled.
    pub(super) async fn quote(
        &self,
        conversation: &ConversationId,
        message_id: &str,
    ) -> Result<Quote> {
        let field = "reply_to_message_id";
        let message_id = parse_id(field, message_id)?;
        let original = self
            .store
            .message(&message_id)
            .await?
            .filter(|original| original.conversation_id == conversation.to_string())
            .ok_or_else(|| {
                Error::not_found(
                    Reason::MessageNotFound,
                    format!("{field}: no such message in this conversation"),
                )
            })?;
        if original.recall.is_some() {
            return Err(Error::precondition(
                Reason::MessageRecalled,
                format!("{field}: that message was recalled"),
            ));
        }
        Ok(quote_of(&original))
    }

    /// What a reader sees beyond the stored messages: each reply's quote as its original is now
    /// (edited, or recalled), and the reactions (not on recalled messages). Two reads for the
    /// whole page, whatever its size.
    pub(super) async fn annotate(&self, me: &str, messages: &mut [Message]) -> Result<()> {
        let quoted: Vec<String> = messages
            .iter()
            .filter_map(|m| m.reply_to.as_ref().map(|q| q.message_id.clone()))
            .collect();
        if !quoted.is_empty() {
            let originals: HashMap<String, Message> = self
                .store
                .messages_by_ids(&quoted)
                .await?
                .into_iter()
                .map(|m| (m.message_id.clone(), m))
                .collect();
            for quote in messages.iter_mut().filter_map(|m| m.reply_to.as_mut()) {
                if let Some(original) = originals.get(&quote.message_id) {
                    *quote = quote_of(original);
                }
            }
        }
        let live: Vec<String> = messages
            .iter()
            .filter(|m| m.recall.is_none())
            .map(|m| m.message_id.clone())
            .collect();
        let mut reactions = self.reactions.reactions(&live, me).await?;
        for message in messages.iter_mut() {
            message.reactions = reactions.remove(&message.message_id).unwrap_or_default();
        }
        Ok(())
    }
}

fn quote_of(original: &Message) -> Quote {
    Quote {
        message_id: original.message_id.clone(),
        seq: original.seq,
        sender_id: original.sender_id.clone(),
        snippet: original.content.as_ref().map(snippet).unwrap_or_default(),
        recalled: original.recall.is_some(),
    }
}

/// The start of a text, or a label for other content: enough to render a quote.
fn snippet(content: &Content) -> String {
    match content {
        Content::Text { text } => text.chars().take(SNIPPET_CHARS).collect(),
        Content::Image { .. } => "[image]".to_owned(),
        Content::File { name, .. } => {
            format!(
                "[file] {}",
                name.chars().take(SNIPPET_CHARS).collect::<String>()
            )
        }
        Content::Voice { .. } => "[voice]".to_owned(),
        Content::Location { title, .. } => {
            format!(
                "[location] {}",
                title.chars().take(SNIPPET_CHARS).collect::<String>()
            )
        }
        Content::Custom { .. } => "[custom]".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_keeps_the_first_hundred_characters_of_a_text_and_labels_the_rest() {
        let long = "字".repeat(150);
        let text = Content::Text { text: long };
        assert_eq!(snippet(&text).chars().count(), SNIPPET_CHARS);
        let file = Content::File {
            url: "https://x/y".to_owned(),
            name: "report.pdf".to_owned(),
            size: 1,
            mime_type: "application/pdf".to_owned(),
            media_id: None,
        };
        assert_eq!(snippet(&file), "[file] report.pdf");
    }
}
