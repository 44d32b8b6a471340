//! Turns a domain event into what is pushed to sessions, once per event (not per recipient):
//! the proto and its encoding, which every recipient's stream writes as is; and, when the
//! in-process WebSocket bridge has recipients of it, the bridge's JSON frame, made once too.

use std::sync::OnceLock;

use bytes::{BufMut, Bytes};
use easychat_proto::im::v1 as pb;
use prost::Message;
use prost::encoding::{WireType, encode_key, encode_varint};

use crate::domain::ports::Event;
use crate::wire;

/// An event as pushed: built and protobuf-encoded once, then shared by every recipient.
#[derive(Debug)]
pub struct PushedEvent {
    pub event: pb::ServerEvent,
    encoded: Bytes,
    /// The in-process bridge's encoding, made by its first recipient there.
    bridged: OnceLock<Bytes>,
}

impl PushedEvent {
    pub fn new(event: pb::ServerEvent) -> PushedEvent {
        let encoded = Bytes::from(event.encode_to_vec());
        PushedEvent {
            event,
            encoded,
            bridged: OnceLock::new(),
        }
    }

    /// Writes the event as field `tag` of an enclosing message: exactly what prost writes for a
    /// message whose only set field is that one (here: the `event` case of a frame's oneof).
    pub fn encode_as_field(&self, tag: u32, buf: &mut impl BufMut) {
        encode_key(tag, WireType::LengthDelimited, buf);
        encode_varint(self.encoded.len() as u64, buf);
        buf.put_slice(&self.encoded);
    }

    /// The in-process bridge's encoding of the event: `encode`'s, on the first call.
    pub fn bridged(&self, encode: impl FnOnce(&pb::ServerEvent) -> Bytes) -> Bytes {
        self.bridged.get_or_init(|| encode(&self.event)).clone()
    }

    /// Bytes `encode_as_field` writes.
    pub fn field_len(&self, tag: u32) -> usize {
        prost::encoding::key_len(tag)
            + prost::encoding::encoded_len_varint(self.encoded.len() as u64)
            + self.encoded.len()
    }
}

pub fn to_proto(event: Event) -> pb::ServerEvent {
    use pb::server_event::Event as Pushed;
    let pushed = match event {
        Event::Message(message) => Pushed::Message(wire::message(message)),
        Event::ReadReceipt {
            conversation_id,
            kind: _,
            positions,
        } => Pushed::ReadReceipt(pb::ReadReceiptEvent {
            conversation_id,
            positions: positions
                .into_iter()
                .map(|(user_id, read_seq)| pb::ReadPosition { user_id, read_seq })
                .collect(),
        }),
        Event::Recall(message) => Pushed::Recall(pb::RecallEvent {
            message: Some(wire::message(message)),
        }),
        Event::Edit(message) => Pushed::Edit(pb::EditEvent {
            message: Some(wire::message(message)),
        }),
        Event::Reaction {
            conversation_id,
            message_id,
            seq,
            user_id,
            emoji,
            added,
            reactions,
        } => Pushed::Reaction(pb::ReactionEvent {
            conversation_id,
            message_id,
            seq,
            user_id,
            emoji,
            added,
            reactions: wire::reaction_counts(reactions),
        }),
        Event::Pin {
            conversation_id,
            message_id,
            seq,
            user_id,
            pinned,
        } => Pushed::Pin(pb::PinEvent {
            conversation_id,
            message_id,
            seq,
            pinned,
            user_id,
        }),
        Event::Typing {
            conversation_id,
            user_id,
        } => Pushed::Typing(pb::TypingEvent {
            conversation_id,
            user_id,
        }),
        Event::Presence {
            user_id,
            online,
            last_seen,
        } => Pushed::Presence(pb::PresenceEvent {
            user_id,
            online,
            last_seen_time: last_seen.map(wire::timestamp),
        }),
    };
    pb::ServerEvent {
        event: Some(pushed),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn the_bridge_encoding_is_made_once_for_every_recipient() {
        let pushed = PushedEvent::new(pb::ServerEvent::default());
        let calls = AtomicUsize::new(0);
        let encode = |_: &pb::ServerEvent| {
            calls.fetch_add(1, Ordering::Relaxed);
            Bytes::from_static(b"frame")
        };

        let texts: Vec<Bytes> = (0..3).map(|_| pushed.bridged(encode)).collect();

        assert_eq!(calls.load(Ordering::Relaxed), 1);
        assert!(texts.iter().all(|text| text == "frame"));
    }
}
