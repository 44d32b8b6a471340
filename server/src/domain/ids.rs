//! Identifiers: user, group, message and request ids are UUIDs; conversation ids are derived.
//!
//! A single chat's id is `s_<smaller user id>_<larger user id>`, so both users (and every node)
//! compute the same id without a lookup; a group's is `g_<group id>`.

use std::fmt;

use super::validate::shown;
use crate::error::{Error, Result};

/// Validates a UUID-shaped id from a request field, in canonical lowercase form.
pub fn parse_id(field: &str, value: &str) -> Result<String> {
    if value.is_empty() {
        return Err(Error::invalid_field(field, "is required"));
    }
    uuid::Uuid::parse_str(value)
        .map(|id| id.hyphenated().to_string())
        .map_err(|_| Error::invalid_field(field, format!("{} is not a valid id", shown(value))))
}

/// A new time-ordered id (UUID v7).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().hyphenated().to_string()
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ConversationId {
    /// Between two users; `low < high`.
    Single {
        low: String,
        high: String,
    },
    Group {
        group_id: String,
    },
}

impl ConversationId {
    pub fn single(a: &str, b: &str) -> Self {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        ConversationId::Single {
            low: low.to_owned(),
            high: high.to_owned(),
        }
    }

    pub fn group(group_id: &str) -> Self {
        ConversationId::Group {
            group_id: group_id.to_owned(),
        }
    }

    /// Parses a conversation id from a request field.
    pub fn parse(field: &str, value: &str) -> Result<Self> {
        let malformed =
            || Error::invalid_field(field, format!("{} is not a conversation id", shown(value)));
        if let Some(rest) = value.strip_prefix("s_") {
            let (a, b) = rest.split_once('_').ok_or_else(malformed)?;
            let a = parse_id(field, a).map_err(|_| malformed())?;
            let b = parse_id(field, b).map_err(|_| malformed())?;
            if a >= b {
                return Err(malformed());
            }
            Ok(ConversationId::single(&a, &b))
        } else if let Some(group) = value.strip_prefix("g_") {
            let group_id = parse_id(field, group).map_err(|_| malformed())?;
            Ok(ConversationId::Group { group_id })
        } else if value.is_empty() {
            Err(Error::invalid_field(field, "is required"))
        } else {
            Err(malformed())
        }
    }

    pub fn kind(&self) -> ConversationKind {
        match self {
            ConversationId::Single { .. } => ConversationKind::Single,
            ConversationId::Group { .. } => ConversationKind::Group,
        }
    }

    /// For a single chat, the user other than `me`; `None` if `me` is not one of the two.
    pub fn peer_of(&self, me: &str) -> Option<&str> {
        match self {
            ConversationId::Single { low, high } if low == me => Some(high),
            ConversationId::Single { low, high } if high == me => Some(low),
            _ => None,
        }
    }
}

impl fmt::Display for ConversationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConversationId::Single { low, high } => write!(f, "s_{low}_{high}"),
            ConversationId::Group { group_id } => write!(f, "g_{group_id}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ConversationKind {
    Single,
    Group,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_conversation_id_is_order_independent() {
        let a = new_id();
        let b = new_id();
        assert_eq!(
            ConversationId::single(&a, &b).to_string(),
            ConversationId::single(&b, &a).to_string()
        );
    }

    #[test]
    fn conversation_id_round_trips_through_text() {
        let single = ConversationId::single(&new_id(), &new_id());
        let group = ConversationId::group(&new_id());
        for id in [single, group] {
            assert_eq!(ConversationId::parse("id", &id.to_string()).unwrap(), id);
        }
    }

    #[test]
    fn malformed_conversation_ids_are_refused() {
        let a = new_id();
        for bad in [
            "",
            "x",
            "s_",
            "g_nope",
            &format!("s_{a}_{a}"),
            &format!("s_{a}"),
        ] {
            assert!(
                ConversationId::parse("id", bad).is_err(),
                "{bad:?} accepted"
            );
        }
    }
}
