//! The one mapping from domain errors to gRPC statuses, with an `ErrorInfo` reason.

use std::collections::HashMap;

use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

use crate::error::{Error, ErrorKind};

pub const ERROR_DOMAIN: &str = "easychat";

impl From<Error> for Status {
    fn from(error: Error) -> Status {
        let code = match error.kind {
            ErrorKind::InvalidArgument => Code::InvalidArgument,
            ErrorKind::NotFound => Code::NotFound,
            ErrorKind::AlreadyExists => Code::AlreadyExists,
            ErrorKind::PermissionDenied => Code::PermissionDenied,
            ErrorKind::Unauthenticated => Code::Unauthenticated,
            ErrorKind::FailedPrecondition => Code::FailedPrecondition,
            ErrorKind::ResourceExhausted => Code::ResourceExhausted,
            ErrorKind::Unavailable => Code::Unavailable,
            ErrorKind::Internal => Code::Internal,
        };
        let mut details =
            ErrorDetails::with_error_info(error.reason.as_str(), ERROR_DOMAIN, HashMap::new());
        if let Some(delay) = error.retry_after {
            details.set_retry_info(Some(delay));
        }
        Status::with_error_details(code, bounded(error.message), details)
    }
}

/// Most bytes of a status message. Messages quote refused input only shortened, but a message
/// is a header: whatever slips through must not make the answer (or the log line) huge.
const MAX_MESSAGE_BYTES: usize = 1024;

fn bounded(mut message: String) -> String {
    if message.len() > MAX_MESSAGE_BYTES {
        let mut cut = MAX_MESSAGE_BYTES;
        while !message.is_char_boundary(cut) {
            cut -= 1;
        }
        message.truncate(cut);
        message.push('…');
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_cut_on_a_character_boundary() {
        let status = Status::from(Error::invalid(
            crate::error::Reason::InvalidField,
            "é".repeat(4000),
        ));
        assert!(status.message().len() <= MAX_MESSAGE_BYTES + '…'.len_utf8());
        assert!(status.message().ends_with('…'));
        assert_eq!(bounded("short".to_owned()), "short");
    }
}
