//! The pipeline's events on Kafka: `easychat.pipeline.v1` protobuf (server/proto). The record
//! key is the conversation id; the payload is one `MessageAccepted`, tagged by the record header
//! `schema` so a reader can tell the version before decoding.

use prost::Message as _;

use crate::domain::ids::ConversationKind;
use crate::domain::model::{Mentions, NewMessage};
use crate::wire;

/// The generated types of server/proto/easychat/pipeline/v1/pipeline.proto.
pub use crate::internal_events as pb;

/// Value of the `schema` header of a `MessageAccepted` record.
pub const MESSAGE_ACCEPTED_SCHEMA: &str = "easychat.pipeline.v1.MessageAccepted";

/// An accepted message, the node waiting for it to be stored and the session that sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    pub message: NewMessage,
    pub origin_node: String,
    pub origin_session: Option<String>,
}

pub fn encode(message: &NewMessage, origin_node: &str, origin_session: Option<&str>) -> Vec<u8> {
    let kind = match message.kind {
        ConversationKind::Single => pb::ConversationKind::Single,
        ConversationKind::Group => pb::ConversationKind::Group,
    };
    pb::MessageAccepted {
        message_id: message.message_id.clone(),
        conversation_id: message.conversation_id.clone(),
        kind: kind.into(),
        sender_id: message.sender_id.clone(),
        client_msg_id: message.client_msg_id.clone(),
        content: Some(wire::content(message.content.clone())),
        sent_at_ms: message.sent_at,
        origin_node: origin_node.to_owned(),
        origin_session: origin_session.unwrap_or_default().to_owned(),
        reply_to: message.reply_to.clone().map(wire::quote),
        mention_user_ids: message.mentions.user_ids.clone(),
        mention_all: message.mentions.all,
    }
    .encode_to_vec()
}

/// Why a record could not be read as an accepted message.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("not a MessageAccepted protobuf: {0}")]
    Protobuf(#[from] prost::DecodeError),
    #[error("MessageAccepted without {0}")]
    Missing(&'static str),
    #[error("MessageAccepted with invalid {0}")]
    Invalid(&'static str),
}

pub fn decode(bytes: &[u8]) -> Result<Accepted, DecodeError> {
    let event = pb::MessageAccepted::decode(bytes)?;
    let kind = match event.kind() {
        pb::ConversationKind::Single => ConversationKind::Single,
        pb::ConversationKind::Group => ConversationKind::Group,
        pb::ConversationKind::Unspecified => return Err(DecodeError::Invalid("kind")),
    };
    let content = wire::content_from_proto(event.content)
        .map_err(|_| DecodeError::Invalid("content"))?
        .ok_or(DecodeError::Missing("content"))?;
    for (field, value) in [
        ("message_id", &event.message_id),
        ("conversation_id", &event.conversation_id),
        ("sender_id", &event.sender_id),
    ] {
        if value.is_empty() {
            return Err(DecodeError::Missing(field));
        }
    }
    Ok(Accepted {
        message: NewMessage {
            message_id: event.message_id,
            conversation_id: event.conversation_id,
            kind,
            sender_id: event.sender_id,
            client_msg_id: event.client_msg_id,
            content,
            sent_at: event.sent_at_ms,
            reply_to: event.reply_to.map(wire::quote_from_proto),
            mentions: Mentions {
                user_ids: event.mention_user_ids,
                all: event.mention_all,
            },
        },
        origin_node: event.origin_node,
        origin_session: Some(event.origin_session).filter(|session| !session.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Content;

    fn sample() -> NewMessage {
        NewMessage {
            message_id: "m1".to_owned(),
            conversation_id: "s:a:b".to_owned(),
            kind: ConversationKind::Single,
            sender_id: "a".to_owned(),
            client_msg_id: "c1".to_owned(),
            content: Content::Text {
                text: "hi".to_owned(),
            },
            sent_at: 1_700_000_000_000,
            reply_to: None,
            mentions: Default::default(),
        }
    }

    /// The bytes of `sample()` from node "n1", as v1 writes them. Nodes of different versions
    /// share the topic during a rolling upgrade, so these bytes must never change: a change
    /// here is a wire break and belongs in a v2 event on a new topic.
    /// Field by field: 1 message_id "m1", 2 conversation_id "s:a:b", 3 kind SINGLE,
    /// 4 sender_id "a", 5 client_msg_id "c1", 6 content {text {text "hi"}},
    /// 7 sent_at_ms 1_700_000_000_000 (varint), 8 origin_node "n1".
    const GOLDEN: &str = "0a026d31 1205733a613a62 1801 220161 2a026331 \
                          32060a040a026869 3880d095ffbc31 42026e31";

    fn golden_bytes() -> Vec<u8> {
        let hex: String = GOLDEN.chars().filter(|c| !c.is_whitespace()).collect();
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
            .collect()
    }

    #[test]
    fn encoding_matches_the_golden_bytes() {
        assert_eq!(encode(&sample(), "n1", None), golden_bytes());
    }

    #[test]
    fn golden_bytes_decode_to_the_message() {
        let accepted = decode(&golden_bytes()).expect("decodes");
        assert_eq!(accepted.message, sample());
        assert_eq!(accepted.origin_node, "n1");
        assert_eq!(
            accepted.origin_session, None,
            "written before the field existed"
        );
    }

    #[test]
    fn the_sending_session_travels_with_the_message() {
        let accepted = decode(&encode(&sample(), "n1", Some("s1"))).expect("decodes");
        assert_eq!(accepted.origin_session.as_deref(), Some("s1"));
        assert_eq!(accepted.message, sample());
    }

    #[test]
    fn fields_added_by_a_newer_writer_are_ignored() {
        let mut bytes = golden_bytes();
        // Field 99, varint 1: what a future v1 field looks like to this reader.
        bytes.extend_from_slice(&[0x98, 0x06, 0x01]);
        assert_eq!(decode(&bytes).expect("decodes").message, sample());
    }

    #[test]
    fn malformed_records_are_refused_not_guessed() {
        assert!(matches!(decode(b"\xff\xff"), Err(DecodeError::Protobuf(_))));
        let mut unkinded = pb::MessageAccepted::decode(&golden_bytes()[..]).expect("decodes");
        unkinded.kind = 0;
        assert!(matches!(
            decode(&unkinded.encode_to_vec()),
            Err(DecodeError::Invalid("kind"))
        ));
        let mut empty = pb::MessageAccepted::decode(&golden_bytes()[..]).expect("decodes");
        empty.content = None;
        assert!(matches!(
            decode(&empty.encode_to_vec()),
            Err(DecodeError::Missing("content"))
        ));
    }
}
