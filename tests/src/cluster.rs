//! Several server nodes sharing every backend namespace of one isolated configuration, as a
//! cluster does: one MySQL database, one MongoDB database, one Redis prefix, one Kafka topic
//! set and consumer group, one JWT secret. Each node has its own port and data directory.

use std::time::{Duration, Instant};

use easychat_server::config::Config;

use crate::process::serving;
use crate::{Isolated, TestServer};

pub struct TestCluster {
    pub nodes: Vec<TestServer>,
    pub config: Config,
    _isolated: Isolated,
}

impl TestCluster {
    /// Starts `nodes` nodes; `None` (with a note) when the test profile cannot form a cluster:
    /// nodes share messages through MongoDB and events through Kafka.
    pub async fn start(nodes: usize) -> Option<TestCluster> {
        let mut isolated = Isolated::config().await;
        let backends = &isolated.config.backends;
        if backends.kafka.brokers.is_none() || backends.mongo.url.is_none() {
            crate::skipped(
                "a cluster needs backends.kafka.brokers and backends.mongo.url \
                 (EASYCHAT_TEST_CONFIG=deploy/config/single-node.toml)",
            );
            return None;
        }
        // Every node must accept every node's tokens.
        let secret = uuid::Uuid::new_v4().simple().to_string();
        isolated.config.auth.jwt_secret = Some(secret);
        // The production default: conversations spread over partitions the nodes share.
        isolated.config.backends.kafka.partitions = 8;
        let mut cluster = TestCluster {
            nodes: Vec::with_capacity(nodes),
            config: isolated.config.clone(),
            _isolated: isolated,
        };
        for _ in 0..nodes {
            cluster.add_node().await;
        }
        Some(cluster)
    }

    /// Starts one more node and waits until it serves; returns its address. One at a time, as
    /// a deployment starts them after `easychat migrate`: nodes starting together would race to
    /// apply the same migrations.
    pub async fn add_node(&mut self) -> std::net::SocketAddr {
        let node = TestServer::start_node(&self.config).await;
        let deadline = Instant::now() + Duration::from_secs(60);
        while !serving(node.addr).await {
            assert!(
                Instant::now() < deadline,
                "node {} did not start",
                node.addr
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let addr = node.addr;
        self.nodes.push(node);
        addr
    }
}
