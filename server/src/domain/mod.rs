//! The domain: EasyChat's rules, free of gRPC and of any database driver.
//!
//! - `model`: the data (users, requests, groups, conversations, messages).
//! - `ids`: id formats, including the derived conversation ids.
//! - `ports`: the storage traits the domain owns; adapters live in `crate::store`.
//! - `accounts`, `social`, `messaging`, `media`: the services, one per public gRPC service.
//! - `tokens`, `passwords`: bearer tokens (issued, checked, revoked by version) and password
//!   hashing on a bounded pool of workers; `tokens::Caller` is the authenticated user of a call.
//! - `rate_limits`: the budgets every `RateLimiter` adapter applies.
//! - `validate`, `paging`: field checks and page tokens shared by the services.

pub mod accounts;
pub mod ids;
pub mod media;
pub mod messaging;
pub mod model;
pub mod paging;
pub mod passwords;
pub mod ports;
pub mod rate_limits;
pub mod social;
pub mod tokens;
pub mod validate;
