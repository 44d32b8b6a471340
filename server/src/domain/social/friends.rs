//! Friend requests and friendships; a friendship opens the single conversation of the two.

use super::*;
use crate::domain::ids::{ConversationId, ConversationKind, new_id, parse_id};
use crate::domain::paging::PageRequest;
use crate::domain::ports::Action;
use crate::domain::validate;
use crate::error::{Error, Reason, Result};

impl Social {
    pub async fn send_friend_request(
        &self,
        me: &str,
        target: &str,
        message: &str,
    ) -> Result<FriendRequestView> {
        let target = parse_id("user_id", target)?;
        let message = validate::bounded_text("message", message, MAX_REQUEST_MESSAGE_CHARS)?;
        if target == me {
            return Err(Error::invalid(
                Reason::CannotTargetSelf,
                "you cannot send a friend request to yourself",
            ));
        }
        self.limiter.check(me, Action::FriendRequest).await?;
        self.accounts.user(me, &target).await?;
        let relation = self.store.relation(me, &target).await?;
        // Friends first: a blocked friend asking again learns only what they know already.
        if relation.friendship.is_some() {
            return Err(Error::already_exists(
                Reason::AlreadyFriends,
                "you are already friends",
            ));
        }
        refuse_if_blocked(&relation)?;
        let request = FriendRequest {
            request_id: new_id(),
            from_user: me.to_owned(),
            to_user: target,
            message,
            state: RequestState::Pending,
            handle_message: String::new(),
            created_at: now_millis(),
            handled_at: None,
        };
        self.store.create_friend_request(&request).await?;
        self.friend_request_view(me, request).await
    }

    pub async fn list_friend_requests(
        &self,
        me: &str,
        direction: RequestDirection,
        paging: PageRequest,
    ) -> Result<(Vec<FriendRequestView>, String)> {
        let rows = self
            .store
            .list_friend_requests(me, direction, paging.probe())
            .await?;
        let (rows, next) = paging.finish(rows);
        let mut views = Vec::with_capacity(rows.len());
        for request in rows {
            views.push(self.friend_request_view(me, request).await?);
        }
        Ok((views, next))
    }

    pub async fn handle_friend_request(
        &self,
        me: &str,
        request_id: &str,
        accept: bool,
        message: &str,
    ) -> Result<FriendRequestView> {
        let request_id = parse_id("request_id", request_id)?;
        let message = validate::bounded_text("message", message, MAX_REQUEST_MESSAGE_CHARS)?;
        let request = self
            .store
            .friend_request(&request_id)
            .await?
            .ok_or_else(|| Error::not_found(Reason::RequestNotFound, "no such friend request"))?;
        if request.to_user != me {
            return Err(Error::denied(
                Reason::NotRequestTarget,
                "only the user a friend request was sent to can handle it",
            ));
        }
        if accept {
            // Refusing is always allowed; accepting across a block (made after the request was
            // sent) is refused as sending it would be now.
            refuse_if_blocked(&self.store.relation(me, &request.from_user).await?)?;
        }
        let now = now_millis();
        let request = self
            .store
            .resolve_friend_request(&request_id, accept, &message, now)
            .await?;
        if accept {
            let conversation = ConversationId::single(&request.from_user, &request.to_user);
            self.messages
                .open_conversation(
                    &conversation.to_string(),
                    ConversationKind::Single,
                    &[request.from_user.clone(), request.to_user.clone()],
                    now,
                )
                .await?;
        }
        self.notices.notice(SocialNotice::FriendRequestHandled {
            request_id: request.request_id.clone(),
            from_user_id: request.from_user.clone(),
            to_user_id: request.to_user.clone(),
            accepted: accept,
        });
        self.friend_request_view(me, request).await
    }

    pub async fn list_friends(
        &self,
        me: &str,
        keyword: &str,
        paging: PageRequest,
    ) -> Result<(Vec<FriendView>, String)> {
        let keyword = validate::bounded_text("keyword", keyword.trim(), MAX_REMARK_CHARS)?;
        let rows = self
            .store
            .list_friends(me, &keyword, paging.probe())
            .await?;
        let (rows, next) = paging.finish(rows);
        Ok((self.friend_views(rows).await?, next))
    }

    pub async fn update_remark(
        &self,
        me: &str,
        friend_id: &str,
        remark: &str,
    ) -> Result<FriendView> {
        let friend_id = parse_id("user_id", friend_id)?;
        let remark = validate::bounded_text("remark", remark.trim(), MAX_REMARK_CHARS)?;
        self.friendship(me, &friend_id).await?;
        self.store
            .set_friend_remark(me, &friend_id, &remark)
            .await?;
        let friendship = self.friendship(me, &friend_id).await?;
        Ok(self.friend_views(vec![friendship]).await?.remove(0))
    }

    pub async fn delete_friend(&self, me: &str, friend_id: &str) -> Result<()> {
        let friend_id = parse_id("user_id", friend_id)?;
        if self.store.delete_friendship(me, &friend_id).await? {
            Ok(())
        } else {
            Err(not_a_friend())
        }
    }

    /// A user's profile as `viewer` may see it.
    pub async fn profile(&self, viewer: &str, user_id: &str) -> Result<User> {
        self.accounts.user(viewer, user_id).await
    }

    /// Everyone who sees `user_id`'s presence: their friends and the members of their groups
    /// of at most `limits.presence_group_max_members` members.
    ///
    /// Read for every session that opens (before its `ready`) or ends, so a reconnect storm
    /// reads it once per user: two index-only queries, then each group and its member ids from
    /// the social copies (`CachedSocialStore`), which the group's sends keep warm, instead of
    /// the friends listing (joined with users, sorted by nickname) and a member count per group.
    pub async fn presence_audience(&self, user_id: &str) -> Result<Vec<String>> {
        let mut audience = self.store.friend_ids(user_id).await?;
        for group_id in self.store.group_ids_of_user(user_id).await? {
            // A group dissolved since the ids were read has no audience left.
            let Some(group) = self.store.group(&group_id).await? else {
                continue;
            };
            if group.member_count <= self.limits.presence_group_max_members {
                audience.extend(self.store.member_ids(&group_id).await?);
            }
        }
        audience.sort();
        audience.dedup();
        audience.retain(|id| id != user_id);
        Ok(audience)
    }

    pub async fn are_friends(&self, a: &str, b: &str) -> Result<bool> {
        Ok(self.store.friendship(a, b).await?.is_some())
    }

    /// `me`'s remark for `friend`, if they are friends and one is set.
    pub async fn remark(&self, me: &str, friend: &str) -> Result<Option<String>> {
        Ok(self
            .store
            .friendship(me, friend)
            .await?
            .map(|f| f.remark)
            .filter(|r| !r.is_empty()))
    }

    async fn friendship(&self, me: &str, friend_id: &str) -> Result<Friendship> {
        self.store
            .friendship(me, friend_id)
            .await?
            .ok_or_else(not_a_friend)
    }

    async fn friend_views(&self, rows: Vec<Friendship>) -> Result<Vec<FriendView>> {
        let ids: Vec<String> = rows.iter().map(|f| f.friend_id.clone()).collect();
        // Friends see each other's phone numbers, so the profiles are shown unfiltered.
        let users = self.accounts_users_unfiltered(&ids).await?;
        let online = self.presence.online_among(&ids).await?;
        let last_seen = self.presence.last_seen(&ids).await?;
        Ok(rows
            .into_iter()
            .filter_map(|friendship| {
                let user = users
                    .iter()
                    .find(|u| u.user_id == friendship.friend_id)?
                    .clone();
                let is_online = online.contains(&user.user_id);
                Some(FriendView {
                    online: is_online,
                    // Two reads: a user who came online between them has no last seen.
                    last_seen: last_seen.get(&user.user_id).copied().filter(|_| !is_online),
                    friendship,
                    user,
                })
            })
            .collect())
    }

    async fn friend_request_view(
        &self,
        viewer: &str,
        request: FriendRequest,
    ) -> Result<FriendRequestView> {
        let users = self
            .accounts
            .users(
                viewer,
                &[request.from_user.clone(), request.to_user.clone()],
            )
            .await?;
        let find = |id: &str| {
            users
                .iter()
                .find(|u| u.user_id == id)
                .cloned()
                .ok_or_else(|| {
                    Error::internal("loading a friend request", format!("user {id} is gone"))
                })
        };
        Ok(FriendRequestView {
            from: find(&request.from_user)?,
            to: find(&request.to_user)?,
            request,
        })
    }

    async fn accounts_users_unfiltered(&self, ids: &[String]) -> Result<Vec<User>> {
        let mut users = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(100) {
            users.extend(self.accounts.profiles(chunk).await?);
        }
        Ok(users)
    }
}

/// A friend request (or its acceptance) between two users when one blocked the other: the
/// blocker is told it is their block, the blocked user gets a refusal that names no cause.
fn refuse_if_blocked(relation: &Relation) -> Result<()> {
    if relation.blocked {
        Err(super::blocks::you_blocked_this_user())
    } else if relation.blocked_by {
        Err(super::blocks::friend_request_not_allowed())
    } else {
        Ok(())
    }
}

pub(super) fn not_a_friend() -> Error {
    Error::not_found(Reason::FriendNotFound, "this user is not your friend")
}
