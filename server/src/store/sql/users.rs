//! Users and token revocations, on either SQL database.

use async_trait::async_trait;
use sqlx::{Database, Encode, Executor, IntoArguments, Type};

use super::rows::Columns;
use super::{Dialect, SqlTables};
use crate::domain::model::*;
use crate::domain::ports::{Page, TokenRevocations, UserStore};
use crate::error::{Error, Reason, Result};
use crate::store::codes::sex_to_db;
use crate::store::sql::rows::{self, USER_COLUMNS};
use crate::store::sql::{is_unique_violation, like_pattern, to_i64};

#[async_trait]
impl<D: Dialect> UserStore for SqlTables<D>
where
    for<'c> &'c mut <D::Db as Database>::Connection: Executor<'c, Database = D::Db>,
    for<'q> <D::Db as Database>::Arguments<'q>: IntoArguments<'q, D::Db>,
    for<'q> &'q str: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> Option<&'q str>: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> String: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> i64: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> Option<i64>: Encode<'q, D::Db> + Type<D::Db>,
{
    async fn create_user(&self, user: &User, password_hash: &str) -> Result<()> {
        let result = sqlx::query(
            "INSERT INTO users (id, phone, password_hash, nickname, avatar, sex, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(user.user_id.as_str())
        .bind(user.phone.as_str())
        .bind(password_hash)
        .bind(user.nickname.as_str())
        .bind(user.avatar.as_str())
        .bind(sex_to_db(user.sex))
        .bind(user.created_at)
        .execute(&self.write)
        .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if is_unique_violation(&e) => Err(Error::already_exists(
                Reason::PhoneTaken,
                "this phone number is already registered",
            )),
            Err(e) => Err(D::db_error("creating a user")(e)),
        }
    }

    async fn user_by_id(&self, user_id: &str) -> Result<Option<UserRecord>> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?"))
            .bind(user_id)
            .fetch_optional(&self.read)
            .await
            .map_err(D::db_error("loading a user"))?;
        Ok(row.as_ref().map(rows::user_record))
    }

    async fn user_by_phone(&self, phone: &str) -> Result<Option<UserRecord>> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE phone = ?"))
            .bind(phone)
            .fetch_optional(&self.read)
            .await
            .map_err(D::db_error("loading a user by phone"))?;
        Ok(row.as_ref().map(rows::user_record))
    }

    async fn users_by_ids(&self, user_ids: &[String]) -> Result<Vec<User>> {
        if user_ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = vec!["?"; user_ids.len()].join(", ");
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id IN ({placeholders})");
        let mut query = sqlx::query(&sql);
        for id in user_ids {
            query = query.bind(id);
        }
        let rows = query
            .fetch_all(&self.read)
            .await
            .map_err(D::db_error("loading users"))?;
        Ok(rows.iter().map(|row| rows::user_record(row).user).collect())
    }

    async fn update_profile(&self, user_id: &str, patch: &ProfilePatch) -> Result<()> {
        sqlx::query(
            "UPDATE users SET nickname = COALESCE(?, nickname), avatar = COALESCE(?, avatar),
             sex = COALESCE(?, sex) WHERE id = ?",
        )
        .bind(patch.nickname.as_deref())
        .bind(patch.avatar.as_deref())
        .bind(patch.sex.map(sex_to_db))
        .bind(user_id)
        .execute(&self.write)
        .await
        .map_err(D::db_error("updating a profile"))?;
        Ok(())
    }

    async fn set_password(&self, user_id: &str, password_hash: &str) -> Result<i64> {
        let context = "changing a password";
        // No RETURNING in MySQL: read the new version back under the row lock the UPDATE holds
        // (SQLite serialises the whole transaction).
        let mut tx = self.write.begin().await.map_err(D::db_error(context))?;
        sqlx::query(
            "UPDATE users SET password_hash = ?, token_version = token_version + 1 WHERE id = ?",
        )
        .bind(password_hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .map_err(D::db_error(context))?;
        let row = sqlx::query("SELECT token_version FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(D::db_error(context))?;
        tx.commit().await.map_err(D::db_error(context))?;
        Ok(row.int("token_version"))
    }

    async fn search_by_nickname(&self, keyword: &str, page: Page) -> Result<Vec<User>> {
        let binary = D::BINARY_ORDER;
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE nickname LIKE ? ESCAPE '!'
             ORDER BY nickname{binary}, id LIMIT ? OFFSET ?"
        ))
        .bind(like_pattern(keyword))
        .bind(to_i64(page.limit))
        .bind(to_i64(page.offset))
        .fetch_all(&self.read)
        .await
        .map_err(D::db_error("searching users"))?;
        Ok(rows.iter().map(|row| rows::user_record(row).user).collect())
    }
}

#[async_trait]
impl<D: Dialect> TokenRevocations for SqlTables<D>
where
    for<'c> &'c mut <D::Db as Database>::Connection: Executor<'c, Database = D::Db>,
    for<'q> <D::Db as Database>::Arguments<'q>: IntoArguments<'q, D::Db>,
    for<'q> &'q str: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> Option<&'q str>: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> String: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> i64: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> Option<i64>: Encode<'q, D::Db> + Type<D::Db>,
{
    async fn revoke(&self, token_id: &str, expires_at: Millis) -> Result<()> {
        sqlx::query(&format!(
            "{} INTO revoked_tokens (token_id, expires_at) VALUES (?, ?)",
            D::INSERT_IGNORE
        ))
        .bind(token_id)
        .bind(expires_at)
        .execute(&self.write)
        .await
        .map_err(D::db_error("revoking a token"))?;
        // Entries past their token's expiry can go: an expired token is refused anyway.
        sqlx::query("DELETE FROM revoked_tokens WHERE expires_at < ?")
            .bind(now_millis())
            .execute(&self.write)
            .await
            .map_err(D::db_error("pruning revoked tokens"))?;
        Ok(())
    }

    async fn is_revoked(&self, token_id: &str) -> Result<bool> {
        let row = sqlx::query("SELECT 1 FROM revoked_tokens WHERE token_id = ?")
            .bind(token_id)
            .fetch_optional(&self.read)
            .await
            .map_err(D::db_error("checking a token"))?;
        Ok(row.is_some())
    }
}
