//! The end-to-end suites, one module per area, in one test binary: the real server on an
//! ephemeral port, driven through the generated clients over the network. One binary links the
//! server once instead of once per area, and lets the test harness run slow tests of one area
//! beside the quick tests of another (`--test-threads`).
//!
//! Two suites are binaries of their own, because they need something no other test may share:
//! `tests/kafka_outage.rs` stops the shared Kafka broker, and `tests/tracing_export.rs` installs
//! the process-global log subscriber.
//!
//! Run one area with a filter on its module, e.g. `cargo test -p easychat-tests --test e2e
//! websocket::`.

mod cluster;
mod cluster_registry;
mod concurrency;
mod conformance;
mod fuzz;
mod grpc_web;
mod hardening;
mod im;
mod metrics;
mod node_failures;
mod presence_directory;
mod rate_limits;
mod realtime;
mod rest;
mod seq_cache;
mod social;
mod text;
mod transport_abuse;
mod user;
mod websocket;
