//! Upstream Chat frames → client frames: results of the client's requests, relayed frame errors,
//! and pushed events.
//!
//! Every push is `{frameType: 0, method: "push", data}` whose data has lowerCamel keys and an
//! explicit `contentType` ("chat", "read", "revoke", "edit", "reaction", "pin", "typing",
//! "presence"), so clients no longer guess what a frame is, as they had to with the old server.

use base64::Engine;
use easychat_proto::im::v1::{
    self as im, ChatResponse, chat_response, message_content, server_event,
};
use serde::Serialize;
use serde_json::{Value, json};

use crate::conversation;
use crate::error::ClientError;
use crate::frame::{ServerFrame, method};
use crate::request::m_type;

/// The client frame for an upstream frame, or `None` for those the client has no use for
/// (`ready` after the first, pongs, sync batches the gateway never asks for).
pub fn translate(response: ChatResponse) -> Option<ServerFrame> {
    let id = Some(response.request_id);
    match response.frame? {
        chat_response::Frame::Error(error) => Some(ServerFrame::error(
            id,
            &ClientError::Upstream {
                code: error.code,
                reason: error.reason,
                message: error.message,
            },
        )),
        chat_response::Frame::SendResult(result) => {
            let message = result.message.unwrap_or_default();
            Some(ServerFrame::data(
                id,
                method::CHAT,
                &SendResult {
                    msg_id: message.message_id,
                    conversation_id: message.conversation_id,
                    seq: message.seq,
                    send_time: millis(message.send_time.as_ref()),
                    duplicate: result.duplicate,
                },
            ))
        }
        chat_response::Frame::MarkReadResult(result) => Some(ServerFrame::data(
            id,
            method::MARK_CHAT,
            &MarkResult {
                read_seq: result.read_seq,
                unread_count: result.unread_count,
            },
        )),
        chat_response::Frame::RecallResult(result) => {
            let message = result.message.unwrap_or_default();
            Some(ServerFrame::data(
                id,
                method::REVOKE,
                &RevokeResult {
                    msg_id: message.message_id,
                    conversation_id: message.conversation_id,
                },
            ))
        }
        chat_response::Frame::EditResult(result) => {
            let message = result.message.unwrap_or_default();
            Some(ServerFrame::data(
                id,
                method::EDIT,
                &EditResult {
                    edit_time: millis(message.edit_time.as_ref()),
                    msg_id: message.message_id,
                    conversation_id: message.conversation_id,
                },
            ))
        }
        chat_response::Frame::AddReactionResult(im::AddReactionResponse { reactions })
        | chat_response::Frame::RemoveReactionResult(im::RemoveReactionResponse { reactions }) => {
            Some(ServerFrame::data(
                id,
                method::REACT,
                &ReactResult {
                    reactions: reaction_counts(reactions),
                },
            ))
        }
        chat_response::Frame::PinResult(im::PinMessageResponse { pinned_messages })
        | chat_response::Frame::UnpinResult(im::UnpinMessageResponse { pinned_messages }) => {
            Some(ServerFrame::data(
                id,
                method::PIN,
                &PinResult {
                    pinned: pinned_messages
                        .into_iter()
                        .map(|pinned| {
                            let message = pinned.message.unwrap_or_default();
                            Pinned {
                                msg_id: message.message_id,
                                seq: message.seq,
                                pinned_by: pinned.pinned_by,
                                pin_time: millis(pinned.pin_time.as_ref()),
                            }
                        })
                        .collect(),
                },
            ))
        }
        chat_response::Frame::Event(event) => {
            event_push(event.event?).map(|push| ServerFrame::data(None, method::PUSH, &push))
        }
        chat_response::Frame::Ready(_)
        | chat_response::Frame::Pong(_)
        | chat_response::Frame::SyncBatch(_) => None,
    }
}

/// The text of the push frame of a pushed event (the same for each recipient), or nothing for
/// an event the clients are not told of.
pub fn shared_event_text(event: &im::ServerEvent) -> bytes::Bytes {
    match event.event.clone().and_then(event_push) {
        Some(push) => ServerFrame::data(None, method::PUSH, &push)
            .to_text()
            .into(),
        None => bytes::Bytes::new(),
    }
}

/// The push frame of a message the client missed (found by a catch-up), as the live push.
pub fn message_frame(message: im::Message) -> ServerFrame {
    ServerFrame::data(None, method::PUSH, &chat_push(message))
}

/// Result of `conversation.chat`: the stored message's identity and place.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SendResult {
    msg_id: String,
    conversation_id: String,
    seq: i64,
    send_time: Option<i64>,
    /// True when the id was seen before and the original message is returned.
    duplicate: bool,
}

/// Result of `conversation.markChat`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct MarkResult {
    read_seq: i64,
    unread_count: i64,
}

/// Result of `conversation.pin`: the conversation's pins after the change, newest first.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PinResult {
    pinned: Vec<Pinned>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Pinned {
    msg_id: String,
    seq: i64,
    pinned_by: String,
    pin_time: Option<i64>,
}

/// Result of `conversation.edit`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct EditResult {
    msg_id: String,
    conversation_id: String,
    edit_time: Option<i64>,
}

/// Result of `conversation.react`: the message's reactions after the change.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ReactResult {
    reactions: Vec<Reaction>,
}

/// One emoji's reactions on a message.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reaction {
    emoji: String,
    count: i64,
    reacted_by_me: bool,
}

fn reaction_counts(reactions: Vec<im::ReactionCount>) -> Vec<Reaction> {
    reactions
        .into_iter()
        .map(|r| Reaction {
            emoji: r.emoji,
            count: r.count,
            reacted_by_me: r.reacted_by_me,
        })
        .collect()
}

/// The message a reply quotes.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplyTo {
    msg_id: String,
    seq: i64,
    send_id: String,
    snippet: String,
    recalled: bool,
}

/// Result of `conversation.revoke`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct RevokeResult {
    msg_id: String,
    conversation_id: String,
}

/// Data of a push frame.
#[derive(Debug, Serialize)]
#[serde(tag = "contentType", rename_all = "lowercase")]
pub enum Push {
    /// A new message.
    #[serde(rename_all = "camelCase")]
    Chat {
        msg_id: String,
        conversation_id: String,
        chat_type: i64,
        send_id: String,
        recv_id: String,
        seq: i64,
        m_type: i64,
        /// The text, or the URL of an image, file or voice clip, a location's title, a custom
        /// payload's type.
        content: String,
        send_time: Option<i64>,
        /// The other fields of non-text content (image size, file name, …); absent for text.
        #[serde(skip_serializing_if = "Option::is_none")]
        extra: Option<Value>,
        /// The message this one replies to; absent when it is not a reply.
        #[serde(skip_serializing_if = "Option::is_none")]
        reply_to: Option<ReplyTo>,
        /// The members it mentions; absent when none.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        mentions: Vec<String>,
        /// Whether it mentions every member; absent when not.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        mention_all: bool,
    },
    /// A message's text was edited: its new text.
    #[serde(rename_all = "camelCase")]
    Edit {
        msg_id: String,
        conversation_id: String,
        chat_type: i64,
        send_id: String,
        recv_id: String,
        seq: i64,
        content: String,
        edit_time: Option<i64>,
    },
    /// A message was pinned or unpinned.
    #[serde(rename_all = "camelCase")]
    Pin {
        msg_id: String,
        conversation_id: String,
        chat_type: i64,
        seq: i64,
        user_id: String,
        pinned: bool,
    },
    /// Someone added or removed a reaction; `reactions` are the message's counts after.
    #[serde(rename_all = "camelCase")]
    Reaction {
        msg_id: String,
        conversation_id: String,
        chat_type: i64,
        seq: i64,
        user_id: String,
        emoji: String,
        added: bool,
        reactions: Vec<Reaction>,
    },
    /// Read positions moved.
    #[serde(rename_all = "camelCase")]
    Read {
        conversation_id: String,
        chat_type: i64,
        positions: Vec<ReadPosition>,
    },
    /// A message was recalled; its content is gone.
    #[serde(rename_all = "camelCase")]
    Revoke {
        msg_id: String,
        conversation_id: String,
        chat_type: i64,
        send_id: String,
        recv_id: String,
        seq: i64,
        recalled_by: String,
        recall_time: Option<i64>,
    },
    /// Someone is typing.
    #[serde(rename_all = "camelCase")]
    Typing {
        conversation_id: String,
        chat_type: i64,
        user_id: String,
    },
    /// A friend or group co-member came online or went offline.
    #[serde(rename_all = "camelCase")]
    Presence {
        user_id: String,
        online: bool,
        last_seen: Option<i64>,
    },
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadPosition {
    user_id: String,
    read_seq: i64,
}

fn event_push(event: server_event::Event) -> Option<Push> {
    Some(match event {
        server_event::Event::Message(message) => chat_push(message),
        server_event::Event::ReadReceipt(receipt) => Push::Read {
            chat_type: conversation::chat_type(0, &receipt.conversation_id),
            conversation_id: receipt.conversation_id,
            positions: receipt
                .positions
                .into_iter()
                .map(|p| ReadPosition {
                    user_id: p.user_id,
                    read_seq: p.read_seq,
                })
                .collect(),
        },
        server_event::Event::Recall(recall) => {
            let message = recall.message?;
            Push::Revoke {
                chat_type: conversation::chat_type(
                    message.conversation_type,
                    &message.conversation_id,
                ),
                recv_id: conversation::recv_id(&message.conversation_id, &message.sender_id),
                recall_time: millis(message.recall_time.as_ref()),
                msg_id: message.message_id,
                conversation_id: message.conversation_id,
                send_id: message.sender_id,
                seq: message.seq,
                recalled_by: message.recalled_by,
            }
        }
        server_event::Event::Edit(edit) => {
            let message = edit.message?;
            let (_, content, _) = content_fields(message.content);
            Push::Edit {
                chat_type: conversation::chat_type(
                    message.conversation_type,
                    &message.conversation_id,
                ),
                recv_id: conversation::recv_id(&message.conversation_id, &message.sender_id),
                edit_time: millis(message.edit_time.as_ref()),
                msg_id: message.message_id,
                conversation_id: message.conversation_id,
                send_id: message.sender_id,
                seq: message.seq,
                content,
            }
        }
        server_event::Event::Reaction(reaction) => Push::Reaction {
            chat_type: conversation::chat_type(0, &reaction.conversation_id),
            msg_id: reaction.message_id,
            conversation_id: reaction.conversation_id,
            seq: reaction.seq,
            user_id: reaction.user_id,
            emoji: reaction.emoji,
            added: reaction.added,
            reactions: reaction_counts(reaction.reactions),
        },
        server_event::Event::Pin(pin) => Push::Pin {
            chat_type: conversation::chat_type(0, &pin.conversation_id),
            msg_id: pin.message_id,
            conversation_id: pin.conversation_id,
            seq: pin.seq,
            user_id: pin.user_id,
            pinned: pin.pinned,
        },
        server_event::Event::Typing(typing) => Push::Typing {
            chat_type: conversation::chat_type(0, &typing.conversation_id),
            conversation_id: typing.conversation_id,
            user_id: typing.user_id,
        },
        server_event::Event::Presence(presence) => Push::Presence {
            user_id: presence.user_id,
            online: presence.online,
            last_seen: millis(presence.last_seen_time.as_ref()),
        },
    })
}

fn chat_push(message: im::Message) -> Push {
    let (m_type, content, extra) = content_fields(message.content);
    Push::Chat {
        chat_type: conversation::chat_type(message.conversation_type, &message.conversation_id),
        recv_id: conversation::recv_id(&message.conversation_id, &message.sender_id),
        send_time: millis(message.send_time.as_ref()),
        msg_id: message.message_id,
        conversation_id: message.conversation_id,
        send_id: message.sender_id,
        seq: message.seq,
        m_type,
        content,
        extra,
        reply_to: message.reply_to.map(|quote| ReplyTo {
            msg_id: quote.message_id,
            seq: quote.seq,
            send_id: quote.sender_id,
            snippet: quote.snippet,
            recalled: quote.recalled,
        }),
        mentions: message.mentioned_user_ids,
        mention_all: message.mentions_all,
    }
}

/// `(mType, content, extra)` of a message's content. Messages sent through the gRPC API may
/// carry any kind; each gets its own mType so old clients can tell them from text.
fn content_fields(content: Option<im::MessageContent>) -> (i64, String, Option<Value>) {
    let Some(kind) = content.and_then(|c| c.kind) else {
        return (m_type::TEXT, String::new(), None);
    };
    match kind {
        message_content::Kind::Text(text) => (m_type::TEXT, text.text, None),
        message_content::Kind::Image(image) => (
            m_type::IMAGE,
            image.url,
            Some(json!({"width": image.width, "height": image.height, "size": image.size})),
        ),
        message_content::Kind::File(file) => (
            m_type::FILE,
            file.url,
            Some(json!({"name": file.name, "size": file.size, "mimeType": file.mime_type})),
        ),
        message_content::Kind::Voice(voice) => (
            m_type::VOICE,
            voice.url,
            Some(json!({"durationMs": voice.duration_ms})),
        ),
        message_content::Kind::Location(location) => (
            m_type::LOCATION,
            location.title.clone(),
            Some(json!({
                "latitude": location.latitude,
                "longitude": location.longitude,
                "title": location.title,
            })),
        ),
        message_content::Kind::Custom(custom) => (
            m_type::CUSTOM,
            custom.r#type.clone(),
            Some(json!({
                "type": custom.r#type,
                "data": base64::engine::general_purpose::STANDARD.encode(&custom.data),
            })),
        ),
    }
}

/// Unix milliseconds, the old protocol's time format.
pub fn millis(time: Option<&prost_types::Timestamp>) -> Option<i64> {
    time.map(|t| {
        t.seconds
            .saturating_mul(1000)
            .saturating_add(i64::from(t.nanos) / 1_000_000)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(event: server_event::Event) -> Value {
        let frame = translate(ChatResponse {
            request_id: String::new(),
            frame: Some(chat_response::Frame::Event(im::ServerEvent {
                event: Some(event),
            })),
        })
        .expect("a push");
        serde_json::from_str(&frame.to_text()).expect("json")
    }

    #[test]
    fn a_shared_push_is_the_frame_each_recipient_would_have_been_sent() {
        let message = im::Message {
            message_id: "m1".to_owned(),
            conversation_id: "g_team".to_owned(),
            sender_id: "alice".to_owned(),
            seq: 7,
            content: Some(im::MessageContent {
                kind: Some(message_content::Kind::Text(im::TextContent {
                    text: "hi \"all\" ✓".to_owned(),
                })),
            }),
            ..Default::default()
        };
        let pushed = im::ServerEvent {
            event: Some(server_event::Event::Message(message)),
        };
        let own = translate(ChatResponse {
            request_id: String::new(),
            frame: Some(chat_response::Frame::Event(pushed.clone())),
        })
        .expect("a push");

        let shared = shared_event_text(&pushed);

        assert_eq!(std::str::from_utf8(&shared).expect("UTF-8"), own.to_text());
    }

    #[test]
    fn an_event_clients_are_not_told_of_has_no_shared_text() {
        assert!(shared_event_text(&im::ServerEvent { event: None }).is_empty());
    }

    #[test]
    fn a_single_message_push_names_the_recipient() {
        let push = event(server_event::Event::Message(im::Message {
            message_id: "m".into(),
            conversation_id: "s_alice_bob".into(),
            conversation_type: im::ConversationType::Single as i32,
            sender_id: "bob".into(),
            seq: 3,
            content: Some(im::MessageContent {
                kind: Some(message_content::Kind::Text(im::TextContent {
                    text: "hi".into(),
                })),
            }),
            send_time: Some(prost_types::Timestamp {
                seconds: 2,
                nanos: 5_000_000,
            }),
            ..Default::default()
        }));
        assert_eq!(push["method"], "push");
        assert!(push.get("id").is_none());
        let data = &push["data"];
        assert_eq!(data["contentType"], "chat");
        assert_eq!(data["chatType"], 2);
        assert_eq!(data["sendId"], "bob");
        assert_eq!(data["recvId"], "alice");
        assert_eq!(data["mType"], 0);
        assert_eq!(data["content"], "hi");
        assert_eq!(data["sendTime"], 2005);
    }

    #[test]
    fn read_receipts_carry_the_positions() {
        let push = event(server_event::Event::ReadReceipt(im::ReadReceiptEvent {
            conversation_id: "g_1".into(),
            positions: vec![im::ReadPosition {
                user_id: "bob".into(),
                read_seq: 7,
            }],
        }));
        let data = &push["data"];
        assert_eq!(data["contentType"], "read");
        assert_eq!(data["chatType"], 1);
        assert_eq!(data["positions"][0]["userId"], "bob");
        assert_eq!(data["positions"][0]["readSeq"], 7);
    }

    #[test]
    fn frame_errors_are_relayed_with_the_request_id() {
        let frame = translate(ChatResponse {
            request_id: "m1".into(),
            frame: Some(chat_response::Frame::Error(im::FrameError {
                code: 7,
                message: "not friends".into(),
                reason: "NOT_FRIENDS".into(),
            })),
        })
        .expect("an error frame");
        let value: Value = serde_json::from_str(&frame.to_text()).expect("json");
        assert_eq!(value["frameType"], 9);
        assert_eq!(value["id"], "m1");
        assert_eq!(value["data"]["reason"], "NOT_FRIENDS");
        assert_eq!(value["data"]["code"], 7);
    }
}
