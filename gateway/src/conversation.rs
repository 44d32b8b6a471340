//! Conversation ids and the old protocol's chat types.
//!
//! The old server numbered chat types one way here and the other way there; the gateway uses
//! 1 = group and 2 = single everywhere, in requests and pushes. Conversation ids follow the
//! format documented in im.proto (`s_<user>_<user>` ordered, `g_<group>`), which lets a push say
//! who a single message went to without a look-up.

use easychat_proto::im::v1::ConversationType;

/// `chatType` of a group conversation.
pub const GROUP: i64 = 1;
/// `chatType` of a single (two friends) conversation.
pub const SINGLE: i64 = 2;

const SINGLE_PREFIX: &str = "s_";
const GROUP_PREFIX: &str = "g_";

/// The id of the single conversation between two users.
pub fn single_id(a: &str, b: &str) -> String {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    format!("{SINGLE_PREFIX}{low}_{high}")
}

/// The id of a group's conversation.
pub fn group_id(group: &str) -> String {
    format!("{GROUP_PREFIX}{group}")
}

/// `chatType` of a conversation, from the message's type when set, else from the id; 0 when
/// neither tells.
pub fn chat_type(kind: i32, conversation_id: &str) -> i64 {
    match ConversationType::try_from(kind) {
        Ok(ConversationType::Group) => GROUP,
        Ok(ConversationType::Single) => SINGLE,
        _ if conversation_id.starts_with(GROUP_PREFIX) => GROUP,
        _ if conversation_id.starts_with(SINGLE_PREFIX) => SINGLE,
        _ => 0,
    }
}

/// The old protocol's `recvId`: the group for a group conversation, the user other than
/// `sender` for a single one; empty when the id has neither form.
pub fn recv_id(conversation_id: &str, sender: &str) -> String {
    if let Some(group) = conversation_id.strip_prefix(GROUP_PREFIX) {
        return group.to_owned();
    }
    let Some(pair) = conversation_id.strip_prefix(SINGLE_PREFIX) else {
        return String::new();
    };
    // Matching the known sender, rather than splitting at an underscore, stays right even if
    // user ids ever contain one.
    if let Some(other) = pair
        .strip_prefix(sender)
        .and_then(|rest| rest.strip_prefix('_'))
    {
        return other.to_owned();
    }
    if let Some(other) = pair
        .strip_suffix(sender)
        .and_then(|rest| rest.strip_suffix('_'))
    {
        return other.to_owned();
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recv_id_is_the_other_user_of_a_single_chat() {
        let id = single_id("bob", "alice");
        assert_eq!(id, "s_alice_bob");
        assert_eq!(recv_id(&id, "alice"), "bob");
        assert_eq!(recv_id(&id, "bob"), "alice");
    }

    #[test]
    fn recv_id_is_the_group_of_a_group_chat() {
        assert_eq!(recv_id(&group_id("g1"), "alice"), "g1");
    }

    #[test]
    fn chat_types_are_one_for_groups_and_two_for_singles() {
        assert_eq!(chat_type(ConversationType::Group as i32, "x"), GROUP);
        assert_eq!(chat_type(ConversationType::Single as i32, "x"), SINGLE);
        assert_eq!(chat_type(0, "g_1"), GROUP);
        assert_eq!(chat_type(0, "s_a_b"), SINGLE);
    }
}
