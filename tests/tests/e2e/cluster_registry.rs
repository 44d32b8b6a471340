//! The node registry against a real etcd: nodes that share a registry prefix see each other;
//! a node stopped gracefully leaves the others' view at once, a crashed one when its lease
//! expires; a node whose lease is revoked behind its back registers again; APISIX's file lists
//! the registered nodes as they come and go (`easychat apisix-upstreams`).
//!
//! They need a profile with `backends.etcd.endpoints` (EASYCHAT_TEST_CONFIG, e.g.
//! deploy/config/single-node.toml, with `deploy/local/up --only etcd`); without one each test
//! prints a note and passes.

use std::time::Duration;

use easychat_server::cluster::{ApisixFile, NodeSet, RegistryOptions};
use easychat_server::config::Config;
use easychat_tests::TestServer;
use etcd_client::{Client, EventType, GetOptions, WatchOptions};
use tokio::sync::watch;

/// How long a view may take to show an expected change (leases here live a few seconds).
const WAIT: Duration = Duration::from_secs(20);

/// The profile's etcd endpoints, or None (after a note) when it has none.
fn etcd_endpoints() -> Option<Vec<String>> {
    let profile = std::env::var_os("EASYCHAT_TEST_CONFIG").map(std::path::PathBuf::from);
    let config = Config::load(profile.as_deref()).expect("test configuration loads");
    if config.backends.etcd.endpoints.is_empty() {
        easychat_tests::skipped("the test profile has no backends.etcd.endpoints");
        return None;
    }
    Some(config.backends.etcd.endpoints)
}

/// A registry prefix for the nodes of one test.
fn shared_prefix() -> String {
    let random = uuid::Uuid::new_v4().simple().to_string();
    format!("/easychat_t/{}/{}/", std::process::id(), &random[..12])
}

/// Joins the registry under `prefix` as `node_id`, with leases of `ttl_secs`.
fn node(prefix: &str, node_id: &str, ttl_secs: u64) -> impl FnOnce(&mut Config) {
    let prefix = prefix.to_owned();
    let node_id = node_id.to_owned();
    move |config| {
        config.cluster.etcd_prefix = prefix;
        config.cluster.node_id = Some(node_id);
        config.cluster.lease_ttl_secs = ttl_secs;
    }
}

async fn view(server: &mut TestServer) -> watch::Receiver<NodeSet> {
    server
        .observed()
        .await
        .nodes
        .expect("a server with etcd endpoints has a node view")
}

/// Waits until the view satisfies `condition`; panics with the last view after `WAIT`.
async fn until(
    view: &mut watch::Receiver<NodeSet>,
    what: &str,
    condition: impl Fn(&NodeSet) -> bool,
) {
    let reached = tokio::time::timeout(WAIT, view.wait_for(|nodes| condition(nodes)))
        .await
        .map(|result| result.is_ok());
    match reached {
        Ok(true) => {}
        Ok(false) => panic!("the node view closed while waiting for {what}"),
        Err(_) => panic!("no {what} within {WAIT:?}; view: {:?}", *view.borrow()),
    }
}

async fn etcd(endpoints: &[String]) -> Client {
    Client::connect(endpoints, None)
        .await
        .expect("connect to etcd")
}

#[tokio::test]
async fn two_nodes_sharing_a_registry_see_each_other() {
    let Some(_) = etcd_endpoints() else {
        return;
    };
    let prefix = shared_prefix();
    let mut a = TestServer::start_with(node(&prefix, "node-a", 10)).await;
    let mut b = TestServer::start_with(node(&prefix, "node-b", 10)).await;
    let (a_addr, b_addr) = (a.addr.to_string(), b.addr.to_string());

    let mut a_view = view(&mut a).await;
    let mut b_view = view(&mut b).await;

    for view in [&mut a_view, &mut b_view] {
        until(view, "both nodes", |nodes| {
            nodes.len() == 2
                && nodes.get("node-a").is_some_and(|n| n.grpc_addr == a_addr)
                && nodes.get("node-b").is_some_and(|n| n.grpc_addr == b_addr)
        })
        .await;
    }
    let nodes = a_view.borrow().clone();
    assert!(nodes.values().all(|n| n.started_at_ms > 0), "{nodes:?}");
    assert_eq!(nodes["node-b"].node_id, "node-b");
}

#[tokio::test]
async fn a_gracefully_stopped_node_leaves_the_view_at_once() {
    let Some(_) = etcd_endpoints() else {
        return;
    };
    let prefix = shared_prefix();
    // Leases far longer than the wait: only a revoked lease can make b leave in time.
    let mut a = TestServer::start_with(node(&prefix, "node-a", 300)).await;
    let b = TestServer::start_with(node(&prefix, "node-b", 300)).await;
    let mut a_view = view(&mut a).await;
    until(&mut a_view, "node-b", |nodes| nodes.contains_key("node-b")).await;

    b.stop().await;

    until(&mut a_view, "node-b leaving", |nodes| {
        !nodes.contains_key("node-b") && nodes.contains_key("node-a")
    })
    .await;
}

#[tokio::test]
async fn a_crashed_node_leaves_the_view_when_its_lease_expires() {
    let Some(endpoints) = etcd_endpoints() else {
        return;
    };
    let prefix = shared_prefix();
    let mut a = TestServer::start_with(node(&prefix, "node-a", 10)).await;
    let b = TestServer::start_crashable(node(&prefix, "node-b", 3)).await;
    let mut a_view = view(&mut a).await;
    until(&mut a_view, "node-b", |nodes| nodes.contains_key("node-b")).await;
    let b_key = format!("{prefix}nodes/node-b");

    b.crash();

    // Nobody revoked the lease: the key is still there, with time left on its lease…
    let mut etcd = etcd(&endpoints).await;
    let left = etcd.get(b_key.as_str(), None).await.expect("get b's key");
    let lease = left
        .kvs()
        .first()
        .expect("b's key outlives the crash")
        .lease();
    let ttl = etcd
        .lease_time_to_live(lease, None)
        .await
        .expect("b's lease")
        .ttl();
    assert!(ttl > 0, "the lease is running out, not revoked (ttl {ttl})");
    // …until the lease expires.
    until(&mut a_view, "node-b expiring", |nodes| {
        !nodes.contains_key("node-b") && nodes.contains_key("node-a")
    })
    .await;
    let gone = etcd.get(b_key.as_str(), None).await.expect("get b's key");
    assert!(gone.kvs().is_empty(), "the key went with its lease");
}

#[tokio::test]
async fn a_node_whose_lease_is_revoked_behind_its_back_registers_again() {
    let Some(endpoints) = etcd_endpoints() else {
        return;
    };
    let prefix = shared_prefix();
    let mut a = TestServer::start_with(node(&prefix, "node-a", 10)).await;
    let b = TestServer::start_with(node(&prefix, "node-b", 10)).await;
    let mut a_view = view(&mut a).await;
    until(&mut a_view, "node-b", |nodes| nodes.contains_key("node-b")).await;
    let b_key = format!("{prefix}nodes/node-b");
    let mut etcd = etcd(&endpoints).await;
    let registered = etcd.get(b_key.as_str(), None).await.expect("get b's key");
    let old_lease = registered.kvs().first().expect("b is registered").lease();

    let revoked = etcd
        .lease_revoke(old_lease)
        .await
        .expect("revoke b's lease");

    // The revocation deleted the key; b puts it back under a new lease.
    let after = revoked.header().expect("revision").revision() + 1;
    let mut changes = etcd
        .watch(
            b_key.as_str(),
            Some(WatchOptions::new().with_start_revision(after)),
        )
        .await
        .expect("watch b's key");
    let put_again = tokio::time::timeout(WAIT, async {
        loop {
            let response = changes
                .message()
                .await
                .expect("watch b's key")
                .expect("watch open");
            if let Some(put) = response
                .events()
                .iter()
                .find(|e| e.event_type() == EventType::Put)
            {
                return put.kv().expect("put has a value").lease();
            }
        }
    })
    .await
    .expect("b registered again");
    assert_ne!(put_again, old_lease, "a new lease");
    until(&mut a_view, "node-b back", |nodes| {
        nodes.contains_key("node-b")
    })
    .await;
    let listed = etcd
        .get(prefix.as_str(), Some(GetOptions::new().with_prefix()))
        .await
        .expect("list nodes");
    assert_eq!(listed.kvs().len(), 2, "one key per node");
    b.stop().await;
}

/// Waits until the APISIX file at `path` lists exactly `addrs` as the gRPC upstream's nodes.
async fn until_apisix_nodes(path: &std::path::Path, addrs: &[String]) {
    let deadline = std::time::Instant::now() + WAIT;
    let mut want = addrs.to_vec();
    want.sort();
    loop {
        let nodes = std::fs::read_to_string(path)
            .ok()
            .and_then(|text| {
                assert!(
                    text.ends_with("#END\n"),
                    "APISIX reads only complete files: {text}"
                );
                let config: serde_norway::Value = serde_norway::from_str(&text).ok()?;
                let upstream = config["upstreams"]
                    .as_sequence()?
                    .iter()
                    .find(|u| u["id"] == "easychat-grpc")?
                    .clone();
                let mut nodes: Vec<String> = upstream["nodes"]
                    .as_mapping()?
                    .keys()
                    .filter_map(|k| k.as_str().map(str::to_owned))
                    .collect();
                nodes.sort();
                Some(nodes)
            })
            .unwrap_or_default();
        if nodes == want {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "APISIX nodes {nodes:?}, expected {want:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn apisix_upstreams_follow_the_registry() {
    let Some(endpoints) = etcd_endpoints() else {
        return;
    };
    let prefix = shared_prefix();
    let a = TestServer::start_with(node(&prefix, "node-a", 10)).await;
    let dir = tempfile::tempdir().expect("temporary directory");
    let file = ApisixFile {
        template: std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../deploy/apisix/apisix.yaml"),
        out: dir.path().join("apisix.yaml"),
        upstream_id: "easychat-grpc".to_owned(),
    };
    let options = RegistryOptions {
        endpoints,
        prefix: prefix.clone(),
        lease_ttl_secs: 10,
    };
    let following = tokio::spawn({
        let file = file.clone();
        async move { file.follow(options).await }
    });

    until_apisix_nodes(&file.out, &[a.addr.to_string()]).await;
    let b = TestServer::start_with(node(&prefix, "node-b", 10)).await;
    until_apisix_nodes(&file.out, &[a.addr.to_string(), b.addr.to_string()]).await;
    b.stop().await;
    until_apisix_nodes(&file.out, &[a.addr.to_string()]).await;
    assert!(!following.is_finished(), "still following");
    following.abort();
}
