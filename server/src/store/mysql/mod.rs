//! The MySQL/MariaDB store: users, token revocations and the social graph (the old system kept
//! them in MySQL too), on a connection pool to `backends.mysql.url`.
//!
//! The queries are the embedded store's (`store::sql`, shared), in the MySQL dialect
//! ([`MysqlDialect`]). The rules that need atomicity are unique keys (migrations/mysql) and row
//! locks, so they hold across any number of server processes.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::migrate::MigrateDatabase;
use sqlx::mysql::{
    MySql, MySqlConnectOptions, MySqlDatabaseError, MySqlPool, MySqlPoolOptions, MySqlQueryResult,
};
use sqlx::{ConnectOptions, Connection};

use crate::config::MysqlConfig;
use crate::error::Error;
use crate::store::sql::{Dialect, SqlTables};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/mysql");

/// How long a request waits for a pooled connection before the store reports itself unavailable.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone, Debug)]
pub struct MysqlStore {
    pool: MySqlPool,
}

impl MysqlStore {
    /// Connects to `url`, creating its database first when `backends.mysql.create_database` is
    /// set, and applies pending migrations.
    pub async fn open(url: &str, config: &MysqlConfig) -> anyhow::Result<MysqlStore> {
        let options = MySqlConnectOptions::from_str(url)
            .context("backends.mysql.url is not a valid mysql:// URL")?
            .charset("utf8mb4")
            // The collation of the tables, so literals compare the way columns do.
            .collation("utf8mb4_unicode_520_ci");
        let database = options
            .get_database()
            .context("backends.mysql.url names no database (mysql://user:pass@host/DATABASE)")?
            .to_owned();
        if config.create_database {
            create_database_if_missing(url, &database).await?;
        }
        // One direct connection first: the pool retries until its timeout and then reports only
        // that it timed out, while this says why (refused, access denied, unknown database).
        options
            .connect()
            .await
            .with_context(|| format!("connecting to MySQL database {database}"))?
            .close()
            .await?;
        let pool = MySqlPoolOptions::new()
            .max_connections(config.pool.max(1))
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .with_context(|| format!("connecting to MySQL database {database}"))?;
        MIGRATOR
            .run(&pool)
            .await
            .with_context(|| format!("migrating MySQL database {database}"))?;
        Ok(MysqlStore { pool })
    }

    /// Applies pending migrations and returns how many there are in total.
    pub async fn migrate(url: &str, config: &MysqlConfig) -> anyhow::Result<usize> {
        let store = Self::open(url, config).await?;
        store.close().await;
        Ok(MIGRATOR.migrations.len())
    }

    /// Waits for checked-out connections to come back, then closes them all.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Users, token revocations and the social graph in this database.
    pub fn tables(&self) -> SqlTables<MysqlDialect> {
        SqlTables::new(self.pool.clone(), self.pool.clone())
    }
}

/// MySQL/MariaDB for the shared SQL tables: concurrent transactions, so a check-then-write
/// locks the row it read (`FOR UPDATE`); the tables' collation ignores case, so names are
/// ordered by their bytes explicitly.
#[derive(Debug)]
pub struct MysqlDialect;

impl Dialect for MysqlDialect {
    type Db = MySql;
    const INSERT_IGNORE: &'static str = "INSERT IGNORE";
    const LOCK_ROWS: &'static str = " FOR UPDATE";
    const BINARY_ORDER: &'static str = " COLLATE utf8mb4_bin";

    fn rows_affected(result: &MySqlQueryResult) -> u64 {
        result.rows_affected()
    }

    fn db_error(context: &'static str) -> impl FnOnce(sqlx::Error) -> Error + Send {
        db_error(context)
    }
}

async fn create_database_if_missing(url: &str, database: &str) -> anyhow::Result<()> {
    // sqlx quotes the name with backticks but does not escape it: accept plain names only.
    anyhow::ensure!(
        !database.is_empty()
            && database.len() <= 64
            && database
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$'),
        "backends.mysql.create_database: database name {database:?} must be 1 to 64 letters, \
         digits, '_' or '$'"
    );
    if MySql::database_exists(url).await? {
        return Ok(());
    }
    match MySql::create_database(url).await {
        Ok(()) => Ok(()),
        // Created meanwhile by another process starting on the same URL.
        Err(e) if mysql_error_number(&e) == Some(ER_DB_CREATE_EXISTS) => Ok(()),
        Err(e) => Err(e).with_context(|| format!("creating MySQL database {database}")),
    }
}

const ER_DB_CREATE_EXISTS: u16 = 1007;
const ER_CON_COUNT_ERROR: u16 = 1040;
const ER_SERVER_SHUTDOWN: u16 = 1053;
const ER_LOCK_WAIT_TIMEOUT: u16 = 1205;
const ER_LOCK_DEADLOCK: u16 = 1213;

fn mysql_error_number(e: &sqlx::Error) -> Option<u16> {
    match e {
        sqlx::Error::Database(db) => db
            .try_downcast_ref::<MySqlDatabaseError>()
            .map(MySqlDatabaseError::number),
        _ => None,
    }
}

/// Maps a driver error to the domain's, logging the detail. Besides a failed connection, errors
/// a retry can cure (server overloaded or shutting down, a lock wait that timed out, a deadlock
/// victim) are `Unavailable`; the rest are `Internal`.
fn db_error(context: &'static str) -> impl FnOnce(sqlx::Error) -> Error {
    crate::store::sql::db_error(context, |e| {
        matches!(
            mysql_error_number(e),
            Some(ER_CON_COUNT_ERROR | ER_SERVER_SHUTDOWN | ER_LOCK_WAIT_TIMEOUT | ER_LOCK_DEADLOCK)
        )
    })
}
