//! The node registry in etcd: every node puts `<prefix>nodes/<node_id>` → its [`NodeInfo`]
//! (JSON) under a lease, and watches `<prefix>nodes/` to know the node set.
//!
//! Life of a registration:
//! - start: grant a lease of `cluster.lease_ttl_secs` and put the key with it. A failure fails
//!   the start: a node that cannot register would serve without the others knowing of it.
//! - A keep-alive task renews the lease every third of the TTL. When etcd answers that the lease
//!   is gone (it expired while etcd was out of reach, or someone revoked it), or the keep-alive
//!   fails, the task grants a new lease and puts the key again, retrying with backoff.
//! - A watch task keeps the node set: a get of the prefix, then a watch from the revision after
//!   the get's, so no change between the two is missed. When the watch breaks (etcd restarted, history
//!   compacted) it starts over with a new get. Seeing this node's own key deleted, it asks the
//!   keep-alive task to put it back at once.
//! - [`Registry::shut_down`] stops both tasks and revokes the lease: the node leaves the set at
//!   once. After a crash the keep-alives stop and the node leaves when the lease expires.
//!   Dropping the registry without `shut_down` is that crash: its tasks stop, nothing is revoked.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use etcd_client::{
    Client, ConnectOptions, EventType, GetOptions, KeyValue, PutOptions, WatchOptions,
};
use serde::{Deserialize, Serialize};
use tokio::sync::{Notify, oneshot, watch};
use tokio::task::JoinHandle;

/// Longest wait for one etcd call. The client's balanced channel waits without bound for an
/// endpoint to come up, so every call is bounded here.
const CALL_TIMEOUT: Duration = Duration::from_secs(5);
/// HTTP/2 pings on the etcd connection, so a dead connection under a silent watch is noticed.
const PING_INTERVAL: Duration = Duration::from_secs(5);
const PING_TIMEOUT: Duration = Duration::from_secs(5);
/// Backoff between attempts while etcd is unreachable.
const RETRY_MIN: Duration = Duration::from_millis(100);
const RETRY_MAX: Duration = Duration::from_secs(5);

/// What a node publishes about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeInfo {
    pub node_id: String,
    /// Where other nodes and gateways reach the node's gRPC services (`host:port`).
    pub grpc_addr: String,
    /// When the node started, in milliseconds since the epoch.
    pub started_at_ms: i64,
}

/// The registered nodes by id.
pub type NodeSet = BTreeMap<String, NodeInfo>;

/// Where the registry lives and how long a registration outlives its node.
#[derive(Debug, Clone)]
pub struct RegistryOptions {
    pub endpoints: Vec<String>,
    /// Key prefix; the node keys are `<prefix>nodes/<node_id>`.
    pub prefix: String,
    /// Lease TTL in seconds (etcd raises values below its minimum, about 2 s by default).
    pub lease_ttl_secs: i64,
}

impl RegistryOptions {
    /// The registry `config` names (`backends.etcd.endpoints`, `cluster.*`).
    pub fn from_config(config: &crate::config::Config) -> RegistryOptions {
        RegistryOptions {
            endpoints: config.backends.etcd.endpoints.clone(),
            prefix: config.cluster.etcd_prefix.clone(),
            lease_ttl_secs: i64::try_from(config.cluster.lease_ttl_secs).unwrap_or(i64::MAX),
        }
    }
}

/// This node's registration and its view of the node set.
pub struct Registry {
    me: NodeInfo,
    client: Client,
    /// The lease the registration currently lives under (the keep-alive task replaces it).
    lease: Arc<AtomicI64>,
    nodes: watch::Receiver<NodeSet>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
    /// `shut_down` ran: later calls do nothing.
    left: AtomicBool,
}

impl Registry {
    /// Connects, registers `me` and reads the node set; fails when etcd does not answer.
    pub async fn start(options: RegistryOptions, me: NodeInfo) -> anyhow::Result<Registry> {
        let client = connect(&options).await?;
        let nodes_prefix = format!("{}nodes/", options.prefix);
        let key = format!("{nodes_prefix}{}", me.node_id);
        let value = serde_json::to_string(&me).context("encoding the node info")?;
        let ttl = options.lease_ttl_secs.max(1);
        let lease_id = register(&mut client.clone(), &key, &value, ttl)
            .await
            .with_context(|| format!("registering {key} in etcd"))?;
        let lease = Arc::new(AtomicI64::new(lease_id));
        let reput = Arc::new(Notify::new());
        let (publish, nodes) = watch::channel(NodeSet::new());

        let keeper = Keeper {
            client: client.clone(),
            key: key.clone(),
            value,
            ttl,
            lease: lease.clone(),
            reput: reput.clone(),
        };
        let watcher = Watcher {
            client: client.clone(),
            prefix: nodes_prefix,
            own_key: Some(key),
            publish,
            reput,
            listed: None,
        };
        let registry = Registry {
            me,
            client,
            lease,
            nodes,
            tasks: Mutex::new(vec![
                tokio::spawn(keeper.run()),
                tokio::spawn(watcher.run()),
            ]),
            left: AtomicBool::new(false),
        };
        // Callers start from a real view, which has this node in it.
        let mut first = registry.nodes();
        let own_id = registry.me.node_id.clone();
        tokio::time::timeout(
            CALL_TIMEOUT,
            first.wait_for(|set| set.contains_key(&own_id)),
        )
        .await
        .context("etcd did not show the node set in time")?
        .context("the node registry's watch stopped")?;
        tracing::info!(
            node_id = %registry.me.node_id,
            grpc_addr = %registry.me.grpc_addr,
            nodes = registry.nodes.borrow().len(),
            "registered in the node registry"
        );
        Ok(registry)
    }

    /// This node as registered.
    pub fn me(&self) -> &NodeInfo {
        &self.me
    }

    /// The current node set (this node included while it is registered), updated as nodes
    /// come and go.
    pub fn nodes(&self) -> watch::Receiver<NodeSet> {
        self.nodes.clone()
    }

    /// Leaves the registry: stops renewing and revokes the lease, so the node leaves the set at
    /// once rather than after the TTL.
    pub async fn shut_down(&self) {
        if self.left.swap(true, Ordering::SeqCst) {
            return;
        }
        self.stop_tasks();
        let lease = self.lease.load(Ordering::SeqCst);
        match timed(self.client.clone().lease_revoke(lease)).await {
            Ok(_) => tracing::info!(node_id = %self.me.node_id, "left the node registry"),
            Err(e) => tracing::warn!(
                error = %format!("{e:#}"),
                "could not revoke the registry lease; the registration expires with its TTL"
            ),
        }
    }

    fn stop_tasks(&self) {
        let mut tasks = self.tasks.lock().unwrap_or_else(|p| p.into_inner());
        for task in tasks.drain(..) {
            task.abort();
        }
    }
}

/// Dropped without `shut_down` (a crash, as far as etcd can tell): the keep-alives stop and
/// the registration expires with its lease.
impl Drop for Registry {
    fn drop(&mut self) {
        self.stop_tasks();
    }
}

/// The node set, followed without registering: what a WebSocket gateway picks its upstreams
/// from. Dropping it stops following.
pub struct NodeWatch {
    nodes: watch::Receiver<NodeSet>,
    task: JoinHandle<()>,
}

impl NodeWatch {
    /// Connects and reads the node set; fails when etcd does not answer.
    pub async fn start(options: RegistryOptions) -> anyhow::Result<NodeWatch> {
        let client = connect(&options).await?;
        let (publish, nodes) = watch::channel(NodeSet::new());
        let (listed, first_listing) = oneshot::channel();
        let watcher = Watcher {
            client,
            prefix: format!("{}nodes/", options.prefix),
            own_key: None,
            publish,
            reput: Arc::new(Notify::new()),
            listed: Some(listed),
        };
        let task = tokio::spawn(watcher.run());
        tokio::time::timeout(CALL_TIMEOUT, first_listing)
            .await
            .context("etcd did not show the node set in time")?
            .context("the node registry's watch stopped")?;
        Ok(NodeWatch { nodes, task })
    }

    /// The current node set, updated as nodes come and go.
    pub fn nodes(&self) -> watch::Receiver<NodeSet> {
        self.nodes.clone()
    }
}

impl Drop for NodeWatch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn connect(options: &RegistryOptions) -> anyhow::Result<Client> {
    anyhow::ensure!(
        !options.endpoints.is_empty(),
        "no etcd endpoints configured"
    );
    let connect = ConnectOptions::new()
        .with_connect_timeout(CALL_TIMEOUT)
        .with_keep_alive(PING_INTERVAL, PING_TIMEOUT)
        .with_keep_alive_while_idle(true)
        // A member cut off from its cluster's leader must not serve a stale watch.
        .with_require_leader(true);
    timed(Client::connect(&options.endpoints, Some(connect)))
        .await
        .with_context(|| format!("connecting to etcd at {:?}", options.endpoints))
}

/// Grants a lease and puts the node's key under it; returns the lease id.
async fn register(client: &mut Client, key: &str, value: &str, ttl: i64) -> anyhow::Result<i64> {
    let granted = timed(client.lease_grant(ttl, None))
        .await
        .context("granting a lease")?;
    if !granted.error().is_empty() {
        bail!("etcd refused the lease: {}", granted.error());
    }
    put(client, key, value, granted.id()).await?;
    Ok(granted.id())
}

async fn put(client: &mut Client, key: &str, value: &str, lease: i64) -> anyhow::Result<()> {
    timed(client.put(key, value, Some(PutOptions::new().with_lease(lease))))
        .await
        .context("putting the node key")?;
    Ok(())
}

/// Why a keep-alive round ended.
enum KeepAliveEnd {
    /// etcd no longer knows the lease: register again at once.
    LeaseLost,
    /// etcd could not be reached or answered wrong: register again after a pause.
    Failed(anyhow::Error),
}

/// Keeps the registration alive, re-registering whenever it is lost.
struct Keeper {
    client: Client,
    key: String,
    value: String,
    ttl: i64,
    lease: Arc<AtomicI64>,
    reput: Arc<Notify>,
}

impl Keeper {
    async fn run(mut self) {
        let mut retry = Backoff::default();
        loop {
            match self.keep_alive(&mut retry).await {
                KeepAliveEnd::LeaseLost => {
                    tracing::warn!(key = %self.key, "registry lease lost; registering again");
                }
                KeepAliveEnd::Failed(e) => {
                    tracing::warn!(error = %format!("{e:#}"), "registry keep-alive failed");
                    retry.wait().await;
                }
            }
            loop {
                match register(&mut self.client, &self.key, &self.value, self.ttl).await {
                    Ok(lease) => {
                        self.lease.store(lease, Ordering::SeqCst);
                        tracing::info!(key = %self.key, "registered again in the node registry");
                        break;
                    }
                    Err(e) => {
                        tracing::warn!(error = %format!("{e:#}"), "registering again failed");
                        retry.wait().await;
                    }
                }
            }
        }
    }

    /// Renews the current lease every third of the TTL until that fails; puts the key back
    /// when the watcher saw it deleted.
    async fn keep_alive(&mut self, retry: &mut Backoff) -> KeepAliveEnd {
        let lease = self.lease.load(Ordering::SeqCst);
        let (mut keeper, mut answers) = match timed(self.client.lease_keep_alive(lease)).await {
            Ok(stream) => stream,
            Err(e) => return KeepAliveEnd::Failed(e.context("opening the keep-alive stream")),
        };
        let ttl = Duration::from_secs(self.ttl.unsigned_abs());
        let period = (ttl / 3).max(Duration::from_millis(100));
        let answer_timeout = CALL_TIMEOUT.min(ttl);
        let mut ticks = tokio::time::interval(period);
        loop {
            tokio::select! {
                _ = ticks.tick() => {
                    if let Err(e) = keeper.keep_alive().await {
                        return KeepAliveEnd::Failed(anyhow!(e).context("sending a keep-alive"));
                    }
                    match tokio::time::timeout(answer_timeout, answers.message()).await {
                        Err(_) => {
                            return KeepAliveEnd::Failed(anyhow!(
                                "no keep-alive answer within {answer_timeout:?}"
                            ));
                        }
                        Ok(Err(e)) => return KeepAliveEnd::Failed(e.into()),
                        Ok(Ok(None)) => {
                            return KeepAliveEnd::Failed(anyhow!("the keep-alive stream ended"));
                        }
                        // TTL 0: etcd no longer has the lease (expired or revoked).
                        Ok(Ok(Some(answer))) if answer.ttl() <= 0 => return KeepAliveEnd::LeaseLost,
                        Ok(Ok(Some(_))) => retry.reset(),
                    }
                }
                () = self.reput.notified() => {
                    // The key went while the lease may still live (deleted by hand); if the lease
                    // went with it, the put fails and a new registration follows.
                    if let Err(e) = put(&mut self.client, &self.key, &self.value, lease).await {
                        return KeepAliveEnd::Failed(e);
                    }
                }
            }
        }
    }
}

/// Follows the node set.
struct Watcher {
    client: Client,
    /// `<prefix>nodes/`
    prefix: String,
    /// The registration to put back when it goes missing; None for a [`NodeWatch`].
    own_key: Option<String>,
    publish: watch::Sender<NodeSet>,
    reput: Arc<Notify>,
    /// Told once the node set was first read.
    listed: Option<oneshot::Sender<()>>,
}

impl Watcher {
    async fn run(mut self) {
        let mut retry = Backoff::default();
        loop {
            let Err(e) = self.follow(&mut retry).await;
            tracing::warn!(
                error = %format!("{e:#}"),
                "node registry watch broke; reading the node set again"
            );
            retry.wait().await;
        }
    }

    /// Reads the node set, then applies every change after it until the watch breaks.
    async fn follow(&mut self, retry: &mut Backoff) -> anyhow::Result<Infallible> {
        let listed = timed(
            self.client
                .get(self.prefix.as_str(), Some(GetOptions::new().with_prefix())),
        )
        .await
        .context("listing the nodes")?;
        let revision = listed
            .header()
            .context("etcd sent no revision with the node list")?
            .revision();
        let mut nodes = NodeSet::new();
        for kv in listed.kvs() {
            self.apply_put(&mut nodes, kv);
        }
        if let Some(own_key) = &self.own_key
            && !listed.kvs().iter().any(|kv| kv.key() == own_key.as_bytes())
        {
            self.reput.notify_one();
        }
        self.publish(&nodes);
        if let Some(listed) = self.listed.take() {
            let _ = listed.send(());
        }

        let options = WatchOptions::new()
            .with_prefix()
            .with_start_revision(revision + 1);
        let mut stream = timed(self.client.watch(self.prefix.as_str(), Some(options)))
            .await
            .context("watching the nodes")?;
        loop {
            let response = stream
                .message()
                .await
                .context("reading the node watch")?
                .context("etcd ended the node watch")?;
            if response.canceled() {
                bail!(
                    "etcd canceled the node watch: {} (compacted up to revision {})",
                    response.cancel_reason(),
                    response.compact_revision()
                );
            }
            retry.reset();
            for event in response.events() {
                let Some(kv) = event.kv() else { continue };
                match event.event_type() {
                    EventType::Put => self.apply_put(&mut nodes, kv),
                    EventType::Delete => {
                        if let Some(node_id) = self.node_id(kv) {
                            nodes.remove(node_id);
                        }
                        if self.own_key.as_deref().map(str::as_bytes) == Some(kv.key()) {
                            self.reput.notify_one();
                        }
                    }
                }
            }
            self.publish(&nodes);
        }
    }

    /// Records a node key's value; a value that is not a node's info removes the entry.
    fn apply_put(&self, nodes: &mut NodeSet, kv: &KeyValue) {
        let Some(node_id) = self.node_id(kv) else {
            return;
        };
        match serde_json::from_slice::<NodeInfo>(kv.value()) {
            Ok(mut info) => {
                // The key is authoritative: a node is known by the key it holds.
                info.node_id = node_id.to_owned();
                nodes.insert(node_id.to_owned(), info);
            }
            Err(e) => {
                tracing::warn!(key = %String::from_utf8_lossy(kv.key()), error = %e,
                    "ignoring a registry entry that is not a node's info");
                nodes.remove(node_id);
            }
        }
    }

    fn node_id<'a>(&self, kv: &'a KeyValue) -> Option<&'a str> {
        let key = std::str::from_utf8(kv.key()).ok()?;
        key.strip_prefix(self.prefix.as_str())
            .filter(|id| !id.is_empty() && !id.contains('/'))
    }

    fn publish(&self, nodes: &NodeSet) {
        self.publish.send_if_modified(|current| {
            if current == nodes {
                return false;
            }
            current.clone_from(nodes);
            true
        });
    }
}

/// Bounds an etcd call.
async fn timed<T>(call: impl Future<Output = Result<T, etcd_client::Error>>) -> anyhow::Result<T> {
    match tokio::time::timeout(CALL_TIMEOUT, call).await {
        Ok(result) => Ok(result?),
        Err(_) => Err(anyhow!("etcd did not answer within {CALL_TIMEOUT:?}")),
    }
}

/// Doubling pauses between failed attempts, from `RETRY_MIN` up to `RETRY_MAX`.
struct Backoff {
    next: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { next: RETRY_MIN }
    }
}

impl Backoff {
    async fn wait(&mut self) {
        tokio::time::sleep(self.next).await;
        self.next = (self.next * 2).min(RETRY_MAX);
    }

    fn reset(&mut self) {
        self.next = RETRY_MIN;
    }
}
