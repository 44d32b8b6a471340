//! What the two SQL adapters share: the embedded SQLite store and the MySQL store keep the same
//! tables for users and the social graph (server/migrations), so they read rows the same way
//! (`rows`) and share the helpers below. What differs stays in each adapter, where the dialects
//! differ: placeholders (`?1` vs `?`), `RETURNING` vs `SELECT … FOR UPDATE`, `INSERT OR IGNORE`
//! vs `INSERT IGNORE`, collations, and which driver errors are worth a retry.

pub mod rows;

use crate::error::Error;

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
