//! Blocks: a user blocks another, who then cannot reach them by friend request or single-chat
//! message, and whose group messages are not pushed to them. A block is one-sided and leaves a
//! friendship as it is, so unblocking restores messaging.
//!
//! The rules that read blocks sit where they apply: friend requests in `friends`, and here the
//! check of a single-chat send and the audience of a group message, which messaging calls.
//!
//! What the refused side is told: the blocked user gets the error they would get without the
//! block telling them why (NOT_FRIENDS for a message, FRIEND_REQUEST_NOT_ALLOWED for a request);
//! the blocker gets YOU_BLOCKED_THIS_USER, about their own choice, so a client can offer to undo
//! it.

use super::*;
use crate::domain::ids::parse_id;
use crate::domain::paging::PageRequest;
use crate::error::{Error, Reason, Result};

/// How many of a user's blocks hide messages from their reads (the most recent ones).
const MAX_HIDDEN_SENDERS: u64 = 1000;

pub struct BlockedView {
    pub block: Block,
    pub user: User,
}

impl Social {
    /// Blocks `target` for `me`, idempotently: a block already there keeps its first time.
    pub async fn block_user(&self, me: &str, target: &str) -> Result<BlockedView> {
        let target = block_target(me, target, "you cannot block yourself")?;
        let user = self.accounts.user(me, &target).await?;
        let block = self.store.block_user(me, &target, now_millis()).await?;
        Ok(BlockedView { block, user })
    }

    /// Lifts `me`'s block of `target`; nothing to lift is not an error.
    pub async fn unblock_user(&self, me: &str, target: &str) -> Result<()> {
        let target = block_target(me, target, "you cannot unblock yourself")?;
        self.store.unblock_user(me, &target).await?;
        Ok(())
    }

    /// The users `me` blocked (the most recent `MAX_HIDDEN_SENDERS`): their messages are left
    /// out of what `me` reads.
    pub async fn blocked_ids(&self, me: &str) -> Result<std::collections::HashSet<String>> {
        let page = crate::domain::ports::Page {
            offset: 0,
            limit: MAX_HIDDEN_SENDERS,
        };
        let blocks = self.store.list_blocked(me, page).await?;
        Ok(blocks.into_iter().map(|b| b.blocked_id).collect())
    }

    pub async fn list_blocked(
        &self,
        me: &str,
        paging: PageRequest,
    ) -> Result<(Vec<BlockedView>, String)> {
        let rows = self.store.list_blocked(me, paging.probe()).await?;
        let (rows, next) = paging.finish(rows);
        let ids: Vec<String> = rows.iter().map(|b| b.blocked_id.clone()).collect();
        let users = self.accounts.users(me, &ids).await?;
        let views = rows
            .into_iter()
            .filter_map(|block| {
                let user = users
                    .iter()
                    .find(|u| u.user_id == block.blocked_id)?
                    .clone();
                Some(BlockedView { block, user })
            })
            .collect();
        Ok((views, next))
    }

    /// Whether `me` may send a single-chat message to `peer`: friends, and no block either way.
    /// One read of the pair's relation (a copy on the send path).
    pub async fn authorize_single_send(&self, me: &str, peer: &str) -> Result<()> {
        let relation = self.store.relation(me, peer).await?;
        if relation.blocked {
            return Err(you_blocked_this_user());
        }
        // Blocked by the peer: the same error as for someone who is not a friend, so the
        // sender learns nothing they would not learn from being unfriended.
        if relation.friendship.is_none() || relation.blocked_by {
            return Err(Error::denied(
                Reason::NotFriends,
                "you can only message your friends",
            ));
        }
        Ok(())
    }

    /// Who of `group_id`'s members gets `sender`'s messages live: all but those who blocked the
    /// sender. Their history still holds the messages (clients hide them with the block list).
    pub async fn group_audience(&self, group_id: &str, sender: &str) -> Result<Vec<String>> {
        let members = self.store.member_ids(group_id).await?;
        self.without_blockers_of(sender, members).await
    }

    /// `users` but those who blocked `sender`: one read of who blocked the sender (a copy on the
    /// send path), usually nobody.
    pub async fn without_blockers_of(
        &self,
        sender: &str,
        mut users: Vec<String>,
    ) -> Result<Vec<String>> {
        let blockers = self.store.blockers_of(sender).await?;
        if !blockers.is_empty() {
            users.retain(|user| !blockers.contains(user));
        }
        Ok(users)
    }
}

fn block_target(me: &str, target: &str, about_self: &str) -> Result<String> {
    let target = parse_id("user_id", target)?;
    if target == me {
        return Err(Error::invalid(Reason::CannotTargetSelf, about_self));
    }
    Ok(target)
}

pub(super) fn you_blocked_this_user() -> Error {
    Error::denied(
        Reason::YouBlockedThisUser,
        "you blocked this user: unblock them first",
    )
}

/// A friend request refused because the target blocked the sender. Not a success that goes
/// nowhere (the sender's outgoing list would show a request that the target never sees, which
/// tells the sender as much, later and more confusingly), not USER_NOT_FOUND (their profile
/// still loads) and not REQUEST_PENDING (a lie the outgoing list contradicts): a refusal that
/// names no cause, as a user who takes no requests from this sender would give for any reason.
pub(super) fn friend_request_not_allowed() -> Error {
    Error::denied(
        Reason::FriendRequestNotAllowed,
        "this user does not take friend requests from you",
    )
}
