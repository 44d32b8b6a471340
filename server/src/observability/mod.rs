//! Observability: Prometheus metrics served over HTTP (per RPC, live sessions and their queues,
//! messages), and the process's log and trace subscriber (text or JSON lines on stderr, spans
//! exported over OTLP when configured).
//!
//! Layout:
//! - `metrics`: the registry and every metric family, rendered in the Prometheus text format.
//! - `rpc`: the tower layer that counts and times each gRPC call by method and status code.
//! - `events`: an event sink wrapper that counts what the domain publishes (messages sent).
//! - `http`: the `/metrics` listener.
//! - `logging`: the tracing subscriber (`log_format`, `otlp_endpoint`).

pub mod events;
pub mod http;
pub mod logging;
pub mod metrics;
pub mod rpc;

pub use metrics::Metrics;
