//! The integer codes the SQL stores (SQLite and MySQL) keep enums in, and the keys their unique
//! indexes use. One table for both backends, so a database written by one reads the same in the
//! other and the codes cannot drift apart.

use crate::domain::model::{GroupRequestSource, GroupRole, JoinPolicy, RequestState, Sex};
use crate::error::{Error, Reason};

pub fn sex_to_db(sex: Sex) -> i64 {
    match sex {
        Sex::Unspecified => 0,
        Sex::Male => 1,
        Sex::Female => 2,
        Sex::Other => 3,
    }
}

pub fn sex_from_db(value: i64) -> Sex {
    match value {
        1 => Sex::Male,
        2 => Sex::Female,
        3 => Sex::Other,
        _ => Sex::Unspecified,
    }
}

pub fn state_to_db(state: RequestState) -> i64 {
    match state {
        RequestState::Pending => 1,
        RequestState::Accepted => 2,
        RequestState::Refused => 3,
    }
}

pub fn state_from_db(value: i64) -> RequestState {
    match value {
        2 => RequestState::Accepted,
        3 => RequestState::Refused,
        _ => RequestState::Pending,
    }
}

pub fn role_to_db(role: GroupRole) -> i64 {
    match role {
        GroupRole::Owner => 1,
        GroupRole::Manager => 2,
        GroupRole::Member => 3,
    }
}

pub fn role_from_db(value: i64) -> GroupRole {
    match value {
        1 => GroupRole::Owner,
        2 => GroupRole::Manager,
        _ => GroupRole::Member,
    }
}

pub fn policy_to_db(policy: JoinPolicy) -> i64 {
    match policy {
        JoinPolicy::Open => 1,
        JoinPolicy::ApprovalRequired => 2,
    }
}

pub fn policy_from_db(value: i64) -> JoinPolicy {
    match value {
        1 => JoinPolicy::Open,
        _ => JoinPolicy::ApprovalRequired,
    }
}

/// The unique key of a pending friend request: the pair, in either direction.
pub fn pair_key(a: &str, b: &str) -> String {
    if a <= b {
        format!("{a}|{b}")
    } else {
        format!("{b}|{a}")
    }
}

pub fn source_to_db(source: GroupRequestSource) -> i64 {
    match source {
        GroupRequestSource::Apply => 1,
        GroupRequestSource::Invite => 2,
    }
}

pub fn source_from_db(value: i64) -> GroupRequestSource {
    match value {
        2 => GroupRequestSource::Invite,
        _ => GroupRequestSource::Apply,
    }
}

/// The unique key of a pending group request: one per user and group.
pub fn pending_group_key(group_id: &str, user_id: &str) -> String {
    format!("{group_id}|{user_id}")
}

/// A pending request between the same parties exists (the unique key refused a second one).
pub fn request_pending() -> Error {
    Error::already_exists(
        Reason::RequestPending,
        "a request between you is already pending",
    )
}
