//! In-process adapters for a single node: presence, rate limits, the seq cache and the versions
//! of cached facts.

mod presence;
mod rate_limit;
mod seq_cache;
mod versions;

pub use presence::LocalPresence;
pub use rate_limit::LocalRateLimiter;
pub use seq_cache::LocalSeqCache;
pub use versions::LocalVersions;
