//! Groups, their members and join requests; joining opens the group's conversation for the new
//! member (and only for them).

use super::*;
use crate::domain::ids::{ConversationId, ConversationKind, new_id, parse_id};
use crate::domain::paging::PageRequest;
use crate::domain::validate;
use crate::error::{Error, Reason, Result};

impl Social {
    pub async fn create_group(&self, me: &str, new: NewGroup) -> Result<GroupView> {
        let name = validate::name("name", &new.name, MAX_GROUP_NAME_CHARS)?;
        let icon = validate::url("icon", &new.icon, true)?;
        let description =
            validate::bounded_text("description", &new.description, MAX_GROUP_DESCRIPTION_CHARS)?;
        if new.member_ids.len() > MAX_INITIAL_MEMBERS {
            return Err(Error::invalid_field(
                "member_ids",
                format!("at most {MAX_INITIAL_MEMBERS} initial members"),
            ));
        }
        let mut member_ids: Vec<String> = Vec::new();
        for id in &new.member_ids {
            let id = parse_id("member_ids", id)?;
            if id != me && !member_ids.contains(&id) {
                member_ids.push(id);
            }
        }
        self.require_friends(me, &member_ids).await?;
        self.require_capacity(0, 1 + member_ids.len())?;
        let now = now_millis();
        let group = Group {
            group_id: new_id(),
            name,
            icon,
            description,
            notice: String::new(),
            join_policy: new.join_policy,
            owner_id: me.to_owned(),
            member_count: 1 + member_ids.len() as i64,
            created_at: now,
        };
        let member = |user_id: &str, role| GroupMember {
            group_id: group.group_id.clone(),
            user_id: user_id.to_owned(),
            role,
            muted_until: None,
            joined_at: now,
        };
        let mut members = vec![member(me, GroupRole::Owner)];
        members.extend(member_ids.iter().map(|id| member(id, GroupRole::Member)));
        self.store.create_group(&group, &members).await?;
        let mut everyone = vec![me.to_owned()];
        everyone.extend(member_ids);
        self.open_group_conversation(&group.group_id, &everyone, now)
            .await?;
        self.members_changed(&group.group_id, MembershipChange::Joined, everyone, me);
        self.group(me, &group.group_id).await
    }

    /// A group as `me` sees it; the notice only for members.
    pub async fn group(&self, me: &str, group_id: &str) -> Result<GroupView> {
        let group_id = parse_id("group_id", group_id)?;
        let group = self.load_group(&group_id).await?;
        let my_role = self.store.member(&group_id, me).await?.map(|m| m.role);
        Ok(view_of(group, my_role))
    }

    pub async fn update_group(
        &self,
        me: &str,
        group_id: &str,
        patch: GroupPatch,
    ) -> Result<GroupView> {
        let group_id = parse_id("group_id", group_id)?;
        self.require_manager(&group_id, me).await?;
        let patch = GroupPatch {
            name: patch
                .name
                .map(|n| validate::name("name", &n, MAX_GROUP_NAME_CHARS))
                .transpose()?,
            icon: patch
                .icon
                .map(|i| validate::url("icon", &i, true))
                .transpose()?,
            description: patch
                .description
                .map(|d| validate::bounded_text("description", &d, MAX_GROUP_DESCRIPTION_CHARS))
                .transpose()?,
            notice: patch
                .notice
                .map(|n| validate::bounded_text("notice", &n, MAX_GROUP_NOTICE_CHARS))
                .transpose()?,
            join_policy: patch.join_policy,
        };
        self.store.update_group(&group_id, &patch).await?;
        self.group(me, &group_id).await
    }

    pub async fn join_group(&self, me: &str, group_id: &str, message: &str) -> Result<JoinOutcome> {
        let group_id = parse_id("group_id", group_id)?;
        let message = validate::bounded_text("message", message, MAX_REQUEST_MESSAGE_CHARS)?;
        let group = self.load_group(&group_id).await?;
        if self.store.member(&group_id, me).await?.is_some() {
            return Err(Error::already_exists(
                Reason::AlreadyMember,
                "you are already a member of this group",
            ));
        }
        match group.join_policy {
            JoinPolicy::Open => {
                self.add_members(&group, &[me.to_owned()], me).await?;
                Ok(JoinOutcome::Joined)
            }
            JoinPolicy::ApprovalRequired => {
                let request = self
                    .file_group_request(&group_id, me, None, GroupRequestSource::Apply, message)
                    .await?;
                let view = self.group_request_view(me, request).await?;
                Ok(JoinOutcome::Pending(Box::new(view)))
            }
        }
    }

    pub async fn invite(
        &self,
        me: &str,
        group_id: &str,
        user_ids: &[String],
        message: &str,
    ) -> Result<(Vec<String>, Vec<GroupRequestView>)> {
        let group_id = parse_id("group_id", group_id)?;
        validate::list_len("user_ids", user_ids, MAX_INVITEES)?;
        let message = validate::bounded_text("message", message, MAX_REQUEST_MESSAGE_CHARS)?;
        let group = self.load_group(&group_id).await?;
        let inviter = self.require_member(&group_id, me).await?;
        let mut invitees = Vec::new();
        for id in user_ids {
            let id = parse_id("user_ids", id)?;
            if id == me {
                return Err(Error::invalid(
                    Reason::CannotTargetSelf,
                    "you cannot invite yourself",
                ));
            }
            if !invitees.contains(&id) {
                invitees.push(id);
            }
        }
        self.require_friends(me, &invitees).await?;
        let mut outsiders = Vec::new();
        for id in invitees {
            if self.store.member(&group_id, &id).await?.is_none() {
                outsiders.push(id);
            }
        }
        let direct = group.join_policy == JoinPolicy::Open || inviter.role.can_manage();
        if direct {
            let joined = self.add_members(&group, &outsiders, me).await?;
            return Ok((joined, Vec::new()));
        }
        let mut requests = Vec::new();
        for user_id in outsiders {
            let request = self
                .file_group_request(
                    &group_id,
                    &user_id,
                    Some(me.to_owned()),
                    GroupRequestSource::Invite,
                    message.clone(),
                )
                .await?;
            requests.push(self.group_request_view(me, request).await?);
        }
        Ok((Vec::new(), requests))
    }

    pub async fn list_group_requests(
        &self,
        me: &str,
        group_id: &str,
        paging: PageRequest,
    ) -> Result<(Vec<GroupRequestView>, String)> {
        let group_id = parse_id("group_id", group_id)?;
        self.require_manager(&group_id, me).await?;
        let rows = self
            .store
            .list_group_requests(&group_id, paging.probe())
            .await?;
        let (rows, next) = paging.finish(rows);
        let mut views = Vec::with_capacity(rows.len());
        for request in rows {
            views.push(self.group_request_view(me, request).await?);
        }
        Ok((views, next))
    }

    pub async fn handle_group_request(
        &self,
        me: &str,
        request_id: &str,
        accept: bool,
        message: &str,
    ) -> Result<GroupRequestView> {
        let request_id = parse_id("request_id", request_id)?;
        validate::bounded_text("message", message, MAX_REQUEST_MESSAGE_CHARS)?;
        let request = self
            .store
            .group_request(&request_id)
            .await?
            .ok_or_else(|| Error::not_found(Reason::RequestNotFound, "no such group request"))?;
        let group = self.load_group(&request.group_id).await?;
        self.require_manager(&group.group_id, me).await?;
        if request.state != RequestState::Pending {
            return Err(already_handled());
        }
        let now = now_millis();
        let already_member = self
            .store
            .member(&group.group_id, &request.user_id)
            .await?
            .is_some();
        if accept && !already_member {
            self.require_capacity(group.member_count, 1)?;
        }
        let member = GroupMember {
            group_id: group.group_id.clone(),
            user_id: request.user_id.clone(),
            role: GroupRole::Member,
            muted_until: None,
            joined_at: now,
        };
        let request = self
            .store
            .resolve_group_request(&request_id, accept, me, now, &member)
            .await?;
        if accept && !already_member {
            // The applicant joins, so the conversation opens for the applicant, not the approver.
            self.open_group_conversation(
                &group.group_id,
                std::slice::from_ref(&request.user_id),
                now,
            )
            .await?;
            let joined = vec![request.user_id.clone()];
            self.members_changed(&group.group_id, MembershipChange::Joined, joined, me);
        }
        self.group_request_view(me, request).await
    }

    pub async fn my_groups(
        &self,
        me: &str,
        paging: PageRequest,
    ) -> Result<(Vec<GroupView>, String)> {
        let rows = self.store.groups_of_user(me, paging.probe()).await?;
        let (rows, next) = paging.finish(rows);
        Ok((self.views_for(me, rows).await?, next))
    }

    pub async fn members(
        &self,
        me: &str,
        group_id: &str,
        paging: PageRequest,
    ) -> Result<(Vec<MemberView>, String)> {
        let group_id = parse_id("group_id", group_id)?;
        self.load_group(&group_id).await?;
        self.require_member(&group_id, me).await?;
        let rows = self.store.list_members(&group_id, paging.probe()).await?;
        let (rows, next) = paging.finish(rows);
        Ok((self.member_views(me, rows).await?, next))
    }

    pub async fn member_ids(&self, group_id: &str) -> Result<Vec<String>> {
        self.store.member_ids(group_id).await
    }

    /// `user_id`'s membership of `group_id`, if any.
    pub async fn membership(&self, group_id: &str, user_id: &str) -> Result<Option<GroupMember>> {
        self.store.member(group_id, user_id).await
    }

    pub async fn leave(&self, me: &str, group_id: &str) -> Result<()> {
        let group_id = parse_id("group_id", group_id)?;
        self.load_group(&group_id).await?;
        let member = self.require_member(&group_id, me).await?;
        if member.role == GroupRole::Owner {
            return Err(Error::precondition(
                Reason::OwnerCannotLeave,
                "the owner cannot leave: transfer ownership or dissolve the group",
            ));
        }
        self.remove(&group_id, me, MembershipChange::Left, me).await
    }

    pub async fn remove_member(&self, me: &str, group_id: &str, user_id: &str) -> Result<()> {
        let (group_id, target) = self.act_on_member(me, group_id, user_id).await?;
        self.remove(&group_id, &target.user_id, MembershipChange::Removed, me)
            .await
    }

    pub async fn set_role(
        &self,
        me: &str,
        group_id: &str,
        user_id: &str,
        role: GroupRole,
    ) -> Result<MemberView> {
        let group_id = parse_id("group_id", group_id)?;
        let user_id = parse_id("user_id", user_id)?;
        if role == GroupRole::Owner {
            return Err(Error::invalid_field(
                "role",
                "must be GROUP_ROLE_MANAGER or GROUP_ROLE_MEMBER; use TransferGroupOwnership",
            ));
        }
        self.load_group(&group_id).await?;
        self.require_owner(&group_id, me).await?;
        if user_id == me {
            return Err(Error::invalid(
                Reason::CannotTargetSelf,
                "the owner's role changes only by TransferGroupOwnership",
            ));
        }
        self.require_target(&group_id, &user_id).await?;
        self.store
            .set_member_role(&group_id, &user_id, role)
            .await?;
        self.member_view(me, &group_id, &user_id).await
    }

    pub async fn transfer(&self, me: &str, group_id: &str, user_id: &str) -> Result<GroupView> {
        let group_id = parse_id("group_id", group_id)?;
        let user_id = parse_id("user_id", user_id)?;
        self.load_group(&group_id).await?;
        self.require_owner(&group_id, me).await?;
        if user_id == me {
            return Err(Error::invalid(
                Reason::CannotTargetSelf,
                "you already own this group",
            ));
        }
        self.require_target(&group_id, &user_id).await?;
        self.store
            .transfer_ownership(&group_id, me, &user_id)
            .await?;
        self.group(me, &group_id).await
    }

    pub async fn mute(
        &self,
        me: &str,
        group_id: &str,
        user_id: &str,
        until: Option<Millis>,
    ) -> Result<MemberView> {
        let (group_id, target) = self.act_on_member(me, group_id, user_id).await?;
        let until = until.filter(|&t| t > now_millis());
        self.store
            .set_muted_until(&group_id, &target.user_id, until)
            .await?;
        self.member_view(me, &group_id, &target.user_id).await
    }

    pub async fn dissolve(&self, me: &str, group_id: &str) -> Result<()> {
        let group_id = parse_id("group_id", group_id)?;
        self.load_group(&group_id).await?;
        self.require_owner(&group_id, me).await?;
        let members = self.store.member_ids(&group_id).await?;
        self.store.delete_group(&group_id).await?;
        self.messages
            .close_conversation(&ConversationId::group(&group_id).to_string(), &members)
            .await?;
        self.members_changed(&group_id, MembershipChange::Dissolved, members, me);
        Ok(())
    }

    pub async fn search_groups(
        &self,
        me: &str,
        keyword: &str,
        paging: PageRequest,
    ) -> Result<(Vec<GroupView>, String)> {
        let keyword = validate::required_text("keyword", keyword, MAX_GROUP_NAME_CHARS)?;
        let rows = self.store.search_groups(&keyword, paging.probe()).await?;
        let (rows, next) = paging.finish(rows);
        Ok((self.views_for(me, rows).await?, next))
    }

    /// `rows` as `me` sees them: each with `me`'s role in it, if any.
    async fn views_for(&self, me: &str, rows: Vec<Group>) -> Result<Vec<GroupView>> {
        let mut views = Vec::with_capacity(rows.len());
        for group in rows {
            let role = self
                .store
                .member(&group.group_id, me)
                .await?
                .map(|m| m.role);
            views.push(view_of(group, role));
        }
        Ok(views)
    }

    // ----- helpers -----

    async fn load_group(&self, group_id: &str) -> Result<Group> {
        self.store
            .group(group_id)
            .await?
            .ok_or_else(|| Error::not_found(Reason::GroupNotFound, format!("no group {group_id}")))
    }

    /// `user_id`'s membership of a group that exists: `GROUP_NOT_FOUND` before
    /// `NOT_GROUP_MEMBER`, with one read of each (every group send asks this).
    pub async fn require_member_of_group(
        &self,
        group_id: &str,
        user_id: &str,
    ) -> Result<GroupMember> {
        self.load_group(group_id).await?;
        self.require_member(group_id, user_id).await
    }

    pub async fn require_member(&self, group_id: &str, user_id: &str) -> Result<GroupMember> {
        self.store.member(group_id, user_id).await?.ok_or_else(|| {
            Error::denied(Reason::NotGroupMember, "you are not a member of this group")
        })
    }

    async fn require_manager(&self, group_id: &str, user_id: &str) -> Result<GroupMember> {
        self.load_group(group_id).await?;
        let member = self.require_member(group_id, user_id).await?;
        if member.role.can_manage() {
            Ok(member)
        } else {
            Err(Error::denied(
                Reason::NotGroupManager,
                "only the group owner or a manager can do this",
            ))
        }
    }

    async fn require_owner(&self, group_id: &str, user_id: &str) -> Result<GroupMember> {
        let member = self.require_member(group_id, user_id).await?;
        if member.role == GroupRole::Owner {
            Ok(member)
        } else {
            Err(Error::denied(
                Reason::NotGroupOwner,
                "only the group owner can do this",
            ))
        }
    }

    async fn require_target(&self, group_id: &str, user_id: &str) -> Result<GroupMember> {
        self.store.member(group_id, user_id).await?.ok_or_else(|| {
            Error::not_found(Reason::MemberNotFound, format!("{user_id} is not a member"))
        })
    }

    /// Checks that `me` may remove or mute `user_id`: the owner acts on anyone else, managers on
    /// plain members only.
    async fn act_on_member(
        &self,
        me: &str,
        group_id: &str,
        user_id: &str,
    ) -> Result<(String, GroupMember)> {
        let group_id = parse_id("group_id", group_id)?;
        let user_id = parse_id("user_id", user_id)?;
        let actor = self.require_manager(&group_id, me).await?;
        if user_id == me {
            return Err(Error::invalid(
                Reason::CannotTargetSelf,
                "you cannot do this to yourself",
            ));
        }
        let target = self.require_target(&group_id, &user_id).await?;
        if actor.role != GroupRole::Owner && target.role != GroupRole::Member {
            return Err(Error::denied(
                Reason::RoleTooLow,
                "managers can only act on plain members",
            ));
        }
        Ok((group_id, target))
    }

    async fn require_friends(&self, me: &str, user_ids: &[String]) -> Result<()> {
        if user_ids.is_empty() {
            return Ok(());
        }
        let friends = self.store.friends_among(me, user_ids).await?;
        match user_ids.iter().find(|id| !friends.contains(*id)) {
            Some(stranger) => Err(Error::denied(
                Reason::NotFriends,
                format!("{stranger} is not your friend"),
            )),
            None => Ok(()),
        }
    }

    fn require_capacity(&self, current: i64, adding: usize) -> Result<()> {
        if current + adding as i64 > self.limits.max_group_members {
            return Err(Error::exhausted(
                Reason::GroupFull,
                format!(
                    "a group holds at most {} members",
                    self.limits.max_group_members
                ),
            ));
        }
        Ok(())
    }

    /// Adds plain members now and opens the conversation for them; returns who was added.
    async fn add_members(
        &self,
        group: &Group,
        user_ids: &[String],
        by: &str,
    ) -> Result<Vec<String>> {
        if user_ids.is_empty() {
            return Ok(Vec::new());
        }
        self.require_capacity(group.member_count, user_ids.len())?;
        let now = now_millis();
        let members: Vec<GroupMember> = user_ids
            .iter()
            .map(|user_id| GroupMember {
                group_id: group.group_id.clone(),
                user_id: user_id.clone(),
                role: GroupRole::Member,
                muted_until: None,
                joined_at: now,
            })
            .collect();
        let added = self.store.add_members(&members).await?;
        self.open_group_conversation(&group.group_id, &added, now)
            .await?;
        if !added.is_empty() {
            self.members_changed(&group.group_id, MembershipChange::Joined, added.clone(), by);
        }
        Ok(added)
    }

    async fn remove(
        &self,
        group_id: &str,
        user_id: &str,
        change: MembershipChange,
        by: &str,
    ) -> Result<()> {
        let removed = self.store.remove_member(group_id, user_id).await?;
        self.messages
            .close_conversation(
                &ConversationId::group(group_id).to_string(),
                &[user_id.to_owned()],
            )
            .await?;
        if removed {
            self.members_changed(group_id, change, vec![user_id.to_owned()], by);
        }
        Ok(())
    }

    fn members_changed(
        &self,
        group_id: &str,
        change: MembershipChange,
        user_ids: Vec<String>,
        by: &str,
    ) {
        self.notices.notice(SocialNotice::MembersChanged {
            group_id: group_id.to_owned(),
            change,
            user_ids,
            by_user_id: by.to_owned(),
        });
    }

    async fn open_group_conversation(
        &self,
        group_id: &str,
        users: &[String],
        now: Millis,
    ) -> Result<()> {
        if users.is_empty() {
            return Ok(());
        }
        self.messages
            .open_conversation(
                &ConversationId::group(group_id).to_string(),
                ConversationKind::Group,
                users,
                now,
            )
            .await
    }

    async fn file_group_request(
        &self,
        group_id: &str,
        user_id: &str,
        inviter_id: Option<String>,
        source: GroupRequestSource,
        message: String,
    ) -> Result<GroupRequest> {
        let request = GroupRequest {
            request_id: new_id(),
            group_id: group_id.to_owned(),
            user_id: user_id.to_owned(),
            inviter_id,
            source,
            message,
            state: RequestState::Pending,
            handler_id: None,
            created_at: now_millis(),
            handled_at: None,
        };
        self.store.create_group_request(&request).await?;
        Ok(request)
    }

    async fn group_request_view(
        &self,
        viewer: &str,
        request: GroupRequest,
    ) -> Result<GroupRequestView> {
        let user = self.accounts.user(viewer, &request.user_id).await?;
        Ok(GroupRequestView { request, user })
    }

    async fn member_view(&self, viewer: &str, group_id: &str, user_id: &str) -> Result<MemberView> {
        let member = self.require_target(group_id, user_id).await?;
        Ok(self.member_views(viewer, vec![member]).await?.remove(0))
    }

    async fn member_views(
        &self,
        viewer: &str,
        members: Vec<GroupMember>,
    ) -> Result<Vec<MemberView>> {
        let ids: Vec<String> = members.iter().map(|m| m.user_id.clone()).collect();
        let mut users = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(100) {
            users.extend(self.accounts.users(viewer, chunk).await?);
        }
        let online = self.presence.online_among(&ids).await?;
        Ok(members
            .into_iter()
            .filter_map(|member| {
                let user = users.iter().find(|u| u.user_id == member.user_id)?.clone();
                Some(MemberView {
                    online: online.contains(&member.user_id),
                    member,
                    user,
                })
            })
            .collect())
    }
}

fn view_of(mut group: Group, my_role: Option<GroupRole>) -> GroupView {
    if my_role.is_none() {
        group.notice.clear();
    }
    GroupView { group, my_role }
}
