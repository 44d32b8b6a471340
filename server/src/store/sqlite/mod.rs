//! The embedded store: every port on one SQLite database in the data directory.
//!
//! Writes go through a single-connection pool, so transactions never contend for SQLite's write
//! lock (seq allocation included); reads use a separate pool in WAL mode and never block writes.
//! The hot writes (message appends, read positions; `writes`) are group-committed by `writer`,
//! a batch at a time (`batch`).

mod answers;
mod batch;
mod checkpoint;
mod media;
mod messages;
mod outbox;
mod pins;
mod reactions;
mod search;
mod writer;
mod writes;

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use sqlx::Sqlite;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteQueryResult,
    SqliteSynchronous,
};

pub use self::outbox::SqliteOutbox;
use self::writer::Writer;
use crate::config::StorageConfig;
use crate::error::Error;
use crate::store::sql::{Dialect, SqlTables};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// WAL pages after which a commit checkpoints them into the database itself
/// (`wal_autocheckpoint`): only when the background checkpoints fell this far behind.
const WAL_AUTOCHECKPOINT_PAGES: u32 = 50_000;

/// The data directory (owner only, 0700, when this creates it) and the database file (0600)
/// before SQLite opens it: they hold password hashes and phone numbers. SQLite gives its `-wal`
/// and `-shm` files the database file's mode. Older versions made the files 0644: tightened. A
/// directory that already existed is left as it is (it may be shared), with a warning if others
/// can read it.
fn create_private_files(data_dir: &Path) -> std::io::Result<()> {
    let existed = data_dir.exists();
    std::fs::create_dir_all(data_dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        if !existed {
            std::fs::set_permissions(data_dir, std::fs::Permissions::from_mode(0o700))?;
        } else if std::fs::metadata(data_dir)?.permissions().mode() & 0o077 != 0 {
            tracing::warn!(
                data_dir = %data_dir.display(),
                "the data directory is open to other users; `chmod 700` it"
            );
        }
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(data_dir.join("easychat.db"))?;
        for name in ["easychat.db", "easychat.db-wal", "easychat.db-shm"] {
            let path = data_dir.join(name);
            if path.exists() {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = existed;
    Ok(())
}

#[derive(Clone, Debug)]
pub struct SqliteStore {
    write: SqlitePool,
    read: SqlitePool,
    /// The background checkpoints' connection (`checkpoint`).
    checkpoints: SqlitePool,
    /// Group commit of appends and read positions, on the `write` connection.
    writer: Writer,
}

impl SqliteStore {
    /// Opens (creating if needed) `<data_dir>/easychat.db` and applies pending migrations.
    pub async fn open(data_dir: &Path, config: &StorageConfig) -> anyhow::Result<SqliteStore> {
        create_private_files(data_dir)?;
        let synchronous = match config.sqlite_synchronous {
            crate::config::SqliteSynchronous::Full => SqliteSynchronous::Full,
            crate::config::SqliteSynchronous::Normal => SqliteSynchronous::Normal,
        };
        let options = SqliteConnectOptions::new()
            .filename(data_dir.join("easychat.db"))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(synchronous)
            .busy_timeout(Duration::from_secs(5))
            // Statement journals and temporary tables in memory: a batch's multi-row statements
            // keep a statement journal, which past 64 KiB SQLite spilled to a temporary file, one
            // `pwrite` per page (two fifths of the writer's writes in the profile).
            .pragma("temp_store", "memory");
        // SQLite's default page cache (2 MiB) is kept: at the end of every write transaction
        // SQLite walks the whole of the cache's hash table, and with 32 MiB that walk was 4 % of
        // the server's time at 3,000 messages a second, more than the reads it saved.
        let write_options = options
            .clone()
            // The log is copied into the database by `checkpoint`, beside the writer; a commit
            // does it only when the log grew this far without (a safety net).
            .pragma("wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES.to_string());
        // No liveness check before each use: a local SQLite connection does not go stale, and
        // the check was a driver round trip per transaction.
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .test_before_acquire(false)
            .connect_with(write_options)
            .await?;
        MIGRATOR.run(&write).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(config.sqlite_read_connections.max(1))
            .acquire_timeout(Duration::from_secs(30))
            .test_before_acquire(false)
            .connect_with(options.clone().read_only(true))
            .await?;
        let checkpoints = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        checkpoint::start(checkpoints.clone());
        // With full syncs, the writer's batches sync the log beside the next batch's statements
        // instead of before them (`answers`).
        let log = match config.sqlite_synchronous {
            crate::config::SqliteSynchronous::Full => Some(data_dir.join("easychat.db-wal")),
            crate::config::SqliteSynchronous::Normal => None,
        };
        let writer = Writer::start(write.clone(), config.sqlite_write_batch, log)
            .context("starting the SQLite writer's thread")?;
        Ok(SqliteStore {
            write,
            read,
            checkpoints,
            writer,
        })
    }

    /// Applies pending migrations and returns how many there are in total.
    pub async fn migrate(data_dir: &Path, config: &StorageConfig) -> anyhow::Result<usize> {
        let store = Self::open(data_dir, config).await?;
        store.close().await;
        Ok(MIGRATOR.migrations.len())
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.checkpoints.close().await;
        self.write.close().await;
    }

    /// Users, token revocations and the social graph in this database.
    pub fn tables(&self) -> SqlTables<SqliteDialect> {
        SqlTables::new(self.read.clone(), self.write.clone())
    }
}

/// SQLite for the shared SQL tables: one write connection serialises every transaction, so a
/// read in one needs no lock, and its default collation (`BINARY`) orders by code point.
#[derive(Debug)]
pub struct SqliteDialect;

impl Dialect for SqliteDialect {
    type Db = Sqlite;
    const INSERT_IGNORE: &'static str = "INSERT OR IGNORE";
    const LOCK_ROWS: &'static str = "";
    const BINARY_ORDER: &'static str = "";

    fn rows_affected(result: &SqliteQueryResult) -> u64 {
        result.rows_affected()
    }

    fn db_error(context: &'static str) -> impl FnOnce(sqlx::Error) -> Error + Send {
        db_error(context)
    }
}

/// Maps a driver error to the domain's, logging the detail: only a failed connection or pool is
/// worth a retry on a local file.
fn db_error(context: &'static str) -> impl FnOnce(sqlx::Error) -> Error {
    crate::store::sql::db_error(context, |_| false)
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[tokio::test]
    async fn a_new_data_directory_and_its_database_are_private() {
        let parent = tempfile::tempdir().unwrap();
        let data_dir = parent.path().join("data");
        let store = SqliteStore::open(&data_dir, &StorageConfig::default())
            .await
            .unwrap();
        assert_eq!(mode(&data_dir), 0o700);
        assert_eq!(mode(&data_dir.join("easychat.db")), 0o600);
        assert_eq!(mode(&data_dir.join("easychat.db-wal")), 0o600);
        drop(store);
    }

    #[tokio::test]
    async fn an_old_database_made_world_readable_is_tightened() {
        let data_dir = tempfile::tempdir().unwrap();
        let database = data_dir.path().join("easychat.db");
        std::fs::write(&database, b"").unwrap();
        std::fs::set_permissions(&database, std::fs::Permissions::from_mode(0o644)).unwrap();
        let _store = SqliteStore::open(data_dir.path(), &StorageConfig::default())
            .await
            .unwrap();
        assert_eq!(mode(&database), 0o600);
    }

    async fn pragma(pool: &SqlitePool, name: &str) -> i64 {
        sqlx::query_scalar(&format!("PRAGMA {name}"))
            .fetch_one(pool)
            .await
            .unwrap()
    }

    /// `.cargo/config.toml` compiles SQLite without memory statistics and memory management
    /// (two global mutexes on every allocation and page fetch); a build that lost the flags, say
    /// from a SQLite no longer bundled, would be slower without saying so.
    #[tokio::test]
    async fn sqlite_is_built_without_its_global_allocation_bookkeeping() {
        let data_dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(data_dir.path(), &StorageConfig::default())
            .await
            .unwrap();
        let options: Vec<String> = sqlx::query_scalar("PRAGMA compile_options")
            .fetch_all(&store.read)
            .await
            .unwrap();
        assert!(
            options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"),
            "{options:?}"
        );
        assert!(
            !options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"),
            "{options:?}"
        );
        store.close().await;
    }

    #[tokio::test]
    async fn statements_journal_in_memory_and_commits_leave_checkpoints_to_the_checkpointer() {
        let data_dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(data_dir.path(), &StorageConfig::default())
            .await
            .unwrap();
        // temp_store 2 is MEMORY.
        assert_eq!(pragma(&store.write, "temp_store").await, 2);
        assert_eq!(pragma(&store.read, "temp_store").await, 2);
        assert_eq!(
            pragma(&store.write, "wal_autocheckpoint").await,
            i64::from(WAL_AUTOCHECKPOINT_PAGES)
        );
        store.close().await;
    }

    /// Pages reach the database file only through checkpoints: the file grows after appends
    /// though no commit came near the writer's own checkpoint threshold.
    #[tokio::test]
    async fn the_log_is_copied_into_the_database_in_the_background() {
        use crate::domain::ids::ConversationKind;
        use crate::domain::model::{Content, NewMessage};
        use crate::domain::ports::MessageStore;

        let data_dir = tempfile::tempdir().unwrap();
        let database = data_dir.path().join("easychat.db");
        let store = SqliteStore::open(data_dir.path(), &StorageConfig::default())
            .await
            .unwrap();
        let users = vec!["a".to_owned(), "b".to_owned()];
        store
            .open_conversation("s_a_b", ConversationKind::Single, &users, 1)
            .await
            .unwrap();
        tokio::time::sleep(checkpoint::CHECKPOINT_INTERVAL * 2).await;
        let before = std::fs::metadata(&database).unwrap().len();
        for n in 0..200 {
            let message = NewMessage {
                message_id: format!("m{n:04}"),
                conversation_id: "s_a_b".to_owned(),
                kind: ConversationKind::Single,
                sender_id: "a".to_owned(),
                client_msg_id: format!("c{n}"),
                content: Content::Text {
                    text: format!("message number {n} with some text to fill pages"),
                },
                sent_at: 2,
                reply_to: None,
                mentions: Default::default(),
            };
            store.append(&message).await.unwrap();
        }
        let deadline = tokio::time::Instant::now() + checkpoint::CHECKPOINT_INTERVAL * 10;
        loop {
            let now = std::fs::metadata(&database).unwrap().len();
            if now > before {
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the database file stayed at {before} bytes: nothing was checkpointed"
            );
            tokio::time::sleep(checkpoint::CHECKPOINT_INTERVAL / 5).await;
        }
        store.close().await;
    }
}
