//! Accounts: registration, login, tokens, profiles and user search.

use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::Arc;

use super::ids::{new_id, parse_id};
use super::model::*;
use super::paging::PageRequest;
use super::passwords::Passwords;
use super::ports::{Action, RateLimiter, SessionRevoker, SocialStore, TokenRevocations, UserStore};
use super::tokens::{IssuedToken, TokenClaims, TokenIssuer};
use super::validate;
use crate::error::{Error, Reason, Result};

pub const MAX_NICKNAME_CHARS: usize = 32;
const MAX_BATCH_USERS: usize = 100;

pub struct NewAccount {
    pub phone: String,
    pub password: String,
    pub nickname: String,
    pub avatar: String,
    pub sex: Sex,
}

#[derive(Clone)]
pub struct Accounts {
    users: Arc<dyn UserStore>,
    revocations: Arc<dyn TokenRevocations>,
    social: Arc<dyn SocialStore>,
    sessions: Arc<dyn SessionRevoker>,
    limiter: Arc<dyn RateLimiter>,
    tokens: TokenIssuer,
    passwords: Passwords,
}

/// The network address a request came from, as far as the server can tell (behind a trusted
/// proxy, the one it names). Budgets against guessing and mass registration are kept per address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub Option<IpAddr>);

impl ClientAddress {
    /// The rate-limit key part: the address, or one shared bucket for callers without one.
    fn key(&self) -> String {
        self.0
            .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
    }
}

impl Accounts {
    pub fn new(
        users: Arc<dyn UserStore>,
        revocations: Arc<dyn TokenRevocations>,
        social: Arc<dyn SocialStore>,
        sessions: Arc<dyn SessionRevoker>,
        limiter: Arc<dyn RateLimiter>,
        tokens: TokenIssuer,
        passwords: Passwords,
    ) -> Accounts {
        Accounts {
            users,
            revocations,
            social,
            sessions,
            limiter,
            tokens,
            passwords,
        }
    }

    pub async fn register(
        &self,
        account: NewAccount,
        client: ClientAddress,
    ) -> Result<(User, IssuedToken)> {
        let phone = validate::phone("phone", &account.phone)?;
        validate::password("password", &account.password)?;
        let nickname = validate::name("nickname", &account.nickname, MAX_NICKNAME_CHARS)?;
        let avatar = validate::url("avatar", &account.avatar, true)?;
        let user = User {
            user_id: new_id(),
            phone,
            nickname,
            avatar,
            sex: account.sex,
            created_at: now_millis(),
        };
        // After validation (a refused request costs nothing), before the hash (what it bounds).
        self.limiter.check(&client.key(), Action::Register).await?;
        let hash = self.passwords.hash(&account.password).await?;
        self.users.create_user(&user, &hash).await?;
        let token = self.tokens.issue(&user.user_id, 0)?;
        Ok((user, token))
    }

    pub async fn login(
        &self,
        phone: &str,
        password: &str,
        client: ClientAddress,
    ) -> Result<(User, IssuedToken)> {
        let bad_credentials =
            || Error::unauthenticated(Reason::BadCredentials, "wrong phone number or password");
        // Validated first, so rate-limit keys stay small whatever a caller sends.
        let phone = validate::phone("phone", phone.trim())?;
        // Per phone number before anything else, whether or not it is registered (the answer
        // must not tell them apart): per (phone, address) so strangers can't lock its owner out,
        // and per phone from everywhere, higher, against guessing spread over many addresses.
        let pair = format!("{phone}|{}", client.key());
        self.limiter.check(&pair, Action::Login).await?;
        self.limiter.check(&phone, Action::LoginPerPhone).await?;
        let Some(record) = self.users.user_by_phone(&phone).await? else {
            // As slow as a wrong password, so timing does not tell which numbers have accounts.
            self.passwords.verify_nothing(password).await?;
            return Err(bad_credentials());
        };
        if !self
            .passwords
            .verify(password, &record.password_hash)
            .await?
        {
            return Err(bad_credentials());
        }
        let token = self
            .tokens
            .issue(&record.user.user_id, record.token_version)?;
        Ok((record.user, token))
    }

    /// Resolves a bearer token to its claims, refusing expired, revoked and stale tokens.
    pub async fn authenticate(&self, token: &str) -> Result<TokenClaims> {
        let claims = self.tokens.verify(token)?;
        let revoked =
            || Error::unauthenticated(Reason::TokenRevoked, "the token was revoked: log in again");
        let record = self
            .users
            .user_by_id(&claims.user_id)
            .await?
            .ok_or_else(revoked)?;
        if record.token_version != claims.token_version
            || self.revocations.is_revoked(&claims.token_id).await?
        {
            return Err(revoked());
        }
        Ok(claims)
    }

    pub async fn logout(&self, claims: &TokenClaims) -> Result<()> {
        self.revocations
            .revoke(&claims.token_id, claims.expires_at)
            .await?;
        self.sessions
            .token_revoked(&claims.user_id, &claims.token_id);
        Ok(())
    }

    pub async fn change_password(
        &self,
        user_id: &str,
        old_password: &str,
        new_password: &str,
    ) -> Result<IssuedToken> {
        validate::password("new_password", new_password)?;
        let record = self.record(user_id).await?;
        if !self
            .passwords
            .verify(old_password, &record.password_hash)
            .await?
        {
            return Err(Error::denied(
                Reason::WrongPassword,
                "old_password is wrong",
            ));
        }
        let hash = self.passwords.hash(new_password).await?;
        let version = self.users.set_password(user_id, &hash).await?;
        self.sessions.tokens_before(user_id, version);
        self.tokens.issue(user_id, version)
    }

    /// The caller's own profile, phone number included.
    pub async fn me(&self, user_id: &str) -> Result<User> {
        Ok(self.record(user_id).await?.user)
    }

    /// Another user's profile as `viewer` may see it.
    pub async fn user(&self, viewer: &str, user_id: &str) -> Result<User> {
        let user_id = parse_id("user_id", user_id)?;
        let user = self.record(&user_id).await?.user;
        Ok(self.visible_to(viewer, vec![user]).await?.remove(0))
    }

    pub async fn users(&self, viewer: &str, user_ids: &[String]) -> Result<Vec<User>> {
        if user_ids.len() > MAX_BATCH_USERS {
            return Err(Error::invalid_field(
                "user_ids",
                format!("at most {MAX_BATCH_USERS} ids per call"),
            ));
        }
        let mut ids = Vec::with_capacity(user_ids.len());
        for id in user_ids {
            let id = parse_id("user_ids", id)?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let mut found = self.users.users_by_ids(&ids).await?;
        found.sort_by_key(|user| ids.iter().position(|id| *id == user.user_id));
        self.visible_to(viewer, found).await
    }

    pub async fn update_profile(&self, user_id: &str, patch: ProfilePatch) -> Result<User> {
        let patch = ProfilePatch {
            nickname: patch
                .nickname
                .map(|n| validate::name("nickname", &n, MAX_NICKNAME_CHARS))
                .transpose()?,
            avatar: patch
                .avatar
                .map(|a| validate::url("avatar", &a, true))
                .transpose()?,
            sex: patch.sex,
        };
        self.users.update_profile(user_id, &patch).await?;
        self.me(user_id).await
    }

    /// Users by exact phone number or nickname substring, phones shown as `viewer` may see them.
    pub async fn search(
        &self,
        viewer: &str,
        keyword: &str,
        paging: PageRequest,
    ) -> Result<(Vec<User>, String)> {
        let keyword = validate::required_text("keyword", keyword, MAX_NICKNAME_CHARS)?;
        // Exact-phone search answers "is this number registered?": bounded per caller.
        self.limiter.check(viewer, Action::Search).await?;
        // An exact phone number names one user; anything else is a nickname search.
        let rows = match self.users.user_by_phone(&keyword).await? {
            Some(record) if paging.page.offset == 0 => vec![record.user],
            Some(_) => Vec::new(),
            None => {
                self.users
                    .search_by_nickname(&keyword, paging.probe())
                    .await?
            }
        };
        let (page, next) = paging.finish(rows);
        Ok((self.visible_to(viewer, page).await?, next))
    }

    /// Profiles with phone numbers, for callers that already checked the viewer may see them.
    pub async fn profiles(&self, user_ids: &[String]) -> Result<Vec<User>> {
        self.users.users_by_ids(user_ids).await
    }

    async fn record(&self, user_id: &str) -> Result<UserRecord> {
        self.users
            .user_by_id(user_id)
            .await?
            .ok_or_else(|| Error::not_found(Reason::UserNotFound, format!("no user {user_id}")))
    }

    /// Blanks the phone numbers `viewer` may not see: only their own and their friends'.
    pub async fn visible_to(&self, viewer: &str, mut users: Vec<User>) -> Result<Vec<User>> {
        let others: Vec<String> = users
            .iter()
            .filter(|u| u.user_id != viewer)
            .map(|u| u.user_id.clone())
            .collect();
        let friends: HashSet<String> = if others.is_empty() {
            HashSet::new()
        } else {
            self.social.friends_among(viewer, &others).await?
        };
        for user in &mut users {
            if user.user_id != viewer && !friends.contains(&user.user_id) {
                user.phone.clear();
            }
        }
        Ok(users)
    }
}
