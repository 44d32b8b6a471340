//! The port conformance suite: the rules of each storage port (domain/ports.rs), written once as
//! functions over `Arc<dyn Port>` and run against every adapter of that port: the embedded ones
//! always (SQLite, in-process), the production ones when the test profile configures their
//! service (MySQL, MongoDB, Redis; `EASYCHAT_TEST_CONFIG`, as `make test-single-node` sets it).
//! A new backend is checked by adding it to `adapters`; the rules stay as they are.
//!
//! Each adapter works in the isolated databases and key prefix of `Isolated::config`, so its
//! lists and searches see only this test's rows.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use easychat_server::domain::ids::{ConversationKind, new_id};
use easychat_server::domain::model::*;
use easychat_server::domain::ports::{
    BlobStore, EventOutbox, MediaStore, MessageStore, OutboxEvent, Page, PinAdded, PinStore,
    ReactionAdded, ReactionBounds, ReactionStore, SearchCursor, SearchIndex, SearchScope, SeqCache,
    SocialStore, TokenRevocations, UserStore,
};
use easychat_server::error::{Error, Reason};
use easychat_server::store::blobs::local::LocalBlobs;
use easychat_server::store::blobs::s3::S3Blobs;
use easychat_server::store::kafka_outbox::KafkaOutbox;
use easychat_server::store::memory::LocalSeqCache;
use easychat_server::store::mongo::MongoStore;
use easychat_server::store::mysql::MysqlStore;
use easychat_server::store::postgres::{IndexedMessages, PgSearch};
use easychat_server::store::redis::{Redis, RedisRevocations, RedisSeqCache};
use easychat_server::store::sqlite::SqliteStore;
use easychat_tests::Isolated;
use sha2::Digest;

/// A message store with the index that searches its messages.
type Searchable = (&'static str, Arc<dyn MessageStore>, Arc<dyn SearchIndex>);

/// Every adapter of every port, opened on one isolated configuration.
struct Adapters {
    _isolated: Isolated,
    users: Vec<(&'static str, Arc<dyn UserStore>)>,
    revocations: Vec<(&'static str, Arc<dyn TokenRevocations>)>,
    social: Vec<(&'static str, Arc<dyn SocialStore>)>,
    messages: Vec<(&'static str, Arc<dyn MessageStore>)>,
    reactions: Vec<(&'static str, Arc<dyn ReactionStore>)>,
    pins: Vec<(&'static str, Arc<dyn PinStore>)>,
    searchable: Vec<Searchable>,
    seq_caches: Vec<(&'static str, Arc<dyn SeqCache>)>,
    media: Vec<(&'static str, Arc<dyn MediaStore>)>,
    blobs: Vec<(&'static str, Arc<dyn BlobStore>)>,
    outboxes: Vec<(&'static str, Arc<dyn EventOutbox>)>,
}

async fn adapters() -> Adapters {
    let isolated = Isolated::config().await;
    let config = isolated.config.clone();
    let sqlite = Arc::new(
        SqliteStore::open(&config.data_dir, &config.storage)
            .await
            .expect("open SQLite"),
    );
    let tables = Arc::new(sqlite.tables());
    let mut users: Vec<(&'static str, Arc<dyn UserStore>)> = vec![("sqlite", tables.clone())];
    let mut revocations: Vec<(&'static str, Arc<dyn TokenRevocations>)> =
        vec![("sqlite", tables.clone())];
    let mut social: Vec<(&'static str, Arc<dyn SocialStore>)> = vec![("sqlite", tables)];
    let mut messages: Vec<(&'static str, Arc<dyn MessageStore>)> = vec![("sqlite", sqlite.clone())];
    let mut reactions: Vec<(&'static str, Arc<dyn ReactionStore>)> =
        vec![("sqlite", sqlite.clone())];
    let mut pins: Vec<(&'static str, Arc<dyn PinStore>)> = vec![("sqlite", sqlite.clone())];
    let mut media: Vec<(&'static str, Arc<dyn MediaStore>)> = vec![("sqlite", sqlite.clone())];
    let mut blobs: Vec<(&'static str, Arc<dyn BlobStore>)> = vec![(
        "local",
        Arc::new(
            LocalBlobs::open(&config.data_dir.join("media"), "http://127.0.0.1:9", b"key")
                .expect("open the media directory"),
        ),
    )];
    if let Some(s3) = &config.media.s3 {
        let store = S3Blobs::open(s3).await.expect("open the S3 store");
        blobs.push(("s3", Arc::new(store)));
    }
    let mut outboxes: Vec<(&'static str, Arc<dyn EventOutbox>)> = vec![(
        "sqlite",
        Arc::new(
            sqlite
                .webhook_outbox(&["a".to_owned(), "b".to_owned()])
                .await
                .expect("open the outbox"),
        ),
    )];
    if let Some(brokers) = &config.backends.kafka.brokers {
        let outbox = KafkaOutbox::open(&config.backends.kafka, brokers)
            .await
            .expect("open the Kafka outbox");
        outboxes.push(("kafka", Arc::new(outbox)));
    }
    let mut searchable: Vec<Searchable> = vec![("sqlite", sqlite.clone(), sqlite)];
    let mut seq_caches: Vec<(&'static str, Arc<dyn SeqCache>)> =
        vec![("memory", Arc::new(LocalSeqCache::default()))];
    let backends = &config.backends;
    if let Some(url) = &backends.mysql.url {
        let mysql = Arc::new(
            MysqlStore::open(url, &backends.mysql)
                .await
                .expect("open MySQL")
                .tables(),
        );
        users.push(("mysql", mysql.clone()));
        revocations.push(("mysql", mysql.clone()));
        social.push(("mysql", mysql));
    }
    if let Some(url) = &backends.redis.url {
        let redis = Redis::open(url, &backends.redis).await.expect("open Redis");
        revocations.push(("redis", Arc::new(RedisRevocations::new(redis.clone()))));
        seq_caches.push(("redis", Arc::new(RedisSeqCache::new(redis))));
    }
    if let Some(url) = &backends.mongo.url {
        let cache: Arc<dyn SeqCache> = Arc::new(LocalSeqCache::default());
        let mongo = MongoStore::open(url, &backends.mongo, cache)
            .await
            .expect("open MongoDB");
        let mongo = Arc::new(mongo);
        messages.push(("mongo", mongo.clone()));
        reactions.push(("mongo", mongo.clone()));
        pins.push(("mongo", mongo.clone()));
        media.push(("mongo", mongo.clone()));
        if let Some(url) = &backends.search.url {
            let search = PgSearch::open(url).await.expect("open the search index");
            let indexed = Arc::new(IndexedMessages::new(mongo, search.clone()));
            searchable.push(("mongo+postgres", indexed, Arc::new(search)));
        }
    }
    // Said once per test, so a run shows which backends it covered.
    eprintln!(
        "conformance: users {:?}, revocations {:?}, social {:?}, messages {:?}, seq caches {:?}",
        names(&users),
        names(&revocations),
        names(&social),
        names(&messages),
        names(&seq_caches)
    );
    Adapters {
        _isolated: isolated,
        users,
        revocations,
        social,
        messages,
        reactions,
        pins,
        searchable,
        seq_caches,
        media,
        blobs,
        outboxes,
    }
}

fn names<T: ?Sized>(adapters: &[(&'static str, Arc<T>)]) -> Vec<&'static str> {
    adapters.iter().map(|(name, _)| *name).collect()
}

const PAGE: Page = Page {
    offset: 0,
    limit: 50,
};

#[track_caller]
fn assert_reason<T: std::fmt::Debug>(result: Result<T, Error>, reason: Reason, adapter: &str) {
    match result {
        Err(error) => assert_eq!(error.reason, reason, "{adapter}: {error:?}"),
        Ok(value) => panic!("{adapter}: expected {reason:?}, got Ok({value:?})"),
    }
}

fn user(nickname: &str) -> User {
    User {
        user_id: new_id(),
        phone: format!("+1{}", &uuid::Uuid::new_v4().as_u128().to_string()[..12]),
        nickname: nickname.to_owned(),
        avatar: String::new(),
        sex: Sex::Unspecified,
        created_at: now_millis(),
    }
}

async fn created(store: &Arc<dyn UserStore>, nickname: &str) -> User {
    let user = user(nickname);
    store.create_user(&user, "hash").await.expect("create user");
    user
}

// ---- UserStore, TokenRevocations ------------------------------------------------------------

#[tokio::test]
async fn user_stores_keep_phones_unique_and_versions_rising() {
    for (name, store) in adapters().await.users {
        let alice = created(&store, "alice").await;
        let found = store.user_by_id(&alice.user_id).await.unwrap().unwrap();
        assert_eq!(found.user, alice, "{name}");
        assert_eq!(found.token_version, 0, "{name}");
        let by_phone = store.user_by_phone(&alice.phone).await.unwrap().unwrap();
        assert_eq!(by_phone.user.user_id, alice.user_id, "{name}");
        assert!(
            store.user_by_id(&new_id()).await.unwrap().is_none(),
            "{name}"
        );

        let twin = User {
            user_id: new_id(),
            ..alice.clone()
        };
        assert_reason(
            store.create_user(&twin, "h").await,
            Reason::PhoneTaken,
            name,
        );

        let v1 = store.set_password(&alice.user_id, "new").await.unwrap();
        let v2 = store.set_password(&alice.user_id, "newer").await.unwrap();
        assert!(v2 > v1 && v1 > 0, "{name}: versions {v1}, {v2}");
        let after = store.user_by_id(&alice.user_id).await.unwrap().unwrap();
        assert_eq!(
            (after.password_hash.as_str(), after.token_version),
            ("newer", v2),
            "{name}"
        );

        store
            .update_profile(
                &alice.user_id,
                &ProfilePatch {
                    nickname: Some("alicia".to_owned()),
                    sex: Some(Sex::Female),
                    ..ProfilePatch::default()
                },
            )
            .await
            .unwrap();
        let patched = store
            .user_by_id(&alice.user_id)
            .await
            .unwrap()
            .unwrap()
            .user;
        assert_eq!(
            (
                patched.nickname.as_str(),
                patched.sex,
                patched.avatar.as_str()
            ),
            ("alicia", Sex::Female, ""),
            "{name}: a patch changes only what it sets"
        );

        let bob = created(&store, "bob").await;
        let mut found = store
            .users_by_ids(&[bob.user_id.clone(), new_id(), alice.user_id.clone()])
            .await
            .unwrap()
            .into_iter()
            .map(|u| u.user_id)
            .collect::<Vec<_>>();
        found.sort();
        let mut wanted = vec![alice.user_id.clone(), bob.user_id.clone()];
        wanted.sort();
        assert_eq!(found, wanted, "{name}: unknown ids are left out");
    }
}

#[tokio::test]
async fn nickname_search_matches_substrings_literally_and_pages() {
    for (name, store) in adapters().await.users {
        let tag = &new_id()[..8];
        for nickname in [
            format!("{tag} b"),
            format!("{tag} a"),
            format!("{tag}%x"),
            format!("{tag}_y"),
        ] {
            created(&store, &nickname).await;
        }
        let all = store.search_by_nickname(tag, PAGE).await.unwrap();
        let names: Vec<_> = all.iter().map(|u| u.nickname.clone()).collect();
        assert_eq!(names.len(), 4, "{name}: {names:?}");
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "{name}: by nickname");
        // LIKE wildcards in the keyword are literal characters.
        let percent = store
            .search_by_nickname(&format!("{tag}%"), PAGE)
            .await
            .unwrap();
        assert_eq!(percent.len(), 1, "{name}: `%` is literal");
        let underscore = store
            .search_by_nickname(&format!("{tag}_"), PAGE)
            .await
            .unwrap();
        assert_eq!(underscore.len(), 1, "{name}: `_` is literal");
        let second = store
            .search_by_nickname(
                tag,
                Page {
                    offset: 1,
                    limit: 2,
                },
            )
            .await
            .unwrap();
        let second: Vec<_> = second.into_iter().map(|u| u.nickname).collect();
        assert_eq!(second, names[1..3], "{name}: offset and limit");
    }
}

#[tokio::test]
async fn revoked_tokens_stay_revoked_and_others_do_not() {
    for (name, revocations) in adapters().await.revocations {
        let token = new_id();
        assert!(!revocations.is_revoked(&token).await.unwrap(), "{name}");
        let expires = now_millis() + 60_000;
        revocations.revoke(&token, expires).await.unwrap();
        revocations.revoke(&token, expires).await.unwrap();
        assert!(revocations.is_revoked(&token).await.unwrap(), "{name}");
        assert!(!revocations.is_revoked(&new_id()).await.unwrap(), "{name}");
    }
}

// ---- SocialStore ----------------------------------------------------------------------------

fn friend_request(from: &str, to: &str) -> FriendRequest {
    FriendRequest {
        request_id: new_id(),
        from_user: from.to_owned(),
        to_user: to.to_owned(),
        message: "hi".to_owned(),
        state: RequestState::Pending,
        handle_message: String::new(),
        created_at: now_millis(),
        handled_at: None,
    }
}

/// Two users in the user store the social store reads nicknames from (the same adapter family:
/// SQLite with SQLite, MySQL with MySQL).
async fn social_pair(adapters: &Adapters, name: &str) -> (Arc<dyn UserStore>, User, User) {
    let users = adapters
        .users
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| s.clone())
        .expect("a user store beside each social store");
    let a = created(&users, "ann").await;
    let b = created(&users, "ben").await;
    (users, a, b)
}

#[tokio::test]
async fn friend_requests_are_one_pending_per_pair_and_resolve_once() {
    let adapters = adapters().await;
    for (name, social) in &adapters.social {
        let (_, a, b) = social_pair(&adapters, name).await;
        let request = friend_request(&a.user_id, &b.user_id);
        social.create_friend_request(&request).await.unwrap();
        assert_reason(
            social
                .create_friend_request(&friend_request(&b.user_id, &a.user_id))
                .await,
            Reason::RequestPending,
            name,
        );
        let incoming = social
            .list_friend_requests(&b.user_id, RequestDirection::Incoming, PAGE)
            .await
            .unwrap();
        assert_eq!(incoming.len(), 1, "{name}");
        assert!(
            social
                .list_friend_requests(&b.user_id, RequestDirection::Outgoing, PAGE)
                .await
                .unwrap()
                .is_empty(),
            "{name}"
        );
        assert_eq!(
            social
                .list_friend_requests(&a.user_id, RequestDirection::Both, PAGE)
                .await
                .unwrap()
                .len(),
            1,
            "{name}"
        );

        let now = now_millis();
        let accepted = social
            .resolve_friend_request(&request.request_id, true, "welcome", now)
            .await
            .unwrap();
        assert_eq!(
            (
                accepted.state,
                accepted.handled_at,
                accepted.handle_message.as_str()
            ),
            (RequestState::Accepted, Some(now), "welcome"),
            "{name}"
        );
        assert_reason(
            social
                .resolve_friend_request(&request.request_id, false, "", now)
                .await,
            Reason::RequestAlreadyHandled,
            name,
        );
        // Friends both ways, and a new request is possible once none is pending.
        assert!(
            social
                .friendship(&a.user_id, &b.user_id)
                .await
                .unwrap()
                .is_some(),
            "{name}"
        );
        assert!(
            social
                .friendship(&b.user_id, &a.user_id)
                .await
                .unwrap()
                .is_some(),
            "{name}"
        );
        social
            .create_friend_request(&friend_request(&b.user_id, &a.user_id))
            .await
            .unwrap();
    }
}

/// The check-then-write rules hold when the writers race: a request is resolved by exactly one
/// of several concurrent handlers (a row lock on MySQL, the one write connection on SQLite), and
/// concurrent password changes each get a version of their own.
#[tokio::test]
async fn concurrent_handlers_resolve_a_request_once_and_password_changes_never_share_a_version() {
    const RACERS: usize = 8;
    let adapters = adapters().await;
    for (name, social) in &adapters.social {
        let (users, a, b) = social_pair(&adapters, name).await;
        let request = friend_request(&a.user_id, &b.user_id);
        social.create_friend_request(&request).await.unwrap();
        let outcomes = futures::future::join_all((0..RACERS).map(|i| {
            let social = social.clone();
            let request_id = request.request_id.clone();
            async move {
                social
                    .resolve_friend_request(&request_id, i % 2 == 0, &format!("by {i}"), 1)
                    .await
            }
        }))
        .await;
        let winners: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().ok()).collect();
        assert_eq!(winners.len(), 1, "{name}: {outcomes:?}");
        for outcome in &outcomes {
            if let Err(error) = outcome {
                assert_eq!(error.reason, Reason::RequestAlreadyHandled, "{name}");
            }
        }
        let stored = social
            .friend_request(&request.request_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (stored.state, &stored.handle_message),
            (winners[0].state, &winners[0].handle_message),
            "{name}: the stored outcome is the winner's"
        );

        let versions = futures::future::join_all(
            (0..RACERS).map(|i| users.set_password(&a.user_id, if i % 2 == 0 { "x" } else { "y" })),
        )
        .await;
        let versions: HashSet<i64> = versions.into_iter().map(Result::unwrap).collect();
        assert_eq!(
            versions,
            (1..=RACERS as i64).collect::<HashSet<_>>(),
            "{name}: each change its own version"
        );
    }
}

#[tokio::test]
async fn friendships_have_remarks_search_and_go_both_ways() {
    let adapters = adapters().await;
    for (name, social) in &adapters.social {
        let (users, a, b) = social_pair(&adapters, name).await;
        let c = created(&users, "cleo").await;
        for other in [&b, &c] {
            let request = friend_request(&a.user_id, &other.user_id);
            social.create_friend_request(&request).await.unwrap();
            social
                .resolve_friend_request(&request.request_id, true, "", now_millis())
                .await
                .unwrap();
        }
        social
            .set_friend_remark(&a.user_id, &b.user_id, "Big 50% Ben")
            .await
            .unwrap();
        let friends = social.list_friends(&a.user_id, "", PAGE).await.unwrap();
        assert_eq!(friends.len(), 2, "{name}");
        let by_remark = social.list_friends(&a.user_id, "50%", PAGE).await.unwrap();
        assert_eq!(
            by_remark.len(),
            1,
            "{name}: a remark matches, `%` literally"
        );
        assert_eq!(by_remark[0].remark, "Big 50% Ben", "{name}");
        let by_nickname = social.list_friends(&a.user_id, "cle", PAGE).await.unwrap();
        assert_eq!(by_nickname[0].friend_id, c.user_id, "{name}");
        // The remark is one side's only.
        let back = social
            .friendship(&b.user_id, &a.user_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(back.remark, "", "{name}");

        let among = social
            .friends_among(
                &a.user_id,
                &[b.user_id.clone(), new_id(), c.user_id.clone()],
            )
            .await
            .unwrap();
        assert_eq!(
            among,
            HashSet::from([b.user_id.clone(), c.user_id.clone()]),
            "{name}"
        );
        assert!(
            social
                .delete_friendship(&b.user_id, &a.user_id)
                .await
                .unwrap(),
            "{name}"
        );
        assert!(
            !social
                .delete_friendship(&a.user_id, &b.user_id)
                .await
                .unwrap(),
            "{name}"
        );
        assert!(
            social
                .friendship(&a.user_id, &b.user_id)
                .await
                .unwrap()
                .is_none(),
            "{name}"
        );
    }
}

fn member(group_id: &str, user_id: &str, role: GroupRole, joined_at: Millis) -> GroupMember {
    GroupMember {
        group_id: group_id.to_owned(),
        user_id: user_id.to_owned(),
        role,
        muted_until: None,
        joined_at,
    }
}

#[tokio::test]
async fn groups_count_members_order_them_and_move_ownership() {
    let adapters = adapters().await;
    for (name, social) in &adapters.social {
        let (users, owner, m1) = social_pair(&adapters, name).await;
        let m2 = created(&users, "mia").await;
        let tag = &new_id()[..8];
        let group = Group {
            group_id: new_id(),
            name: format!("club {tag}"),
            icon: String::new(),
            description: String::new(),
            notice: String::new(),
            join_policy: JoinPolicy::Open,
            owner_id: owner.user_id.clone(),
            member_count: 0,
            created_at: now_millis(),
        };
        let id = &group.group_id;
        let t = now_millis();
        social
            .create_group(
                &group,
                &[
                    member(id, &owner.user_id, GroupRole::Owner, t),
                    member(id, &m1.user_id, GroupRole::Member, t + 1),
                ],
            )
            .await
            .unwrap();
        assert_eq!(
            social.group(id).await.unwrap().unwrap().member_count,
            2,
            "{name}"
        );
        let added = social
            .add_members(&[
                member(id, &m1.user_id, GroupRole::Member, t + 2),
                member(id, &m2.user_id, GroupRole::Member, t + 3),
            ])
            .await
            .unwrap();
        assert_eq!(
            added,
            vec![m2.user_id.clone()],
            "{name}: only new members are added"
        );
        social
            .set_member_role(id, &m2.user_id, GroupRole::Manager)
            .await
            .unwrap();
        let order: Vec<_> = social
            .list_members(id, PAGE)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.user_id)
            .collect();
        assert_eq!(
            order,
            [
                owner.user_id.clone(),
                m2.user_id.clone(),
                m1.user_id.clone()
            ],
            "{name}: owner, managers, then members"
        );
        social
            .transfer_ownership(id, &owner.user_id, &m1.user_id)
            .await
            .unwrap();
        let old = social.member(id, &owner.user_id).await.unwrap().unwrap();
        let new = social.member(id, &m1.user_id).await.unwrap().unwrap();
        assert_eq!(
            (old.role, new.role),
            (GroupRole::Member, GroupRole::Owner),
            "{name}"
        );
        assert_eq!(
            social.group(id).await.unwrap().unwrap().owner_id,
            m1.user_id,
            "{name}"
        );

        let until = now_millis() + 60_000;
        social
            .set_muted_until(id, &m2.user_id, Some(until))
            .await
            .unwrap();
        assert_eq!(
            social
                .member(id, &m2.user_id)
                .await
                .unwrap()
                .unwrap()
                .muted_until,
            Some(until),
            "{name}"
        );
        assert!(
            social.remove_member(id, &m2.user_id).await.unwrap(),
            "{name}"
        );
        assert!(
            !social.remove_member(id, &m2.user_id).await.unwrap(),
            "{name}"
        );
        assert_eq!(
            social.group(id).await.unwrap().unwrap().member_count,
            2,
            "{name}"
        );
        let mut ids = social.member_ids(id).await.unwrap();
        ids.sort();
        let mut wanted = vec![owner.user_id.clone(), m1.user_id.clone()];
        wanted.sort();
        assert_eq!(ids, wanted, "{name}");

        let found = social.search_groups(tag, PAGE).await.unwrap();
        assert_eq!(found.len(), 1, "{name}");
        let mine = social.groups_of_user(&owner.user_id, PAGE).await.unwrap();
        assert_eq!(mine[0].group_id, *id, "{name}");
        social
            .update_group(
                id,
                &GroupPatch {
                    notice: Some("hello".to_owned()),
                    join_policy: Some(JoinPolicy::ApprovalRequired),
                    ..GroupPatch::default()
                },
            )
            .await
            .unwrap();
        let updated = social.group(id).await.unwrap().unwrap();
        assert_eq!(
            (
                updated.notice.as_str(),
                updated.join_policy,
                updated.name.as_str()
            ),
            ("hello", JoinPolicy::ApprovalRequired, group.name.as_str()),
            "{name}"
        );
        social.delete_group(id).await.unwrap();
        assert!(social.group(id).await.unwrap().is_none(), "{name}");
        assert!(
            social.member(id, &m1.user_id).await.unwrap().is_none(),
            "{name}"
        );
    }
}

#[tokio::test]
async fn group_requests_are_one_pending_per_user_and_accepting_adds_the_member() {
    let adapters = adapters().await;
    for (name, social) in &adapters.social {
        let (_, owner, applicant) = social_pair(&adapters, name).await;
        let group_id = new_id();
        let group = Group {
            group_id: group_id.clone(),
            name: "closed".to_owned(),
            icon: String::new(),
            description: String::new(),
            notice: String::new(),
            join_policy: JoinPolicy::ApprovalRequired,
            owner_id: owner.user_id.clone(),
            member_count: 0,
            created_at: now_millis(),
        };
        social
            .create_group(
                &group,
                &[member(
                    &group_id,
                    &owner.user_id,
                    GroupRole::Owner,
                    now_millis(),
                )],
            )
            .await
            .unwrap();
        let request = GroupRequest {
            request_id: new_id(),
            group_id: group_id.clone(),
            user_id: applicant.user_id.clone(),
            inviter_id: None,
            source: GroupRequestSource::Apply,
            message: "me".to_owned(),
            state: RequestState::Pending,
            handler_id: None,
            created_at: now_millis(),
            handled_at: None,
        };
        social.create_group_request(&request).await.unwrap();
        let again = GroupRequest {
            request_id: new_id(),
            ..request.clone()
        };
        assert_reason(
            social.create_group_request(&again).await,
            Reason::RequestPending,
            name,
        );
        assert_eq!(
            social
                .list_group_requests(&group_id, PAGE)
                .await
                .unwrap()
                .len(),
            1,
            "{name}"
        );
        let joined = member(
            &group_id,
            &applicant.user_id,
            GroupRole::Member,
            now_millis(),
        );
        let resolved = social
            .resolve_group_request(
                &request.request_id,
                true,
                &owner.user_id,
                now_millis(),
                &joined,
            )
            .await
            .unwrap();
        assert_eq!(resolved.state, RequestState::Accepted, "{name}");
        assert_eq!(
            resolved.handler_id.as_deref(),
            Some(owner.user_id.as_str()),
            "{name}"
        );
        assert!(
            social
                .member(&group_id, &applicant.user_id)
                .await
                .unwrap()
                .is_some(),
            "{name}"
        );
        assert_reason(
            social
                .resolve_group_request(
                    &request.request_id,
                    false,
                    &owner.user_id,
                    now_millis(),
                    &joined,
                )
                .await,
            Reason::RequestAlreadyHandled,
            name,
        );
    }
}

#[tokio::test]
async fn blocks_are_one_sided_idempotent_and_leave_the_friendship() {
    let adapters = adapters().await;
    for (name, social) in &adapters.social {
        let (_, a, b) = social_pair(&adapters, name).await;
        let request = friend_request(&a.user_id, &b.user_id);
        social.create_friend_request(&request).await.unwrap();
        social
            .resolve_friend_request(&request.request_id, true, "", now_millis())
            .await
            .unwrap();
        let strangers = social.relation(&a.user_id, &new_id()).await.unwrap();
        assert!(
            strangers.friendship.is_none() && !strangers.blocked && !strangers.blocked_by,
            "{name}: {strangers:?}"
        );

        let first = social
            .block_user(&a.user_id, &b.user_id, 1_000)
            .await
            .unwrap();
        let again = social
            .block_user(&a.user_id, &b.user_id, 2_000)
            .await
            .unwrap();
        assert_eq!(
            (
                first.user_id.as_str(),
                first.blocked_id.as_str(),
                first.since
            ),
            (a.user_id.as_str(), b.user_id.as_str(), 1_000),
            "{name}"
        );
        assert_eq!(again, first, "{name}: a second block keeps the first");

        let blocker = social.relation(&a.user_id, &b.user_id).await.unwrap();
        assert!(
            blocker.blocked && !blocker.blocked_by,
            "{name}: {blocker:?}"
        );
        assert_eq!(
            blocker.friendship.map(|f| f.friend_id),
            Some(b.user_id.clone()),
            "{name}: the friendship stays"
        );
        let blocked = social.relation(&b.user_id, &a.user_id).await.unwrap();
        assert!(
            !blocked.blocked && blocked.blocked_by,
            "{name}: {blocked:?}"
        );
        assert!(blocked.friendship.is_some(), "{name}");
        assert_eq!(
            social.blockers_of(&b.user_id).await.unwrap(),
            [a.user_id.as_str()],
            "{name}"
        );
        assert!(
            social.blockers_of(&a.user_id).await.unwrap().is_empty(),
            "{name}"
        );

        // Each side blocks on its own; lifting one leaves the other.
        social
            .block_user(&b.user_id, &a.user_id, 3_000)
            .await
            .unwrap();
        let both = social.relation(&a.user_id, &b.user_id).await.unwrap();
        assert!(both.blocked && both.blocked_by, "{name}: {both:?}");
        assert!(
            social.unblock_user(&a.user_id, &b.user_id).await.unwrap(),
            "{name}"
        );
        assert!(
            !social.unblock_user(&a.user_id, &b.user_id).await.unwrap(),
            "{name}"
        );
        let after = social.relation(&a.user_id, &b.user_id).await.unwrap();
        assert!(!after.blocked && after.blocked_by, "{name}: {after:?}");
        assert!(
            social.blockers_of(&b.user_id).await.unwrap().is_empty(),
            "{name}"
        );
        assert!(
            social
                .friendship(&a.user_id, &b.user_id)
                .await
                .unwrap()
                .is_some(),
            "{name}: unblocking finds the friendship as it was"
        );
    }
}

#[tokio::test]
async fn blocked_users_are_listed_newest_first_in_pages() {
    let adapters = adapters().await;
    for (name, social) in &adapters.social {
        let (users, a, b) = social_pair(&adapters, name).await;
        let c = created(&users, "cleo").await;
        let d = created(&users, "dan").await;
        for (user, at) in [(&b, 1_000), (&c, 3_000), (&d, 2_000)] {
            social
                .block_user(&a.user_id, &user.user_id, at)
                .await
                .unwrap();
        }
        // Someone else's blocks are not listed.
        social
            .block_user(&b.user_id, &c.user_id, 4_000)
            .await
            .unwrap();
        let listed: Vec<(String, i64)> = social
            .list_blocked(&a.user_id, PAGE)
            .await
            .unwrap()
            .into_iter()
            .map(|block| (block.blocked_id, block.since))
            .collect();
        assert_eq!(
            listed,
            [
                (c.user_id.clone(), 3_000),
                (d.user_id.clone(), 2_000),
                (b.user_id.clone(), 1_000)
            ],
            "{name}"
        );
        let second = social
            .list_blocked(
                &a.user_id,
                Page {
                    offset: 1,
                    limit: 1,
                },
            )
            .await
            .unwrap();
        assert_eq!(second.len(), 1, "{name}");
        assert_eq!(second[0].blocked_id, d.user_id, "{name}");
    }
}

// ---- MessageStore, SeqCache -----------------------------------------------------------------

fn text_message(
    conversation_id: &str,
    sender: &str,
    client_msg_id: &str,
    text: &str,
) -> NewMessage {
    NewMessage {
        message_id: new_id(),
        conversation_id: conversation_id.to_owned(),
        kind: ConversationKind::Single,
        sender_id: sender.to_owned(),
        client_msg_id: client_msg_id.to_owned(),
        content: Content::Text {
            text: text.to_owned(),
        },
        sent_at: now_millis(),
        reply_to: None,
        mentions: Default::default(),
    }
}

/// A single conversation between two new users, opened, with `count` text messages from the
/// first; returns the conversation and the users.
async fn conversation_with_messages(
    store: &Arc<dyn MessageStore>,
    count: usize,
) -> (String, String, String, Vec<Message>) {
    let (a, b) = (new_id(), new_id());
    let conversation = if a < b {
        format!("s_{a}_{b}")
    } else {
        format!("s_{b}_{a}")
    };
    store
        .open_conversation(
            &conversation,
            ConversationKind::Single,
            &[a.clone(), b.clone()],
            now_millis(),
        )
        .await
        .unwrap();
    let mut stored = Vec::new();
    for i in 0..count {
        let message = text_message(&conversation, &a, &format!("c{i}"), &format!("m{i}"));
        stored.push(store.append(&message).await.unwrap().message);
    }
    (conversation, a, b, stored)
}

#[tokio::test]
async fn message_stores_keep_a_reply_quote_and_edit_only_what_is_not_recalled() {
    for (name, store) in adapters().await.messages {
        let (conversation, a, _b, stored) = conversation_with_messages(&store, 2).await;
        let quote = Quote {
            message_id: stored[0].message_id.clone(),
            seq: stored[0].seq,
            sender_id: a.clone(),
            snippet: "m0".to_owned(),
            recalled: false,
        };
        let reply = NewMessage {
            reply_to: Some(quote.clone()),
            ..text_message(&conversation, &a, "reply", "a reply")
        };
        let appended = store.append(&reply).await.unwrap().message;
        assert_eq!(
            appended.reply_to.as_ref(),
            Some(&quote),
            "{name}: as appended"
        );
        let read = store.message(&appended.message_id).await.unwrap().unwrap();
        assert_eq!(read.reply_to, Some(quote), "{name}: as read back");
        assert_eq!(read.edited_at, None, "{name}");

        let mut ids: Vec<String> = stored.iter().map(|m| m.message_id.clone()).collect();
        ids.push(new_id());
        let mut found: Vec<i64> = store
            .messages_by_ids(&ids)
            .await
            .unwrap()
            .iter()
            .map(|m| m.seq)
            .collect();
        found.sort();
        assert_eq!(
            found,
            [1, 2],
            "{name}: the stored ones, unknown ids left out"
        );

        let new_text = Content::Text {
            text: "edited".to_owned(),
        };
        let edited = store
            .edit(&stored[0].message_id, &new_text, 1234)
            .await
            .unwrap()
            .expect("not recalled");
        assert_eq!(edited.content, Some(new_text.clone()), "{name}");
        assert_eq!(edited.edited_at, Some(1234), "{name}");
        let history = store
            .history(&a, &conversation, 0, HistoryPage::Forward { after: 0 }, 10)
            .await
            .unwrap();
        assert_eq!(
            history[0].content,
            Some(new_text.clone()),
            "{name}: history"
        );
        assert_eq!(history[0].edited_at, Some(1234), "{name}: history");

        store.recall(&stored[1].message_id, &a, 1).await.unwrap();
        let refused = store
            .edit(&stored[1].message_id, &new_text, 2)
            .await
            .unwrap();
        assert!(
            refused.is_none(),
            "{name}: a recalled message is not edited"
        );
        let still = store.message(&stored[1].message_id).await.unwrap().unwrap();
        assert_eq!(still.content, None, "{name}: recall wins");
        let recalled_after_edit = store.recall(&stored[0].message_id, &a, 3).await.unwrap();
        assert_eq!(
            recalled_after_edit.content, None,
            "{name}: a recall erases an edit"
        );
        let missing = store.edit(&new_id(), &new_text, 2).await.unwrap_err();
        assert_eq!(missing.reason, Reason::MessageNotFound, "{name}");
    }
}

#[tokio::test]
async fn message_stores_keep_mentions_and_find_them_after_a_read_seq() {
    for (name, store) in adapters().await.messages {
        let (conversation, a, b, stored) = conversation_with_messages(&store, 1).await;
        assert!(
            !store.mentioned_after(&b, &conversation, 0).await.unwrap(),
            "{name}: nothing mentions anyone yet"
        );
        let mention = |client_msg_id: &str, mentions: Mentions| NewMessage {
            mentions,
            ..text_message(&conversation, &a, client_msg_id, "hey")
        };
        let to_b = Mentions {
            user_ids: vec![b.clone()],
            all: false,
        };
        let named = store.append(&mention("named", to_b.clone())).await.unwrap();
        assert_eq!(named.message.mentions, to_b, "{name}: as appended");
        let read = store
            .message(&named.message.message_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(read.mentions, to_b, "{name}: as read back");
        assert_eq!(stored[0].mentions, Mentions::default(), "{name}");
        assert!(
            store.mentioned_after(&b, &conversation, 1).await.unwrap(),
            "{name}"
        );
        assert!(
            !store
                .mentioned_after(&b, &conversation, named.message.seq)
                .await
                .unwrap(),
            "{name}: read past it"
        );
        assert!(
            !store.mentioned_after(&a, &conversation, 0).await.unwrap(),
            "{name}: not a"
        );
        let retry = store.append(&mention("named", to_b.clone())).await.unwrap();
        assert!(retry.duplicate, "{name}");

        let everyone = Mentions {
            user_ids: Vec::new(),
            all: true,
        };
        let all = store
            .append(&mention("all", everyone.clone()))
            .await
            .unwrap();
        let read = store
            .message(&all.message.message_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(read.mentions, everyone, "{name}");
        let anyone = new_id();
        assert!(
            store
                .mentioned_after(&anyone, &conversation, all.message.seq - 1)
                .await
                .unwrap(),
            "{name}: everyone is mentioned"
        );
        assert!(
            !store
                .mentioned_after(&anyone, &conversation, all.message.seq)
                .await
                .unwrap(),
            "{name}"
        );
    }
}

#[tokio::test]
async fn search_indexes_find_live_text_by_substring_newest_first_within_their_scopes() {
    for (name, store, index) in adapters().await.searchable {
        let (conversation, a, _b, _) = conversation_with_messages(&store, 0).await;
        let texts = [
            "Hello world",
            "say HELLO",
            "nothing",
            "hello 世界",
            "recalled hello",
        ];
        let mut ids = Vec::new();
        for (n, text) in texts.iter().enumerate() {
            let message = NewMessage {
                sent_at: 1_000 + n as i64,
                ..text_message(&conversation, &a, &format!("s{n}"), text)
            };
            ids.push(store.append(&message).await.unwrap().message.message_id);
        }
        store.recall(&ids[4], &a, 2_000).await.unwrap();
        let edited = Content::Text {
            text: "nothing hello".to_owned(),
        };
        store.edit(&ids[2], &edited, 2_001).await.unwrap();
        let everything = [SearchScope {
            conversation_id: conversation.clone(),
            after_seq: 0,
        }];
        let found = index.search(&everything, "hello", None, 10).await.unwrap();
        assert_eq!(
            found,
            [
                ids[3].clone(),
                ids[2].clone(),
                ids[1].clone(),
                ids[0].clone()
            ],
            "{name}: newest first, any ASCII case, edits indexed, recalls gone"
        );
        let cjk = index.search(&everything, "界", None, 10).await.unwrap();
        assert_eq!(cjk, [ids[3].clone()], "{name}: one character");
        let none = index.search(&everything, "100%", None, 10).await.unwrap();
        assert!(none.is_empty(), "{name}");
        let after_two = [SearchScope {
            conversation_id: conversation.clone(),
            after_seq: 2,
        }];
        assert_eq!(
            index.search(&after_two, "hello", None, 10).await.unwrap(),
            [ids[3].clone(), ids[2].clone()],
            "{name}: only after the scope's seq"
        );
        let before = SearchCursor {
            sent_at: 1_002,
            message_id: ids[2].clone(),
        };
        assert_eq!(
            index
                .search(&everything, "hello", Some(&before), 1)
                .await
                .unwrap(),
            [ids[1].clone()],
            "{name}: older than the cursor, at most the limit"
        );
        let elsewhere = [SearchScope {
            conversation_id: format!("s_{}_{}", new_id(), new_id()),
            after_seq: 0,
        }];
        let outside = index.search(&elsewhere, "hello", None, 10).await.unwrap();
        assert!(outside.is_empty(), "{name}");
    }
}

#[tokio::test]
async fn pin_stores_keep_their_bound_and_list_the_newest_pin_first() {
    for (name, pins) in adapters().await.pins {
        let conversation = format!("g_{}", new_id());
        let pin = |seq: i64, at: Millis| Pin {
            message_id: new_id(),
            seq,
            pinned_by: "owner".to_owned(),
            pinned_at: at,
        };
        let (first, second, third) = (pin(1, 10), pin(2, 20), pin(3, 30));
        assert_eq!(
            pins.pin(&conversation, &first, 2).await.unwrap(),
            PinAdded::Pinned,
            "{name}"
        );
        assert_eq!(
            pins.pin(&conversation, &first, 2).await.unwrap(),
            PinAdded::AlreadyPinned,
            "{name}"
        );
        assert_eq!(
            pins.pin(&conversation, &second, 2).await.unwrap(),
            PinAdded::Pinned,
            "{name}"
        );
        assert_eq!(
            pins.pin(&conversation, &third, 2).await.unwrap(),
            PinAdded::TooMany,
            "{name}"
        );
        let listed = pins.pins(&conversation).await.unwrap();
        assert_eq!(
            listed,
            [second.clone(), first.clone()],
            "{name}: newest first"
        );
        assert!(
            pins.pins(&format!("g_{}", new_id()))
                .await
                .unwrap()
                .is_empty(),
            "{name}"
        );
        assert!(
            pins.unpin(&conversation, &first.message_id).await.unwrap(),
            "{name}"
        );
        assert!(
            !pins.unpin(&conversation, &first.message_id).await.unwrap(),
            "{name}: once"
        );
        assert_eq!(
            pins.pin(&conversation, &third, 2).await.unwrap(),
            PinAdded::Pinned,
            "{name}"
        );
        let listed = pins.pins(&conversation).await.unwrap();
        assert_eq!(listed, [third, second], "{name}");
    }
}

/// The list is in the order the emojis were first added, also when the clock does not move
/// between two adds (same millisecond) or goes back: ties must not fall to the emoji's bytes
/// ("❤️" sorts before "👍" and "😂" before both).
#[tokio::test]
async fn reaction_stores_list_emojis_first_added_first_in_one_millisecond_and_when_the_clock_goes_back()
 {
    let adapters = adapters().await;
    for ((name, store), (_, reactions)) in adapters.messages.iter().zip(&adapters.reactions) {
        let (_conversation, a, b, stored) = conversation_with_messages(store, 1).await;
        let m0 = &stored[0].message_id;
        let bounds = ReactionBounds {
            max_distinct: 5,
            max_per_user: 5,
        };
        let at = now_millis();
        for (user, emoji, at) in [
            (&a, "👍", at),
            (&b, "❤️", at),
            (&a, "😂", at - 5_000),
            (&b, "👍", at - 10_000),
        ] {
            let added = reactions.add(m0, user, emoji, bounds, at).await.unwrap();
            assert_eq!(added, ReactionAdded::Added, "{name}: {emoji}");
        }
        let seen = reactions
            .reactions(std::slice::from_ref(m0), &a)
            .await
            .unwrap();
        let listed: Vec<(String, i64)> = seen[m0.as_str()]
            .iter()
            .map(|r| (r.emoji.clone(), r.count))
            .collect();
        assert_eq!(
            listed,
            [
                ("👍".to_owned(), 2),
                ("❤️".to_owned(), 1),
                ("😂".to_owned(), 1)
            ],
            "{name}: first added first"
        );
    }
}

#[tokio::test]
async fn reaction_stores_count_per_emoji_keep_their_bounds_and_know_who_reacted() {
    let adapters = adapters().await;
    for ((name, store), (_, reactions)) in adapters.messages.iter().zip(&adapters.reactions) {
        let (_conversation, a, b, stored) = conversation_with_messages(store, 2).await;
        let (m0, m1) = (&stored[0].message_id, &stored[1].message_id);
        let bounds = ReactionBounds {
            max_distinct: 3,
            max_per_user: 2,
        };
        let add = |message: &str, user: &str, emoji: &str| {
            let (message, user, emoji) = (message.to_owned(), user.to_owned(), emoji.to_owned());
            let reactions = reactions.clone();
            async move {
                reactions
                    .add(&message, &user, &emoji, bounds, now_millis())
                    .await
                    .unwrap()
            }
        };
        assert_eq!(add(m0, &a, "👍").await, ReactionAdded::Added, "{name}");
        assert_eq!(
            add(m0, &a, "👍").await,
            ReactionAdded::AlreadyThere,
            "{name}"
        );
        assert_eq!(add(m0, &b, "👍").await, ReactionAdded::Added, "{name}");
        assert_eq!(add(m0, &a, "❤️").await, ReactionAdded::Added, "{name}");
        assert_eq!(
            add(m0, &a, "😂").await,
            ReactionAdded::TooManyByUser,
            "{name}"
        );
        assert_eq!(add(m0, &b, "😂").await, ReactionAdded::Added, "{name}");
        assert_eq!(
            add(m0, &b, "🎉").await,
            ReactionAdded::TooManyByUser,
            "{name}"
        );
        let c = new_id();
        assert_eq!(
            add(m0, &c, "🎉").await,
            ReactionAdded::TooManyOnMessage,
            "{name}: three distinct already"
        );
        assert_eq!(
            add(m0, &c, "👍").await,
            ReactionAdded::Added,
            "{name}: a known one"
        );

        let ids = [m0.clone(), m1.clone()];
        let seen = reactions.reactions(&ids, &a).await.unwrap();
        assert!(
            !seen.contains_key(m1.as_str()),
            "{name}: no reactions, no entry"
        );
        let counts: Vec<(String, i64, bool)> = seen[m0.as_str()]
            .iter()
            .map(|r| (r.emoji.clone(), r.count, r.reacted_by_me))
            .collect();
        assert_eq!(
            counts,
            [
                ("👍".to_owned(), 3, true),
                ("❤️".to_owned(), 1, true),
                ("😂".to_owned(), 1, false)
            ],
            "{name}: per emoji, first added first"
        );

        assert!(reactions.remove(m0, &b, "😂").await.unwrap(), "{name}");
        assert!(
            !reactions.remove(m0, &b, "😂").await.unwrap(),
            "{name}: once"
        );
        let seen = reactions.reactions(&ids, &b).await.unwrap();
        let emoji: Vec<&str> = seen[m0.as_str()].iter().map(|r| r.emoji.as_str()).collect();
        assert_eq!(emoji, ["👍", "❤️"], "{name}: an emoji nobody uses is gone");
        assert_eq!(
            add(m0, &c, "🎉").await,
            ReactionAdded::Added,
            "{name}: room again"
        );
    }
}

#[tokio::test]
async fn message_stores_number_densely_dedup_exactly_and_keep_read_positions_monotone() {
    for (name, store) in adapters().await.messages {
        let (a, b) = (new_id(), new_id());
        let conversation = if a < b {
            format!("s_{a}_{b}")
        } else {
            format!("s_{b}_{a}")
        };
        store
            .open_conversation(
                &conversation,
                ConversationKind::Single,
                &[a.clone(), b.clone()],
                now_millis(),
            )
            .await
            .unwrap();
        let mut seqs = Vec::new();
        for i in 0..5 {
            let appended = store
                .append(&text_message(
                    &conversation,
                    &a,
                    &format!("c{i}"),
                    &format!("m{i}"),
                ))
                .await
                .unwrap();
            assert!(!appended.duplicate, "{name}");
            seqs.push(appended.message.seq);
        }
        assert_eq!(seqs, [1, 2, 3, 4, 5], "{name}: dense seqs from 1");
        let retry = store
            .append(&text_message(&conversation, &a, "c2", "m2 again"))
            .await
            .unwrap();
        assert!(retry.duplicate, "{name}");
        assert_eq!(retry.message.seq, 3, "{name}: the original answers a retry");
        let read = store.mark_read(&b, &conversation, 4).await.unwrap();
        assert_eq!(read, 4, "{name}");
        let kept = store.mark_read(&b, &conversation, 2).await.unwrap();
        assert_eq!(kept, 4, "{name}: a read position never goes back");
        let capped = store.mark_read(&b, &conversation, 99).await.unwrap();
        assert_eq!(capped, 5, "{name}: nor past the last message");
        // The same client id from the other sender is another message, read by its sender.
        let other = store
            .append(&text_message(&conversation, &b, "c2", "from b"))
            .await
            .unwrap();
        assert_eq!((other.duplicate, other.message.seq), (false, 6), "{name}");
        let state = store
            .user_conversation(&b, &conversation)
            .await
            .unwrap()
            .expect("b's conversation");
        assert_eq!((state.max_seq, state.read_seq), (6, 6), "{name}");
        let state = store
            .user_conversation(&a, &conversation)
            .await
            .unwrap()
            .expect("a's conversation");
        assert_eq!((state.max_seq, state.read_seq), (6, 5), "{name}");

        let message = store
            .message(&retry.message.message_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            message.content,
            Some(Content::Text {
                text: "m2".to_owned()
            }),
            "{name}"
        );
        let recalled = store
            .recall(&message.message_id, &a, now_millis())
            .await
            .unwrap();
        assert!(recalled.recall.is_some(), "{name}");
        assert_eq!(recalled.content, None, "{name}: a recall drops the content");
    }
}

#[tokio::test]
async fn seq_caches_never_go_back_and_forget_on_request() {
    for (name, cache) in adapters().await.seq_caches {
        let conversation = format!("s_{}", new_id());
        assert_eq!(cache.last_seq(&conversation).await.unwrap(), None, "{name}");
        cache.advance(&conversation, 5).await.unwrap();
        cache.advance(&conversation, 3).await.unwrap();
        assert_eq!(
            cache.last_seq(&conversation).await.unwrap(),
            Some(5),
            "{name}"
        );
        cache.advance(&conversation, 7).await.unwrap();
        assert_eq!(
            cache.last_seq(&conversation).await.unwrap(),
            Some(7),
            "{name}"
        );
        cache.forget(&conversation).await.unwrap();
        assert_eq!(cache.last_seq(&conversation).await.unwrap(), None, "{name}");
    }
}

fn upload(uploader: &str, size: i64, created_at: Millis) -> MediaRecord {
    MediaRecord {
        media_id: new_id(),
        kind: MediaKind::File,
        mime_type: "text/plain".to_owned(),
        size,
        sha256: String::new(),
        file_name: "a.txt".to_owned(),
        width: 0,
        height: 0,
        uploader_id: uploader.to_owned(),
        created_at,
        completed: false,
    }
}

#[tokio::test]
async fn media_stores_complete_uploads_count_quota_and_share_once() {
    let adapters = adapters().await;
    for (name, store) in &adapters.media {
        let uploader = new_id();
        let old = upload(&uploader, 100, 1_000);
        let recent = upload(&uploader, 20, 5_000);
        let someone_elses = upload(&new_id(), 7, 5_000);
        for record in [&old, &recent, &someone_elses] {
            store.create_media(record).await.unwrap();
        }
        assert_eq!(
            store.media(&old.media_id).await.unwrap().as_ref(),
            Some(&old),
            "{name}"
        );
        assert_eq!(store.media(&new_id()).await.unwrap(), None, "{name}");
        // Pending uploads count only while recent; completed ones always.
        assert_eq!(
            store.uploaded_bytes(&uploader, 2_000).await.unwrap(),
            20,
            "{name}"
        );
        store.complete_media(&old.media_id, 3, 2).await.unwrap();
        let completed = store.media(&old.media_id).await.unwrap().unwrap();
        assert!(completed.completed, "{name}");
        assert_eq!((completed.width, completed.height), (3, 2), "{name}");
        assert_eq!(
            store.uploaded_bytes(&uploader, 2_000).await.unwrap(),
            120,
            "{name}"
        );
        assert_eq!(
            store.uploaded_bytes(&uploader, 9_000).await.unwrap(),
            100,
            "{name}"
        );
        assert_eq!(
            store.uploaded_bytes(&new_id(), 0).await.unwrap(),
            0,
            "{name}"
        );
        // Shared twice with one conversation is one conversation.
        assert!(
            store
                .media_conversations(&old.media_id)
                .await
                .unwrap()
                .is_empty()
        );
        for conversation in ["g_one", "g_two", "g_one"] {
            store
                .share_media(&old.media_id, conversation)
                .await
                .unwrap();
        }
        let mut shared = store.media_conversations(&old.media_id).await.unwrap();
        shared.sort();
        assert_eq!(shared, ["g_one", "g_two"], "{name}");
        assert!(
            store
                .media_conversations(&recent.media_id)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

/// Sends `bytes` through a blob store's upload URL for `declared` bytes, as a client does.
async fn put_through(blobs: &Arc<dyn BlobStore>, key: &str, declared: usize, bytes: &[u8]) -> u16 {
    let request = blobs.upload_request(key, "text/plain", declared as i64, Duration::from_secs(60));
    assert_eq!(request.method, "PUT");
    let mut put = reqwest::Client::new()
        .put(&request.url)
        .body(bytes.to_vec());
    for (header, value) in &request.headers {
        put = put.header(header, value);
    }
    put.send()
        .await
        .expect("the upload URL answers")
        .status()
        .as_u16()
}

#[tokio::test]
async fn blob_stores_take_exactly_what_their_upload_url_says_and_read_it_back() {
    let adapters = adapters().await;
    let media_dir = adapters._isolated.config.data_dir.join("media");
    for (name, blobs) in &adapters.blobs {
        let key = new_id();
        assert_eq!(blobs.size(&key).await.unwrap(), None, "{name}");
        let bytes = b"0123456789abcdef".repeat(10);
        if *name == "local" {
            // Its URLs are served by the server (tests/tests/e2e/im/media.rs): here the file is put
            // where an upload lands.
            std::fs::write(media_dir.join(&key), &bytes).unwrap();
        } else {
            let short = put_through(blobs, &key, bytes.len(), &bytes[..10]).await;
            assert!(short >= 400, "{name}: a short body was taken ({short})");
            assert_eq!(blobs.size(&key).await.unwrap(), None, "{name}");
            let long = put_through(blobs, &key, 10, &bytes).await;
            assert!(long >= 400, "{name}: a long body was taken ({long})");
            assert!(
                put_through(blobs, &key, bytes.len(), &bytes).await < 300,
                "{name}"
            );
            let again = put_through(blobs, &key, bytes.len(), &bytes).await;
            assert!(again >= 400, "{name}: a second upload was taken ({again})");
            let url =
                blobs.download_url(&key, "text/plain", "a.txt", false, Duration::from_secs(60));
            let got = reqwest::get(&url).await.unwrap();
            assert_eq!(got.status(), 200, "{name}");
            let disposition = got.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .to_owned();
            assert!(
                disposition.starts_with("attachment"),
                "{name}: {disposition}"
            );
            assert_eq!(got.bytes().await.unwrap().as_ref(), &bytes[..], "{name}");
        }
        assert_eq!(
            blobs.size(&key).await.unwrap(),
            Some(bytes.len() as i64),
            "{name}"
        );
        assert_eq!(blobs.prefix(&key, 4).await.unwrap(), b"0123", "{name}");
        assert_eq!(blobs.prefix(&key, 10_000).await.unwrap(), bytes, "{name}");
        let sum = hex::encode(sha2::Sha256::digest(&bytes));
        assert_eq!(blobs.sha256(&key).await.unwrap(), sum, "{name}");
        blobs.delete(&key).await.unwrap();
        blobs.delete(&key).await.unwrap();
        assert_eq!(blobs.size(&key).await.unwrap(), None, "{name}");
    }
}

fn outbox_event(n: usize) -> OutboxEvent {
    let id = new_id();
    let body = serde_json::json!({"id": id, "type": "user.online", "created_at_ms": n, "data": {}});
    OutboxEvent {
        event_id: id,
        event_type: "user.online".to_owned(),
        created_at: n as i64,
        body: serde_json::to_vec(&body).unwrap(),
    }
}

/// Reads until `want` events came (an outbox may answer in several batches).
async fn read_events(
    reader: &mut Box<dyn easychat_server::domain::ports::OutboxReader>,
    want: usize,
) -> Vec<OutboxEvent> {
    let mut got = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while got.len() < want && tokio::time::Instant::now() < deadline {
        got.extend(reader.next(want - got.len()).await.unwrap());
    }
    got
}

#[tokio::test]
async fn outboxes_keep_events_in_order_for_each_endpoint_until_committed() {
    let adapters = adapters().await;
    for (name, outbox) in &adapters.outboxes {
        let events: Vec<OutboxEvent> = (0..4).map(outbox_event).collect();
        outbox.append(&events).await.unwrap();
        let mut a = outbox.reader("a").await.unwrap();
        let read = read_events(&mut a, 4).await;
        assert_eq!(
            read, events,
            "{name}: endpoint a reads them all, in order, as they were"
        );
        a.commit().await.unwrap();
        // b is independent of a.
        let mut b = outbox.reader("b").await.unwrap();
        assert_eq!(
            read_events(&mut b, 4).await,
            events,
            "{name}: endpoint b too"
        );
        drop(b);
        // Committed: a reader opened again starts after them.
        let later = outbox_event(9);
        outbox.append(std::slice::from_ref(&later)).await.unwrap();
        drop(a);
        let mut a = outbox.reader("a").await.unwrap();
        assert_eq!(read_events(&mut a, 1).await, [later], "{name}");
    }
}
