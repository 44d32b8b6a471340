//! The population of a run, made through EasyChat's public API: users (Register), friend pairs
//! (SendFriendRequest + HandleFriendRequest) and one open group (CreateGroup + JoinGroup).
//!
//! Register hashes a password with argon2 (tens of milliseconds of server CPU each), so every
//! step runs with bounded parallelism and tells its progress. Baselines and the peer have no
//! accounts: their users are names, and the token is the name.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::Context;
use easychat_proto::im::v1::im_service_client::ImServiceClient;
use easychat_proto::social::v1::social_service_client::SocialServiceClient;
use easychat_proto::social::v1::{
    CreateGroupRequest, HandleFriendRequestRequest, JoinGroupRequest, JoinPolicy,
    SendFriendRequestRequest,
};
use easychat_proto::user::v1::RegisterRequest;
use easychat_proto::user::v1::user_service_client::UserServiceClient;
use futures::StreamExt;
use tonic::transport::Channel;

use crate::transport::grpc::{Authed, Bearer, endpoint};

/// Connections the setup calls share (unary calls multiplex well; a few spread the load).
const SETUP_CONNECTIONS: usize = 4;
const PASSWORD: &str = "bench-password-1";

/// A user the bench acts as.
#[derive(Debug, Clone)]
pub struct User {
    pub user_id: String,
    pub token: String,
}

impl User {
    /// A user of a system without accounts (baselines, the peer): the token is the name.
    pub fn synthetic(index: usize) -> User {
        let user_id = format!("u{index}");
        User {
            token: user_id.clone(),
            user_id,
        }
    }
}

/// The id of the single conversation between two users, as EasyChat derives it.
pub fn single_conversation_id(a: &str, b: &str) -> String {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    format!("s_{low}_{high}")
}

/// Unary-call access to an EasyChat server for the setup steps.
pub struct Setup {
    channels: Vec<Channel>,
    parallel: usize,
    run: String,
}

impl Setup {
    pub async fn connect(url: &str, parallel: usize, run: &str) -> anyhow::Result<Setup> {
        let endpoint = endpoint(url)?;
        let mut channels = Vec::with_capacity(SETUP_CONNECTIONS);
        for _ in 0..SETUP_CONNECTIONS {
            channels.push(
                endpoint
                    .connect()
                    .await
                    .with_context(|| format!("connecting to {url} for the setup"))?,
            );
        }
        Ok(Setup {
            channels,
            parallel: parallel.max(1),
            run: run.to_owned(),
        })
    }

    fn channel(&self, i: usize) -> Channel {
        self.channels[i % self.channels.len()].clone()
    }

    /// Registers `count` users, `parallel` at a time.
    pub async fn register(&self, count: usize) -> anyhow::Result<Vec<User>> {
        let tally = Tally::new("register", count);
        // A phone number unique to this run: 9, the run's 8 digits, the user's 6.
        let run_digits: String = self.run.chars().filter(char::is_ascii_digit).collect();
        let results: Vec<anyhow::Result<User>> = futures::stream::iter(0..count)
            .map(|i| {
                let mut users = UserServiceClient::new(self.channel(i));
                let phone = format!("+9{run_digits:0>8.8}{i:06}");
                let tally = tally.clone();
                async move {
                    let response = users
                        .register(RegisterRequest {
                            phone,
                            password: PASSWORD.to_owned(),
                            nickname: format!("bench{i}"),
                            avatar: String::new(),
                            sex: 0,
                        })
                        .await
                        .with_context(|| format!("registering user {i}"))?
                        .into_inner();
                    tally.one();
                    let user = response.user.context("Register returned no user")?;
                    Ok(User {
                        user_id: user.user_id,
                        token: response.token,
                    })
                }
            })
            .buffered(self.parallel)
            .collect()
            .await;
        tally.done();
        results.into_iter().collect()
    }

    fn social(&self, i: usize, user: &User) -> anyhow::Result<SocialServiceClient<Authed>> {
        Ok(SocialServiceClient::with_interceptor(
            self.channel(i),
            Bearer::new(&user.token)?,
        ))
    }

    /// Im calls as `user`, for messages sent while the user's devices are offline.
    pub fn im(&self, i: usize, user: &User) -> anyhow::Result<ImServiceClient<Authed>> {
        Ok(ImServiceClient::with_interceptor(
            self.channel(i),
            Bearer::new(&user.token)?,
        ))
    }

    pub fn parallel(&self) -> usize {
        self.parallel
    }

    /// Makes users 2k and 2k+1 friends, for every k.
    pub async fn befriend_pairs(&self, users: &[User]) -> anyhow::Result<()> {
        let pairs = users.len() / 2;
        let tally = Tally::new("befriend", pairs);
        let results: Vec<anyhow::Result<()>> = futures::stream::iter(0..pairs)
            .map(|k| {
                let (a, b) = (&users[2 * k], &users[2 * k + 1]);
                let tally = tally.clone();
                async move {
                    let request = self
                        .social(k, a)?
                        .send_friend_request(SendFriendRequestRequest {
                            user_id: b.user_id.clone(),
                            message: String::new(),
                        })
                        .await
                        .with_context(|| format!("friend request of pair {k}"))?
                        .into_inner()
                        .request
                        .context("no friend request returned")?;
                    self.social(k, b)?
                        .handle_friend_request(HandleFriendRequestRequest {
                            request_id: request.request_id,
                            accept: true,
                            message: String::new(),
                        })
                        .await
                        .with_context(|| format!("accepting the friend request of pair {k}"))?;
                    tally.one();
                    Ok(())
                }
            })
            .buffered(self.parallel)
            .collect()
            .await;
        tally.done();
        results.into_iter().collect()
    }

    /// Creates an open group owned by `members[0]` and has every other member join it;
    /// returns the group id.
    pub async fn create_group(&self, members: &[User]) -> anyhow::Result<String> {
        let owner = members.first().context("a group needs an owner")?;
        let group = self
            .social(0, owner)?
            .create_group(CreateGroupRequest {
                name: format!("bench {}", self.run),
                icon: String::new(),
                description: String::new(),
                member_ids: Vec::new(),
                join_policy: JoinPolicy::Open as i32,
            })
            .await
            .context("creating the group")?
            .into_inner()
            .group
            .context("CreateGroup returned no group")?;
        let group_id = group.group_id;
        let tally = Tally::new("join group", members.len() - 1);
        let results: Vec<anyhow::Result<()>> = futures::stream::iter(1..members.len())
            .map(|i| {
                let group_id = group_id.clone();
                let tally = tally.clone();
                async move {
                    let joined = self
                        .social(i, &members[i])?
                        .join_group(JoinGroupRequest {
                            group_id,
                            message: String::new(),
                        })
                        .await
                        .with_context(|| format!("member {i} joining the group"))?
                        .into_inner()
                        .joined;
                    anyhow::ensure!(joined, "member {i} was not let into the open group");
                    tally.one();
                    Ok(())
                }
            })
            .buffered(self.parallel * 4)
            .collect()
            .await;
        tally.done();
        results.into_iter().collect::<anyhow::Result<()>>()?;
        Ok(group_id)
    }
}

/// Counts finished setup steps and prints progress every tenth.
#[derive(Clone)]
struct Tally(Arc<TallyInner>);

struct TallyInner {
    what: &'static str,
    total: usize,
    done: AtomicUsize,
    started: Instant,
}

impl Tally {
    fn new(what: &'static str, total: usize) -> Tally {
        Tally(Arc::new(TallyInner {
            what,
            total,
            done: AtomicUsize::new(0),
            started: Instant::now(),
        }))
    }

    fn one(&self) {
        let done = self.0.done.fetch_add(1, Ordering::Relaxed) + 1;
        if done.is_multiple_of((self.0.total / 10).max(1)) && done < self.0.total {
            self.print(done);
        }
    }

    fn done(&self) {
        self.print(self.0.done.load(Ordering::Relaxed));
    }

    fn print(&self, done: usize) {
        let seconds = self.0.started.elapsed().as_secs_f64();
        eprintln!(
            "[setup] {} {done}/{} in {seconds:.1}s ({:.0}/s)",
            self.0.what,
            self.0.total,
            done as f64 / seconds.max(0.001)
        );
    }
}
