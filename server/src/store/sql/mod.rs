//! The user and social-graph tables on a SQL database, written once for both SQL adapters: the
//! embedded SQLite store and the MySQL store keep the same tables (server/migrations), so one
//! implementation of `UserStore`, `TokenRevocations` and `SocialStore` ([`SqlTables`]) serves
//! both. What differs between the dialects is the small seam [`Dialect`]: `INSERT OR IGNORE` vs
//! `INSERT IGNORE`, whether a read in a transaction must lock its rows, the collation that
//! orders names by code point, and which driver errors are worth a retry. The queries use only
//! `?` placeholders and no `RETURNING`, which both dialects understand.

pub mod rows;
mod social;
mod users;

use sqlx::{Database, Pool};

use crate::error::Error;

/// What one SQL dialect does differently for the shared queries of [`SqlTables`].
pub trait Dialect: Send + Sync + 'static {
    /// The sqlx driver, whose rows the shared mappers read.
    type Db: Database<Row: rows::Columns>;
    /// The statement prefix that inserts unless a unique key already holds the row.
    const INSERT_IGNORE: &'static str;
    /// Appended to a `SELECT` in a transaction to lock the rows it read until the commit, so a
    /// check-then-write is atomic; empty where transactions are serialised anyway.
    const LOCK_ROWS: &'static str;
    /// Appended to an `ORDER BY` of a name to order by code point, whatever the column's
    /// collation; empty where that is the default.
    const BINARY_ORDER: &'static str;
    /// How many rows a statement changed (sqlx has no driver-independent accessor).
    fn rows_affected(result: &<Self::Db as Database>::QueryResult) -> u64;
    /// Maps a driver error to the domain's (see [`db_error`]), with what this database reports
    /// as worth a retry.
    fn db_error(context: &'static str) -> impl FnOnce(sqlx::Error) -> Error + Send;
}

/// Users, token revocations and the social graph on one SQL database. Reads go to `read` and
/// writes (and transactions) to `write`; the two are one pool where the database has no reason
/// to separate them.
#[derive(Debug)]
pub struct SqlTables<D: Dialect> {
    read: Pool<D::Db>,
    write: Pool<D::Db>,
}

// Not derived: a derive would ask `D: Clone` of the marker type.
impl<D: Dialect> Clone for SqlTables<D> {
    fn clone(&self) -> Self {
        SqlTables {
            read: self.read.clone(),
            write: self.write.clone(),
        }
    }
}

impl<D: Dialect> SqlTables<D> {
    pub fn new(read: Pool<D::Db>, write: Pool<D::Db>) -> SqlTables<D> {
        SqlTables { read, write }
    }
}

/// Maps a driver error to the domain's, logging the detail: `Unavailable` (worth a retry) when
/// the connection or pool failed or the adapter's `transient` says so, `Internal` otherwise.
pub fn db_error(
    context: &'static str,
    transient: fn(&sqlx::Error) -> bool,
) -> impl FnOnce(sqlx::Error) -> Error {
    move |e| {
        let retryable = matches!(
            e,
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
        ) || transient(&e);
        if retryable {
            Error::unavailable(context, e)
        } else {
            Error::internal(context, e)
        }
    }
}

pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// `%keyword%` for `LIKE ? ESCAPE '!'`, with the keyword's wildcards escaped. The escape
/// character is `!` rather than the usual `\`, because how MySQL reads a backslash in a string
/// literal depends on the server's `NO_BACKSLASH_ESCAPES` mode; SQLite takes any character.
pub fn like_pattern(keyword: &str) -> String {
    let escaped = keyword
        .replace('!', "!!")
        .replace('%', "!%")
        .replace('_', "!_");
    format!("%{escaped}%")
}

/// An offset or limit for SQL, which counts in signed 64-bit integers.
pub fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_pattern_escapes_wildcards_and_the_escape_character() {
        assert_eq!(like_pattern("a_b%c!d"), "%a!_b!%c!!d%");
        assert_eq!(like_pattern(r"back\slash"), r"%back\slash%");
    }
}
