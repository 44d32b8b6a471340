//! Mentions: a message may name members of its conversation, and a group's owner or managers
//! may mention everyone. A member's conversation is marked "mentioned" while a message after
//! their read seq mentions them (the stores answer `mentioned_after`).

use std::collections::HashSet;

use super::*;

/// Most members one message may mention by id.
const MAX_MENTIONS: usize = 50;

impl Messaging {
    /// The mentions of a message `me` sends to `conversation`, checked: members only (the
    /// sender left out, each once), and "everyone" only from a group's owner or managers.
    pub(super) async fn checked_mentions(
        &self,
        me: &str,
        conversation: &ConversationId,
        requested: Mentions,
    ) -> Result<Mentions> {
        if requested.is_empty() {
            return Ok(requested);
        }
        let field = "mention_user_ids";
        if requested.user_ids.len() > MAX_MENTIONS {
            return Err(Error::invalid_field(
                field,
                format!("must have at most {MAX_MENTIONS} ids"),
            ));
        }
        if requested.all {
            let ConversationId::Group { group_id } = conversation else {
                return Err(Error::invalid_field(
                    "mention_all",
                    "is for group conversations",
                ));
            };
            let role = self.social.membership(group_id, me).await?.map(|m| m.role);
            if !role.is_some_and(GroupRole::can_manage) {
                return Err(Error::denied(
                    Reason::MentionAllNotAllowed,
                    "only the group owner and managers can mention everyone",
                ));
            }
        }
        let mut user_ids = Vec::with_capacity(requested.user_ids.len());
        let mut seen = HashSet::new();
        for id in &requested.user_ids {
            let id = parse_id(field, id)?;
            if id != me && seen.insert(id.clone()) {
                user_ids.push(id);
            }
        }
        if !user_ids.is_empty() {
            let members: HashSet<String> = self.members(conversation).await?.into_iter().collect();
            if let Some(stranger) = user_ids.iter().find(|id| !members.contains(*id)) {
                return Err(Error::invalid(
                    Reason::MentionNotMember,
                    format!("{field}: {stranger} is not a member of this conversation"),
                ));
            }
        }
        Ok(Mentions {
            user_ids,
            all: requested.all,
        })
    }
}
