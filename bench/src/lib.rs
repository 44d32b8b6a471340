//! easychat-bench: drives a running EasyChat server (or a baseline, or the peer) through its
//! public protocols only, and reports throughput, latency, connections and memory.
//!
//! Layout:
//! - `cli`: the command line (`run`, `smoke`, `soak`, `compare`, `baseline-grpc`,
//!   `baseline-ws`) and the run that prepares users and calls the scenarios.
//! - `commands`: what each command does (the binary calls `commands::main`).
//! - `setup`: users, friend pairs and the group, made through EasyChat's API in parallel.
//! - `scenarios`: the workloads (1:1, fan-out, idle, reconnect storm), how their sessions
//!   are opened (`fleet`), how their send phases are timed (`load`) and how the conversations
//!   they sent into are read back and checked once they are over (`readback`).
//! - `transport`: client connections of each protocol (gRPC Chat, the gateway's WebSocket
//!   JSON, Centrifugo's JSON) behind one `Conn`, and the per-session state they update.
//! - `stats`: the clock and message stamps, counters and hdrhistogram latencies, the progress
//!   line, and the report (Markdown table and JSON).
//! - `memory`: another process's resident memory from /proc.
//! - `baseline`: minimal gRPC and WebSocket echo/broadcast servers, the transport's ceiling.
//! - `smoke`: a tiny run of every scenario for CI, with a pass/fail count.
//! - `soak`: steady senders under injected faults (scripts/fault-soak.sh), then a read-back that
//!   counts acked messages lost, duplicated, reordered and seq gaps (RELIABILITY.md).

pub mod baseline;
pub mod cli;
pub mod commands;
pub mod memory;
pub mod scenarios;
pub mod setup;
pub mod smoke;
pub mod soak;
pub mod stats;
pub mod transport;
