//! The domain's error type: what went wrong, in terms a client can act on.
//!
//! Every error carries a stable `reason` (SCREAMING_SNAKE_CASE), sent to clients as the
//! `google.rpc.ErrorInfo` reason so they can switch on it; the gRPC code follows from the kind.
//! docs/errors.md lists the reasons.

use std::fmt;
use std::time::Duration;

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
    pub reason: &'static str,
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
    pub fn new(kind: ErrorKind, reason: &'static str, message: impl Into<String>) -> Self {
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
            "INVALID_FIELD",
            format!("{field}: {problem}"),
        )
    }

    pub fn invalid(reason: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidArgument, reason, message)
    }

    pub fn not_found(reason: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, reason, message)
    }

    pub fn already_exists(reason: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::AlreadyExists, reason, message)
    }

    pub fn denied(reason: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::PermissionDenied, reason, message)
    }

    pub fn unauthenticated(reason: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unauthenticated, reason, message)
    }

    pub fn precondition(reason: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::FailedPrecondition, reason, message)
    }

    pub fn exhausted(reason: &'static str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ResourceExhausted, reason, message)
    }

    /// A backend failure. The detail is logged here, once; the client sees a generic message.
    pub fn internal(context: &str, detail: impl fmt::Display) -> Self {
        tracing::error!(%detail, "{context}");
        Self::new(
            ErrorKind::Internal,
            "INTERNAL",
            format!("internal error while {context}"),
        )
    }

    pub fn unavailable(context: &str, detail: impl fmt::Display) -> Self {
        tracing::warn!(%detail, "{context}");
        Self::new(
            ErrorKind::Unavailable,
            "BACKEND_UNAVAILABLE",
            format!("{context}: backend unavailable, retry later"),
        )
    }
}
