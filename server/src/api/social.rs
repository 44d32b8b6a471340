//! `easychat.social.v1.SocialService`.

use easychat_proto::social::v1 as pb;
use easychat_proto::social::v1::social_service_server::SocialService;
use tonic::{Request, Response, Status};

use crate::api::auth::caller;
use crate::domain::model::{GroupPatch, JoinPolicy};
use crate::domain::paging::PageRequest;
use crate::domain::social::{JoinOutcome, NewGroup, Social};
use crate::wire;

pub struct SocialApi {
    pub social: Social,
}

type Reply<T> = Result<Response<T>, Status>;

fn page(page_size: i32, page_token: &str) -> Result<PageRequest, Status> {
    Ok(PageRequest::parse(page_size, page_token, 20, 100)?)
}

#[tonic::async_trait]
impl SocialService for SocialApi {
    #[tracing::instrument(skip_all)]
    async fn send_friend_request(
        &self,
        request: Request<pb::SendFriendRequestRequest>,
    ) -> Reply<pb::SendFriendRequestResponse> {
        let caller = caller(&request)?;
        let pb::SendFriendRequestRequest { user_id, message } = request.into_inner();
        let view = self
            .social
            .send_friend_request(caller.user_id(), &user_id, &message)
            .await?;
        Ok(Response::new(pb::SendFriendRequestResponse {
            request: Some(wire::friend_request(view)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn list_friend_requests(
        &self,
        request: Request<pb::ListFriendRequestsRequest>,
    ) -> Reply<pb::ListFriendRequestsResponse> {
        let caller = caller(&request)?;
        let pb::ListFriendRequestsRequest {
            direction,
            page_size,
            page_token,
        } = request.into_inner();
        let direction = wire::direction_from_proto(direction)?;
        let (views, next_page_token) = self
            .social
            .list_friend_requests(caller.user_id(), direction, page(page_size, &page_token)?)
            .await?;
        Ok(Response::new(pb::ListFriendRequestsResponse {
            requests: views.into_iter().map(wire::friend_request).collect(),
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn handle_friend_request(
        &self,
        request: Request<pb::HandleFriendRequestRequest>,
    ) -> Reply<pb::HandleFriendRequestResponse> {
        let caller = caller(&request)?;
        let pb::HandleFriendRequestRequest {
            request_id,
            accept,
            message,
        } = request.into_inner();
        let view = self
            .social
            .handle_friend_request(caller.user_id(), &request_id, accept, &message)
            .await?;
        Ok(Response::new(pb::HandleFriendRequestResponse {
            request: Some(wire::friend_request(view)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn list_friends(
        &self,
        request: Request<pb::ListFriendsRequest>,
    ) -> Reply<pb::ListFriendsResponse> {
        let caller = caller(&request)?;
        let pb::ListFriendsRequest {
            keyword,
            page_size,
            page_token,
        } = request.into_inner();
        let (friends, next_page_token) = self
            .social
            .list_friends(caller.user_id(), &keyword, page(page_size, &page_token)?)
            .await?;
        Ok(Response::new(pb::ListFriendsResponse {
            friends: friends.into_iter().map(wire::friend).collect(),
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn update_friend_remark(
        &self,
        request: Request<pb::UpdateFriendRemarkRequest>,
    ) -> Reply<pb::UpdateFriendRemarkResponse> {
        let caller = caller(&request)?;
        let pb::UpdateFriendRemarkRequest { user_id, remark } = request.into_inner();
        let friend = self
            .social
            .update_remark(caller.user_id(), &user_id, &remark)
            .await?;
        Ok(Response::new(pb::UpdateFriendRemarkResponse {
            friend: Some(wire::friend(friend)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn delete_friend(
        &self,
        request: Request<pb::DeleteFriendRequest>,
    ) -> Reply<pb::DeleteFriendResponse> {
        let caller = caller(&request)?;
        let pb::DeleteFriendRequest { user_id } = request.into_inner();
        self.social
            .delete_friend(caller.user_id(), &user_id)
            .await?;
        Ok(Response::new(pb::DeleteFriendResponse {}))
    }

    #[tracing::instrument(skip_all)]
    async fn block_user(
        &self,
        request: Request<pb::BlockUserRequest>,
    ) -> Reply<pb::BlockUserResponse> {
        let caller = caller(&request)?;
        let pb::BlockUserRequest { user_id } = request.into_inner();
        let view = self.social.block_user(caller.user_id(), &user_id).await?;
        Ok(Response::new(pb::BlockUserResponse {
            blocked_user: Some(wire::blocked_user(view)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn unblock_user(
        &self,
        request: Request<pb::UnblockUserRequest>,
    ) -> Reply<pb::UnblockUserResponse> {
        let caller = caller(&request)?;
        let pb::UnblockUserRequest { user_id } = request.into_inner();
        self.social.unblock_user(caller.user_id(), &user_id).await?;
        Ok(Response::new(pb::UnblockUserResponse {}))
    }

    #[tracing::instrument(skip_all)]
    async fn list_blocked_users(
        &self,
        request: Request<pb::ListBlockedUsersRequest>,
    ) -> Reply<pb::ListBlockedUsersResponse> {
        let caller = caller(&request)?;
        let pb::ListBlockedUsersRequest {
            page_size,
            page_token,
        } = request.into_inner();
        let (views, next_page_token) = self
            .social
            .list_blocked(caller.user_id(), page(page_size, &page_token)?)
            .await?;
        Ok(Response::new(pb::ListBlockedUsersResponse {
            blocked_users: views.into_iter().map(wire::blocked_user).collect(),
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn create_group(
        &self,
        request: Request<pb::CreateGroupRequest>,
    ) -> Reply<pb::CreateGroupResponse> {
        let caller = caller(&request)?;
        let pb::CreateGroupRequest {
            name,
            icon,
            description,
            member_ids,
            join_policy,
        } = request.into_inner();
        let new = NewGroup {
            name,
            icon,
            description,
            member_ids,
            join_policy: wire::join_policy_from_proto(
                join_policy,
                Some(JoinPolicy::ApprovalRequired),
            )?,
        };
        let group = self.social.create_group(caller.user_id(), new).await?;
        Ok(Response::new(pb::CreateGroupResponse {
            group: Some(wire::group(group)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn get_group(
        &self,
        request: Request<pb::GetGroupRequest>,
    ) -> Reply<pb::GetGroupResponse> {
        let caller = caller(&request)?;
        let pb::GetGroupRequest { group_id } = request.into_inner();
        let group = self.social.group(caller.user_id(), &group_id).await?;
        Ok(Response::new(pb::GetGroupResponse {
            group: Some(wire::group(group)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn update_group(
        &self,
        request: Request<pb::UpdateGroupRequest>,
    ) -> Reply<pb::UpdateGroupResponse> {
        let caller = caller(&request)?;
        let pb::UpdateGroupRequest {
            group_id,
            name,
            icon,
            description,
            notice,
            join_policy,
        } = request.into_inner();
        let patch = GroupPatch {
            name,
            icon,
            description,
            notice,
            join_policy: join_policy
                .map(|p| wire::join_policy_from_proto(p, None))
                .transpose()?,
        };
        let group = self
            .social
            .update_group(caller.user_id(), &group_id, patch)
            .await?;
        Ok(Response::new(pb::UpdateGroupResponse {
            group: Some(wire::group(group)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn join_group(
        &self,
        request: Request<pb::JoinGroupRequest>,
    ) -> Reply<pb::JoinGroupResponse> {
        let caller = caller(&request)?;
        let pb::JoinGroupRequest { group_id, message } = request.into_inner();
        let outcome = self
            .social
            .join_group(caller.user_id(), &group_id, &message)
            .await?;
        Ok(Response::new(match outcome {
            JoinOutcome::Joined => pb::JoinGroupResponse {
                joined: true,
                request: None,
            },
            JoinOutcome::Pending(view) => pb::JoinGroupResponse {
                joined: false,
                request: Some(wire::group_request(*view)),
            },
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn invite_to_group(
        &self,
        request: Request<pb::InviteToGroupRequest>,
    ) -> Reply<pb::InviteToGroupResponse> {
        let caller = caller(&request)?;
        let pb::InviteToGroupRequest {
            group_id,
            user_ids,
            message,
        } = request.into_inner();
        let (joined_user_ids, requests) = self
            .social
            .invite(caller.user_id(), &group_id, &user_ids, &message)
            .await?;
        Ok(Response::new(pb::InviteToGroupResponse {
            joined_user_ids,
            requests: requests.into_iter().map(wire::group_request).collect(),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn list_group_requests(
        &self,
        request: Request<pb::ListGroupRequestsRequest>,
    ) -> Reply<pb::ListGroupRequestsResponse> {
        let caller = caller(&request)?;
        let pb::ListGroupRequestsRequest {
            group_id,
            page_size,
            page_token,
        } = request.into_inner();
        let (requests, next_page_token) = self
            .social
            .list_group_requests(caller.user_id(), &group_id, page(page_size, &page_token)?)
            .await?;
        Ok(Response::new(pb::ListGroupRequestsResponse {
            requests: requests.into_iter().map(wire::group_request).collect(),
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn handle_group_request(
        &self,
        request: Request<pb::HandleGroupRequestRequest>,
    ) -> Reply<pb::HandleGroupRequestResponse> {
        let caller = caller(&request)?;
        let pb::HandleGroupRequestRequest {
            request_id,
            accept,
            message,
        } = request.into_inner();
        let view = self
            .social
            .handle_group_request(caller.user_id(), &request_id, accept, &message)
            .await?;
        Ok(Response::new(pb::HandleGroupRequestResponse {
            request: Some(wire::group_request(view)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn list_my_groups(
        &self,
        request: Request<pb::ListMyGroupsRequest>,
    ) -> Reply<pb::ListMyGroupsResponse> {
        let caller = caller(&request)?;
        let pb::ListMyGroupsRequest {
            page_size,
            page_token,
        } = request.into_inner();
        let (groups, next_page_token) = self
            .social
            .my_groups(caller.user_id(), page(page_size, &page_token)?)
            .await?;
        Ok(Response::new(pb::ListMyGroupsResponse {
            groups: groups.into_iter().map(wire::group).collect(),
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn list_group_members(
        &self,
        request: Request<pb::ListGroupMembersRequest>,
    ) -> Reply<pb::ListGroupMembersResponse> {
        let caller = caller(&request)?;
        let pb::ListGroupMembersRequest {
            group_id,
            page_size,
            page_token,
        } = request.into_inner();
        let paging = PageRequest::parse(page_size, &page_token, 100, 500)?;
        let (members, next_page_token) = self
            .social
            .members(caller.user_id(), &group_id, paging)
            .await?;
        Ok(Response::new(pb::ListGroupMembersResponse {
            members: members.into_iter().map(wire::member).collect(),
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn leave_group(
        &self,
        request: Request<pb::LeaveGroupRequest>,
    ) -> Reply<pb::LeaveGroupResponse> {
        let caller = caller(&request)?;
        let pb::LeaveGroupRequest { group_id } = request.into_inner();
        self.social.leave(caller.user_id(), &group_id).await?;
        Ok(Response::new(pb::LeaveGroupResponse {}))
    }

    #[tracing::instrument(skip_all)]
    async fn remove_group_member(
        &self,
        request: Request<pb::RemoveGroupMemberRequest>,
    ) -> Reply<pb::RemoveGroupMemberResponse> {
        let caller = caller(&request)?;
        let pb::RemoveGroupMemberRequest { group_id, user_id } = request.into_inner();
        self.social
            .remove_member(caller.user_id(), &group_id, &user_id)
            .await?;
        Ok(Response::new(pb::RemoveGroupMemberResponse {}))
    }

    #[tracing::instrument(skip_all)]
    async fn set_member_role(
        &self,
        request: Request<pb::SetMemberRoleRequest>,
    ) -> Reply<pb::SetMemberRoleResponse> {
        let caller = caller(&request)?;
        let pb::SetMemberRoleRequest {
            group_id,
            user_id,
            role,
        } = request.into_inner();
        let role = wire::role_from_proto(role)?;
        let member = self
            .social
            .set_role(caller.user_id(), &group_id, &user_id, role)
            .await?;
        Ok(Response::new(pb::SetMemberRoleResponse {
            member: Some(wire::member(member)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn transfer_group_ownership(
        &self,
        request: Request<pb::TransferGroupOwnershipRequest>,
    ) -> Reply<pb::TransferGroupOwnershipResponse> {
        let caller = caller(&request)?;
        let pb::TransferGroupOwnershipRequest { group_id, user_id } = request.into_inner();
        let group = self
            .social
            .transfer(caller.user_id(), &group_id, &user_id)
            .await?;
        Ok(Response::new(pb::TransferGroupOwnershipResponse {
            group: Some(wire::group(group)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn mute_member(
        &self,
        request: Request<pb::MuteMemberRequest>,
    ) -> Reply<pb::MuteMemberResponse> {
        let caller = caller(&request)?;
        let pb::MuteMemberRequest {
            group_id,
            user_id,
            muted_until,
        } = request.into_inner();
        let until = muted_until.as_ref().map(wire::millis);
        let member = self
            .social
            .mute(caller.user_id(), &group_id, &user_id, until)
            .await?;
        Ok(Response::new(pb::MuteMemberResponse {
            member: Some(wire::member(member)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn dissolve_group(
        &self,
        request: Request<pb::DissolveGroupRequest>,
    ) -> Reply<pb::DissolveGroupResponse> {
        let caller = caller(&request)?;
        let pb::DissolveGroupRequest { group_id } = request.into_inner();
        self.social.dissolve(caller.user_id(), &group_id).await?;
        Ok(Response::new(pb::DissolveGroupResponse {}))
    }

    #[tracing::instrument(skip_all)]
    async fn search_groups(
        &self,
        request: Request<pb::SearchGroupsRequest>,
    ) -> Reply<pb::SearchGroupsResponse> {
        let caller = caller(&request)?;
        let pb::SearchGroupsRequest {
            keyword,
            page_size,
            page_token,
        } = request.into_inner();
        let (groups, next_page_token) = self
            .social
            .search_groups(caller.user_id(), &keyword, page(page_size, &page_token)?)
            .await?;
        Ok(Response::new(pb::SearchGroupsResponse {
            groups: groups.into_iter().map(wire::group).collect(),
            next_page_token,
        }))
    }
}
