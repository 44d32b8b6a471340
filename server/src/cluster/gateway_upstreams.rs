//! A WebSocket gateway's upstreams from the node registry: every registered node's gRPC
//! address, kept current as nodes come and go, so a node that joins gets new sockets and one
//! that leaves gets none (the sockets it had move, see the gateway's failover).

use easychat_gateway::Gateway;
use tokio::task::JoinHandle;

use super::registry::{NodeSet, NodeWatch, RegistryOptions};

/// Keeps a gateway's upstreams in step with the registry until dropped.
pub struct RegistryUpstreams {
    task: JoinHandle<()>,
}

impl RegistryUpstreams {
    /// Reads the node set and gives the gateway its nodes, then follows changes. While no node
    /// is registered the gateway uses `fallback` (the configured upstreams), if any.
    pub async fn follow(
        gateway: Gateway,
        options: RegistryOptions,
        fallback: Vec<String>,
    ) -> anyhow::Result<RegistryUpstreams> {
        let watch = NodeWatch::start(options).await?;
        let mut nodes = watch.nodes();
        gateway.set_upstreams(&upstreams(&nodes.borrow_and_update(), &fallback));
        let task = tokio::spawn(async move {
            // Owned by the task: following stops when the task does.
            let _watch = watch;
            while nodes.changed().await.is_ok() {
                let urls = upstreams(&nodes.borrow_and_update(), &fallback);
                gateway.set_upstreams(&urls);
            }
        });
        Ok(RegistryUpstreams { task })
    }
}

impl Drop for RegistryUpstreams {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The nodes' gRPC URLs in node id order, or `fallback` when there are none.
fn upstreams(nodes: &NodeSet, fallback: &[String]) -> Vec<String> {
    if nodes.is_empty() {
        return fallback.to_vec();
    }
    nodes
        .values()
        .map(|node| format!("http://{}", node.grpc_addr))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::NodeInfo;

    fn node(id: &str, addr: &str) -> (String, NodeInfo) {
        let info = NodeInfo {
            node_id: id.to_owned(),
            grpc_addr: addr.to_owned(),
            started_at_ms: 0,
        };
        (id.to_owned(), info)
    }

    #[test]
    fn every_node_is_an_upstream_and_the_fallback_covers_an_empty_set() {
        let fallback = vec!["http://10.0.0.9:50051".to_owned()];
        let nodes: NodeSet = [node("b", "10.0.0.2:50051"), node("a", "10.0.0.1:50051")].into();
        assert_eq!(
            upstreams(&nodes, &fallback),
            ["http://10.0.0.1:50051", "http://10.0.0.2:50051"]
        );
        assert_eq!(upstreams(&NodeSet::new(), &fallback), fallback);
    }
}
