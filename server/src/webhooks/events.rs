//! The events EasyChat tells webhook endpoints about, as the JSON they receive
//! (docs/webhooks.md): `{"id", "type", "created_at_ms", "data"}`. Messages and contents are the
//! proto3 JSON of the public API (`json`).

use serde_json::{Value, json};

use super::json::to_json;
use crate::domain::ids::ConversationKind;
use crate::domain::model::{Content, Message, now_millis};
use crate::domain::ports::{MembershipChange, OutboxEvent, SocialNotice};
use crate::wire;

pub const MESSAGE_STORED: &str = "message.stored";
pub const MESSAGE_RECALLED: &str = "message.recalled";
pub const FRIEND_REQUEST_HANDLED: &str = "friend_request.handled";
pub const GROUP_MEMBERS_CHANGED: &str = "group.members_changed";
pub const USER_ONLINE: &str = "user.online";
pub const USER_OFFLINE: &str = "user.offline";
pub const OFFLINE_MESSAGE: &str = "offline_message";

/// A new event of `event_type` carrying `data`, with a fresh id.
pub fn event(event_type: &str, data: Value) -> OutboxEvent {
    let event_id = uuid::Uuid::now_v7().to_string();
    let created_at = now_millis();
    let body = json!({
        "id": event_id,
        "type": event_type,
        "created_at_ms": created_at,
        "data": data,
    });
    OutboxEvent {
        event_id,
        event_type: event_type.to_owned(),
        created_at,
        body: serde_json::to_vec(&body).expect("JSON values serialize"),
    }
}

pub fn message_json(message: &Message) -> Value {
    to_json(&wire::message(message.clone()), "easychat.im.v1.Message")
}

pub fn content_json(content: &Content) -> Value {
    to_json(
        &wire::content(content.clone()),
        "easychat.im.v1.MessageContent",
    )
}

pub fn conversation_type(kind: ConversationKind) -> &'static str {
    match kind {
        ConversationKind::Single => "single",
        ConversationKind::Group => "group",
    }
}

/// The event type of a presence change.
pub fn presence_type(online: bool) -> &'static str {
    if online { USER_ONLINE } else { USER_OFFLINE }
}

/// The event type of a social notice, and its event.
pub fn social(notice: &SocialNotice) -> (&'static str, Value) {
    match notice {
        SocialNotice::FriendRequestHandled {
            request_id,
            from_user_id,
            to_user_id,
            accepted,
        } => (
            FRIEND_REQUEST_HANDLED,
            json!({
                "request_id": request_id,
                "from_user_id": from_user_id,
                "to_user_id": to_user_id,
                "accepted": accepted,
            }),
        ),
        SocialNotice::MembersChanged {
            group_id,
            change,
            user_ids,
            by_user_id,
        } => (
            GROUP_MEMBERS_CHANGED,
            json!({
                "group_id": group_id,
                "change": match change {
                    MembershipChange::Joined => "joined",
                    MembershipChange::Left => "left",
                    MembershipChange::Removed => "removed",
                    MembershipChange::Dissolved => "dissolved",
                },
                "user_ids": user_ids,
                "by_user_id": by_user_id,
            }),
        ),
    }
}

/// What a push notification shows of a message: its text (cut to `PREVIEW_CHARS`) or what
/// kind of message it is.
pub fn preview(content: Option<&Content>) -> String {
    const PREVIEW_CHARS: usize = 100;
    match content {
        None => "[recalled]".to_owned(),
        Some(Content::Text { text }) => {
            let mut chars = text.chars();
            let cut: String = chars.by_ref().take(PREVIEW_CHARS).collect();
            if chars.next().is_some() {
                format!("{cut}…")
            } else {
                cut
            }
        }
        Some(Content::Image { .. }) => "[image]".to_owned(),
        Some(Content::File { name, .. }) => format!("[file] {name}"),
        Some(Content::Voice { .. }) => "[voice]".to_owned(),
        Some(Content::Location { title, .. }) => format!("[location] {title}"),
        Some(Content::Custom { .. }) => "[custom]".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_carries_its_id_type_and_time_in_the_body() {
        let event = event(USER_ONLINE, json!({"user_id": "u1"}));
        let body: Value = serde_json::from_slice(&event.body).unwrap();
        assert_eq!(body["id"], event.event_id);
        assert_eq!(body["type"], USER_ONLINE);
        assert_eq!(body["created_at_ms"], event.created_at);
        assert_eq!(body["data"]["user_id"], "u1");
    }

    #[test]
    fn previews_cut_long_text_and_name_other_kinds() {
        let long = Content::Text {
            text: "x".repeat(150),
        };
        assert_eq!(preview(Some(&long)).chars().count(), 101);
        let file = Content::File {
            url: "https://example.org/a.pdf".into(),
            name: "a.pdf".into(),
            size: 1,
            mime_type: "application/pdf".into(),
            media_id: None,
        };
        assert_eq!(preview(Some(&file)), "[file] a.pdf");
        assert_eq!(preview(None), "[recalled]");
    }

    #[test]
    fn contents_are_the_public_api_json() {
        let text = Content::Text { text: "hi".into() };
        assert_eq!(content_json(&text), json!({"text": {"text": "hi"}}));
    }
}
