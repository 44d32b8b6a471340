//! Storage adapters: implementations of the domain's ports (`crate::domain::ports`).
//!
//! - `sqlite`: the embedded default (users, social graph, messages and conversations).
//! - `memory`: in-process implementations (presence).

pub mod memory;
pub mod sqlite;
