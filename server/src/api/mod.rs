//! The gRPC edge: thin handlers (read the request → call the domain → convert the answer).
//!
//! - `user`, `social`, `im`, `media`: one module per service.
//! - `streams`: `ImService` as served, its session streams writing shared pushed events.
//! - `auth`: the tower layer that resolves a bearer token to the call's `Caller`.
//! - `in_process`: Chat sessions of the in-process WebSocket gateway, opened without gRPC.
//! - `client_address`: where a request came from (per-address limits).
//! - `plain_http`: lets the embedded store's media files (plain HTTP) past the grpc-web layer.
//! - `status`: domain errors → gRPC statuses. (Proto ↔ domain conversions: `crate::wire`.)

pub mod auth;
pub mod client_address;
pub mod im;
pub mod in_process;
pub mod media;
pub mod plain_http;
pub mod social;
pub mod status;
pub mod streams;
pub mod user;
