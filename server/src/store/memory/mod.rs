//! In-process adapters for a single node: presence and rate limits.

mod presence;
mod rate_limit;

pub use presence::LocalPresence;
pub use rate_limit::LocalRateLimiter;
