//! EasyChat server library; the `easychat` binary (src/main.rs) is a thin command line over it.
//!
//! Layout:
//! - `config`: layered configuration (defaults → TOML → `EASYCHAT_*` env → flags).
//! - `domain`: the rules (accounts, social graph, messaging) and the storage ports they own.
//! - `store`: port implementations (embedded SQLite, in-process, MySQL, MongoDB, Redis).
//! - `cluster`: this node's registration in the node registry (etcd), its view of the others,
//!   and the cluster bus (events for sessions on other nodes, revocations, store outcomes).
//! - `api`: gRPC handlers, the authentication layer, error → status mapping.
//! - `wire`: proto ↔ domain conversions, shared by `api`, `realtime` and `pipeline`.
//! - `pipeline`: how accepted messages become durable (direct, or through Kafka).
//! - `realtime`: live sessions (Chat, Subscribe), the session hub, presence, receipts.
//! - `observability`: Prometheus metrics (per RPC, sessions, messages), log format, span export.
//! - `server`: wiring and the serve loop with graceful shutdown.
//! - `error`: the domain error type.
//! - `internal_events`: the generated types of the internal Kafka events (server/proto).

pub mod api;
pub mod cluster;
pub mod config;
pub mod domain;
pub mod error;
pub mod internal_events;
pub mod observability;
pub mod pipeline;
pub mod realtime;
pub mod server;
pub mod store;
#[cfg(test)]
mod test_services;
pub mod webhooks;
pub mod wire;
