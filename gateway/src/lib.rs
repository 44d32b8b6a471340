//! EasyChat's gateway, the HTTP port: serves the old clients' JSON protocol at `/ws`, bridging
//! each connection to one `easychat.im.v1.ImService/Chat` stream of an upstream EasyChat server
//! opened with the connection's token (docs/websocket.md), and REST/JSON for every unary RPC,
//! each request transcoded into its gRPC call (docs/rest.md). It uses the public gRPC API only,
//! except that a gateway inside a server opens Chat sessions through that server's
//! `InProcessChat` (the same sessions, without a gRPC stream to itself).
//!
//! Layout:
//! - `config`: `GatewayConfig`, its named limits and their defaults.
//! - `server`: the `/ws` route, `Gateway` (owner of every session) and `run`.
//! - `shared`: what every session of a gateway shares (config, upstreams, shutdown).
//! - `listener`: connection caps and the first-request deadline, shared with the gRPC port.
//! - `token`: where a connection's token comes from.
//! - `session`: one connection's loop, between the socket and the upstream stream.
//! - `writer`: the socket's write half behind a bounded queue.
//! - `upstream`: picking a server, opening Chat, unary calls.
//! - `in_process`: the port a server implements for a gateway inside it (Chat without gRPC).
//! - `pool`: HTTP/2 connections to one server, shared by many Chat streams.
//! - `calls`: session work that waits on unary calls (markChat by ids, user.online).
//! - `frame`: the JSON wire frames.
//! - `request`: client methods → upstream requests.
//! - `push`: upstream results and events → client frames.
//! - `acks`: rigorous-mode acks awaiting confirmation.
//! - `unanswered`, `delivered`, `catch_up`: what moving a connection to another upstream needs
//!   (requests to send again, what the client has, what it missed).
//! - `conversation`: conversation ids and chat types.
//! - `error`: errors told to clients in error frames.
//! - `rest`: REST/JSON for every unary RPC (from the protos' HTTP rules), the old system's
//!   `/v1/user/...` routes, and `/openapi.json`.
//! - `web`: the browser app's files at `/`, or how to build them while they are missing.

mod acks;
mod calls;
mod catch_up;
mod config;
mod conversation;
mod delivered;
mod error;
mod frame;
mod in_process;
pub mod listener;
mod pool;
mod push;
mod request;
mod rest;
mod server;
mod session;
mod shared;
mod token;
mod unanswered;
mod upstream;
mod web;
mod writer;

pub use config::{AckMode, ConfigError, GatewayConfig};
pub use in_process::{ChatRequests, ChatResponses, InProcessChat, SharedEvent, UpstreamFrame};
pub use server::{Gateway, router, run};
