//! The presence directory shared through Redis by two nodes: a user's sessions count wherever
//! they are; the user is online while any of them lives and offline, with a last-seen time,
//! once the last ends, or once the node holding it dies and stops refreshing it.
//!
//! Two server nodes share one MySQL database (users, friends), one Redis key prefix (presence)
//! and one JWT secret; each keeps messages in its own embedded store, so a test sends only
//! through the node where the recipients are connected. Pushing presence to friends connected
//! to another node is the cluster's routing, not tested here.
//!
//! They need a profile with `backends.redis.url` and `backends.mysql.url`
//! (EASYCHAT_TEST_CONFIG=deploy/config/single-node.toml); without one each test prints a note
//! and passes.

#[allow(dead_code)] // the real-time helpers; this suite uses a few of them
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use easychat_server::config::Config;
use easychat_tests::sessions::{ChatSession, SubscribeSession, friend};
use easychat_tests::{TestServer, TestUser, befriend, send_text};

/// Both nodes sign and check tokens with it.
const SECRET: &str = "presence-directory-test-secret-0123456789abcdef";
/// Refresh interval of the nodes' sessions; they expire after three missed.
const REFRESH_MS: u64 = 500;
/// How long a crashed node's sessions may take to show offline (many times their TTL).
const EXPIRY_WAIT: Duration = Duration::from_secs(20);

/// Whether the test profile shares users and presence between nodes; prints a note if not.
fn shared_backends() -> bool {
    let profile = std::env::var_os("EASYCHAT_TEST_CONFIG").map(std::path::PathBuf::from);
    let config = Config::load(profile.as_deref()).expect("test configuration loads");
    let shared = config.backends.redis.url.is_some() && config.backends.mysql.url.is_some();
    if !shared {
        easychat_tests::skipped("the test profile needs backends.redis.url and backends.mysql.url");
    }
    shared
}

fn node_a(config: &mut Config) {
    config.auth.jwt_secret = Some(SECRET.to_owned());
    config.cluster.node_id = Some("node-a".to_owned());
    config.cluster.presence_refresh_ms = REFRESH_MS;
}

/// Node B: the users, presence and secret of `a`.
fn node_b(a: &TestServer) -> impl FnOnce(&mut Config) {
    let mysql_url = a.config.backends.mysql.url.clone();
    let redis_prefix = a.config.backends.redis.key_prefix.clone();
    move |config| {
        config.auth.jwt_secret = Some(SECRET.to_owned());
        config.cluster.node_id = Some("node-b".to_owned());
        config.cluster.presence_refresh_ms = REFRESH_MS;
        config.backends.mysql.url = mysql_url;
        config.backends.redis.key_prefix = redis_prefix;
    }
}

/// Node A, started (its database exists and is migrated before node B uses it).
async fn start_a() -> TestServer {
    let mut a = TestServer::start_with(node_a).await;
    a.observed().await;
    a
}

/// Alice and Bob, friends, registered through node A.
async fn friends(a: &TestServer) -> (TestUser, TestUser, String) {
    let alice = a.register("alice").await;
    let bob = a.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    (alice, bob, conversation_id)
}

fn only(node: &str, user: &TestUser) -> BTreeMap<String, BTreeSet<String>> {
    BTreeMap::from([(node.to_owned(), BTreeSet::from([user.user_id.clone()]))])
}

#[tokio::test]
async fn a_user_connected_to_one_node_shows_online_to_a_friend_asking_another() {
    if !shared_backends() {
        return;
    }
    let mut a = start_a().await;
    let b = TestServer::start_with(node_b(&a)).await;
    let (alice, bob, _) = friends(&a).await;
    assert!(!friend(&bob, &alice.user_id).await.online);

    let alice_on_b = ChatSession::open(&b, &alice.token).await;

    let listed = friend(&bob, &alice.user_id).await;
    assert!(listed.online, "{listed:?}");
    assert!(listed.last_seen_time.is_none());
    let directory = a.observed().await.presence;
    let ids = [alice.user_id.clone(), bob.user_id.clone()];
    assert_eq!(
        directory.nodes_of(&ids).await.expect("nodes_of"),
        only("node-b", &alice)
    );

    alice_on_b.close().await;

    let listed = friend(&bob, &alice.user_id).await;
    assert!(!listed.online, "{listed:?}");
    assert!(listed.last_seen_time.is_some(), "{listed:?}");
    assert!(directory.nodes_of(&ids).await.expect("nodes_of").is_empty());
    b.stop().await;
}

#[tokio::test]
async fn a_user_stays_online_while_a_device_on_another_node_lives() {
    if !shared_backends() {
        return;
    }
    let a = start_a().await;
    let b = TestServer::start_with(node_b(&a)).await;
    let (alice, bob, conversation_id) = friends(&a).await;
    let mut bob_on_a = SubscribeSession::open(&a, &bob).await;
    let alice_on_a = ChatSession::open(&a, &alice.token).await;
    assert!(bob_on_a.frames.next_presence(&alice.user_id).await.online);
    let alice_on_b = ChatSession::open(&b, &alice.token).await;

    // Alice's device on node A goes; her device on node B keeps her online…
    alice_on_a.close().await;
    assert!(friend(&bob, &alice.user_id).await.online);
    // …so node A announces nothing: no presence of hers comes before a later message.
    let later = send_text(&alice, &conversation_id, "still here on b")
        .await
        .expect("send through node A");
    let presence = bob_on_a
        .frames
        .presence_before_message(&later.message_id, &alice.user_id)
        .await;
    assert!(presence.is_empty(), "no presence change: {presence:?}");

    alice_on_b.close().await;

    let listed = friend(&bob, &alice.user_id).await;
    assert!(!listed.online, "{listed:?}");
    assert!(listed.last_seen_time.is_some(), "{listed:?}");
    b.stop().await;
}

#[tokio::test]
async fn sessions_refreshed_by_their_node_outlive_the_ttl() {
    if !shared_backends() {
        return;
    }
    let a = start_a().await;
    let b = TestServer::start_with(node_b(&a)).await;
    let (alice, bob, _) = friends(&a).await;
    let mut alice_on_b = ChatSession::open(&b, &alice.token).await;

    // Four TTLs (of three refresh intervals each), the stream kept busy with pings.
    let mut pace = tokio::time::interval(Duration::from_millis(REFRESH_MS));
    for _ in 0..12 {
        pace.tick().await;
        alice_on_b.ping().await;
    }

    assert!(friend(&bob, &alice.user_id).await.online);
    b.stop().await;
}

#[tokio::test]
async fn sessions_of_a_crashed_node_expire_and_the_user_shows_offline_with_last_seen() {
    if !shared_backends() {
        return;
    }
    let mut a = start_a().await;
    let b = TestServer::start_crashable(node_b(&a)).await;
    let (alice, bob, _) = friends(&a).await;
    let _alice_on_b = ChatSession::open(&b, &alice.token).await;
    assert!(friend(&bob, &alice.user_id).await.online);

    b.crash();

    // Nothing tells the directory: alice goes offline when node B's refreshes stop counting.
    let listed = tokio::time::timeout(EXPIRY_WAIT, async {
        let mut pace = tokio::time::interval(Duration::from_millis(REFRESH_MS));
        loop {
            pace.tick().await;
            let listed = friend(&bob, &alice.user_id).await;
            if !listed.online {
                return listed;
            }
        }
    })
    .await
    .expect("alice shows offline once node B's sessions expire");
    assert!(
        listed.last_seen_time.is_some(),
        "last seen at node B's last refresh: {listed:?}"
    );
    let directory = a.observed().await.presence;
    let ids = [alice.user_id.clone()];
    assert!(directory.nodes_of(&ids).await.expect("nodes_of").is_empty());
}

#[tokio::test]
async fn a_session_lost_from_the_directory_is_put_back_by_its_node() {
    if !shared_backends() {
        return;
    }
    let a = start_a().await;
    let b = TestServer::start_with(node_b(&a)).await;
    let (alice, bob, _) = friends(&a).await;
    let _alice_on_b = ChatSession::open(&b, &alice.token).await;
    assert!(friend(&bob, &alice.user_id).await.online);

    // As if Redis had been flushed: alice's sessions are gone from the directory.
    let url = a.config.backends.redis.url.as_deref().expect("redis url");
    let mut redis = redis::Client::open(url)
        .expect("redis url")
        .get_multiplexed_async_connection()
        .await
        .expect("connect to redis");
    let key = format!(
        "{}presence:{}",
        a.config.backends.redis.key_prefix, alice.user_id
    );
    let deleted: i64 = redis::cmd("DEL")
        .arg(&key)
        .query_async(&mut redis)
        .await
        .expect("delete alice's sessions");
    assert_eq!(deleted, 1, "alice's sessions were under {key}");

    // Node B still holds the session: its next refresh puts it back.
    tokio::time::timeout(EXPIRY_WAIT, async {
        let mut pace = tokio::time::interval(Duration::from_millis(REFRESH_MS));
        loop {
            pace.tick().await;
            if friend(&bob, &alice.user_id).await.online {
                return;
            }
        }
    })
    .await
    .expect("alice shows online again after node B's refresh");
    b.stop().await;
}
