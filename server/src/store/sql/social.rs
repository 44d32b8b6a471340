//! Friends, friend requests, groups, members and group requests, on either SQL database.

use std::collections::HashSet;

use async_trait::async_trait;
use sqlx::{Database, Encode, Executor, IntoArguments, Transaction, Type};

use super::rows::Columns;
use super::{Dialect, SqlTables};
use crate::domain::model::*;
use crate::domain::ports::{Page, SocialStore};
use crate::domain::social::already_handled;
use crate::error::Result;
use crate::store::codes::{
    pair_key, pending_group_key, policy_to_db, request_pending, role_to_db, source_to_db,
    state_to_db,
};
use crate::store::sql::rows::{
    self, BLOCK_COLUMNS, FRIEND_REQUEST_COLUMNS, GROUP_COLUMNS, GROUP_REQUEST_COLUMNS,
    MEMBER_COLUMNS,
};
use crate::store::sql::{is_unique_violation, like_pattern, to_i64};

// What the queries need of the driver: executors for pools and transactions, and encoders for
// the parameter types bound. Each impl repeats these bounds because Rust does not carry where
// clauses about other types over from a trait (here `Dialect`) to its users.
#[async_trait]
impl<D: Dialect> SocialStore for SqlTables<D>
where
    for<'c> &'c mut <D::Db as Database>::Connection: Executor<'c, Database = D::Db>,
    for<'q> <D::Db as Database>::Arguments<'q>: IntoArguments<'q, D::Db>,
    for<'q> &'q str: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> Option<&'q str>: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> String: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> i64: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> Option<i64>: Encode<'q, D::Db> + Type<D::Db>,
{
    async fn create_friend_request(&self, request: &FriendRequest) -> Result<()> {
        let result = sqlx::query(
            "INSERT INTO friend_requests (id, from_user, to_user, message, state, created_at, pending_pair)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(request.request_id.as_str())
        .bind(request.from_user.as_str())
        .bind(request.to_user.as_str())
        .bind(request.message.as_str())
        .bind(state_to_db(request.state))
        .bind(request.created_at)
        .bind(pair_key(&request.from_user, &request.to_user))
        .execute(&self.write)
        .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if is_unique_violation(&e) => Err(request_pending()),
            Err(e) => Err(D::db_error("creating a friend request")(e)),
        }
    }

    async fn friend_request(&self, request_id: &str) -> Result<Option<FriendRequest>> {
        let row = sqlx::query(&format!(
            "SELECT {FRIEND_REQUEST_COLUMNS} FROM friend_requests WHERE id = ?"
        ))
        .bind(request_id)
        .fetch_optional(&self.read)
        .await
        .map_err(D::db_error("loading a friend request"))?;
        Ok(row.as_ref().map(rows::friend_request))
    }

    async fn list_friend_requests(
        &self,
        user_id: &str,
        direction: RequestDirection,
        page: Page,
    ) -> Result<Vec<FriendRequest>> {
        let filter = match direction {
            RequestDirection::Incoming => "to_user = ?",
            RequestDirection::Outgoing => "from_user = ?",
            RequestDirection::Both => "(to_user = ? OR from_user = ?)",
        };
        let sql = format!(
            "SELECT {FRIEND_REQUEST_COLUMNS} FROM friend_requests WHERE {filter}
             ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"
        );
        let mut query = sqlx::query(&sql).bind(user_id);
        if direction == RequestDirection::Both {
            query = query.bind(user_id);
        }
        let rows = query
            .bind(to_i64(page.limit))
            .bind(to_i64(page.offset))
            .fetch_all(&self.read)
            .await
            .map_err(D::db_error("listing friend requests"))?;
        Ok(rows.iter().map(rows::friend_request).collect())
    }

    async fn resolve_friend_request(
        &self,
        request_id: &str,
        accept: bool,
        handle_message: &str,
        now: Millis,
    ) -> Result<FriendRequest> {
        let context = "handling a friend request";
        let mut tx = self.write.begin().await.map_err(D::db_error(context))?;
        let state = if accept {
            RequestState::Accepted
        } else {
            RequestState::Refused
        };
        // Lock the request so that of two concurrent resolutions the second waits, then sees the
        // first one's outcome (`LOCK_ROWS`; SQLite's one write connection runs them one after
        // the other anyway).
        let lock = D::LOCK_ROWS;
        let row = sqlx::query(&format!(
            "SELECT {FRIEND_REQUEST_COLUMNS} FROM friend_requests WHERE id = ?{lock}"
        ))
        .bind(request_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(D::db_error(context))?;
        let mut request = match row.as_ref().map(rows::friend_request) {
            Some(request) if request.state == RequestState::Pending => request,
            _ => return Err(already_handled()),
        };
        sqlx::query(
            "UPDATE friend_requests SET state = ?, handle_message = ?, handled_at = ?,
             pending_pair = NULL WHERE id = ?",
        )
        .bind(state_to_db(state))
        .bind(handle_message)
        .bind(now)
        .bind(request_id)
        .execute(&mut *tx)
        .await
        .map_err(D::db_error(context))?;
        request.state = state;
        request.handle_message = handle_message.to_owned();
        request.handled_at = Some(now);
        if accept {
            for (user, friend) in [
                (&request.from_user, &request.to_user),
                (&request.to_user, &request.from_user),
            ] {
                sqlx::query(&format!(
                    "{} INTO friendships (user_id, friend_id, created_at) VALUES (?, ?, ?)",
                    D::INSERT_IGNORE
                ))
                .bind(user.as_str())
                .bind(friend.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(D::db_error(context))?;
            }
        }
        tx.commit().await.map_err(D::db_error(context))?;
        Ok(request)
    }

    async fn friendship(&self, user_id: &str, friend_id: &str) -> Result<Option<Friendship>> {
        let row = sqlx::query(
            "SELECT user_id, friend_id, remark, created_at FROM friendships
             WHERE user_id = ? AND friend_id = ?",
        )
        .bind(user_id)
        .bind(friend_id)
        .fetch_optional(&self.read)
        .await
        .map_err(D::db_error("loading a friendship"))?;
        Ok(row.as_ref().map(rows::friendship))
    }

    async fn list_friends(
        &self,
        user_id: &str,
        keyword: &str,
        page: Page,
    ) -> Result<Vec<Friendship>> {
        let binary = D::BINARY_ORDER;
        let rows = sqlx::query(&format!(
            "SELECT f.user_id, f.friend_id, f.remark, f.created_at FROM friendships f
             JOIN users u ON u.id = f.friend_id
             WHERE f.user_id = ?
               AND (? = '' OR u.nickname LIKE ? ESCAPE '!' OR f.remark LIKE ? ESCAPE '!')
             ORDER BY u.nickname{binary}, u.id LIMIT ? OFFSET ?",
        ))
        .bind(user_id)
        .bind(keyword)
        .bind(like_pattern(keyword))
        .bind(like_pattern(keyword))
        .bind(to_i64(page.limit))
        .bind(to_i64(page.offset))
        .fetch_all(&self.read)
        .await
        .map_err(D::db_error("listing friends"))?;
        Ok(rows.iter().map(rows::friendship).collect())
    }

    async fn set_friend_remark(&self, user_id: &str, friend_id: &str, remark: &str) -> Result<()> {
        sqlx::query("UPDATE friendships SET remark = ? WHERE user_id = ? AND friend_id = ?")
            .bind(remark)
            .bind(user_id)
            .bind(friend_id)
            .execute(&self.write)
            .await
            .map_err(D::db_error("setting a remark"))?;
        Ok(())
    }

    async fn delete_friendship(&self, user_id: &str, friend_id: &str) -> Result<bool> {
        let result = sqlx::query(
            "DELETE FROM friendships
             WHERE (user_id = ? AND friend_id = ?) OR (user_id = ? AND friend_id = ?)",
        )
        .bind(user_id)
        .bind(friend_id)
        .bind(friend_id)
        .bind(user_id)
        .execute(&self.write)
        .await
        .map_err(D::db_error("deleting a friendship"))?;
        Ok(D::rows_affected(&result) > 0)
    }

    async fn friend_ids(&self, user_id: &str) -> Result<Vec<String>> {
        // The primary key's prefix: read from the index alone.
        let rows = sqlx::query("SELECT friend_id FROM friendships WHERE user_id = ?")
            .bind(user_id)
            .fetch_all(&self.read)
            .await
            .map_err(D::db_error("listing friend ids"))?;
        Ok(rows.iter().map(|row| row.text("friend_id")).collect())
    }

    async fn friends_among(&self, user_id: &str, candidates: &[String]) -> Result<HashSet<String>> {
        if candidates.is_empty() {
            return Ok(HashSet::new());
        }
        let placeholders = vec!["?"; candidates.len()].join(", ");
        let sql = format!(
            "SELECT friend_id FROM friendships WHERE user_id = ? AND friend_id IN ({placeholders})"
        );
        let mut query = sqlx::query(&sql).bind(user_id);
        for id in candidates {
            query = query.bind(id);
        }
        let rows = query
            .fetch_all(&self.read)
            .await
            .map_err(D::db_error("checking friendships"))?;
        Ok(rows.iter().map(|row| row.text("friend_id")).collect())
    }

    async fn block_user(&self, user_id: &str, blocked_id: &str, at: Millis) -> Result<Block> {
        let context = "blocking a user";
        sqlx::query(&format!(
            "{} INTO blocks (user_id, blocked_id, created_at) VALUES (?, ?, ?)",
            D::INSERT_IGNORE
        ))
        .bind(user_id)
        .bind(blocked_id)
        .bind(at)
        .execute(&self.write)
        .await
        .map_err(D::db_error(context))?;
        // Read where it was written: the block as stored, first time included.
        let row = sqlx::query(&format!(
            "SELECT {BLOCK_COLUMNS} FROM blocks WHERE user_id = ? AND blocked_id = ?"
        ))
        .bind(user_id)
        .bind(blocked_id)
        .fetch_one(&self.write)
        .await
        .map_err(D::db_error(context))?;
        Ok(rows::block(&row))
    }

    async fn unblock_user(&self, user_id: &str, blocked_id: &str) -> Result<bool> {
        let result = sqlx::query("DELETE FROM blocks WHERE user_id = ? AND blocked_id = ?")
            .bind(user_id)
            .bind(blocked_id)
            .execute(&self.write)
            .await
            .map_err(D::db_error("unblocking a user"))?;
        Ok(D::rows_affected(&result) > 0)
    }

    async fn list_blocked(&self, user_id: &str, page: Page) -> Result<Vec<Block>> {
        let rows = sqlx::query(&format!(
            "SELECT {BLOCK_COLUMNS} FROM blocks WHERE user_id = ?
             ORDER BY created_at DESC, blocked_id DESC LIMIT ? OFFSET ?"
        ))
        .bind(user_id)
        .bind(to_i64(page.limit))
        .bind(to_i64(page.offset))
        .fetch_all(&self.read)
        .await
        .map_err(D::db_error("listing blocked users"))?;
        Ok(rows.iter().map(rows::block).collect())
    }

    async fn blockers_of(&self, user_id: &str) -> Result<Vec<String>> {
        let rows = sqlx::query("SELECT user_id FROM blocks WHERE blocked_id = ?")
            .bind(user_id)
            .fetch_all(&self.read)
            .await
            .map_err(D::db_error("listing who blocked a user"))?;
        Ok(rows.iter().map(|row| row.text("user_id")).collect())
    }

    async fn relation(&self, user_id: &str, peer_id: &str) -> Result<Relation> {
        // Two indexed reads on a miss of the copies in front (CachedSocialStore), which answer
        // the sends in between.
        let friendship = self.friendship(user_id, peer_id).await?;
        let rows = sqlx::query(
            "SELECT user_id FROM blocks
             WHERE (user_id = ? AND blocked_id = ?) OR (user_id = ? AND blocked_id = ?)",
        )
        .bind(user_id)
        .bind(peer_id)
        .bind(peer_id)
        .bind(user_id)
        .fetch_all(&self.read)
        .await
        .map_err(D::db_error("loading blocks"))?;
        let blockers: Vec<String> = rows.iter().map(|row| row.text("user_id")).collect();
        Ok(rows::relation(user_id, friendship, &blockers))
    }

    async fn create_group(&self, group: &Group, members: &[GroupMember]) -> Result<()> {
        let context = "creating a group";
        let mut tx = self.write.begin().await.map_err(D::db_error(context))?;
        sqlx::query(
            "INSERT INTO chat_groups (id, name, icon, description, notice, join_policy, owner_id, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(group.group_id.as_str())
        .bind(group.name.as_str())
        .bind(group.icon.as_str())
        .bind(group.description.as_str())
        .bind(group.notice.as_str())
        .bind(policy_to_db(group.join_policy))
        .bind(group.owner_id.as_str())
        .bind(group.created_at)
        .execute(&mut *tx)
        .await
        .map_err(D::db_error(context))?;
        for member in members {
            insert_member::<D>(&mut tx, member)
                .await
                .map_err(D::db_error(context))?;
        }
        tx.commit().await.map_err(D::db_error(context))
    }

    async fn group(&self, group_id: &str) -> Result<Option<Group>> {
        let row = sqlx::query(&format!(
            "SELECT {GROUP_COLUMNS} FROM chat_groups g WHERE g.id = ?"
        ))
        .bind(group_id)
        .fetch_optional(&self.read)
        .await
        .map_err(D::db_error("loading a group"))?;
        Ok(row.as_ref().map(rows::group))
    }

    async fn update_group(&self, group_id: &str, patch: &GroupPatch) -> Result<()> {
        sqlx::query(
            "UPDATE chat_groups SET name = COALESCE(?, name), icon = COALESCE(?, icon),
             description = COALESCE(?, description), notice = COALESCE(?, notice),
             join_policy = COALESCE(?, join_policy) WHERE id = ?",
        )
        .bind(patch.name.as_deref())
        .bind(patch.icon.as_deref())
        .bind(patch.description.as_deref())
        .bind(patch.notice.as_deref())
        .bind(patch.join_policy.map(policy_to_db))
        .bind(group_id)
        .execute(&self.write)
        .await
        .map_err(D::db_error("updating a group"))?;
        Ok(())
    }

    async fn delete_group(&self, group_id: &str) -> Result<()> {
        let context = "dissolving a group";
        let mut tx = self.write.begin().await.map_err(D::db_error(context))?;
        for sql in [
            "DELETE FROM group_members WHERE group_id = ?",
            "DELETE FROM group_requests WHERE group_id = ?",
            "DELETE FROM chat_groups WHERE id = ?",
        ] {
            sqlx::query(sql)
                .bind(group_id)
                .execute(&mut *tx)
                .await
                .map_err(D::db_error(context))?;
        }
        tx.commit().await.map_err(D::db_error(context))
    }

    async fn member(&self, group_id: &str, user_id: &str) -> Result<Option<GroupMember>> {
        let row = sqlx::query(&format!(
            "SELECT {MEMBER_COLUMNS} FROM group_members WHERE group_id = ? AND user_id = ?"
        ))
        .bind(group_id)
        .bind(user_id)
        .fetch_optional(&self.read)
        .await
        .map_err(D::db_error("loading a member"))?;
        Ok(row.as_ref().map(rows::member))
    }

    async fn list_members(&self, group_id: &str, page: Page) -> Result<Vec<GroupMember>> {
        let rows = sqlx::query(&format!(
            "SELECT {MEMBER_COLUMNS} FROM group_members WHERE group_id = ?
             ORDER BY role, joined_at, user_id LIMIT ? OFFSET ?"
        ))
        .bind(group_id)
        .bind(to_i64(page.limit))
        .bind(to_i64(page.offset))
        .fetch_all(&self.read)
        .await
        .map_err(D::db_error("listing members"))?;
        Ok(rows.iter().map(rows::member).collect())
    }

    async fn member_ids(&self, group_id: &str) -> Result<Vec<String>> {
        let rows = sqlx::query("SELECT user_id FROM group_members WHERE group_id = ?")
            .bind(group_id)
            .fetch_all(&self.read)
            .await
            .map_err(D::db_error("listing member ids"))?;
        Ok(rows.iter().map(|row| row.text("user_id")).collect())
    }

    async fn add_members(&self, members: &[GroupMember]) -> Result<Vec<String>> {
        let context = "adding members";
        let mut tx = self.write.begin().await.map_err(D::db_error(context))?;
        let mut added = Vec::new();
        for member in members {
            if insert_member::<D>(&mut tx, member)
                .await
                .map_err(D::db_error(context))?
            {
                added.push(member.user_id.clone());
            }
        }
        tx.commit().await.map_err(D::db_error(context))?;
        Ok(added)
    }

    async fn remove_member(&self, group_id: &str, user_id: &str) -> Result<bool> {
        let result = sqlx::query("DELETE FROM group_members WHERE group_id = ? AND user_id = ?")
            .bind(group_id)
            .bind(user_id)
            .execute(&self.write)
            .await
            .map_err(D::db_error("removing a member"))?;
        Ok(D::rows_affected(&result) > 0)
    }

    async fn set_member_role(&self, group_id: &str, user_id: &str, role: GroupRole) -> Result<()> {
        sqlx::query("UPDATE group_members SET role = ? WHERE group_id = ? AND user_id = ?")
            .bind(role_to_db(role))
            .bind(group_id)
            .bind(user_id)
            .execute(&self.write)
            .await
            .map_err(D::db_error("setting a member role"))?;
        Ok(())
    }

    async fn transfer_ownership(
        &self,
        group_id: &str,
        old_owner: &str,
        new_owner: &str,
    ) -> Result<()> {
        let context = "transferring a group";
        let mut tx = self.write.begin().await.map_err(D::db_error(context))?;
        for (user, role) in [
            (old_owner, GroupRole::Member),
            (new_owner, GroupRole::Owner),
        ] {
            sqlx::query("UPDATE group_members SET role = ? WHERE group_id = ? AND user_id = ?")
                .bind(role_to_db(role))
                .bind(group_id)
                .bind(user)
                .execute(&mut *tx)
                .await
                .map_err(D::db_error(context))?;
        }
        sqlx::query("UPDATE chat_groups SET owner_id = ? WHERE id = ?")
            .bind(new_owner)
            .bind(group_id)
            .execute(&mut *tx)
            .await
            .map_err(D::db_error(context))?;
        tx.commit().await.map_err(D::db_error(context))
    }

    async fn set_muted_until(
        &self,
        group_id: &str,
        user_id: &str,
        until: Option<Millis>,
    ) -> Result<()> {
        sqlx::query("UPDATE group_members SET muted_until = ? WHERE group_id = ? AND user_id = ?")
            .bind(until)
            .bind(group_id)
            .bind(user_id)
            .execute(&self.write)
            .await
            .map_err(D::db_error("muting a member"))?;
        Ok(())
    }

    async fn group_ids_of_user(&self, user_id: &str) -> Result<Vec<String>> {
        // group_members_by_user: no join, and no member count per group.
        let rows = sqlx::query("SELECT group_id FROM group_members WHERE user_id = ?")
            .bind(user_id)
            .fetch_all(&self.read)
            .await
            .map_err(D::db_error("listing a user's group ids"))?;
        Ok(rows.iter().map(|row| row.text("group_id")).collect())
    }

    async fn groups_of_user(&self, user_id: &str, page: Page) -> Result<Vec<Group>> {
        let rows = sqlx::query(&format!(
            "SELECT {GROUP_COLUMNS} FROM chat_groups g JOIN group_members m ON m.group_id = g.id
             WHERE m.user_id = ? ORDER BY m.joined_at DESC, g.id LIMIT ? OFFSET ?"
        ))
        .bind(user_id)
        .bind(to_i64(page.limit))
        .bind(to_i64(page.offset))
        .fetch_all(&self.read)
        .await
        .map_err(D::db_error("listing my groups"))?;
        Ok(rows.iter().map(rows::group).collect())
    }

    async fn search_groups(&self, keyword: &str, page: Page) -> Result<Vec<Group>> {
        let binary = D::BINARY_ORDER;
        let rows = sqlx::query(&format!(
            "SELECT {GROUP_COLUMNS} FROM chat_groups g WHERE g.name LIKE ? ESCAPE '!'
             ORDER BY g.name{binary}, g.id LIMIT ? OFFSET ?"
        ))
        .bind(like_pattern(keyword))
        .bind(to_i64(page.limit))
        .bind(to_i64(page.offset))
        .fetch_all(&self.read)
        .await
        .map_err(D::db_error("searching groups"))?;
        Ok(rows.iter().map(rows::group).collect())
    }

    async fn create_group_request(&self, request: &GroupRequest) -> Result<()> {
        let result = sqlx::query(
            "INSERT INTO group_requests (id, group_id, user_id, inviter_id, source, message, state,
             created_at, pending_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(request.request_id.as_str())
        .bind(request.group_id.as_str())
        .bind(request.user_id.as_str())
        .bind(request.inviter_id.as_deref())
        .bind(source_to_db(request.source))
        .bind(request.message.as_str())
        .bind(state_to_db(request.state))
        .bind(request.created_at)
        .bind(pending_group_key(&request.group_id, &request.user_id))
        .execute(&self.write)
        .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if is_unique_violation(&e) => Err(request_pending()),
            Err(e) => Err(D::db_error("creating a group request")(e)),
        }
    }

    async fn group_request(&self, request_id: &str) -> Result<Option<GroupRequest>> {
        let row = sqlx::query(&format!(
            "SELECT {GROUP_REQUEST_COLUMNS} FROM group_requests WHERE id = ?"
        ))
        .bind(request_id)
        .fetch_optional(&self.read)
        .await
        .map_err(D::db_error("loading a group request"))?;
        Ok(row.as_ref().map(rows::group_request))
    }

    async fn list_group_requests(&self, group_id: &str, page: Page) -> Result<Vec<GroupRequest>> {
        let rows = sqlx::query(&format!(
            "SELECT {GROUP_REQUEST_COLUMNS} FROM group_requests WHERE group_id = ?
             ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"
        ))
        .bind(group_id)
        .bind(to_i64(page.limit))
        .bind(to_i64(page.offset))
        .fetch_all(&self.read)
        .await
        .map_err(D::db_error("listing group requests"))?;
        Ok(rows.iter().map(rows::group_request).collect())
    }

    async fn resolve_group_request(
        &self,
        request_id: &str,
        accept: bool,
        handler_id: &str,
        now: Millis,
        member: &GroupMember,
    ) -> Result<GroupRequest> {
        let context = "handling a group request";
        let mut tx = self.write.begin().await.map_err(D::db_error(context))?;
        let state = if accept {
            RequestState::Accepted
        } else {
            RequestState::Refused
        };
        // As for friend requests: the row lock makes check-then-resolve atomic.
        let lock = D::LOCK_ROWS;
        let row = sqlx::query(&format!(
            "SELECT {GROUP_REQUEST_COLUMNS} FROM group_requests WHERE id = ?{lock}"
        ))
        .bind(request_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(D::db_error(context))?;
        let mut request = match row.as_ref().map(rows::group_request) {
            Some(request) if request.state == RequestState::Pending => request,
            _ => return Err(already_handled()),
        };
        sqlx::query(
            "UPDATE group_requests SET state = ?, handler_id = ?, handled_at = ?,
             pending_key = NULL WHERE id = ?",
        )
        .bind(state_to_db(state))
        .bind(handler_id)
        .bind(now)
        .bind(request_id)
        .execute(&mut *tx)
        .await
        .map_err(D::db_error(context))?;
        request.state = state;
        request.handler_id = Some(handler_id.to_owned());
        request.handled_at = Some(now);
        if accept {
            insert_member::<D>(&mut tx, member)
                .await
                .map_err(D::db_error(context))?;
        }
        tx.commit().await.map_err(D::db_error(context))?;
        Ok(request)
    }
}

/// Inserts a membership unless it exists; returns whether it was inserted.
async fn insert_member<D: Dialect>(
    tx: &mut Transaction<'_, D::Db>,
    member: &GroupMember,
) -> Result<bool, sqlx::Error>
where
    for<'c> &'c mut <D::Db as Database>::Connection: Executor<'c, Database = D::Db>,
    for<'q> <D::Db as Database>::Arguments<'q>: IntoArguments<'q, D::Db>,
    for<'q> &'q str: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> Option<&'q str>: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> String: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> i64: Encode<'q, D::Db> + Type<D::Db>,
    for<'q> Option<i64>: Encode<'q, D::Db> + Type<D::Db>,
{
    let result = sqlx::query(&format!(
        "{} INTO group_members (group_id, user_id, role, muted_until, joined_at)
         VALUES (?, ?, ?, ?, ?)",
        D::INSERT_IGNORE
    ))
    .bind(member.group_id.as_str())
    .bind(member.user_id.as_str())
    .bind(role_to_db(member.role))
    .bind(member.muted_until)
    .bind(member.joined_at)
    .execute(&mut **tx)
    .await?;
    Ok(D::rows_affected(&result) == 1)
}
