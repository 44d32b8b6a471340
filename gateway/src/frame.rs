//! The JSON wire frames `{frameType, id, method, formId, data}`, as the old clients send them.
//!
//! Parsing is two-step so that an error frame can carry the `id` whenever the client gave one:
//! the envelope is read first, and `data` is read later by the method that knows its shape.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::ClientError;

/// Frame type numbers, unchanged from the old server.
pub mod frame_type {
    /// A request, a result or a push.
    pub const DATA: i64 = 0;
    /// Keep-alive, answered with a ping.
    pub const PING: i64 = 1;
    /// Ack of a data frame (from the server), or its confirmation (from the client).
    pub const ACK: i64 = 2;
    /// A data frame the client wants processed without an ack.
    pub const NO_ACK: i64 = 3;
    /// An error; from a client it is ignored.
    pub const ERROR: i64 = 9;
}

/// Method names, unchanged from the old server where it had them.
pub mod method {
    pub const CHAT: &str = "conversation.chat";
    pub const MARK_CHAT: &str = "conversation.markChat";
    pub const REVOKE: &str = "conversation.revoke";
    pub const TYPING: &str = "conversation.typing";
    /// New: edit a text message.
    pub const EDIT: &str = "conversation.edit";
    /// New: add or remove a reaction.
    pub const REACT: &str = "conversation.react";
    /// New: pin or unpin a message.
    pub const PIN: &str = "conversation.pin";
    /// New: search the text of the user's messages.
    pub const SEARCH: &str = "conversation.search";
    pub const ONLINE: &str = "user.online";
    pub const PUSH: &str = "push";
    /// New: tells the client its upstream session is registered, so pushes reach it from now on.
    pub const READY: &str = "session.ready";
}

/// A client frame whose envelope is well-formed. `formId` is not read at all: the sender is the
/// token's user, whatever the client claims.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientFrame {
    /// Missing means data, as with the old server's zero value.
    #[serde(default)]
    pub frame_type: i64,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub data: Option<Value>,
}

/// A client frame that could not be read, with its id when the client gave a readable one.
#[derive(Debug)]
pub struct BadFrame {
    pub id: Option<String>,
    pub error: ClientError,
}

/// Reads a client frame's envelope.
pub fn parse(text: &str) -> Result<ClientFrame, BadFrame> {
    let value: Value = serde_json::from_str(text).map_err(|e| BadFrame {
        id: None,
        error: ClientError::MalformedJson(e.to_string()),
    })?;
    if !value.is_object() {
        return Err(BadFrame {
            id: None,
            error: ClientError::NotAnObject,
        });
    }
    let id = value.get("id").and_then(Value::as_str);
    if let Some(id) = id
        && id.len() > MAX_ID_BYTES
    {
        // Not echoed: ids are kept (pending acks) and sent back, so their size is bounded.
        return Err(BadFrame {
            id: None,
            error: ClientError::InvalidField(format!(
                "id: {} bytes long, at most {MAX_ID_BYTES} allowed",
                id.len()
            )),
        });
    }
    let id = id.map(str::to_owned);
    serde_path_to_error::deserialize(value).map_err(|e| BadFrame {
        id,
        error: ClientError::InvalidField(describe(None, &e)),
    })
}

/// Longest frame id. An id doubles as the message's client_msg_id (64 characters upstream);
/// ids of acks and pings have no other use, so 128 bytes is plenty.
pub const MAX_ID_BYTES: usize = 128;

/// Reads a method's `data` into its typed shape; the error names the offending field.
pub fn data<T: DeserializeOwned>(data: Option<Value>) -> Result<T, ClientError> {
    let data = data.ok_or_else(|| ClientError::InvalidField("data is required".to_owned()))?;
    serde_path_to_error::deserialize(data)
        .map_err(|e| ClientError::InvalidField(describe(Some("data"), &e)))
}

fn describe(prefix: Option<&str>, error: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let path = error.path().to_string();
    let at_root = path == ".";
    match (prefix, at_root) {
        (Some(prefix), true) => format!("{prefix}: {}", error.inner()),
        (Some(prefix), false) => format!("{prefix}.{path}: {}", error.inner()),
        (None, true) => error.inner().to_string(),
        (None, false) => format!("{path}: {}", error.inner()),
    }
}

/// A frame to a client.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerFrame {
    pub frame_type: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<&'static str>,
    /// How many times this ack was sent (old clients read it in rigorous mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ack_seq: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
}

/// Data of an error frame.
#[derive(Debug, Serialize)]
struct ErrorData<'a> {
    code: i32,
    reason: &'a str,
    message: String,
}

impl ServerFrame {
    pub fn ping() -> ServerFrame {
        ServerFrame {
            frame_type: frame_type::PING,
            id: None,
            method: None,
            ack_seq: None,
            data: None,
        }
    }

    pub fn ack(id: &str, ack_seq: u32) -> ServerFrame {
        ServerFrame {
            frame_type: frame_type::ACK,
            id: Some(id.to_owned()),
            ack_seq: Some(ack_seq),
            ..ServerFrame::ping()
        }
    }

    pub fn error(id: Option<String>, error: &ClientError) -> ServerFrame {
        ServerFrame {
            frame_type: frame_type::ERROR,
            id: id.filter(|id| !id.is_empty()),
            data: Some(to_value(&ErrorData {
                code: error.code(),
                reason: error.reason(),
                message: error.to_string(),
            })),
            ..ServerFrame::ping()
        }
    }

    /// A result or push; an empty id (a push, or a request without one) is left out.
    pub fn data(id: Option<String>, method: &'static str, data: &impl Serialize) -> ServerFrame {
        ServerFrame {
            frame_type: frame_type::DATA,
            id: id.filter(|id| !id.is_empty()),
            method: Some(method),
            data: Some(to_value(data)),
            ..ServerFrame::ping()
        }
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            // Only strings, numbers and maps with string keys go in: this cannot fail.
            tracing::error!(error = %e, "a server frame did not serialize");
            String::from("{}")
        })
    }
}

/// Converts typed frame data; see `to_text` for why failure is only logged.
fn to_value(data: &impl Serialize) -> Value {
    serde_json::to_value(data).unwrap_or_else(|e| {
        tracing::error!(error = %e, "frame data did not serialize");
        Value::Null
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_id_and_unknown_keys_are_ignored() {
        let frame = parse(r#"{"frameType":0,"id":"a","method":"m","formId":42,"ackSeq":1}"#)
            .expect("frame");
        assert_eq!(frame.frame_type, 0);
        assert_eq!(frame.id.as_deref(), Some("a"));
    }

    #[test]
    fn a_wrong_type_names_the_field_and_keeps_the_id() {
        let bad = parse(r#"{"frameType":"zero","id":"a"}"#).expect_err("bad frame");
        assert_eq!(bad.id.as_deref(), Some("a"));
        assert!(
            bad.error.to_string().starts_with("frameType:"),
            "{}",
            bad.error
        );
    }

    #[test]
    fn data_errors_name_the_nested_field() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Data {
            msg: Msg,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Msg {
            content: String,
        }
        let error =
            data::<Data>(Some(serde_json::json!({"msg": {"content": 5}}))).expect_err("wrong type");
        assert!(
            error.to_string().starts_with("data.msg.content:"),
            "{error}"
        );
    }

    #[test]
    fn error_frames_carry_code_reason_and_message() {
        let frame = ServerFrame::error(Some("x".into()), &ClientError::BinaryFrame).to_text();
        let value: Value = serde_json::from_str(&frame).expect("json");
        assert_eq!(value["frameType"], 9);
        assert_eq!(value["id"], "x");
        assert_eq!(value["data"]["code"], 3);
        assert_eq!(value["data"]["reason"], "BINARY_FRAME");
    }
}

/// Property tests: 256 cases each (proptest's default), `PROPTEST_CASES` for a longer run
/// (docs/testing.md).
#[cfg(test)]
pub(crate) mod properties {
    use proptest::prelude::*;
    use serde_json::{Map, json};

    use super::*;

    /// Any JSON value, nested a few levels.
    pub(crate) fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            "\\PC{0,12}".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map("[a-zA-Z]{0,10}", inner, 0..6)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    /// An envelope field: absent, of its own type, or anything.
    fn field(own: BoxedStrategy<Value>) -> impl Strategy<Value = Option<Value>> {
        proptest::option::of(prop_oneof![3 => own, 1 => json_value()])
    }

    /// Frames shaped like clients' ones, with every envelope field sometimes wrong.
    pub(crate) fn envelope() -> impl Strategy<Value = Value> {
        (
            field(
                prop_oneof![0i64..4, Just(9i64), any::<i64>()]
                    .prop_map(Value::from)
                    .boxed(),
            ),
            field(
                prop_oneof![4 => "[a-z0-9-]{0,12}", 1 => "[a-z]{127,130}"]
                    .prop_map(Value::from)
                    .boxed(),
            ),
            field(
                prop_oneof![
                    Just(method::CHAT),
                    Just(method::MARK_CHAT),
                    Just(method::REVOKE),
                    Just(method::TYPING),
                    Just(method::ONLINE),
                    Just(method::PUSH),
                    Just(""),
                ]
                .prop_map(Value::from)
                .boxed(),
            ),
            field(json_value().boxed()),
            proptest::collection::btree_map("[a-zA-Z]{1,8}", json_value(), 0..3),
        )
            .prop_map(|(frame_type, id, method, data, extra)| {
                let mut map: Map<String, Value> = extra.into_iter().collect();
                for (name, value) in [
                    ("frameType", frame_type),
                    ("id", id),
                    ("method", method),
                    ("data", data),
                ] {
                    match value {
                        Some(value) => map.insert(name.to_owned(), value),
                        None => map.remove(name),
                    };
                }
                Value::Object(map)
            })
    }

    /// Whether the envelope reads: each field absent or of its type (null counts as absent
    /// for the optional ones; frameType must be an integer when present).
    fn readable(frame: &Value) -> bool {
        let text_or_null =
            |name: &str| frame.get(name).is_none_or(|v| v.is_null() || v.is_string());
        frame.get("frameType").is_none_or(Value::is_i64)
            && text_or_null("id")
            && !overlong_id(frame)
            && text_or_null("method")
    }

    fn overlong_id(frame: &Value) -> bool {
        frame
            .get("id")
            .and_then(Value::as_str)
            .is_some_and(|id| id.len() > MAX_ID_BYTES)
    }

    proptest! {
        /// Any text: a frame, or MALFORMED_FRAME / INVALID_FIELD; never a panic.
        #[test]
        fn any_text_is_a_frame_or_a_clear_error(text in prop_oneof![
            any::<String>(),
            "[{}\\[\\]\":,0-9a-zA-Z ]{0,40}",
        ]) {
            let value = serde_json::from_str::<Value>(&text);
            match parse(&text) {
                Ok(_) => prop_assert!(value.as_ref().is_ok_and(|v| v.is_object() && readable(v))),
                Err(bad) => {
                    let reason = bad.error.reason();
                    prop_assert!(matches!(reason, "MALFORMED_FRAME" | "INVALID_FIELD"), "{reason}");
                    prop_assert!(!bad.error.to_string().is_empty());
                }
            }
        }

        /// Frames read exactly when their envelope is well-typed; an unreadable one keeps its id
        /// when that is a string, and the error names the field.
        #[test]
        fn envelopes_read_exactly_when_well_typed(frame in envelope()) {
            let text = frame.to_string();
            match parse(&text) {
                Ok(parsed) => {
                    prop_assert!(readable(&frame), "{text}");
                    prop_assert_eq!(parsed.frame_type, frame.get("frameType").and_then(Value::as_i64).unwrap_or(0));
                    prop_assert_eq!(parsed.id.as_deref(), frame.get("id").and_then(Value::as_str));
                    prop_assert_eq!(parsed.method.as_deref(), frame.get("method").and_then(Value::as_str));
                }
                Err(bad) => {
                    prop_assert!(!readable(&frame), "{text}");
                    prop_assert_eq!(bad.error.reason(), "INVALID_FIELD");
                    // An over-long id is not kept (nor echoed); any other string id is.
                    let kept = frame.get("id").and_then(Value::as_str).filter(|_| !overlong_id(&frame));
                    prop_assert_eq!(bad.id.as_deref(), kept);
                    let message = bad.error.to_string();
                    prop_assert!(
                        ["frameType:", "id:", "method:"].iter().any(|f| message.starts_with(f)),
                        "{message}"
                    );
                }
            }
        }

        /// Error frames are valid JSON carrying the id, whatever the id and message hold.
        #[test]
        fn error_frames_are_json_whatever_they_carry(id in any::<String>(), message in any::<String>()) {
            let text = ServerFrame::error(Some(id.clone()), &ClientError::InvalidField(message.clone())).to_text();
            let value: Value = serde_json::from_str(&text).expect("an error frame is JSON");
            prop_assert_eq!(&value["frameType"], &json!(frame_type::ERROR));
            if id.is_empty() {
                prop_assert!(value.get("id").is_none());
            } else {
                prop_assert_eq!(&value["id"], &json!(id));
            }
            prop_assert_eq!(&value["data"]["message"], &json!(message));
            prop_assert_eq!(&value["data"]["reason"], &json!("INVALID_FIELD"));
        }
    }
}
