//! Errors a client is told about in an error frame (`frameType: 9`, data `{code, reason,
//! message}`). `code` is the gRPC status code number, as in the upstream `FrameError`, and
//! `reason` is stable: upstream reasons (docs/errors.md) are relayed unchanged, the gateway's
//! own are listed in docs/websocket.md.

use tonic::Code;
use tonic_types::StatusExt;

/// What went wrong with a frame or a connection.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ClientError {
    #[error("the frame is not valid JSON: {0}")]
    MalformedJson(String),
    #[error("the frame must be a JSON object")]
    NotAnObject,
    #[error("{0}")]
    InvalidField(String),
    #[error("the frame has {size} bytes, over the limit of {limit}")]
    FrameTooLarge { size: usize, limit: usize },
    #[error("binary frames are not supported: send JSON text frames")]
    BinaryFrame,
    #[error("unknown frameType {0}: use 0 (data), 1 (ping), 2 (ack) or 3 (data, no ack)")]
    UnknownFrameType(i64),
    /// The method name, cut to 64 characters (a frame is up to 64 KiB; the answer is not).
    #[error(
        "unknown method {0:?}: use conversation.chat, conversation.markChat, conversation.revoke, \
         conversation.typing or user.online"
    )]
    UnknownMethod(String),
    #[error("`push` frames come from the server only")]
    PushNotAllowed,
    #[error(
        "mType {0} is not supported: send 0 (text, content = the text) or 1 (image, content = its URL)"
    )]
    UnsupportedMessageType(i64),
    #[error("too many requests of this connection are in flight; retry after their answers")]
    TooManyCalls,
    #[error("the upstream stream is not taking requests fast enough; retry with the same id")]
    UpstreamBusy,
    /// An error from upstream, relayed as it came.
    #[error("{message}")]
    Upstream {
        code: i32,
        reason: String,
        message: String,
    },
    #[error("no token: pass it in Sec-WebSocket-Protocol, Authorization: Bearer, or ?token=")]
    TokenMissing,
    #[error("the token is not valid")]
    TokenInvalid,
    #[error("no upstream server could be reached: {0}")]
    UpstreamUnavailable(String),
    #[error("the upstream session did not start: {0}")]
    UpstreamNotReady(String),
    #[error("the upstream session ended; reconnect and sync")]
    UpstreamEnded,
    #[error(
        "the upstream server went away and more than {0} messages arrived while the connection \
         moved to another; reconnect and sync"
    )]
    CatchUpTooLarge(usize),
    #[error("the client reads too slowly; reconnect and sync")]
    SlowConsumer,
    #[error("no frame from the client for {0} seconds")]
    HeartbeatTimeout(u64),
    #[error("the gateway is shutting down; reconnect")]
    ShuttingDown,
    /// The socket broke the WebSocket protocol (RFC 6455): the connection cannot go on.
    #[error("{0}")]
    SocketViolation(SocketViolation),
}

/// How a client broke the WebSocket protocol, each with its close code (RFC 6455 §7.4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SocketViolation {
    #[error("a WebSocket message exceeded the size limit")]
    TooBig,
    #[error("a text frame was not valid UTF-8")]
    InvalidUtf8,
    #[error("the WebSocket framing was invalid")]
    Protocol,
}

impl SocketViolation {
    /// What a read error of the socket means: a violation, or `None` when the connection just
    /// went away (reset, closed) and there is nobody to tell.
    pub fn of(error: &axum::Error) -> Option<SocketViolation> {
        use std::error::Error as _;
        let mut source = error.source();
        while let Some(cause) = source {
            if let Some(error) = cause.downcast_ref::<tungstenite::Error>() {
                return match error {
                    tungstenite::Error::Capacity(_) => Some(SocketViolation::TooBig),
                    tungstenite::Error::Utf8(_) => Some(SocketViolation::InvalidUtf8),
                    tungstenite::Error::Protocol(_) => Some(SocketViolation::Protocol),
                    _ => None,
                };
            }
            source = cause.source();
        }
        None
    }
}

impl ClientError {
    /// Relays an upstream status: its code, its ErrorInfo reason and its message.
    pub fn from_status(status: &tonic::Status) -> ClientError {
        let reason = status
            .get_details_error_info()
            .map(|info| info.reason)
            .unwrap_or_default();
        ClientError::Upstream {
            code: status.code() as i32,
            reason,
            message: status.message().to_owned(),
        }
    }

    /// The gRPC status code number.
    pub fn code(&self) -> i32 {
        let code = match self {
            ClientError::MalformedJson(_)
            | ClientError::NotAnObject
            | ClientError::InvalidField(_)
            | ClientError::FrameTooLarge { .. }
            | ClientError::BinaryFrame
            | ClientError::UnknownFrameType(_)
            | ClientError::UnsupportedMessageType(_)
            | ClientError::SocketViolation(_) => Code::InvalidArgument,
            ClientError::UnknownMethod(_) => Code::Unimplemented,
            ClientError::PushNotAllowed => Code::PermissionDenied,
            ClientError::TooManyCalls | ClientError::UpstreamBusy | ClientError::SlowConsumer => {
                Code::ResourceExhausted
            }
            ClientError::Upstream { code, .. } => return *code,
            ClientError::TokenMissing | ClientError::TokenInvalid => Code::Unauthenticated,
            ClientError::UpstreamUnavailable(_)
            | ClientError::UpstreamNotReady(_)
            | ClientError::UpstreamEnded
            | ClientError::CatchUpTooLarge(_)
            | ClientError::ShuttingDown => Code::Unavailable,
            ClientError::HeartbeatTimeout(_) => Code::DeadlineExceeded,
        };
        code as i32
    }

    /// The stable reason a client switches on.
    pub fn reason(&self) -> &str {
        match self {
            ClientError::MalformedJson(_) | ClientError::NotAnObject => "MALFORMED_FRAME",
            ClientError::InvalidField(_) => "INVALID_FIELD",
            ClientError::FrameTooLarge { .. } => "FRAME_TOO_LARGE",
            ClientError::BinaryFrame => "BINARY_FRAME",
            ClientError::UnknownFrameType(_) => "UNKNOWN_FRAME_TYPE",
            ClientError::UnknownMethod(_) => "UNKNOWN_METHOD",
            ClientError::PushNotAllowed => "PUSH_NOT_ALLOWED",
            ClientError::UnsupportedMessageType(_) => "UNSUPPORTED_MESSAGE_TYPE",
            ClientError::TooManyCalls => "TOO_MANY_CALLS",
            ClientError::UpstreamBusy => "UPSTREAM_BUSY",
            ClientError::Upstream { reason, .. } => reason,
            ClientError::TokenMissing => "TOKEN_MISSING",
            ClientError::TokenInvalid => "TOKEN_INVALID",
            ClientError::UpstreamUnavailable(_) => "UPSTREAM_UNAVAILABLE",
            ClientError::UpstreamNotReady(_) => "UPSTREAM_NOT_READY",
            ClientError::UpstreamEnded | ClientError::CatchUpTooLarge(_) => "UPSTREAM_ENDED",
            ClientError::SlowConsumer => "SLOW_CONSUMER",
            ClientError::HeartbeatTimeout(_) => "HEARTBEAT_TIMEOUT",
            ClientError::ShuttingDown => "SHUTTING_DOWN",
            ClientError::SocketViolation(SocketViolation::TooBig) => "MESSAGE_TOO_BIG",
            ClientError::SocketViolation(SocketViolation::InvalidUtf8) => "INVALID_UTF8",
            ClientError::SocketViolation(SocketViolation::Protocol) => "PROTOCOL_ERROR",
        }
    }

    /// Whether the upstream refused the token, so the connection must end.
    pub fn is_unauthenticated(&self) -> bool {
        self.code() == Code::Unauthenticated as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_statuses_keep_their_code_and_reason() {
        let status = tonic::Status::with_error_details(
            Code::PermissionDenied,
            "not friends",
            tonic_types::ErrorDetails::with_error_info("NOT_FRIENDS", "easychat", []),
        );
        let error = ClientError::from_status(&status);
        assert_eq!(error.code(), 7);
        assert_eq!(error.reason(), "NOT_FRIENDS");
        assert_eq!(error.to_string(), "not friends");
    }
}
