//! Client methods → what the session does: a frame on the upstream Chat stream, or a unary call
//! first (message look-ups for markChat, the friend list for user.online).

use easychat_proto::im::v1::{
    self as im, ChatRequest, chat_request, message_content, send_message_request,
};
use serde::Deserialize;
use serde_json::Value;

use crate::conversation;
use crate::error::ClientError;
use crate::frame::{self, method};

/// markChat by message ids looks each message up; this bounds the look-ups of one frame, as the
/// server bounds the ids of DeleteMessagesForMe.
pub const MAX_MARK_MESSAGE_IDS: usize = 100;

/// What a client data frame asks for.
#[derive(Debug)]
pub enum Action {
    /// A frame for the upstream Chat stream.
    Upstream(ChatRequest),
    /// Look the messages up, then mark the conversation read up to the highest of their seqs.
    MarkByMessages {
        request_id: String,
        conversation_id: String,
        message_ids: Vec<String>,
    },
    /// List the user's online friends.
    OnlineFriends,
    /// Search messages (a unary call).
    Search(im::SearchMessagesRequest),
}

/// Decodes a data frame of `method` from user `me`; `id` is the frame's id ("" when none).
pub fn decode(
    method: &str,
    id: &str,
    data: Option<Value>,
    me: &str,
) -> Result<Action, ClientError> {
    match method {
        method::CHAT => chat(id, frame::data(data)?),
        method::MARK_CHAT => mark_chat(id, frame::data(data)?, me),
        method::REVOKE => revoke(id, frame::data(data)?),
        method::TYPING => typing(id, frame::data(data)?, me),
        method::EDIT => edit(id, frame::data(data)?),
        method::REACT => react(id, frame::data(data)?),
        method::PIN => pin(id, frame::data(data)?),
        method::SEARCH => search(frame::data(data)?),
        method::ONLINE => Ok(Action::OnlineFriends),
        method::PUSH => Err(ClientError::PushNotAllowed),
        "" => Err(ClientError::InvalidField(
            "method is required on a data frame".to_owned(),
        )),
        other => Err(ClientError::UnknownMethod(other.chars().take(64).collect())),
    }
}

/// `conversation.chat`: `{chatType, recvId, conversationId?, msg: {mType, content}}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChatData {
    #[serde(default)]
    chat_type: i64,
    #[serde(default)]
    recv_id: String,
    #[serde(default)]
    conversation_id: Option<String>,
    msg: MsgData,
    /// New: the id of the message of the same conversation this one replies to.
    #[serde(default)]
    reply_to: Option<String>,
    /// New: members to mention.
    #[serde(default)]
    mentions: Vec<String>,
    /// New: mention every member (group owners and managers).
    #[serde(default)]
    mention_all: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MsgData {
    #[serde(default)]
    m_type: i64,
    content: String,
}

/// `mType` numbers; the same numbering is used in pushes (see `push`).
pub mod m_type {
    pub const TEXT: i64 = 0;
    pub const IMAGE: i64 = 1;
    pub const FILE: i64 = 2;
    pub const VOICE: i64 = 3;
    pub const LOCATION: i64 = 4;
    pub const CUSTOM: i64 = 5;
}

fn chat(id: &str, data: ChatData) -> Result<Action, ClientError> {
    if id.is_empty() {
        return Err(ClientError::InvalidField(
            "id is required: it is the message's client id, which makes resends safe".to_owned(),
        ));
    }
    let target = match non_empty(data.conversation_id) {
        Some(conversation_id) => send_message_request::Target::ConversationId(conversation_id),
        None => match (data.chat_type, required_recv_id(data.recv_id)?) {
            (conversation::GROUP, group) => send_message_request::Target::GroupId(group),
            (conversation::SINGLE, peer) => send_message_request::Target::PeerUserId(peer),
            _ => return Err(bad_chat_type()),
        },
    };
    // Only kinds whose every field fits in `content` are accepted; the others need more than a
    // URL (a file's name, a voice clip's duration) and are sent through the gRPC API.
    let kind = match data.msg.m_type {
        m_type::TEXT => message_content::Kind::Text(im::TextContent {
            text: data.msg.content,
        }),
        m_type::IMAGE => message_content::Kind::Image(im::ImageContent {
            url: data.msg.content,
            ..Default::default()
        }),
        other => return Err(ClientError::UnsupportedMessageType(other)),
    };
    Ok(Action::Upstream(ChatRequest {
        request_id: id.to_owned(),
        frame: Some(chat_request::Frame::Send(im::SendMessageRequest {
            client_msg_id: id.to_owned(),
            target: Some(target),
            content: Some(im::MessageContent { kind: Some(kind) }),
            reply_to_message_id: data.reply_to.unwrap_or_default(),
            mention_user_ids: data.mentions,
            mention_all: data.mention_all,
        })),
    }))
}

/// `conversation.markChat`: `{chatType, recvId, conversationId, msgIds[]}`, or `readSeq` instead
/// of `msgIds` (new: saves the look-ups when the client knows the seq).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MarkChatData {
    #[serde(default)]
    chat_type: i64,
    #[serde(default)]
    recv_id: String,
    #[serde(default)]
    conversation_id: Option<String>,
    #[serde(default)]
    msg_ids: Vec<String>,
    #[serde(default)]
    read_seq: Option<i64>,
}

fn mark_chat(id: &str, data: MarkChatData, me: &str) -> Result<Action, ClientError> {
    let conversation_id = conversation_of(data.conversation_id, data.chat_type, data.recv_id, me)?;
    if let Some(read_seq) = data.read_seq {
        if read_seq < 0 {
            return Err(ClientError::InvalidField(
                "data.readSeq must not be negative".to_owned(),
            ));
        }
        return Ok(Action::Upstream(ChatRequest {
            request_id: id.to_owned(),
            frame: Some(chat_request::Frame::MarkRead(im::MarkReadRequest {
                conversation_id,
                read_seq,
            })),
        }));
    }
    let message_ids: Vec<String> = data.msg_ids.into_iter().filter(|m| !m.is_empty()).collect();
    if message_ids.is_empty() {
        return Err(ClientError::InvalidField(
            "data.msgIds (or data.readSeq) is required".to_owned(),
        ));
    }
    if message_ids.len() > MAX_MARK_MESSAGE_IDS {
        return Err(ClientError::InvalidField(format!(
            "data.msgIds has {} ids, over the limit of {MAX_MARK_MESSAGE_IDS}: send the newest only",
            message_ids.len()
        )));
    }
    Ok(Action::MarkByMessages {
        request_id: id.to_owned(),
        conversation_id,
        message_ids,
    })
}

/// `conversation.revoke`: `{msgId, conversationId}`; the message id alone identifies it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RevokeData {
    msg_id: String,
}

fn revoke(id: &str, data: RevokeData) -> Result<Action, ClientError> {
    if data.msg_id.is_empty() {
        return Err(ClientError::InvalidField(
            "data.msgId is required".to_owned(),
        ));
    }
    Ok(Action::Upstream(ChatRequest {
        request_id: id.to_owned(),
        frame: Some(chat_request::Frame::Recall(im::RecallMessageRequest {
            message_id: data.msg_id,
        })),
    }))
}

/// `conversation.edit` (new): `{msgId, content}`, the new text of a text message.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct EditData {
    msg_id: String,
    content: String,
}

fn edit(id: &str, data: EditData) -> Result<Action, ClientError> {
    if data.msg_id.is_empty() {
        return Err(ClientError::InvalidField(
            "data.msgId is required".to_owned(),
        ));
    }
    Ok(Action::Upstream(ChatRequest {
        request_id: id.to_owned(),
        frame: Some(chat_request::Frame::Edit(im::EditMessageRequest {
            message_id: data.msg_id,
            text: Some(im::TextContent { text: data.content }),
        })),
    }))
}

/// `conversation.react` (new): `{msgId, emoji, remove?}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReactData {
    msg_id: String,
    emoji: String,
    #[serde(default)]
    remove: bool,
}

fn react(id: &str, data: ReactData) -> Result<Action, ClientError> {
    if data.msg_id.is_empty() {
        return Err(ClientError::InvalidField(
            "data.msgId is required".to_owned(),
        ));
    }
    let frame = if data.remove {
        chat_request::Frame::RemoveReaction(im::RemoveReactionRequest {
            message_id: data.msg_id,
            emoji: data.emoji,
        })
    } else {
        chat_request::Frame::AddReaction(im::AddReactionRequest {
            message_id: data.msg_id,
            emoji: data.emoji,
        })
    };
    Ok(Action::Upstream(ChatRequest {
        request_id: id.to_owned(),
        frame: Some(frame),
    }))
}

/// `conversation.pin` (new): `{msgId, unpin?}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PinData {
    msg_id: String,
    #[serde(default)]
    unpin: bool,
}

fn pin(id: &str, data: PinData) -> Result<Action, ClientError> {
    if data.msg_id.is_empty() {
        return Err(ClientError::InvalidField(
            "data.msgId is required".to_owned(),
        ));
    }
    let frame = if data.unpin {
        chat_request::Frame::Unpin(im::UnpinMessageRequest {
            message_id: data.msg_id,
        })
    } else {
        chat_request::Frame::Pin(im::PinMessageRequest {
            message_id: data.msg_id,
        })
    };
    Ok(Action::Upstream(ChatRequest {
        request_id: id.to_owned(),
        frame: Some(frame),
    }))
}

/// `conversation.search` (new): `{query, conversationId?, pageSize?, pageToken?}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SearchData {
    query: String,
    #[serde(default)]
    conversation_id: String,
    #[serde(default)]
    page_size: i32,
    #[serde(default)]
    page_token: String,
}

fn search(data: SearchData) -> Result<Action, ClientError> {
    Ok(Action::Search(im::SearchMessagesRequest {
        query: data.query,
        conversation_id: data.conversation_id,
        page_size: data.page_size,
        page_token: data.page_token,
    }))
}

/// `conversation.typing` (new): `{conversationId}` or `{chatType, recvId}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TypingData {
    #[serde(default)]
    chat_type: i64,
    #[serde(default)]
    recv_id: String,
    #[serde(default)]
    conversation_id: Option<String>,
}

fn typing(id: &str, data: TypingData, me: &str) -> Result<Action, ClientError> {
    let conversation_id = conversation_of(data.conversation_id, data.chat_type, data.recv_id, me)?;
    Ok(Action::Upstream(ChatRequest {
        request_id: id.to_owned(),
        frame: Some(chat_request::Frame::Typing(im::SendTypingRequest {
            conversation_id,
        })),
    }))
}

/// The conversation a frame names: `conversationId` when given, else derived from `chatType`
/// and `recvId` as the server derives it.
fn conversation_of(
    conversation_id: Option<String>,
    chat_type: i64,
    recv_id: String,
    me: &str,
) -> Result<String, ClientError> {
    if let Some(conversation_id) = non_empty(conversation_id) {
        return Ok(conversation_id);
    }
    match (chat_type, required_recv_id(recv_id)?) {
        (conversation::GROUP, group) => Ok(conversation::group_id(&group)),
        (conversation::SINGLE, peer) => Ok(conversation::single_id(me, &peer)),
        _ => Err(bad_chat_type()),
    }
}

fn required_recv_id(recv_id: String) -> Result<String, ClientError> {
    if recv_id.is_empty() {
        return Err(ClientError::InvalidField(
            "data.recvId (or data.conversationId) is required".to_owned(),
        ));
    }
    Ok(recv_id)
}

fn bad_chat_type() -> ClientError {
    ClientError::InvalidField(
        "data.chatType must be 1 (group) or 2 (single) when data.conversationId is not given"
            .to_owned(),
    )
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn send_of(action: Action) -> im::SendMessageRequest {
        match action {
            Action::Upstream(ChatRequest {
                frame: Some(chat_request::Frame::Send(send)),
                ..
            }) => send,
            other => panic!("expected a send, got {other:?}"),
        }
    }

    #[test]
    fn a_single_chat_targets_the_peer_and_uses_the_id_for_dedup() {
        let data = json!({"chatType": 2, "recvId": "bob", "msg": {"mType": 0, "content": "hi"}});
        let send = send_of(decode(method::CHAT, "m1", Some(data), "alice").expect("action"));
        assert_eq!(send.client_msg_id, "m1");
        assert_eq!(
            send.target,
            Some(send_message_request::Target::PeerUserId("bob".into()))
        );
    }

    #[test]
    fn a_conversation_id_wins_over_chat_type_and_recv_id() {
        let data = json!({"chatType": 1, "recvId": "g", "conversationId": "s_a_b",
                          "msg": {"mType": 0, "content": "hi"}});
        let send = send_of(decode(method::CHAT, "m1", Some(data), "a").expect("action"));
        assert_eq!(
            send.target,
            Some(send_message_request::Target::ConversationId("s_a_b".into()))
        );
    }

    #[test]
    fn unsupported_message_types_are_refused() {
        let data = json!({"chatType": 2, "recvId": "bob", "msg": {"mType": 7, "content": "x"}});
        let error = decode(method::CHAT, "m1", Some(data), "alice").expect_err("refused");
        assert_eq!(error.reason(), "UNSUPPORTED_MESSAGE_TYPE");
    }

    #[test]
    fn mark_chat_derives_the_single_conversation() {
        let data = json!({"chatType": 2, "recvId": "bob", "readSeq": 4});
        match decode(method::MARK_CHAT, "r1", Some(data), "alice").expect("action") {
            Action::Upstream(ChatRequest {
                frame: Some(chat_request::Frame::MarkRead(mark)),
                ..
            }) => {
                assert_eq!(mark.conversation_id, "s_alice_bob");
                assert_eq!(mark.read_seq, 4);
            }
            other => panic!("expected a mark read, got {other:?}"),
        }
    }

    #[test]
    fn clients_cannot_push() {
        let error = decode(method::PUSH, "", None, "alice").expect_err("refused");
        assert_eq!(error.reason(), "PUSH_NOT_ALLOWED");
    }
}

/// Property tests: 256 cases each (proptest's default), `PROPTEST_CASES` for a longer run
/// (docs/testing.md).
#[cfg(test)]
mod properties {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::frame::properties::json_value;

    /// `data` for each method: near-valid shapes with fields dropped or of the wrong type, and
    /// any JSON at all.
    fn data() -> impl Strategy<Value = Option<Value>> {
        let text = prop_oneof!["[a-z0-9_]{0,8}".prop_map(Value::from), json_value()];
        let number = prop_oneof![(-3i64..4).prop_map(Value::from), json_value()];
        let near_valid = (
            number.clone(),
            text.clone(),
            text.clone(),
            number.clone(),
            text,
            proptest::collection::vec("[a-z0-9]{0,4}", 0..(MAX_MARK_MESSAGE_IDS + 3)),
            number,
            0u8..64,
        )
            .prop_map(
                |(chat_type, recv_id, conversation_id, m_type, content, ids, read_seq, drop)| {
                    let mut data = json!({
                        "chatType": chat_type, "recvId": recv_id, "conversationId": conversation_id,
                        "msg": {"mType": m_type, "content": content},
                        "msgIds": ids, "readSeq": read_seq, "msgId": content_of(&ids),
                    });
                    let names = [
                        "chatType",
                        "recvId",
                        "conversationId",
                        "msg",
                        "msgIds",
                        "readSeq",
                    ];
                    for (bit, name) in names.iter().enumerate() {
                        if drop & (1 << bit) != 0 {
                            data.as_object_mut().expect("an object").remove(*name);
                        }
                    }
                    data
                },
            );
        proptest::option::of(prop_oneof![3 => near_valid, 1 => json_value()])
    }

    fn content_of(ids: &[String]) -> String {
        ids.first().cloned().unwrap_or_default()
    }

    proptest! {
        /// Any method and data: an action for the frame's id, or an error with a known reason
        /// whose message names `data` (or the method); never a panic.
        #[test]
        fn any_data_is_an_action_or_a_clear_error(
            method in prop_oneof![
                Just(method::CHAT.to_owned()),
                Just(method::MARK_CHAT.to_owned()),
                Just(method::REVOKE.to_owned()),
                Just(method::TYPING.to_owned()),
                Just(method::ONLINE.to_owned()),
                Just(method::EDIT.to_owned()),
                Just(method::REACT.to_owned()),
                Just(method::PIN.to_owned()),
                Just(method::SEARCH.to_owned()),
                Just(method::PUSH.to_owned()),
                Just(String::new()),
                "\\PC{0,20}",
            ],
            id in "[a-z0-9-]{0,8}",
            data in data(),
        ) {
            match decode(&method, &id, data, "me") {
                Ok(Action::Upstream(request)) => prop_assert_eq!(request.request_id, id),
                Ok(Action::MarkByMessages { request_id, message_ids, .. }) => {
                    prop_assert_eq!(request_id, id);
                    prop_assert!((1..=MAX_MARK_MESSAGE_IDS).contains(&message_ids.len()));
                }
                Ok(Action::OnlineFriends) => prop_assert_eq!(method, method::ONLINE),
                Ok(Action::Search(_)) => prop_assert_eq!(method, method::SEARCH),
                Err(error) => {
                    let message = error.to_string();
                    match error.reason() {
                        "INVALID_FIELD" => prop_assert!(
                            message.starts_with("data") || message.starts_with("id is required")
                                || message.starts_with("method is required"),
                            "{message}"
                        ),
                        "UNKNOWN_METHOD" | "PUSH_NOT_ALLOWED" | "UNSUPPORTED_MESSAGE_TYPE" => {}
                        other => prop_assert!(false, "reason {other}: {message}"),
                    }
                }
            }
        }
    }
}
