//! The presence directory in Redis, shared by every node: which device sessions each user has,
//! on which node, and when offline users were last seen.
//!
//! Keys (under the deployment's prefix):
//! - `presence:<user>`: a sorted set, one member per live session, `"<session id> <node id>"`,
//!   scored with the time (ms, Redis's clock) its node last vouched for it. A session counts as
//!   live while its score is within the TTL (3 × `cluster.presence_refresh_ms`); each node
//!   re-scores its own sessions every refresh interval. The key expires one TTL after its last
//!   write, so a user whose node died leaves nothing behind.
//! - `seen:<user>`: when the user was last seen (ms), written when a session starts, when their
//!   last session ends and at every refresh while they are online, so that users of a node that
//!   died show the time it last vouched for them. Kept for `LAST_SEEN_RETENTION`.
//!
//! Why one sorted set per user rather than a key per session with its own TTL: every question
//! the directory answers is about a user ("is anyone of theirs live?", "which nodes?"), and a
//! sorted set answers it with one key read, expired entries skipped by score, with no SCAN over
//! session keys and no index to keep in step with keys Redis expires behind our back (Redis
//! tells nobody when a key expires, reliably). Redis 7.4's per-field hash TTLs would fit too,
//! but production Redis versions before it are common (Debian ships 7.0). Scores also make the
//! transitions atomic in one script: "came online" is "no live entry before this one", "went
//! offline" is "no live entry after removing this one", both decided on Redis's clock, so two
//! nodes never both announce the same transition.
//!
//! Reads take every user in one multi-key script (one round trip, one clock reading); like the
//! rest of this adapter they assume one Redis (or a primary with replicas), not Redis Cluster.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use redis::Script;
use tokio::task::JoinHandle;

use super::{Redis, redis_error};
use crate::domain::model::Millis;
use crate::domain::ports::Presence;
use crate::error::Result;

/// How long a user's last-seen time is kept after they were last seen.
const LAST_SEEN_RETENTION: Duration = Duration::from_secs(30 * 24 * 3600);
/// Users per refresh pipeline, so one refresh never builds an unbounded request.
const REFRESH_BATCH: usize = 500;

/// Redis's clock in ms, as a Lua prelude.
const NOW: &str = r"
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
";

/// KEYS[1] sessions, KEYS[2] seen, ARGV[1] member, ARGV[2] ttl ms, ARGV[3] seen retention ms.
/// Returns 1 when no other session of the user is live (they came online), else 0.
const START: &str = r"
local ttl = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
local first = redis.call('ZCARD', KEYS[1]) == 0
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('SET', KEYS[2], now, 'PX', ARGV[3])
if first then return 1 end
return 0
";

/// KEYS[1] sessions, KEYS[2] seen, ARGV[1] member, ARGV[2] ttl ms, ARGV[3] seen retention ms.
/// Returns 1 when no session of the user is live any more (they went offline), else 0. Also 1
/// when this session had already expired (its node missed refreshes): the user is offline now
/// either way, and this node's sessions that saw them come online have not heard otherwise.
const END: &str = r"
local ttl = tonumber(ARGV[2])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
redis.call('SET', KEYS[2], now, 'PX', ARGV[3])
return 1
";

/// KEYS[1] sessions, KEYS[2] seen, ARGV[1] ttl ms, ARGV[2] seen retention ms, ARGV[3..]
/// members. Re-scores the members still present and returns those that are not (ended
/// meanwhile, or lost with a flushed Redis): re-adding them here could resurrect a session
/// that just ended, so the node decides.
const REFRESH: &str = r"
local ttl = tonumber(ARGV[1])
local missing = {}
for i = 3, #ARGV do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    redis.call('ZADD', KEYS[1], now, ARGV[i])
  else
    table.insert(missing, ARGV[i])
  end
end
if #missing < #ARGV - 2 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('SET', KEYS[2], now, 'PX', ARGV[2])
end
return missing
";

/// KEYS sessions of each user, ARGV[1] ttl ms. Returns, per user, their live members.
const LIVE: &str = r"
local ttl = tonumber(ARGV[1])
local result = {}
for i, key in ipairs(KEYS) do
  result[i] = redis.call('ZRANGEBYSCORE', key, '(' .. (now - ttl), '+inf')
end
return result
";

/// KEYS pairs (sessions, seen) per user, ARGV[1] ttl ms. Returns, per user, their last-seen
/// time when they have no live session and one is known, else false.
const LAST_SEEN: &str = r"
local ttl = tonumber(ARGV[1])
local result = {}
for i = 1, #KEYS, 2 do
  local seen = false
  if redis.call('ZCOUNT', KEYS[i], '(' .. (now - ttl), '+inf') == 0 then
    seen = redis.call('GET', KEYS[i + 1])
  end
  result[(i + 1) / 2] = seen
end
return result
";

/// The sessions this node holds: session id → user id. The refresh task vouches for exactly
/// these; a session missing here (ended, or dropped with its task) expires in the directory.
type LiveSessions = Arc<Mutex<HashMap<String, String>>>;

struct Scripts {
    start: Script,
    end: Script,
    refresh: Script,
    live: Script,
    last_seen: Script,
}

impl Scripts {
    fn new() -> Scripts {
        let with_clock = |body: &str| Script::new(&format!("{NOW}{body}"));
        Scripts {
            start: with_clock(START),
            end: with_clock(END),
            refresh: with_clock(REFRESH),
            live: with_clock(LIVE),
            last_seen: with_clock(LAST_SEEN),
        }
    }
}

/// This node's side of the shared presence directory.
pub struct RedisPresence {
    directory: Directory,
    refresher: Mutex<Option<JoinHandle<()>>>,
}

/// What the node and its refresh task share.
#[derive(Clone)]
struct Directory {
    redis: Redis,
    node_id: Arc<str>,
    ttl_ms: u64,
    live: LiveSessions,
    scripts: Arc<Scripts>,
}

impl RedisPresence {
    /// The directory as node `node_id` sees it; starts the task that refreshes this node's
    /// sessions every `refresh` (they expire after three refreshes missed).
    pub fn start(redis: Redis, node_id: &str, refresh: Duration) -> RedisPresence {
        let refresh = refresh.max(Duration::from_millis(10));
        let directory = Directory {
            redis,
            node_id: node_id.into(),
            ttl_ms: u64::try_from(refresh.as_millis().saturating_mul(3)).unwrap_or(u64::MAX),
            live: LiveSessions::default(),
            scripts: Arc::new(Scripts::new()),
        };
        let refresher = tokio::spawn(directory.clone().refresh_every(refresh));
        RedisPresence {
            directory,
            refresher: Mutex::new(Some(refresher)),
        }
    }

    /// Stops refreshing this node's sessions (at shutdown, once they have ended; any left
    /// expire).
    pub fn stop(&self) {
        if let Some(task) = self
            .refresher
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            task.abort();
        }
    }
}

impl Drop for RedisPresence {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Directory {
    fn sessions_key(&self, user_id: &str) -> String {
        self.redis.key("presence", user_id)
    }

    fn seen_key(&self, user_id: &str) -> String {
        self.redis.key("seen", user_id)
    }

    fn member(&self, session_id: &str) -> String {
        format!("{session_id} {}", self.node_id)
    }

    fn retention_ms(&self) -> u64 {
        u64::try_from(LAST_SEEN_RETENTION.as_millis()).unwrap_or(u64::MAX)
    }

    async fn start_session(&self, user_id: &str, session_id: &str) -> Result<bool> {
        let came_online: i64 = self
            .scripts
            .start
            .key(self.sessions_key(user_id))
            .key(self.seen_key(user_id))
            .arg(self.member(session_id))
            .arg(self.ttl_ms)
            .arg(self.retention_ms())
            .invoke_async(&mut self.redis.connection())
            .await
            .map_err(redis_error("recording a session in the presence directory"))?;
        Ok(came_online == 1)
    }

    async fn refresh_every(self, period: Duration) {
        let mut ticks = tokio::time::interval(period);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(e) = self.refresh().await {
                tracing::warn!(error = %e, "presence refresh failed; sessions expire unless the next one works");
            }
        }
    }

    /// Vouches for every session this node holds, and re-adds those the directory lost.
    async fn refresh(&self) -> Result<()> {
        let mut by_user: BTreeMap<String, Vec<String>> = BTreeMap::new();
        {
            let live = self.live.lock().unwrap_or_else(|p| p.into_inner());
            for (session_id, user_id) in live.iter() {
                by_user
                    .entry(user_id.clone())
                    .or_default()
                    .push(self.member(session_id));
            }
        }
        let users: Vec<(String, Vec<String>)> = by_user.into_iter().collect();
        for batch in users.chunks(REFRESH_BATCH) {
            let mut pipe = redis::pipe();
            pipe.load_script(&self.scripts.refresh).ignore();
            for (user_id, members) in batch {
                pipe.invoke_script(
                    self.scripts
                        .refresh
                        .key(self.sessions_key(user_id))
                        .key(self.seen_key(user_id))
                        .arg(self.ttl_ms)
                        .arg(self.retention_ms())
                        .arg(members),
                );
            }
            let missing: Vec<Vec<String>> = pipe
                .query_async(&mut self.redis.connection())
                .await
                .map_err(redis_error("refreshing this node's sessions"))?;
            for ((user_id, _), members) in batch.iter().zip(missing) {
                for member in members {
                    let Some((session_id, _)) = member.split_once(' ') else {
                        continue;
                    };
                    // Still live here (not ended while the refresh ran): put it back.
                    if self.holds(session_id) {
                        self.start_session(user_id, session_id).await?;
                    }
                }
            }
        }
        Ok(())
    }

    fn holds(&self, session_id: &str) -> bool {
        self.live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains_key(session_id)
    }

    fn forget(&self, session_id: &str) {
        self.live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(session_id);
    }

    /// Per user among `user_ids`, their live sessions' members.
    async fn live_members(&self, user_ids: &[String]) -> Result<Vec<Vec<String>>> {
        if user_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut invocation = self.scripts.live.prepare_invoke();
        for user_id in user_ids {
            invocation.key(self.sessions_key(user_id));
        }
        invocation
            .arg(self.ttl_ms)
            .invoke_async(&mut self.redis.connection())
            .await
            .map_err(redis_error("reading the presence directory"))
    }
}

#[async_trait]
impl Presence for RedisPresence {
    async fn session_started(&self, user_id: &str, session_id: &str) -> Result<bool> {
        let directory = &self.directory;
        // Held before Redis hears of it: if this write fails, the next refresh adds it.
        directory
            .live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(session_id.to_owned(), user_id.to_owned());
        directory.start_session(user_id, session_id).await
    }

    async fn session_ended(&self, user_id: &str, session_id: &str) -> Result<bool> {
        let directory = &self.directory;
        // Forgotten first, so a refresh running meanwhile does not put it back.
        directory.forget(session_id);
        let went_offline: i64 = directory
            .scripts
            .end
            .key(directory.sessions_key(user_id))
            .key(directory.seen_key(user_id))
            .arg(directory.member(session_id))
            .arg(directory.ttl_ms)
            .arg(directory.retention_ms())
            .invoke_async(&mut directory.redis.connection())
            .await
            .map_err(redis_error("ending a session in the presence directory"))?;
        Ok(went_offline == 1)
    }

    fn session_dropped(&self, _user_id: &str, session_id: &str) {
        self.directory.forget(session_id);
    }

    async fn online_among(&self, user_ids: &[String]) -> Result<HashSet<String>> {
        let live = self.directory.live_members(user_ids).await?;
        Ok(user_ids
            .iter()
            .zip(live)
            .filter(|(_, members)| !members.is_empty())
            .map(|(user_id, _)| user_id.clone())
            .collect())
    }

    async fn last_seen(&self, user_ids: &[String]) -> Result<HashMap<String, Millis>> {
        if user_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let directory = &self.directory;
        let mut invocation = directory.scripts.last_seen.prepare_invoke();
        for user_id in user_ids {
            invocation
                .key(directory.sessions_key(user_id))
                .key(directory.seen_key(user_id));
        }
        let seen: Vec<Option<i64>> = invocation
            .arg(directory.ttl_ms)
            .invoke_async(&mut directory.redis.connection())
            .await
            .map_err(redis_error("reading last-seen times"))?;
        Ok(user_ids
            .iter()
            .zip(seen)
            .filter_map(|(user_id, seen)| Some((user_id.clone(), seen?)))
            .collect())
    }

    async fn nodes_of(&self, user_ids: &[String]) -> Result<BTreeMap<String, BTreeSet<String>>> {
        let live = self.directory.live_members(user_ids).await?;
        let mut nodes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (user_id, members) in user_ids.iter().zip(live) {
            for member in members {
                if let Some((_, node_id)) = member.split_once(' ') {
                    nodes
                        .entry(node_id.to_owned())
                        .or_default()
                        .insert(user_id.clone());
                }
            }
        }
        Ok(nodes)
    }
}
