//! Rows of the user and social-graph tables as domain values, for either SQL driver: the column
//! lists the adapters select, and mappers written once over [`Columns`], the small seam that
//! reads a typed column from a SQLite or a MySQL row.

use sqlx::Row;
use sqlx::mysql::MySqlRow;
use sqlx::sqlite::SqliteRow;

use crate::domain::model::*;
use crate::store::codes::{
    policy_from_db, role_from_db, sex_from_db, source_from_db, state_from_db,
};

pub const USER_COLUMNS: &str =
    "id, phone, password_hash, nickname, avatar, sex, token_version, created_at";
/// A group with its member count (`g` is `chat_groups`).
pub const GROUP_COLUMNS: &str =
    "g.id, g.name, g.icon, g.description, g.notice, g.join_policy, g.owner_id,
    g.created_at, (SELECT COUNT(*) FROM group_members c WHERE c.group_id = g.id) AS member_count";
pub const MEMBER_COLUMNS: &str = "group_id, user_id, role, muted_until, joined_at";
pub const GROUP_REQUEST_COLUMNS: &str = "id, group_id, user_id, inviter_id, source, message, state,
    handler_id, created_at, handled_at";
pub const FRIEND_REQUEST_COLUMNS: &str =
    "id, from_user, to_user, message, state, handle_message, created_at, handled_at";
pub const BLOCK_COLUMNS: &str = "user_id, blocked_id, created_at";

/// Typed reads of a row's columns. Both drivers decode these column types the same way; a
/// missing column or a type mismatch is a bug of the query, so it panics as `Row::get` does.
pub trait Columns {
    fn text(&self, column: &str) -> String;
    fn int(&self, column: &str) -> i64;
    fn maybe_text(&self, column: &str) -> Option<String>;
    fn maybe_int(&self, column: &str) -> Option<i64>;
}

macro_rules! columns_of {
    ($row:ty) => {
        impl Columns for $row {
            fn text(&self, column: &str) -> String {
                self.get(column)
            }
            fn int(&self, column: &str) -> i64 {
                self.get(column)
            }
            fn maybe_text(&self, column: &str) -> Option<String> {
                self.get(column)
            }
            fn maybe_int(&self, column: &str) -> Option<i64> {
                self.get(column)
            }
        }
    };
}

columns_of!(SqliteRow);
columns_of!(MySqlRow);

pub fn user_record(row: &impl Columns) -> UserRecord {
    UserRecord {
        user: User {
            user_id: row.text("id"),
            phone: row.text("phone"),
            nickname: row.text("nickname"),
            avatar: row.text("avatar"),
            sex: sex_from_db(row.int("sex")),
            created_at: row.int("created_at"),
        },
        password_hash: row.text("password_hash"),
        token_version: row.int("token_version"),
    }
}

pub fn friend_request(row: &impl Columns) -> FriendRequest {
    FriendRequest {
        request_id: row.text("id"),
        from_user: row.text("from_user"),
        to_user: row.text("to_user"),
        message: row.text("message"),
        state: state_from_db(row.int("state")),
        handle_message: row.text("handle_message"),
        created_at: row.int("created_at"),
        handled_at: row.maybe_int("handled_at"),
    }
}

pub fn friendship(row: &impl Columns) -> Friendship {
    Friendship {
        user_id: row.text("user_id"),
        friend_id: row.text("friend_id"),
        remark: row.text("remark"),
        since: row.int("created_at"),
    }
}

pub fn block(row: &impl Columns) -> Block {
    Block {
        user_id: row.text("user_id"),
        blocked_id: row.text("blocked_id"),
        since: row.int("created_at"),
    }
}

/// `user_id`'s relation to a peer from their friendship and the `user_id` column of the block
/// rows between the two (either direction).
pub fn relation(user_id: &str, friendship: Option<Friendship>, blockers: &[String]) -> Relation {
    Relation {
        friendship,
        blocked: blockers.iter().any(|blocker| blocker == user_id),
        blocked_by: blockers.iter().any(|blocker| blocker != user_id),
    }
}

pub fn group(row: &impl Columns) -> Group {
    Group {
        group_id: row.text("id"),
        name: row.text("name"),
        icon: row.text("icon"),
        description: row.text("description"),
        notice: row.text("notice"),
        join_policy: policy_from_db(row.int("join_policy")),
        owner_id: row.text("owner_id"),
        member_count: row.int("member_count"),
        created_at: row.int("created_at"),
    }
}

pub fn member(row: &impl Columns) -> GroupMember {
    GroupMember {
        group_id: row.text("group_id"),
        user_id: row.text("user_id"),
        role: role_from_db(row.int("role")),
        muted_until: row.maybe_int("muted_until"),
        joined_at: row.int("joined_at"),
    }
}

pub fn group_request(row: &impl Columns) -> GroupRequest {
    GroupRequest {
        request_id: row.text("id"),
        group_id: row.text("group_id"),
        user_id: row.text("user_id"),
        inviter_id: row.maybe_text("inviter_id"),
        source: source_from_db(row.int("source")),
        message: row.text("message"),
        state: state_from_db(row.int("state")),
        handler_id: row.maybe_text("handler_id"),
        created_at: row.int("created_at"),
        handled_at: row.maybe_int("handled_at"),
    }
}
