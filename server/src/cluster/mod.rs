//! What a node needs to be one of several: its registration in the node registry (etcd) and
//! the view of the other nodes that registry gives.
//!
//! - `registry`: registers this node under a lease with keep-alive, watches the node set.
//! - `gateway_upstreams`: a WebSocket gateway's upstreams, following the node set.
//! - `apisix`: APISIX's standalone file with the node set as its gRPC upstream.
//! - `bus`: the cluster bus, a Kafka topic every node reads whole: events for live sessions on
//!   other nodes, token revocations, store outcomes for senders waiting on another node.
//! - `kafka_topics`: creating the Kafka topics (the bus's and the pipeline's) at start.
//!
//! The presence directory (which node holds which user's sessions) is a storage port
//! (`domain::ports::Presence`, Redis adapter in `store::redis::presence`), not part of this
//! module: the domain reads it too.

pub mod apisix;
pub mod bus;
pub mod gateway_upstreams;
pub mod kafka_topics;
pub mod registry;

pub use apisix::ApisixFile;
pub use gateway_upstreams::RegistryUpstreams;
pub use registry::{NodeInfo, NodeSet, NodeWatch, Registry, RegistryOptions};
