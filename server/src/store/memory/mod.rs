//! In-process adapters for a single node: presence, rate limits and the seq cache.

mod presence;
mod rate_limit;
mod seq_cache;

pub use presence::LocalPresence;
pub use rate_limit::LocalRateLimiter;
pub use seq_cache::LocalSeqCache;
