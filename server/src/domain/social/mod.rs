//! The social graph: friend requests and friendships (`friends`), groups, members and join
//! requests (`groups`), blocks (`blocks`). `Social` and the views it answers with live here.
//!
//! Conversations follow the graph: a friendship opens the single conversation for both users,
//! joining a group opens the group's conversation for the new member (and only for them).

use std::sync::Arc;

use super::accounts::Accounts;
use super::model::*;
use super::ports::{
    MembershipChange, MessageStore, NoNotices, Presence, RateLimiter, SocialNotice, SocialNotices,
    SocialStore,
};
use crate::config::Limits;
use crate::error::{Error, Reason};

mod blocks;
mod friends;
mod groups;

pub use blocks::BlockedView;

const MAX_REQUEST_MESSAGE_CHARS: usize = 256;
const MAX_REMARK_CHARS: usize = 32;
const MAX_GROUP_NAME_CHARS: usize = 64;
const MAX_GROUP_DESCRIPTION_CHARS: usize = 512;
const MAX_GROUP_NOTICE_CHARS: usize = 1024;
const MAX_INITIAL_MEMBERS: usize = 500;
const MAX_INVITEES: usize = 100;

pub struct FriendRequestView {
    pub request: FriendRequest,
    pub from: User,
    pub to: User,
}

pub struct FriendView {
    pub friendship: Friendship,
    pub user: User,
    pub online: bool,
    pub last_seen: Option<Millis>,
}

pub struct GroupView {
    pub group: Group,
    /// The caller's role; `None` when not a member.
    pub my_role: Option<GroupRole>,
}

pub struct MemberView {
    pub member: GroupMember,
    pub user: User,
    pub online: bool,
}

pub struct GroupRequestView {
    pub request: GroupRequest,
    pub user: User,
}

pub struct NewGroup {
    pub name: String,
    pub icon: String,
    pub description: String,
    pub member_ids: Vec<String>,
    pub join_policy: JoinPolicy,
}

pub enum JoinOutcome {
    Joined,
    Pending(Box<GroupRequestView>),
}

#[derive(Clone)]
pub struct Social {
    accounts: Accounts,
    store: Arc<dyn SocialStore>,
    messages: Arc<dyn MessageStore>,
    presence: Arc<dyn Presence>,
    limiter: Arc<dyn RateLimiter>,
    limits: Limits,
    /// Told of friend requests handled and membership changes (the webhooks).
    notices: Arc<dyn SocialNotices>,
}

impl Social {
    pub fn new(
        accounts: Accounts,
        store: Arc<dyn SocialStore>,
        messages: Arc<dyn MessageStore>,
        presence: Arc<dyn Presence>,
        limiter: Arc<dyn RateLimiter>,
        limits: Limits,
    ) -> Social {
        Social {
            accounts,
            store,
            messages,
            presence,
            limiter,
            limits,
            notices: Arc::new(NoNotices),
        }
    }

    /// Reports friend requests handled and membership changes to `notices` from now on.
    pub fn with_notices(mut self, notices: Arc<dyn SocialNotices>) -> Social {
        self.notices = notices;
        self
    }
}

pub fn already_handled() -> Error {
    Error::precondition(
        Reason::RequestAlreadyHandled,
        "this request was already handled",
    )
}
