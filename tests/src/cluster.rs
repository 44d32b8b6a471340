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
        if backends.kafka_brokers.is_none() || backends.mongo_url.is_none() {
            eprintln!(
                "skipped: a cluster needs backends.kafka_brokers and backends.mongo_url \
                 (EASYCHAT_TEST_CONFIG=deploy/config/single-node.toml)"
            );
            return None;
        }
        // Every node must accept every node's tokens.
        let secret = uuid::Uuid::new_v4().simple().to_string();
        isolated.config.auth.jwt_secret = Some(secret);
        let config = isolated.config.clone();
        let mut started = Vec::with_capacity(nodes);
        for _ in 0..nodes {
            let node = TestServer::start_node(&config).await;
            // One after the other, as a deployment starts them after `easychat migrate`: nodes
            // starting together would race to apply the same migrations.
            let deadline = Instant::now() + Duration::from_secs(60);
            while !serving(node.addr).await {
                assert!(
                    Instant::now() < deadline,
                    "node {} did not start",
                    node.addr
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            started.push(node);
        }
        Some(TestCluster {
            nodes: started,
            config,
            _isolated: isolated,
        })
    }
}
