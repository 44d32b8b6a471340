//! End-to-end tests of the seq cache in Redis in front of the Mongo message store: whatever
//! happens to the cache (flushed, set back, several nodes writing at once), seqs stay dense and
//! are never handed out twice, because MongoDB's unique (conversation, seq) index decides.
//!
//! The cache serves MongoDB's single appends, i.e. MongoDB without the Kafka pipeline, so these
//! servers run without Kafka. With Kafka the partition's consumer numbers each run from the last
//! seq it stored itself and Redis is not on the path at all (node_failures.rs, and the store's
//! own tests in server/src/store/mongo/tests.rs).
//!
//! They need a profile with Redis and MongoDB (MySQL too for the two-server test, whose servers
//! share users): `EASYCHAT_TEST_CONFIG=deploy/config/single-node.toml`. Otherwise each test
//! prints a note and passes without running. They use Redis logical database 15 of the
//! profile's Redis, and flush only that one: other databases of that Redis may be shared.

use std::collections::HashMap;

use easychat_proto::im::v1::im_service_client::ImServiceClient;
use easychat_proto::im::v1::{self as im, send_message_request::Target};
use easychat_proto::social::v1 as social;
use easychat_server::config::Config;
use easychat_tests::{Bearer, TestServer, TestUser, befriend, send_text};
use redis::AsyncCommands;
use tokio::task::JoinSet;

/// The Redis logical database these tests may flush.
const REDIS_DB: u32 = 15;

/// Held by each test for its whole run: one test flushing database 15 must not empty another's
/// cache between its write and its check.
static REDIS_DB_IN_USE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// What each test needs from the profile.
#[derive(Clone, Copy, PartialEq)]
enum Needs {
    RedisAndMongo,
    RedisMongoAndMysql,
}

/// Whether the profile has the backends; prints why not when it does not.
fn profile_has(needs: Needs) -> bool {
    let profile = std::env::var_os("EASYCHAT_TEST_CONFIG").map(std::path::PathBuf::from);
    let config = Config::load(profile.as_deref()).expect("test configuration loads");
    let backends = &config.backends;
    let has = backends.redis.url.is_some()
        && backends.mongo.url.is_some()
        && (needs == Needs::RedisAndMongo || backends.mysql.url.is_some());
    if !has {
        easychat_tests::skipped(
            "the seq cache tests need Redis and MongoDB (and MySQL for two servers) in \
             the profile, e.g. EASYCHAT_TEST_CONFIG=deploy/config/single-node.toml",
        );
    }
    has
}

/// `url` with its logical database replaced by `db` (query kept).
fn with_redis_db(url: &str, db: u32) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority = base.find("://").map_or(0, |i| i + 3);
    let server = match base[authority..].find('/') {
        Some(slash) => &base[..authority + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{db}?{query}"),
        None => format!("{server}/{db}"),
    }
}

/// A server on the profile without Kafka (see the module comment), its seq cache in Redis
/// database 15, no message rate limit (the concurrent test sends bursts), and `jwt_secret` so
/// that servers can share users.
async fn start_server(jwt_secret: &str, adjust: impl FnOnce(&mut Config)) -> TestServer {
    let secret = jwt_secret.to_owned();
    TestServer::start_with(move |config| {
        let url = config
            .backends
            .redis
            .url
            .as_deref()
            .expect("profile has Redis");
        config.backends.redis.url = Some(with_redis_db(url, REDIS_DB));
        config.backends.kafka.brokers = None;
        config.limits.messages_per_second = 0.0;
        config.auth.jwt_secret = Some(secret);
        adjust(config);
    })
    .await
}

fn random_secret() -> String {
    uuid::Uuid::new_v4().simple().to_string().repeat(2)
}

async fn redis_of(server: &TestServer) -> redis::aio::MultiplexedConnection {
    let url = server.config.backends.redis.url.as_deref().expect("Redis");
    redis::Client::open(url)
        .expect("valid Redis URL")
        .get_multiplexed_async_connection()
        .await
        .expect("connect to Redis")
}

/// The key of a conversation's cached last seq (`store::redis::RedisSeqCache`).
fn cache_key(server: &TestServer, conversation_id: &str) -> String {
    format!(
        "{}seq:{conversation_id}",
        server.config.backends.redis.key_prefix
    )
}

async fn cached_seq(server: &TestServer, conversation_id: &str) -> Option<i64> {
    redis_of(server)
        .await
        .get(cache_key(server, conversation_id))
        .await
        .expect("read the cache entry")
}

/// Sends `count` texts from `sender`; returns their seqs in order.
async fn send_many(sender: &TestUser, conversation_id: &str, count: usize) -> Vec<i64> {
    let mut seqs = Vec::new();
    for n in 0..count {
        let message = send_text(sender, conversation_id, &format!("message {n}"))
            .await
            .expect("send");
        seqs.push(message.seq);
    }
    seqs
}

/// The whole history as `im` sees it, oldest first, following the page tokens.
async fn history(
    im: &mut ImServiceClient<easychat_tests::Authed>,
    conversation_id: &str,
) -> Vec<im::Message> {
    let mut messages = Vec::new();
    let mut page_token = String::new();
    loop {
        let page = im
            .list_messages(im::ListMessagesRequest {
                conversation_id: conversation_id.to_owned(),
                page_size: 200,
                page_token,
                ..Default::default()
            })
            .await
            .expect("list messages")
            .into_inner();
        messages.extend(page.messages);
        if page.next_page_token.is_empty() {
            break;
        }
        page_token = page.next_page_token;
    }
    messages.sort_by_key(|m| m.seq);
    messages
}

fn seqs_of(messages: &[im::Message]) -> Vec<i64> {
    messages.iter().map(|m| m.seq).collect()
}

fn one_to(n: i64) -> Vec<i64> {
    (1..=n).collect()
}

#[tokio::test]
async fn seqs_continue_where_they_were_after_redis_is_flushed() {
    if !profile_has(Needs::RedisAndMongo) {
        return;
    }
    let _db = REDIS_DB_IN_USE.lock().await;
    let server = start_server(&random_secret(), |_| {}).await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation = befriend(&alice, &bob).await;
    assert_eq!(send_many(&alice, &conversation, 3).await, vec![1, 2, 3]);
    assert_eq!(
        cached_seq(&server, &conversation).await,
        Some(3),
        "the server keeps the last seq in Redis"
    );

    let () = redis::cmd("FLUSHDB")
        .query_async(&mut redis_of(&server).await)
        .await
        .expect("flush Redis database 15");
    assert_eq!(cached_seq(&server, &conversation).await, None);

    assert_eq!(send_many(&bob, &conversation, 3).await, vec![4, 5, 6]);
    assert_eq!(cached_seq(&server, &conversation).await, Some(6));
    assert_eq!(
        seqs_of(&history(&mut bob.im(), &conversation).await),
        one_to(6)
    );
    server.stop().await;
}

#[tokio::test]
async fn seqs_on_the_kafka_pipeline_neither_use_nor_need_redis() {
    if !profile_has(Needs::RedisAndMongo) {
        return;
    }
    let profile = std::env::var_os("EASYCHAT_TEST_CONFIG").map(std::path::PathBuf::from);
    let brokers = Config::load(profile.as_deref())
        .expect("test configuration loads")
        .backends
        .kafka
        .brokers;
    if brokers.is_none() {
        easychat_tests::skipped("the profile has no backends.kafka.brokers");
        return;
    }
    let _db = REDIS_DB_IN_USE.lock().await;
    let server = start_server(&random_secret(), |config| {
        config.backends.kafka.brokers = brokers;
    })
    .await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation = befriend(&alice, &bob).await;
    assert_eq!(send_many(&alice, &conversation, 3).await, vec![1, 2, 3]);
    assert_eq!(
        cached_seq(&server, &conversation).await,
        None,
        "the consumer numbers runs itself: no seq in Redis"
    );
    let () = redis::cmd("FLUSHDB")
        .query_async(&mut redis_of(&server).await)
        .await
        .expect("flush Redis database 15");
    assert_eq!(send_many(&bob, &conversation, 3).await, vec![4, 5, 6]);
    assert_eq!(
        seqs_of(&history(&mut bob.im(), &conversation).await),
        one_to(6)
    );
    server.stop().await;
}

#[tokio::test]
async fn a_cache_set_back_to_an_old_seq_hands_out_no_seq_twice() {
    if !profile_has(Needs::RedisAndMongo) {
        return;
    }
    let _db = REDIS_DB_IN_USE.lock().await;
    let server = start_server(&random_secret(), |_| {}).await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation = befriend(&alice, &bob).await;
    assert_eq!(send_many(&alice, &conversation, 5).await, one_to(5));

    // As if Redis came back from an old snapshot.
    let () = redis_of(&server)
        .await
        .set(cache_key(&server, &conversation), 2)
        .await
        .expect("set the cache entry back");

    assert_eq!(send_many(&bob, &conversation, 2).await, vec![6, 7]);
    assert_eq!(cached_seq(&server, &conversation).await, Some(7));
    assert_eq!(
        seqs_of(&history(&mut alice.im(), &conversation).await),
        one_to(7)
    );
    server.stop().await;
}

/// How many members send into the group at once, and how many messages each sends.
const SENDERS: usize = 8;
const MESSAGES_EACH: usize = 25;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_senders_on_two_servers_get_seqs_one_to_n() {
    if !profile_has(Needs::RedisMongoAndMysql) {
        return;
    }
    let _db = REDIS_DB_IN_USE.lock().await;
    let secret = random_secret();
    let a = start_server(&secret, |_| {}).await;
    // Answered once the first server has created and migrated the databases the second one uses.
    let owner = a.register("owner").await;
    // The second node shares everything with the first: users (MySQL), messages (MongoDB), the
    // seq cache and rate limits (Redis), the token secret.
    let shared = a.config.backends.clone();
    let b = start_server(&secret, move |config| {
        config.backends.mysql.url = shared.mysql.url;
        config.backends.mongo.database = shared.mongo.database;
        config.backends.redis.key_prefix = shared.redis.key_prefix;
    })
    .await;

    let mut members = Vec::new();
    for n in 1..SENDERS {
        let member = a.register(&format!("member{n}")).await;
        befriend(&owner, &member).await;
        members.push(member);
    }
    let group = owner
        .social()
        .create_group(social::CreateGroupRequest {
            name: "crowd".to_owned(),
            member_ids: members.iter().map(|m| m.user_id.clone()).collect(),
            join_policy: social::JoinPolicy::Open as i32,
            ..Default::default()
        })
        .await
        .expect("create group")
        .into_inner()
        .group
        .expect("group");
    let conversation = format!("g_{}", group.group_id);

    // Every sender alternates between the two servers, all senders at once.
    let channels = [a.channel().await, b.channel().await];
    let mut senders = JoinSet::new();
    for (n, user) in std::iter::once(&owner).chain(&members).enumerate() {
        let clients: Vec<ImServiceClient<easychat_tests::Authed>> = channels
            .iter()
            .map(|channel| {
                ImServiceClient::with_interceptor(channel.clone(), Bearer::new(&user.token))
            })
            .collect();
        let group_id = group.group_id.clone();
        senders.spawn(async move {
            let mut acked = Vec::new();
            for i in 0..MESSAGES_EACH {
                let mut client = clients[(n + i) % 2].clone();
                let message = client
                    .send_message(im::SendMessageRequest {
                        client_msg_id: uuid::Uuid::new_v4().to_string(),
                        target: Some(Target::GroupId(group_id.clone())),
                        content: Some(easychat_tests::text(&format!("{n}/{i}"))),
                        ..Default::default()
                    })
                    .await
                    .expect("send")
                    .into_inner()
                    .message
                    .expect("acked message");
                acked.push((message.message_id, message.seq));
            }
            acked
        });
    }
    let mut acked: HashMap<String, i64> = HashMap::new();
    while let Some(sent) = senders.join_next().await {
        acked.extend(sent.expect("sender task"));
    }
    let total = (SENDERS * MESSAGES_EACH) as i64;
    assert_eq!(
        acked.len(),
        total as usize,
        "every send acked with its own id"
    );
    let mut acked_seqs: Vec<i64> = acked.values().copied().collect();
    acked_seqs.sort_unstable();
    assert_eq!(acked_seqs, one_to(total), "acked seqs: no gap, no repeat");

    // What is stored is what was acked, whichever server is asked.
    let mut from_b =
        ImServiceClient::with_interceptor(channels[1].clone(), Bearer::new(&owner.token));
    for stored in [
        history(&mut owner.im(), &conversation).await,
        history(&mut from_b, &conversation).await,
    ] {
        assert_eq!(seqs_of(&stored), one_to(total));
        for message in &stored {
            assert_eq!(acked.get(&message.message_id), Some(&message.seq));
        }
    }
    assert_eq!(cached_seq(&a, &conversation).await, Some(total));

    // The first server's databases are the shared ones: stop it last.
    b.stop().await;
    a.stop().await;
}

#[test]
fn redis_database_of_the_url_is_replaced() {
    assert_eq!(
        with_redis_db("redis://127.0.0.1:6379", 15),
        "redis://127.0.0.1:6379/15"
    );
    assert_eq!(with_redis_db("redis://h:6379/2", 15), "redis://h:6379/15");
    assert_eq!(
        with_redis_db("redis://:pw@h:6379/0?protocol=resp3", 15),
        "redis://:pw@h:6379/15?protocol=resp3"
    );
}
