//! What a session's response stream carries: frames built for that one client, and pushed
//! events shared with every other recipient, which the transport writes from their encoding
//! (`api::streams`) instead of cloning and encoding them per recipient.

use easychat_proto::im::v1 as pb;

use super::hub::Pushed;

/// One frame of a session's response stream.
pub enum Outbound<T> {
    /// A frame for this client only (ready, answers, sync batches, heartbeats).
    Frame(T),
    /// A pushed event, shared.
    Event(Pushed),
}

impl<T> From<T> for Outbound<T> {
    fn from(frame: T) -> Self {
        Outbound::Frame(frame)
    }
}

/// A response type whose frames can carry a pushed event.
pub trait EventFrame: Sized {
    /// Field number of the `event` case of the frame's oneof.
    const EVENT_TAG: u32;
    /// The frame carrying `event`.
    fn with_event(event: pb::ServerEvent) -> Self;
}

impl EventFrame for pb::ChatResponse {
    const EVENT_TAG: u32 = 9;
    fn with_event(event: pb::ServerEvent) -> Self {
        pb::ChatResponse {
            request_id: String::new(),
            frame: Some(pb::chat_response::Frame::Event(event)),
        }
    }
}

impl EventFrame for pb::SubscribeResponse {
    const EVENT_TAG: u32 = 2;
    fn with_event(event: pb::ServerEvent) -> Self {
        pb::SubscribeResponse {
            frame: Some(pb::subscribe_response::Frame::Event(event)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use prost::Message;

    use super::*;
    use crate::realtime::events::PushedEvent;

    fn event() -> pb::ServerEvent {
        pb::ServerEvent {
            event: Some(pb::server_event::Event::Typing(pb::TypingEvent {
                conversation_id: "s_a_b".to_owned(),
                user_id: "a".to_owned(),
            })),
        }
    }

    fn shared_encoding<T: EventFrame>() -> Vec<u8> {
        let pushed = Arc::new(PushedEvent::new(event()));
        let mut buf = Vec::new();
        pushed.encode_as_field(T::EVENT_TAG, &mut buf);
        assert_eq!(buf.len(), pushed.field_len(T::EVENT_TAG));
        buf
    }

    #[test]
    fn a_shared_event_encodes_as_prost_encodes_the_chat_frame() {
        let expected = pb::ChatResponse::with_event(event()).encode_to_vec();
        assert_eq!(shared_encoding::<pb::ChatResponse>(), expected);
    }

    #[test]
    fn a_shared_event_encodes_as_prost_encodes_the_subscribe_frame() {
        let expected = pb::SubscribeResponse::with_event(event()).encode_to_vec();
        assert_eq!(shared_encoding::<pb::SubscribeResponse>(), expected);
    }
}
