//! Storage ports: the narrow traits the domain needs from the outside world.
//!
//! Each has an embedded implementation (SQLite, in-process) and a production one (MySQL, MongoDB,
//! Redis, …), selected by config. Implementations keep the rules that need atomicity (unique
//! phone, one pending request per pair, dense seqs, dedup by client_msg_id); the domain keeps
//! every other rule, so all backends behave the same.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use async_trait::async_trait;

use super::model::*;
use crate::error::Result;

/// Offset and limit of a page of a list.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub offset: u64,
    pub limit: u64,
}

#[async_trait]
pub trait UserStore: Send + Sync + 'static {
    /// Stores a new user. `ALREADY_EXISTS`/`PHONE_TAKEN` when the phone is registered.
    async fn create_user(&self, user: &User, password_hash: &str) -> Result<()>;
    async fn user_by_id(&self, user_id: &str) -> Result<Option<UserRecord>>;
    async fn user_by_phone(&self, phone: &str) -> Result<Option<UserRecord>>;
    /// The users among `user_ids` that exist, in no particular order.
    async fn users_by_ids(&self, user_ids: &[String]) -> Result<Vec<User>>;
    async fn update_profile(&self, user_id: &str, patch: &ProfilePatch) -> Result<()>;
    /// Replaces the password hash and bumps the token version; returns the new version.
    async fn set_password(&self, user_id: &str, password_hash: &str) -> Result<i64>;
    /// Users whose nickname contains `keyword`, by nickname.
    async fn search_by_nickname(&self, keyword: &str, page: Page) -> Result<Vec<User>>;
}

/// Revoked token ids, kept until the token would have expired anyway.
#[async_trait]
pub trait TokenRevocations: Send + Sync + 'static {
    async fn revoke(&self, token_id: &str, expires_at: Millis) -> Result<()>;
    async fn is_revoked(&self, token_id: &str) -> Result<bool>;
}

#[async_trait]
pub trait SocialStore: Send + Sync + 'static {
    // --- friends ---
    /// `ALREADY_EXISTS`/`REQUEST_PENDING` when a request between the two is pending.
    async fn create_friend_request(&self, request: &FriendRequest) -> Result<()>;
    async fn friend_request(&self, request_id: &str) -> Result<Option<FriendRequest>>;
    async fn list_friend_requests(
        &self,
        user_id: &str,
        direction: RequestDirection,
        page: Page,
    ) -> Result<Vec<FriendRequest>>;
    /// Moves a pending request to its final state; on accept, makes both users friends in the same
    /// transaction. `FAILED_PRECONDITION`/`REQUEST_ALREADY_HANDLED` when it is no longer pending.
    async fn resolve_friend_request(
        &self,
        request_id: &str,
        accept: bool,
        handle_message: &str,
        now: Millis,
    ) -> Result<FriendRequest>;
    async fn friendship(&self, user_id: &str, friend_id: &str) -> Result<Option<Friendship>>;
    /// `user_id`'s friends whose nickname or remark contains `keyword` (all when empty).
    async fn list_friends(
        &self,
        user_id: &str,
        keyword: &str,
        page: Page,
    ) -> Result<Vec<Friendship>>;
    async fn set_friend_remark(&self, user_id: &str, friend_id: &str, remark: &str) -> Result<()>;
    /// Removes both sides; returns whether they were friends.
    async fn delete_friendship(&self, user_id: &str, friend_id: &str) -> Result<bool>;
    /// The ids of all of `user_id`'s friends, in no particular order (no join, no sort: what
    /// a presence change reads, for every session that opens or ends).
    async fn friend_ids(&self, user_id: &str) -> Result<Vec<String>>;
    /// The ids among `candidates` that are friends of `user_id`.
    async fn friends_among(&self, user_id: &str, candidates: &[String]) -> Result<HashSet<String>>;

    // --- blocks ---
    /// Records that `user_id` blocks `blocked_id` from `at`; a block already there is kept with
    /// its first time. Returns the block as stored.
    async fn block_user(&self, user_id: &str, blocked_id: &str, at: Millis) -> Result<Block>;
    /// Lifts `user_id`'s block of `blocked_id`; returns whether there was one.
    async fn unblock_user(&self, user_id: &str, blocked_id: &str) -> Result<bool>;
    /// The users `user_id` blocked, most recently blocked first.
    async fn list_blocked(&self, user_id: &str, page: Page) -> Result<Vec<Block>>;
    /// The users who blocked `user_id`, in no particular order.
    async fn blockers_of(&self, user_id: &str) -> Result<Vec<String>>;
    /// `user_id`'s friendship with `peer_id` and the blocks between them either way, as one
    /// fact: what a single-chat send checks.
    async fn relation(&self, user_id: &str, peer_id: &str) -> Result<Relation>;

    // --- groups ---
    /// Creates the group with its owner and first members in one transaction.
    async fn create_group(&self, group: &Group, members: &[GroupMember]) -> Result<()>;
    /// The group with its current member count.
    async fn group(&self, group_id: &str) -> Result<Option<Group>>;
    async fn update_group(&self, group_id: &str, patch: &GroupPatch) -> Result<()>;
    /// Deletes the group, its members and its requests.
    async fn delete_group(&self, group_id: &str) -> Result<()>;
    async fn member(&self, group_id: &str, user_id: &str) -> Result<Option<GroupMember>>;
    /// Owner first, then managers, then members by join time.
    async fn list_members(&self, group_id: &str, page: Page) -> Result<Vec<GroupMember>>;
    async fn member_ids(&self, group_id: &str) -> Result<Vec<String>>;
    /// Adds members that are not members yet; returns the ids actually added.
    async fn add_members(&self, members: &[GroupMember]) -> Result<Vec<String>>;
    /// Returns whether the user was a member.
    async fn remove_member(&self, group_id: &str, user_id: &str) -> Result<bool>;
    async fn set_member_role(&self, group_id: &str, user_id: &str, role: GroupRole) -> Result<()>;
    /// Makes `new_owner` the owner and the current owner a plain member, in one transaction.
    async fn transfer_ownership(
        &self,
        group_id: &str,
        old_owner: &str,
        new_owner: &str,
    ) -> Result<()>;
    async fn set_muted_until(
        &self,
        group_id: &str,
        user_id: &str,
        until: Option<Millis>,
    ) -> Result<()>;
    /// The ids of the groups `user_id` belongs to, in no particular order.
    async fn group_ids_of_user(&self, user_id: &str) -> Result<Vec<String>>;
    /// Groups `user_id` belongs to, newest membership first.
    async fn groups_of_user(&self, user_id: &str, page: Page) -> Result<Vec<Group>>;
    async fn search_groups(&self, keyword: &str, page: Page) -> Result<Vec<Group>>;

    // --- group requests ---
    /// `ALREADY_EXISTS`/`REQUEST_PENDING` when the user already has a pending request there.
    async fn create_group_request(&self, request: &GroupRequest) -> Result<()>;
    async fn group_request(&self, request_id: &str) -> Result<Option<GroupRequest>>;
    async fn list_group_requests(&self, group_id: &str, page: Page) -> Result<Vec<GroupRequest>>;
    /// Moves a pending request to its final state; on accept, adds `member` in the same
    /// transaction (unless already a member).
    async fn resolve_group_request(
        &self,
        request_id: &str,
        accept: bool,
        handler_id: &str,
        now: Millis,
        member: &GroupMember,
    ) -> Result<GroupRequest>;
}

/// Messages of one conversation to store together (`MessageStore::append_runs`), in order.
#[derive(Debug, Clone)]
pub struct NewRun {
    pub messages: Vec<NewMessage>,
    /// The conversation's last stored seq as the caller believes it (never ahead), if known.
    pub last_seq: Option<i64>,
}

/// What `MessageStore::append_runs` did with one run.
#[derive(Debug)]
pub struct StoredRun {
    /// One per message, in order: stored (or its original, as a duplicate), or refused (the
    /// conversation does not exist).
    pub outcomes: Vec<Result<Appended>>,
    /// The conversation's last stored seq after the run, when the store knows it: where the
    /// caller's next run continues.
    pub last_seq: Option<i64>,
}

/// What to do with a stored message right after it is durable (see `MessageStore::append_then`).
pub type AfterAppend = Box<dyn FnOnce(&Appended) + Send>;

/// Messages and per-user conversation state (read diffusion: one copy per conversation).
#[async_trait]
pub trait MessageStore: Send + Sync + 'static {
    /// Makes the conversation exist and visible to `user_ids`, idempotently. A user who gets it
    /// now starts with read and cleared seq at the current max seq (they see what comes next).
    async fn open_conversation(
        &self,
        conversation_id: &str,
        kind: super::ids::ConversationKind,
        user_ids: &[String],
        now: Millis,
    ) -> Result<()>;
    /// Removes the conversation from these users' lists (they left the group).
    async fn close_conversation(&self, conversation_id: &str, user_ids: &[String]) -> Result<()>;
    /// Assigns the next seq and stores the message durably, unless (sender, client_msg_id)
    /// exists, in which case the original is returned with `duplicate` set.
    async fn append(&self, message: &NewMessage) -> Result<Appended>;
    /// `append`, then `after` with its result once it is durable (not on error). A store that
    /// commits several appends together calls the `after`s of a conversation in seq order, so
    /// the events they publish go out in that order too.
    async fn append_then(&self, message: &NewMessage, after: AfterAppend) -> Result<Appended> {
        let appended = self.append(message).await?;
        after(&appended);
        Ok(appended)
    }
    /// Stores runs of messages, each run one conversation's, in order, as `append` would one
    /// by one: each message gets its conversation's next seq unless its (sender, client_msg_id)
    /// or message id is stored already. A run's `last_seq` is what the caller believes the
    /// conversation's last stored seq is (`None`: unknown); it may be behind (another writer
    /// appended since), never ahead, and a store that writes the runs at once numbers from it,
    /// so a belief that is behind costs a retry, never a reused or skipped seq. An error is for
    /// the whole call and means some of it may be stored: calling again with the same runs is
    /// safe (those come back as duplicates). Returns one `StoredRun` per run, in order.
    async fn append_runs(&self, runs: &[NewRun]) -> Result<Vec<StoredRun>> {
        let mut stored = Vec::with_capacity(runs.len());
        for run in runs {
            let mut outcomes = Vec::with_capacity(run.messages.len());
            for message in &run.messages {
                match self.append(message).await {
                    Err(error) if error.is_transient() => return Err(error),
                    outcome => outcomes.push(outcome),
                }
            }
            stored.push(StoredRun {
                outcomes,
                last_seq: None,
            });
        }
        Ok(stored)
    }
    async fn message(&self, message_id: &str) -> Result<Option<Message>>;
    /// A page of the history as `user_id` sees it (after their cleared seq, without messages
    /// they deleted).
    async fn history(
        &self,
        user_id: &str,
        conversation_id: &str,
        cleared_seq: i64,
        page: HistoryPage,
        limit: u64,
    ) -> Result<Vec<Message>>;
    /// Whether `user_id` deleted the message for themself.
    async fn is_deleted_for(&self, user_id: &str, message_id: &str) -> Result<bool>;
    async fn user_conversation(
        &self,
        user_id: &str,
        conversation_id: &str,
    ) -> Result<Option<UserConversation>>;
    /// Pinned first, then most recently updated.
    async fn list_user_conversations(
        &self,
        user_id: &str,
        include_hidden: bool,
        page: Page,
    ) -> Result<Vec<UserConversation>>;
    async fn update_user_conversation(
        &self,
        user_id: &str,
        conversation_id: &str,
        patch: &ConversationPatch,
    ) -> Result<()>;
    /// Raises the read seq to `seq` (never lowers it, never past max seq); returns the result.
    async fn mark_read(&self, user_id: &str, conversation_id: &str, seq: i64) -> Result<i64>;
    /// Read seq of each user who has the conversation.
    async fn read_seqs(&self, conversation_id: &str) -> Result<Vec<(String, i64)>>;
    /// Whether a message after `after_seq` in the conversation mentions `user_id` or everyone.
    async fn mentioned_after(
        &self,
        user_id: &str,
        conversation_id: &str,
        after_seq: i64,
    ) -> Result<bool>;
    /// The stored messages among `message_ids`, in no particular order (unknown ids are left out).
    async fn messages_by_ids(&self, message_ids: &[String]) -> Result<Vec<Message>>;
    /// Erases the content and records who recalled it; returns the message after the recall.
    async fn recall(&self, message_id: &str, by: &str, at: Millis) -> Result<Message>;
    /// Replaces the content of a message that is not recalled and records when; returns the
    /// message after the edit, or `None` when it is recalled (atomically: a recall that lands
    /// first wins, and one that lands after erases the edit). `NOT_FOUND`/`MESSAGE_NOT_FOUND`
    /// when there is no such message.
    async fn edit(
        &self,
        message_id: &str,
        content: &Content,
        at: Millis,
    ) -> Result<Option<Message>>;
    /// Hides these messages of the conversation from `user_id`; returns how many were new.
    async fn delete_for_user(
        &self,
        user_id: &str,
        conversation_id: &str,
        message_ids: &[String],
    ) -> Result<u64>;
    /// Hides everything up to the current max seq from `user_id`; returns that seq.
    async fn clear_for_user(&self, user_id: &str, conversation_id: &str) -> Result<i64>;
}

/// What `ReactionStore::add` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReactionAdded {
    /// The reaction is new.
    Added,
    /// The user had already reacted with that emoji; nothing changed.
    AlreadyThere,
    /// Refused: the message has `max_distinct` emoji already and this is not one of them.
    TooManyOnMessage,
    /// Refused: the user has `max_per_user` reactions on the message already.
    TooManyByUser,
}

/// Emoji reactions to messages: who reacted with what, and a count per (message, emoji) kept
/// with every change, so reading a page's reactions never reads one row per reacting user.
#[async_trait]
pub trait ReactionStore: Send + Sync + 'static {
    /// Adds `user_id`'s `emoji` to the message unless it is there already or a bound refuses it.
    async fn add(
        &self,
        message_id: &str,
        user_id: &str,
        emoji: &str,
        bounds: ReactionBounds,
        at: Millis,
    ) -> Result<ReactionAdded>;
    /// Removes it; returns whether it was there.
    async fn remove(&self, message_id: &str, user_id: &str, emoji: &str) -> Result<bool>;
    /// The reactions of each of `message_ids` that has any, per emoji in the order each emoji was
    /// first added, with `reacted_by_me` for `reader`.
    async fn reactions(
        &self,
        message_ids: &[String],
        reader: &str,
    ) -> Result<HashMap<String, Vec<ReactionCount>>>;
}

/// What `PinStore::pin` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinAdded {
    Pinned,
    /// It was pinned already; nothing changed.
    AlreadyPinned,
    /// Refused: the conversation has the most pins it may have.
    TooMany,
}

/// Messages pinned per conversation.
#[async_trait]
pub trait PinStore: Send + Sync + 'static {
    /// Pins the message in its conversation unless it is pinned or `max` are pinned already.
    async fn pin(&self, conversation_id: &str, pin: &Pin, max: u32) -> Result<PinAdded>;
    /// Removes the pin; returns whether there was one.
    async fn unpin(&self, conversation_id: &str, message_id: &str) -> Result<bool>;
    /// The conversation's pins, most recently pinned first.
    async fn pins(&self, conversation_id: &str) -> Result<Vec<Pin>>;
}

/// Where one user may find messages of one conversation: after `after_seq` (what they cleared,
/// or everything before they joined).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchScope {
    pub conversation_id: String,
    pub after_seq: i64,
}

/// The last hit of a search page: the next page continues with what is older.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchCursor {
    pub sent_at: Millis,
    pub message_id: String,
}

/// A text index of the stored messages. It may lag the store (an edit not indexed yet): the
/// domain checks every candidate against the stored message.
#[async_trait]
pub trait SearchIndex: Send + Sync + 'static {
    /// Ids of text messages in `scopes` whose text contains `query` (ASCII letters in any case),
    /// newest first (send time, then id, both descending), older than `before` when given; at
    /// most `limit`.
    async fn search(
        &self,
        scopes: &[SearchScope],
        query: &str,
        before: Option<&SearchCursor>,
        limit: u64,
    ) -> Result<Vec<String>>;
}

/// The bounds `ReactionStore::add` keeps.
#[derive(Debug, Clone, Copy)]
pub struct ReactionBounds {
    /// Distinct emoji on one message.
    pub max_distinct: u32,
    /// Reactions of one user on one message.
    pub max_per_user: u32,
}

/// Where accepted messages go to become durable: straight into the `MessageStore` (embedded), or
/// through the Kafka pipeline, whose consumer writes the `MessageStore`. Either way `append`
/// returns only once the message is stored, with its seq: the sender's ack waits for it.
#[async_trait]
pub trait MessageLog: Send + Sync + 'static {
    /// Stores the message (or finds the original of a retry), as `MessageStore::append`.
    async fn append(&self, message: &NewMessage) -> Result<Appended>;
    /// `append`, then `after` with its result once it is stored (as `MessageStore::append_then`).
    /// `origin` is the live session the message was sent from, if any: a log that may have to
    /// push the message without `after` (its sender stopped waiting) leaves that session out.
    async fn append_then(
        &self,
        message: &NewMessage,
        origin: Option<&str>,
        after: AfterAppend,
    ) -> Result<Appended> {
        let _ = origin;
        let appended = self.append(message).await?;
        after(&appended);
        Ok(appended)
    }
}

/// The last stored seq of each conversation, kept close at hand so an append need not ask the
/// durable store for it every time.
///
/// A hint, never the truth: an entry may be missing (evicted, Redis flushed or restarted) or
/// behind (an old snapshot, a write another node has not reported yet), but it is only ever
/// advanced to a seq that is already stored, so it is never ahead. The store that uses it keeps
/// a unique key on (conversation, seq), so a stale entry costs a retry, never a reused or
/// skipped seq.
#[async_trait]
pub trait SeqCache: Send + Sync + 'static {
    /// The cached last seq of the conversation, if there is one.
    async fn last_seq(&self, conversation_id: &str) -> Result<Option<i64>>;
    /// Raises the cached last seq to `seq` when it is higher than the cached one (or none is
    /// cached); never lowers it. Call it only once `seq` is durably stored.
    async fn advance(&self, conversation_id: &str, seq: i64) -> Result<()>;
    /// Drops the entry; the next append reads the durable store.
    async fn forget(&self, conversation_id: &str) -> Result<()>;
}

/// Versions of facts that nodes keep copies of (a friendship, a group and its members), so a
/// copy can be checked against the truth with one cheap read instead of the full one.
///
/// Every write of a fact changes its version once the write is durable and before the write is
/// acknowledged; a copy is good only while the version it was read under is still current. A
/// version is read **before** the fact it guards, so a write that lands in between leaves the
/// copy under a version that is already gone. `None` is the version of a fact not written
/// recently: versions expire (`VERSION_LIFETIME_FACTOR` × the copies' lifetime), and since a
/// copy never outlives its own lifetime, one read under `None` before a write is gone before the
/// write's version expires back to `None`.
#[async_trait]
pub trait CacheVersions: Send + Sync + 'static {
    /// The current version of `scope`.
    async fn current(&self, scope: &str) -> Result<Option<u64>>;
    /// Gives each scope a new version.
    async fn bump(&self, scopes: &[String]) -> Result<()>;
}

/// How many copy lifetimes a version outlives its write by (see `CacheVersions`).
pub const VERSION_LIFETIME_FACTOR: u32 = 2;

/// What a rate limit applies to; `domain::rate_limits` gives each its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Sending a message (unary or on a Chat stream), per user.
    SendMessage,
    /// Sending a friend request, per user.
    FriendRequest,
    /// A login attempt, per phone number and client address (against password guessing).
    Login,
    /// A login attempt, per phone number from every address (the ceiling for spread guessing).
    LoginPerPhone,
    /// A registration, per client address.
    Register,
    /// A user search, per user.
    Search,
    /// A typing indicator, per user and conversation.
    Typing,
    /// Asking for a media upload, per user.
    MediaUpload,
}

/// Per-key budgets of requests. Implementations are atomic per key, so concurrent requests never
/// spend more than the budget (and the Redis one shares it across nodes).
#[async_trait]
pub trait RateLimiter: Send + Sync + 'static {
    /// Spends one unit of `key`'s budget for `action`. `RESOURCE_EXHAUSTED`/`RATE_LIMITED`, with
    /// the limit and when to retry, when none is left.
    async fn check(&self, key: &str, action: Action) -> Result<()>;
}

/// Who is online, across every node: each live device session of a user, the node that holds
/// it, and when offline users were last seen. The real-time layer registers and ends sessions;
/// the domain reads. One implementation per deployment shape: in-process for a single node,
/// Redis for a cluster (sessions refreshed by their node, expiring when it dies).
#[async_trait]
pub trait Presence: Send + Sync + 'static {
    /// A session of `user_id` started on this node. True when it is the user's only live
    /// session anywhere: they just came online.
    async fn session_started(&self, user_id: &str, session_id: &str) -> Result<bool>;
    /// The session ended. True when it was the user's last live session anywhere: they just
    /// went offline, and are last seen now.
    async fn session_ended(&self, user_id: &str, session_id: &str) -> Result<bool>;
    /// The session went away without `session_ended` (its task was dropped). Cannot wait:
    /// this node stops counting it, and a shared directory lets it expire.
    fn session_dropped(&self, user_id: &str, session_id: &str);
    /// The users among `user_ids` with at least one live session.
    async fn online_among(&self, user_ids: &[String]) -> Result<HashSet<String>>;
    /// When each offline user among `user_ids` was last seen, for those seen at all (online
    /// users are absent).
    async fn last_seen(&self, user_ids: &[String]) -> Result<HashMap<String, Millis>>;
    /// The nodes holding live sessions of users among `user_ids`: node id → those users.
    async fn nodes_of(&self, user_ids: &[String]) -> Result<BTreeMap<String, BTreeSet<String>>>;
}

/// Something that happened, for the live sessions of the users concerned.
#[derive(Debug, Clone)]
pub enum Event {
    Message(Message),
    /// Read positions (user, read seq) that moved in a conversation.
    ReadReceipt {
        conversation_id: String,
        kind: super::ids::ConversationKind,
        positions: Vec<(String, i64)>,
    },
    Recall(Message),
    /// A message's text was edited (the message after the edit).
    Edit(Message),
    /// `user_id` pinned (or unpinned) a message.
    Pin {
        conversation_id: String,
        message_id: String,
        seq: i64,
        user_id: String,
        pinned: bool,
    },
    /// `user_id` added (or removed) `emoji` on a message; `reactions` are its counts after.
    Reaction {
        conversation_id: String,
        message_id: String,
        seq: i64,
        user_id: String,
        emoji: String,
        added: bool,
        reactions: Vec<ReactionCount>,
    },
    Typing {
        conversation_id: String,
        user_id: String,
    },
    Presence {
        user_id: String,
        online: bool,
        last_seen: Option<Millis>,
    },
}

/// Where the domain hands events for delivery. Delivery is best effort and never blocks the
/// caller: a session that misses an event (offline, too slow) catches up by sync, because
/// everything that matters is already durable when it is published.
pub trait EventSink: Send + Sync + 'static {
    /// Delivers `event` to every live session of `recipients`, except the session `origin`
    /// (the one that caused it, which gets its own answer).
    fn publish(&self, recipients: &[String], event: Event, origin: Option<&str>);
}

/// Ends live sessions whose token stops being valid.
pub trait SessionRevoker: Send + Sync + 'static {
    /// The token `token_id` of `user_id` was revoked (logout).
    fn token_revoked(&self, user_id: &str, token_id: &str);
    /// Every token of `user_id` older than `token_version` was revoked (password change).
    fn tokens_before(&self, user_id: &str, token_version: i64);
}

/// What a send (or an edit) looks like to the deployment's message policy.
#[derive(Debug, Clone)]
pub struct PolicyCheck<'a> {
    pub sender_id: &'a str,
    pub conversation_id: &'a str,
    pub kind: super::ids::ConversationKind,
    pub client_msg_id: &'a str,
    /// The message an edit changes; `None` for a new message.
    pub edit_of: Option<&'a str>,
    pub content: &'a Content,
}

/// The policy's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum PolicyVerdict {
    Allow,
    /// Refused, with the reason the sender is shown.
    Reject(String),
    /// Stored with this content instead (checked against the limits like the sender's).
    Replace(Content),
}

/// The deployment's own rules for what may be sent (the `before_send` webhook): asked after
/// EasyChat's checks passed, before the message is handed to the log.
#[async_trait]
pub trait SendPolicy: Send + Sync + 'static {
    /// `Err` only when the policy could not be asked and the deployment fails closed
    /// (UNAVAILABLE/POLICY_UNAVAILABLE).
    async fn check(&self, check: PolicyCheck<'_>) -> Result<PolicyVerdict>;
}

/// A change of the social graph that applications hear about (the webhooks), once it is
/// durable.
#[derive(Debug, Clone)]
pub enum SocialNotice {
    FriendRequestHandled {
        request_id: String,
        from_user_id: String,
        to_user_id: String,
        accepted: bool,
    },
    MembersChanged {
        group_id: String,
        change: MembershipChange,
        user_ids: Vec<String>,
        /// Who made the change (the member themselves when joining or leaving).
        by_user_id: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MembershipChange {
    /// Joined: created the group with it, invited, accepted into it or joined an open group.
    Joined,
    Left,
    Removed,
    /// The group was dissolved; `user_ids` were its members.
    Dissolved,
}

/// Where the social domain reports its changes. Never blocks the caller.
pub trait SocialNotices: Send + Sync + 'static {
    fn notice(&self, notice: SocialNotice);
}

/// Nobody listens.
pub struct NoNotices;

impl SocialNotices for NoNotices {
    fn notice(&self, _: SocialNotice) {}
}

/// One event for the webhook endpoints, as it is POSTed (`body`, the same bytes at every
/// attempt) with what delivery needs to know of it without parsing the body.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEvent {
    /// The idempotency key: unique per event, the same at every attempt.
    pub event_id: String,
    /// `message.stored`, `user.online`, … (docs/webhooks.md).
    pub event_type: String,
    pub created_at: Millis,
    pub body: Vec<u8>,
}

/// Where webhook events wait for delivery: an ordered log that survives restarts, read by each
/// endpoint from where it left off (embedded: a SQLite table; production: a Kafka topic).
#[async_trait]
pub trait EventOutbox: Send + Sync + 'static {
    /// Stores `events` durably, in order.
    async fn append(&self, events: &[OutboxEvent]) -> Result<()>;
    /// The reader of endpoint `endpoint`, starting after the last event it committed.
    async fn reader(&self, endpoint: &str) -> Result<Box<dyn OutboxReader>>;
}

#[async_trait]
pub trait OutboxReader: Send + 'static {
    /// Up to `max` events after those read so far, waiting a little (about a second) for the
    /// first; empty when none came.
    async fn next(&mut self, max: usize) -> Result<Vec<OutboxEvent>>;
    /// Every event read so far is done with (delivered or given up): not read again, even
    /// after a restart.
    async fn commit(&mut self) -> Result<()>;
}

/// What is known of uploads, and where they were sent.
#[async_trait]
pub trait MediaStore: Send + Sync + 'static {
    async fn create_media(&self, media: &MediaRecord) -> Result<()>;
    async fn media(&self, media_id: &str) -> Result<Option<MediaRecord>>;
    /// Marks an upload completed, with its pixel size (0 for what is not an image).
    async fn complete_media(&self, media_id: &str, width: i32, height: i32) -> Result<()>;
    /// Bytes `uploader_id` has uploaded: completed uploads, and those created after `since`.
    async fn uploaded_bytes(&self, uploader_id: &str, since: Millis) -> Result<i64>;
    /// Notes that a message with the media was sent to `conversation_id` (its members may
    /// download it); noting it again changes nothing.
    async fn share_media(&self, media_id: &str, conversation_id: &str) -> Result<()>;
    /// The conversations the media was sent to.
    async fn media_conversations(&self, media_id: &str) -> Result<Vec<String>>;
}

/// A request a client makes itself, pre-signed: the URL is the permission.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedRequest {
    pub method: &'static str,
    pub url: String,
    /// Headers the request must carry.
    pub headers: Vec<(String, String)>,
}

/// Where uploaded bytes live (embedded: files served by this server; production: an
/// S3-compatible store). Clients move the bytes themselves, through pre-signed URLs.
#[async_trait]
pub trait BlobStore: Send + Sync + 'static {
    /// Where to PUT exactly `size` bytes of `content_type` under `key`, valid for `ttl`.
    fn upload_request(
        &self,
        key: &str,
        content_type: &str,
        size: i64,
        ttl: std::time::Duration,
    ) -> SignedRequest;
    /// Where to GET `key`, valid for `ttl`; served as `content_type`, and as an attachment
    /// named `file_name` unless `inline`.
    fn download_url(
        &self,
        key: &str,
        content_type: &str,
        file_name: &str,
        inline: bool,
        ttl: std::time::Duration,
    ) -> String;
    /// The size of what was uploaded under `key`, if anything was.
    async fn size(&self, key: &str) -> Result<Option<i64>>;
    /// The first `len` bytes (fewer if it is shorter).
    async fn prefix(&self, key: &str, len: usize) -> Result<Vec<u8>>;
    /// The lowercase hex SHA-256 of the whole of it.
    async fn sha256(&self, key: &str) -> Result<String>;
    /// Removes it (what arrived did not match its upload); gone already is fine.
    async fn delete(&self, key: &str) -> Result<()>;
}
