//! Turns a domain event into the proto pushed to sessions, once per event (not per recipient).

use easychat_proto::im::v1 as pb;

use crate::api::convert;
use crate::domain::ports::Event;

pub fn to_proto(event: Event) -> pb::ServerEvent {
    use pb::server_event::Event as Pushed;
    let pushed = match event {
        Event::Message(message) => Pushed::Message(convert::message(message)),
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
            message: Some(convert::message(message)),
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
            last_seen_time: last_seen.map(convert::timestamp),
        }),
    };
    pb::ServerEvent {
        event: Some(pushed),
    }
}
