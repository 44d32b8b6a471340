//! Copies the write-ahead log into the database file in the background, on a connection of its
//! own, so that no committing batch has to.
//!
//! Left to SQLite, the commit that takes the log past `wal_autocheckpoint` pages runs the
//! checkpoint itself, on the single write connection: that batch, and every write queued behind
//! it, waits while thousands of pages are copied and the database file is synced. A PASSIVE
//! checkpoint from another connection runs beside the writer instead (WAL mode lets one
//! connection append while another copies), and the writer restarts the log from its beginning
//! once everything in it has been copied.

use std::time::Duration;

use sqlx::SqlitePool;

/// How often the log is copied. Each page the appends rewrite in between is copied once, so
/// longer is less work; but a checkpoint ends by syncing the database file, and the commits'
/// syncs of the log wait behind it on the disk. Measured (1:1, 1,000 senders): every 500 ms
/// the most throughput, but an ack p99 of about 50 ms at 1,000 messages a second; every 50 ms
/// less throughput, no better tail; 150 ms between.
pub(super) const CHECKPOINT_INTERVAL: Duration = Duration::from_millis(150);

/// Starts checkpointing through `pool` (one connection, not read-only) every
/// `CHECKPOINT_INTERVAL`, until the pool is closed.
pub(super) fn start(pool: SqlitePool) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(CHECKPOINT_INTERVAL);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if pool.is_closed() {
                break;
            }
            match sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&pool)
                .await
            {
                Ok(_) => {}
                Err(sqlx::Error::PoolClosed) => break,
                // The writer checkpoints by itself past `WAL_AUTOCHECKPOINT_PAGES`: a failing
                // checkpointer makes commits slower, not the log endless.
                Err(error) => tracing::warn!(%error, "checkpointing the SQLite log failed"),
            }
        }
    });
}
