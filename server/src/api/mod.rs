//! The gRPC edge: thin handlers (read the request → call the domain → convert the answer).
//!
//! - `user`, `social`, `im`: one module per service.
//! - `streams`: `ImService` as served, its session streams writing shared pushed events.
//! - `auth`: the tower layer that resolves a bearer token to the call's `Caller`.
//! - `client_address`: where a request came from (per-address limits).
//! - `status`: domain errors → gRPC statuses. (Proto ↔ domain conversions: `crate::wire`.)

pub mod auth;
pub mod client_address;
pub mod im;
pub mod social;
pub mod status;
pub mod streams;
pub mod user;
