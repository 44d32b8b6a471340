//! The domain's error type: what went wrong, in terms a client can act on.
//!
//! Every error carries a stable `Reason` (one enum, SCREAMING_SNAKE_CASE on the wire), sent to
//! clients as the `google.rpc.ErrorInfo` reason so they can switch on it; the gRPC code follows
//! from the kind. docs/errors.md lists the reasons, checked against the enum by a test.

use std::fmt;
use std::time::Duration;

/// Why a request failed, stable for clients to switch on: sent as the `google.rpc.ErrorInfo`
/// reason (its `as_str`). docs/errors.md documents each one (a test checks the list matches).
macro_rules! reasons {
    ($($variant:ident => $name:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Reason {
            $($variant,)*
        }

        impl Reason {
            /// Every reason, in the order they are declared.
            pub const ALL: &[Reason] = &[$(Reason::$variant,)*];

            /// The reason as clients see it, e.g. `NOT_FRIENDS`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Reason::$variant => $name,)*
                }
            }

            /// The reason named `name`, if it is one.
            pub fn from_name(name: &str) -> Option<Reason> {
                Reason::ALL.iter().copied().find(|reason| reason.as_str() == name)
            }
        }
    };
}

reasons! {
    AlreadyFriends => "ALREADY_FRIENDS",
    AlreadyMember => "ALREADY_MEMBER",
    BackendUnavailable => "BACKEND_UNAVAILABLE",
    BadCredentials => "BAD_CREDENTIALS",
    CannotTargetSelf => "CANNOT_TARGET_SELF",
    ContentTooLarge => "CONTENT_TOO_LARGE",
    ConversationNotFound => "CONVERSATION_NOT_FOUND",
    EditNotAllowed => "EDIT_NOT_ALLOWED",
    EditWindowPassed => "EDIT_WINDOW_PASSED",
    FriendNotFound => "FRIEND_NOT_FOUND",
    FriendRequestNotAllowed => "FRIEND_REQUEST_NOT_ALLOWED",
    GroupFull => "GROUP_FULL",
    GroupNotFound => "GROUP_NOT_FOUND",
    HeartbeatTimeout => "HEARTBEAT_TIMEOUT",
    Internal => "INTERNAL",
    InvalidField => "INVALID_FIELD",
    InvalidPageToken => "INVALID_PAGE_TOKEN",
    MemberMuted => "MEMBER_MUTED",
    MediaMismatch => "MEDIA_MISMATCH",
    MediaNotFound => "MEDIA_NOT_FOUND",
    MediaNotShared => "MEDIA_NOT_SHARED",
    MediaNotUploaded => "MEDIA_NOT_UPLOADED",
    MediaQuotaExceeded => "MEDIA_QUOTA_EXCEEDED",
    MediaTooLarge => "MEDIA_TOO_LARGE",
    MediaTypeNotAllowed => "MEDIA_TYPE_NOT_ALLOWED",
    MemberNotFound => "MEMBER_NOT_FOUND",
    MentionAllNotAllowed => "MENTION_ALL_NOT_ALLOWED",
    MentionNotMember => "MENTION_NOT_MEMBER",
    MessageNotFound => "MESSAGE_NOT_FOUND",
    MessageRecalled => "MESSAGE_RECALLED",
    NotConversationMember => "NOT_CONVERSATION_MEMBER",
    NotFriends => "NOT_FRIENDS",
    NotGroupManager => "NOT_GROUP_MANAGER",
    NotGroupMember => "NOT_GROUP_MEMBER",
    NotGroupOwner => "NOT_GROUP_OWNER",
    NotRequestTarget => "NOT_REQUEST_TARGET",
    OwnerCannotLeave => "OWNER_CANNOT_LEAVE",
    PhoneTaken => "PHONE_TAKEN",
    PinNotAllowed => "PIN_NOT_ALLOWED",
    PipelineFull => "PIPELINE_FULL",
    PolicyUnavailable => "POLICY_UNAVAILABLE",
    RateLimited => "RATE_LIMITED",
    RecallNotAllowed => "RECALL_NOT_ALLOWED",
    RecallWindowPassed => "RECALL_WINDOW_PASSED",
    RejectedByPolicy => "REJECTED_BY_POLICY",
    RequestAlreadyHandled => "REQUEST_ALREADY_HANDLED",
    RequestNotFound => "REQUEST_NOT_FOUND",
    RequestPending => "REQUEST_PENDING",
    RoleTooLow => "ROLE_TOO_LOW",
    SearchUnavailable => "SEARCH_UNAVAILABLE",
    ServerBusy => "SERVER_BUSY",
    ServerShuttingDown => "SERVER_SHUTTING_DOWN",
    SlowConsumer => "SLOW_CONSUMER",
    TokenExpired => "TOKEN_EXPIRED",
    TokenInvalid => "TOKEN_INVALID",
    TokenMissing => "TOKEN_MISSING",
    TokenRevoked => "TOKEN_REVOKED",
    TooManyPins => "TOO_MANY_PINS",
    TooManyReactions => "TOO_MANY_REACTIONS",
    TooManySessions => "TOO_MANY_SESSIONS",
    UserNotFound => "USER_NOT_FOUND",
    WrongPassword => "WRONG_PASSWORD",
    YouBlockedThisUser => "YOU_BLOCKED_THIS_USER",
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The class of an error; each maps to one gRPC status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    InvalidArgument,
    NotFound,
    AlreadyExists,
    PermissionDenied,
    Unauthenticated,
    FailedPrecondition,
    ResourceExhausted,
    /// A backend is down or overloaded; the client may retry (the only retryable kind:
    /// UNAVAILABLE is what gRPC clients retry by convention).
    Unavailable,
    /// A bug or an unexpected backend failure; details are logged, not sent.
    Internal,
}

/// An error of the domain or of a storage port.
#[derive(Debug, Clone, thiserror::Error)]
pub struct Error {
    pub kind: ErrorKind,
    /// Stable machine-readable reason, e.g. `NOT_FRIENDS`.
    pub reason: Reason,
    /// Human-readable explanation for the client developer.
    pub message: String,
    /// When the same request may succeed (rate limits); sent as `google.rpc.RetryInfo`.
    pub retry_after: Option<Duration>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.reason)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, reason: Reason, message: impl Into<String>) -> Self {
        Error {
            kind,
            reason,
            message: message.into(),
            retry_after: None,
        }
    }

    /// Whether trying the same operation again later may succeed: a backend was down, or
    /// failed in a way nobody expected. What the request itself got wrong is not.
    pub fn is_transient(&self) -> bool {
        matches!(self.kind, ErrorKind::Unavailable | ErrorKind::Internal)
    }

    /// The same error, telling the client to retry after `delay`.
    pub fn retry_after(mut self, delay: Duration) -> Self {
        self.retry_after = Some(delay);
        self
    }

    /// A request field failed validation; `field` names it in the message.
    pub fn invalid_field(field: &str, problem: impl fmt::Display) -> Self {
        Self::new(
            ErrorKind::InvalidArgument,
            Reason::InvalidField,
            format!("{field}: {problem}"),
        )
    }

    pub fn invalid(reason: Reason, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidArgument, reason, message)
    }

    pub fn not_found(reason: Reason, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, reason, message)
    }

    pub fn already_exists(reason: Reason, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::AlreadyExists, reason, message)
    }

    pub fn denied(reason: Reason, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::PermissionDenied, reason, message)
    }

    pub fn unauthenticated(reason: Reason, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unauthenticated, reason, message)
    }

    pub fn precondition(reason: Reason, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::FailedPrecondition, reason, message)
    }

    pub fn exhausted(reason: Reason, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ResourceExhausted, reason, message)
    }

    /// A backend failure. The detail is logged here, once; the client sees a generic message.
    pub fn internal(context: &str, detail: impl fmt::Display) -> Self {
        tracing::error!(%detail, "{context}");
        Self::new(
            ErrorKind::Internal,
            Reason::Internal,
            format!("internal error while {context}"),
        )
    }

    pub fn unavailable(context: &str, detail: impl fmt::Display) -> Self {
        tracing::warn!(%detail, "{context}");
        Self::new(
            ErrorKind::Unavailable,
            Reason::BackendUnavailable,
            format!("{context}: backend unavailable, retry later"),
        )
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The reasons docs/errors.md documents: the backticked second column of its table.
    fn documented() -> BTreeSet<String> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/errors.md");
        let text = std::fs::read_to_string(path).expect("docs/errors.md");
        text.lines()
            .filter_map(|line| line.split('|').nth(2))
            .filter_map(|cell| cell.trim().strip_prefix('`')?.strip_suffix('`'))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn docs_errors_md_lists_every_reason_and_no_other() {
        let declared: BTreeSet<String> = Reason::ALL
            .iter()
            .map(|reason| reason.as_str().to_owned())
            .collect();
        let documented = documented();
        let undocumented: Vec<_> = declared.difference(&documented).collect();
        let unknown: Vec<_> = documented.difference(&declared).collect();
        assert!(
            undocumented.is_empty(),
            "reasons missing from docs/errors.md: {undocumented:?}"
        );
        assert!(
            unknown.is_empty(),
            "docs/errors.md lists reasons the server never gives: {unknown:?}"
        );
    }

    #[test]
    fn every_reason_reads_back_from_its_name() {
        for reason in Reason::ALL {
            assert_eq!(Reason::from_name(reason.as_str()), Some(*reason));
        }
        assert_eq!(Reason::from_name("NOT_A_REASON"), None);
    }
}
