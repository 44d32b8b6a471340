//! Reactions: a member adds or removes an emoji on a message of their conversation; the
//! message's counts after the change go to every member.

use super::*;
use crate::domain::ports::{ReactionAdded, ReactionBounds};

/// Longest emoji, in characters: room for a ZWJ family sequence with skin tones.
const MAX_EMOJI_CHARS: usize = 16;

impl Messaging {
    /// Adds `me`'s `emoji` to the message; returns its reactions after.
    pub async fn add_reaction(
        &self,
        me: &str,
        message_id: &str,
        emoji: &str,
    ) -> Result<Vec<ReactionCount>> {
        self.spend_send_budget(me).await?;
        check_emoji(emoji)?;
        let message = self.message(me, message_id).await?;
        if message.recall.is_some() {
            return Err(recalled());
        }
        let bounds = ReactionBounds {
            max_distinct: self.limits.max_reactions_per_message,
            max_per_user: self.limits.max_reactions_per_user,
        };
        let added = self
            .reactions
            .add(&message.message_id, me, emoji, bounds, now_millis())
            .await?;
        match added {
            ReactionAdded::Added => self.announce_reaction(me, &message, emoji, true).await,
            ReactionAdded::AlreadyThere => self.reactions_of(me, &message).await,
            ReactionAdded::TooManyOnMessage => Err(Error::precondition(
                Reason::TooManyReactions,
                format!(
                    "a message carries at most {} different reactions",
                    bounds.max_distinct
                ),
            )),
            ReactionAdded::TooManyByUser => Err(Error::precondition(
                Reason::TooManyReactions,
                format!(
                    "you can put at most {} reactions on one message",
                    bounds.max_per_user
                ),
            )),
        }
    }

    /// Takes `me`'s `emoji` off the message; returns its reactions after.
    pub async fn remove_reaction(
        &self,
        me: &str,
        message_id: &str,
        emoji: &str,
    ) -> Result<Vec<ReactionCount>> {
        self.spend_send_budget(me).await?;
        check_emoji(emoji)?;
        let message = self.message(me, message_id).await?;
        if self
            .reactions
            .remove(&message.message_id, me, emoji)
            .await?
        {
            self.announce_reaction(me, &message, emoji, false).await
        } else {
            self.reactions_of(me, &message).await
        }
    }

    async fn reactions_of(&self, me: &str, message: &Message) -> Result<Vec<ReactionCount>> {
        let ids = [message.message_id.clone()];
        let mut reactions = self.reactions.reactions(&ids, me).await?;
        Ok(reactions.remove(&message.message_id).unwrap_or_default())
    }

    /// Pushes the change with the counts after it to every member; returns the counts as `me`
    /// sees them.
    async fn announce_reaction(
        &self,
        me: &str,
        message: &Message,
        emoji: &str,
        added: bool,
    ) -> Result<Vec<ReactionCount>> {
        let reactions = self.reactions_of(me, message).await?;
        let conversation = ConversationId::parse("conversation_id", &message.conversation_id)?;
        let members = self.members(&conversation).await?;
        let event = Event::Reaction {
            conversation_id: message.conversation_id.clone(),
            message_id: message.message_id.clone(),
            seq: message.seq,
            user_id: me.to_owned(),
            emoji: emoji.to_owned(),
            added,
            reactions: reactions
                .iter()
                .map(|r| ReactionCount {
                    reacted_by_me: false,
                    ..r.clone()
                })
                .collect(),
        };
        self.events.publish(&members, event, None);
        Ok(reactions)
    }
}

/// An emoji is 1 to `MAX_EMOJI_CHARS` characters without whitespace or control characters (a
/// sequence with joiners and variation selectors is one emoji of several characters).
fn check_emoji(emoji: &str) -> Result<()> {
    let chars = emoji.chars().count();
    if chars == 0 {
        return Err(Error::invalid_field("emoji", "is required"));
    }
    if chars > MAX_EMOJI_CHARS {
        return Err(Error::invalid_field(
            "emoji",
            format!("must be at most {MAX_EMOJI_CHARS} characters"),
        ));
    }
    if emoji.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid_field(
            "emoji",
            "must not contain spaces or control characters",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_are_short_and_printable() {
        for good in ["👍", "❤️", "👨‍👩‍👧‍👦", "+1", "ok"] {
            assert!(check_emoji(good).is_ok(), "{good}");
        }
        for bad in ["", " ", "a b", "\u{7}", &"x".repeat(17)] {
            let error = check_emoji(bad).expect_err(bad);
            assert_eq!(error.reason, Reason::InvalidField);
        }
    }
}
