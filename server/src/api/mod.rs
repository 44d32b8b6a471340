//! The gRPC edge: thin handlers (read the request → call the domain → convert the answer).
//!
//! - `user`, `social`, `im`: one module per service.
//! - `streams`: `ImService` as served, its session streams writing shared pushed events.
//! - `client_address`: where a request came from (per-address limits).
//! - `convert`: proto ↔ domain conversions; `status`: domain errors → gRPC statuses.

pub mod client_address;
pub mod convert;
pub mod im;
pub mod social;
pub mod status;
pub mod streams;
pub mod user;
