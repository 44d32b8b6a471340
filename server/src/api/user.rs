//! `easychat.user.v1.UserService`.

use easychat_proto::user::v1 as pb;
use easychat_proto::user::v1::user_service_server::UserService;
use tonic::{Request, Response, Status};

use super::client_address;
use crate::api::auth::caller;
use crate::domain::accounts::{Accounts, NewAccount};
use crate::domain::model::ProfilePatch;
use crate::domain::paging::PageRequest;
use crate::wire::{self, timestamp};

pub struct UserApi {
    pub accounts: Accounts,
    /// Who may name the client in `x-forwarded-for` (`limits.trusted_proxies`,
    /// `limits.proxy_key`).
    pub trusted_proxies: client_address::TrustedProxies,
}

#[tonic::async_trait]
impl UserService for UserApi {
    #[tracing::instrument(skip_all)]
    async fn register(
        &self,
        request: Request<pb::RegisterRequest>,
    ) -> Result<Response<pb::RegisterResponse>, Status> {
        let client = client_address::of(&request, &self.trusted_proxies);
        let pb::RegisterRequest {
            phone,
            password,
            nickname,
            avatar,
            sex,
        } = request.into_inner();
        let account = NewAccount {
            phone,
            password,
            nickname,
            avatar,
            sex: wire::sex_from_proto("sex", sex)?,
        };
        let (user, token) = self.accounts.register(account, client).await?;
        Ok(Response::new(pb::RegisterResponse {
            user: Some(wire::user(user)),
            token: token.token,
            expire_time: Some(timestamp(token.expires_at)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn login(
        &self,
        request: Request<pb::LoginRequest>,
    ) -> Result<Response<pb::LoginResponse>, Status> {
        let client = client_address::of(&request, &self.trusted_proxies);
        let pb::LoginRequest { phone, password } = request.into_inner();
        let (user, token) = self.accounts.login(&phone, &password, client).await?;
        Ok(Response::new(pb::LoginResponse {
            token: token.token,
            expire_time: Some(timestamp(token.expires_at)),
            user: Some(wire::user(user)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn get_me(
        &self,
        request: Request<pb::GetMeRequest>,
    ) -> Result<Response<pb::GetMeResponse>, Status> {
        let caller = caller(&request)?;
        let pb::GetMeRequest {} = request.into_inner();
        let user = self.accounts.me(caller.user_id()).await?;
        Ok(Response::new(pb::GetMeResponse {
            user: Some(wire::user(user)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn get_user(
        &self,
        request: Request<pb::GetUserRequest>,
    ) -> Result<Response<pb::GetUserResponse>, Status> {
        let caller = caller(&request)?;
        let pb::GetUserRequest { user_id } = request.into_inner();
        let user = self.accounts.user(caller.user_id(), &user_id).await?;
        Ok(Response::new(pb::GetUserResponse {
            user: Some(wire::user(user)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn batch_get_users(
        &self,
        request: Request<pb::BatchGetUsersRequest>,
    ) -> Result<Response<pb::BatchGetUsersResponse>, Status> {
        let caller = caller(&request)?;
        let pb::BatchGetUsersRequest { user_ids } = request.into_inner();
        let users = self.accounts.users(caller.user_id(), &user_ids).await?;
        Ok(Response::new(pb::BatchGetUsersResponse {
            users: users.into_iter().map(wire::user).collect(),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn update_profile(
        &self,
        request: Request<pb::UpdateProfileRequest>,
    ) -> Result<Response<pb::UpdateProfileResponse>, Status> {
        let caller = caller(&request)?;
        let pb::UpdateProfileRequest {
            nickname,
            avatar,
            sex,
        } = request.into_inner();
        let patch = ProfilePatch {
            nickname,
            avatar,
            sex: sex.map(|s| wire::sex_from_proto("sex", s)).transpose()?,
        };
        let user = self
            .accounts
            .update_profile(caller.user_id(), patch)
            .await?;
        Ok(Response::new(pb::UpdateProfileResponse {
            user: Some(wire::user(user)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn change_password(
        &self,
        request: Request<pb::ChangePasswordRequest>,
    ) -> Result<Response<pb::ChangePasswordResponse>, Status> {
        let caller = caller(&request)?;
        let pb::ChangePasswordRequest {
            old_password,
            new_password,
        } = request.into_inner();
        let token = self
            .accounts
            .change_password(caller.user_id(), &old_password, &new_password)
            .await?;
        Ok(Response::new(pb::ChangePasswordResponse {
            token: token.token,
            expire_time: Some(timestamp(token.expires_at)),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn logout(
        &self,
        request: Request<pb::LogoutRequest>,
    ) -> Result<Response<pb::LogoutResponse>, Status> {
        let caller = caller(&request)?;
        self.accounts.logout(&caller.claims).await?;
        Ok(Response::new(pb::LogoutResponse {}))
    }

    #[tracing::instrument(skip_all)]
    async fn search_users(
        &self,
        request: Request<pb::SearchUsersRequest>,
    ) -> Result<Response<pb::SearchUsersResponse>, Status> {
        let caller = caller(&request)?;
        let pb::SearchUsersRequest {
            keyword,
            page_size,
            page_token,
        } = request.into_inner();
        let paging = PageRequest::parse(page_size, &page_token, 20, 100)?;
        let (users, next_page_token) = self
            .accounts
            .search(caller.user_id(), &keyword, paging)
            .await?;
        Ok(Response::new(pb::SearchUsersResponse {
            users: users.into_iter().map(wire::user).collect(),
            next_page_token,
        }))
    }
}
