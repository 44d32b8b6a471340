//! Conversations and messages: sending (`send`: authorize → validate → dedup + seq → durable),
//! history, read positions, receipts, recall and per-user deletion; replies (`replies`),
//! mentions (`mentions`), edits (`edits`), reactions (`reactions`), pins (`pins`) and search
//! (`search`).

use std::sync::Arc;

use super::ids::{ConversationId, new_id, parse_id};
use super::media::MediaLibrary;
use super::model::*;
use super::paging::{self, PageRequest};
use super::ports::{
    Action, AfterAppend, Event, EventSink, MessageLog, MessageStore, PinStore, PolicyCheck,
    RateLimiter, ReactionStore, SearchIndex, SendPolicy, SocialStore,
};
use super::social::Social;
use super::validate;
use crate::config::Limits;
use crate::error::{Error, Reason, Result};

mod content;
mod edits;
mod mentions;
mod pins;
mod policy;
mod reactions;
mod replies;
mod search;
mod send;

pub use content::validate_content;
pub use pins::PinnedMessage;
pub use search::SearchHit;

const MAX_CLIENT_MSG_ID_CHARS: usize = 64;
const MAX_DELETE_IDS: usize = 100;
const DEFAULT_HISTORY_PAGE: u64 = 50;
const MAX_HISTORY_PAGE: u64 = 200;

/// Where a message goes, as the client named it.
#[derive(Debug, Clone)]
pub enum SendTarget {
    Conversation(String),
    Peer(String),
    Group(String),
}

/// A message as a client asked to send it.
#[derive(Debug, Clone)]
pub struct Draft {
    pub target: SendTarget,
    pub client_msg_id: String,
    pub content: Option<Content>,
    /// Id of the message of the same conversation this one replies to.
    pub reply_to: Option<String>,
    /// Whom it mentions, as asked (checked by `accept`).
    pub mentions: Mentions,
}

/// One page of a sync (`Messaging::sync_page`).
pub struct SyncPage {
    /// Ascending; messages of users the reader blocked are left out (a gap, as for messages
    /// deleted for them).
    pub messages: Vec<Message>,
    pub max_seq: i64,
    /// Where the next page starts (the last seq read, shown or not).
    pub next_after: i64,
    /// Nothing follows.
    pub complete: bool,
}

/// A conversation as one user sees it.
pub struct ConversationView {
    pub state: UserConversation,
    pub peer_user_id: Option<String>,
    pub group_id: Option<String>,
    pub name: String,
    pub avatar: String,
    pub last_message: Option<Message>,
    /// A message after the user's read seq mentions them (or everyone).
    pub mentioned: bool,
    /// Most recently pinned first.
    pub pinned_messages: Vec<PinnedMessage>,
}

pub struct Receipts {
    pub read: Vec<String>,
    pub unread: Vec<String>,
}

/// A message that passed the rate limit and the checks of `Messaging::accept`, ready to be
/// stored by `Messaging::store`.
pub struct AcceptedSend {
    message: NewMessage,
    conversation: ConversationId,
    members: Arc<[String]>,
    origin: Option<String>,
}

/// The stores `Messaging` reads and writes.
#[derive(Clone)]
pub struct MessagingStores {
    pub messages: Arc<dyn MessageStore>,
    pub reactions: Arc<dyn ReactionStore>,
    pub pins: Arc<dyn PinStore>,
    /// `None` where nothing indexes the messages (MongoDB without `backends.search.url`).
    pub search: Option<Arc<dyn SearchIndex>>,
}

#[derive(Clone)]
pub struct Messaging {
    store: Arc<dyn MessageStore>,
    reactions: Arc<dyn ReactionStore>,
    pins: Arc<dyn PinStore>,
    search: Option<Arc<dyn SearchIndex>>,
    /// Where sends go to become durable (the store itself, or the Kafka pipeline).
    log: Arc<dyn MessageLog>,
    social: Social,
    events: Arc<dyn EventSink>,
    limiter: Arc<dyn RateLimiter>,
    limits: Limits,
    /// The deployment's message policy (`webhooks.before_send`), when it has one.
    policy: Option<Arc<dyn SendPolicy>>,
    /// Uploads that image, file and voice messages may name.
    media: Option<MediaLibrary>,
}

impl Messaging {
    pub fn new(
        stores: MessagingStores,
        log: Arc<dyn MessageLog>,
        social: Social,
        events: Arc<dyn EventSink>,
        limiter: Arc<dyn RateLimiter>,
        limits: Limits,
    ) -> Messaging {
        let MessagingStores {
            messages: store,
            reactions,
            pins,
            search,
        } = stores;
        Messaging {
            store,
            reactions,
            pins,
            search,
            log,
            social,
            events,
            limiter,
            limits,
            policy: None,
            media: None,
        }
    }

    /// Lets messages name uploads of `media` from now on.
    pub fn with_media(mut self, media: MediaLibrary) -> Messaging {
        self.media = Some(media);
        self
    }

    /// Asks `policy` about every message and edit from now on.
    pub fn with_policy(mut self, policy: Arc<dyn SendPolicy>) -> Messaging {
        self.policy = Some(policy);
        self
    }

    pub async fn list_conversations(
        &self,
        me: &str,
        include_hidden: bool,
        paging: PageRequest,
    ) -> Result<(Vec<ConversationView>, String)> {
        let rows = self
            .store
            .list_user_conversations(me, include_hidden, paging.probe())
            .await?;
        let (rows, next) = paging.finish(rows);
        let mut views = Vec::with_capacity(rows.len());
        for state in rows {
            views.push(self.view(me, state).await?);
        }
        Ok((views, next))
    }

    pub async fn conversation(&self, me: &str, conversation_id: &str) -> Result<ConversationView> {
        let state = self.membership(me, conversation_id).await?;
        self.view(me, state).await
    }

    pub async fn update_conversation(
        &self,
        me: &str,
        conversation_id: &str,
        patch: ConversationPatch,
    ) -> Result<ConversationView> {
        let state = self.membership(me, conversation_id).await?;
        self.store
            .update_user_conversation(me, &state.conversation_id, &patch)
            .await?;
        self.conversation(me, &state.conversation_id).await
    }

    pub async fn history(
        &self,
        me: &str,
        conversation_id: &str,
        anchor_seq: i64,
        forward: bool,
        page_size: i32,
        page_token: &str,
    ) -> Result<(Vec<Message>, String)> {
        let state = self.membership(me, conversation_id).await?;
        let limit = PageRequest::parse(page_size, "", DEFAULT_HISTORY_PAGE, MAX_HISTORY_PAGE)?
            .page
            .limit;
        let page = if page_token.is_empty() {
            if anchor_seq < 0 {
                return Err(Error::invalid_field("anchor_seq", "must not be negative"));
            }
            if forward {
                HistoryPage::Forward { after: anchor_seq }
            } else {
                HistoryPage::Backward { before: anchor_seq }
            }
        } else {
            decode_history_token(page_token)?
        };
        let mut rows = self
            .store
            .history(
                me,
                &state.conversation_id,
                state.cleared_seq,
                page,
                limit + 1,
            )
            .await?;
        let next = if rows.len() as u64 > limit {
            rows.truncate(limit as usize);
            let last = rows.last().map(|m| m.seq).unwrap_or_default();
            match page {
                HistoryPage::Forward { .. } => paging::encode(&format!("h1:f:{last}")),
                HistoryPage::Backward { .. } => paging::encode(&format!("h1:b:{last}")),
            }
        } else {
            String::new()
        };
        // After the page is cut: the token continues after what was read, shown or not.
        self.hide_blocked_senders(me, &mut rows).await?;
        self.annotate(me, &mut rows).await?;
        Ok((rows, next))
    }

    /// A message `me` can see: in one of their conversations, not cleared or deleted for them.
    pub async fn message(&self, me: &str, message_id: &str) -> Result<Message> {
        let message_id = parse_id("message_id", message_id)?;
        let message = self
            .store
            .message(&message_id)
            .await?
            .ok_or_else(message_not_found)?;
        let state = self.membership(me, &message.conversation_id).await?;
        if message.seq <= state.cleared_seq || self.store.is_deleted_for(me, &message_id).await? {
            return Err(message_not_found());
        }
        Ok(message)
    }

    /// `message`, with its quote refreshed and its reactions as `me` sees them.
    pub async fn annotated_message(&self, me: &str, message_id: &str) -> Result<Message> {
        let mut message = [self.message(me, message_id).await?];
        self.annotate(me, &mut message).await?;
        let [message] = message;
        Ok(message)
    }

    /// Moves `me`'s read position forward and, when it moved, tells the conversation.
    pub async fn mark_read(
        &self,
        me: &str,
        conversation_id: &str,
        seq: i64,
        origin: Option<&str>,
    ) -> Result<(i64, i64)> {
        if seq < 0 {
            return Err(Error::invalid_field("read_seq", "must not be negative"));
        }
        let state = self.membership(me, conversation_id).await?;
        let read_seq = self
            .store
            .mark_read(me, &state.conversation_id, seq)
            .await?;
        if read_seq > state.read_seq {
            let conversation = ConversationId::parse("conversation_id", &state.conversation_id)?;
            let members = self.members(&conversation).await?;
            let receipt = Event::ReadReceipt {
                conversation_id: state.conversation_id.clone(),
                kind: state.kind,
                positions: vec![(me.to_owned(), read_seq)],
            };
            self.events.publish(&members, receipt, origin);
        }
        let max_seq = self
            .store
            .user_conversation(me, &state.conversation_id)
            .await?
            .map(|s| s.max_seq)
            .unwrap_or(state.max_seq);
        Ok((read_seq, (max_seq - read_seq).max(0)))
    }

    pub async fn receipts(&self, me: &str, message_id: &str) -> Result<Receipts> {
        let message = self.message(me, message_id).await?;
        let conversation = ConversationId::parse("conversation_id", &message.conversation_id)?;
        let members = self.members(&conversation).await?;
        let read_seqs = self.store.read_seqs(&message.conversation_id).await?;
        let mut receipts = Receipts {
            read: Vec::new(),
            unread: Vec::new(),
        };
        for member in members.into_iter().filter(|m| *m != message.sender_id) {
            let read_seq = read_seqs
                .iter()
                .find(|(user, _)| *user == member)
                .map(|(_, seq)| *seq)
                .unwrap_or_default();
            if read_seq >= message.seq {
                receipts.read.push(member);
            } else {
                receipts.unread.push(member);
            }
        }
        Ok(receipts)
    }

    pub async fn recall(&self, me: &str, message_id: &str) -> Result<Message> {
        let message = self.message(me, message_id).await?;
        if message.recall.is_some() {
            return Ok(message);
        }
        let now = now_millis();
        let window_ms = self.limits.recall_window_secs.saturating_mul(1000);
        let sender_in_time = message.sender_id == me && now < message.sent_at + window_ms;
        if !sender_in_time && !self.manages_conversation(me, &message).await? {
            return Err(if message.sender_id == me {
                Error::denied(
                    Reason::RecallWindowPassed,
                    format!(
                        "messages can be recalled within {} seconds of sending",
                        self.limits.recall_window_secs
                    ),
                )
            } else {
                Error::denied(
                    Reason::RecallNotAllowed,
                    "only the sender, the group owner, or a manager (for plain members' messages) can recall a message",
                )
            });
        }
        let recalled = self.store.recall(&message.message_id, me, now).await?;
        self.unpin_recalled(me, &recalled).await?;
        let conversation = ConversationId::parse("conversation_id", &recalled.conversation_id)?;
        let members = self.members(&conversation).await?;
        self.events
            .publish(&members, Event::Recall(recalled.clone()), None);
        Ok(recalled)
    }

    /// Relays "`me` is typing" to the other members; nothing is stored.
    /// Past `limits.typing_per_second` per conversation the indicator is dropped, not refused:
    /// it is already showing, and one typing frame per keystroke must not fan out to a whole
    /// group each time.
    pub async fn typing(&self, me: &str, conversation_id: &str) -> Result<()> {
        let state = self.membership(me, conversation_id).await?;
        let key = format!("{me}|{}", state.conversation_id);
        match self.limiter.check(&key, Action::Typing).await {
            Ok(()) => {}
            Err(e) if e.kind == crate::error::ErrorKind::ResourceExhausted => return Ok(()),
            Err(e) => return Err(e),
        }
        let conversation = ConversationId::parse("conversation_id", &state.conversation_id)?;
        let members = self.members(&conversation).await?;
        let mut members = self.social.without_blockers_of(me, members).await?;
        members.retain(|member| member != me);
        let typing = Event::Typing {
            conversation_id: state.conversation_id,
            user_id: me.to_owned(),
        };
        self.events.publish(&members, typing, None);
        Ok(())
    }

    /// Up to `limit` messages of a conversation after `after_seq`, ascending, as `me` sees
    /// them, with the conversation's max seq and where the next page starts. `state` is `me`'s
    /// membership (`require_membership`), read just before this page (the caller reads it again
    /// for each page), so a member removed during a long sync reads no further page.
    pub async fn sync_page(
        &self,
        me: &str,
        state: &UserConversation,
        after_seq: i64,
        limit: u64,
    ) -> Result<SyncPage> {
        if after_seq < 0 {
            return Err(Error::invalid_field("last_seq", "must not be negative"));
        }
        let mut messages = self
            .store
            .history(
                me,
                &state.conversation_id,
                state.cleared_seq,
                HistoryPage::Forward { after: after_seq },
                limit,
            )
            .await?;
        // Read before hiding: hidden messages still move the next page on, and a short read
        // (not a short page) means the end.
        let complete = (messages.len() as u64) < limit;
        let next_after = messages.last().map_or(after_seq, |m| m.seq);
        self.hide_blocked_senders(me, &mut messages).await?;
        self.annotate(me, &mut messages).await?;
        Ok(SyncPage {
            messages,
            // Messages stored since the state was read may be on this page already.
            max_seq: state.max_seq.max(next_after),
            next_after,
            complete,
        })
    }

    /// Edits, reactions and pins each push to every member, as a send does: they spend the
    /// sender's message budget (`limits.messages_per_second`), so toggling a reaction in a loop
    /// cannot flood a large group.
    async fn spend_send_budget(&self, me: &str) -> Result<()> {
        self.limiter.check(me, Action::SendMessage).await
    }

    /// Leaves out the messages of users `me` blocked: the blocker sees nothing from them
    /// (their messages stay stored; unblocking shows them again).
    async fn hide_blocked_senders(&self, me: &str, messages: &mut Vec<Message>) -> Result<()> {
        if messages.is_empty() {
            return Ok(());
        }
        let blocked = self.social.blocked_ids(me).await?;
        if !blocked.is_empty() {
            messages.retain(|m| !blocked.contains(&m.sender_id));
        }
        Ok(())
    }

    /// `me`'s state of a conversation (its canonical id, max seq, cleared seq);
    /// PERMISSION_DENIED when they do not belong to it.
    pub async fn require_membership(
        &self,
        me: &str,
        conversation_id: &str,
    ) -> Result<UserConversation> {
        self.membership(me, conversation_id).await
    }

    /// Who gets `sender`'s new message live: the members, but in a group not those who blocked
    /// the sender. A 1:1 send across a block was refused by `authorize_send` already.
    async fn audience(&self, sender: &str, conversation: &ConversationId) -> Result<Vec<String>> {
        match conversation {
            ConversationId::Single { .. } => self.members(conversation).await,
            ConversationId::Group { group_id } => {
                self.social.group_audience(group_id, sender).await
            }
        }
    }

    /// Everyone who receives the conversation's events: both users, or the group's members.
    async fn members(&self, conversation: &ConversationId) -> Result<Vec<String>> {
        match conversation {
            ConversationId::Single { low, high } => Ok(vec![low.clone(), high.clone()]),
            ConversationId::Group { group_id } => self.social.member_ids(group_id).await,
        }
    }

    /// Whether `me` may recall someone else's `message` as a group owner or manager. Role order
    /// holds as for kicks and mutes: the owner recalls anyone's, a manager only plain members'
    /// (or those of people who left).
    async fn manages_conversation(&self, me: &str, message: &Message) -> Result<bool> {
        let ConversationId::Group { group_id } =
            ConversationId::parse("conversation_id", &message.conversation_id)?
        else {
            return Ok(false);
        };
        let Some(actor) = self.social.membership(&group_id, me).await? else {
            return Ok(false);
        };
        match actor.role {
            GroupRole::Owner => Ok(true),
            GroupRole::Manager => Ok(self
                .social
                .membership(&group_id, &message.sender_id)
                .await?
                .is_none_or(|sender| sender.role == GroupRole::Member)),
            GroupRole::Member => Ok(false),
        }
    }

    pub async fn delete_for_me(
        &self,
        me: &str,
        conversation_id: &str,
        message_ids: &[String],
    ) -> Result<u64> {
        validate::list_len("message_ids", message_ids, MAX_DELETE_IDS)?;
        let ids = message_ids
            .iter()
            .map(|id| parse_id("message_ids", id))
            .collect::<Result<Vec<_>>>()?;
        let state = self.membership(me, conversation_id).await?;
        self.store
            .delete_for_user(me, &state.conversation_id, &ids)
            .await
    }

    pub async fn clear_for_me(&self, me: &str, conversation_id: &str) -> Result<i64> {
        let state = self.membership(me, conversation_id).await?;
        self.store.clear_for_user(me, &state.conversation_id).await
    }

    /// `me`'s state of a conversation; PERMISSION_DENIED when they do not belong to it.
    async fn membership(&self, me: &str, conversation_id: &str) -> Result<UserConversation> {
        let id = ConversationId::parse("conversation_id", conversation_id)?.to_string();
        self.store
            .user_conversation(me, &id)
            .await?
            .ok_or_else(not_a_member)
    }

    async fn view(&self, me: &str, state: UserConversation) -> Result<ConversationView> {
        let id = ConversationId::parse("conversation_id", &state.conversation_id)?;
        let mut last_message = self
            .store
            .history(
                me,
                &state.conversation_id,
                state.cleared_seq,
                HistoryPage::Backward { before: 0 },
                1,
            )
            .await?;
        self.hide_blocked_senders(me, &mut last_message).await?;
        let last_message = last_message.pop();
        let (peer_user_id, group_id, name, avatar) = match &id {
            ConversationId::Single { .. } => {
                let peer = id.peer_of(me).unwrap_or_default().to_owned();
                let profile = self.social_profile(me, &peer).await?;
                let name = match self.social.remark(me, &peer).await? {
                    Some(remark) => remark,
                    None => profile
                        .as_ref()
                        .map(|u| u.nickname.clone())
                        .unwrap_or_default(),
                };
                let avatar = profile.map(|u| u.avatar).unwrap_or_default();
                (Some(peer), None, name, avatar)
            }
            ConversationId::Group { group_id } => {
                let (name, icon) = match self.social.group(me, group_id).await {
                    Ok(view) => (view.group.name, view.group.icon),
                    Err(e) if e.reason == Reason::GroupNotFound => (String::new(), String::new()),
                    Err(e) => return Err(e),
                };
                (None, Some(group_id.clone()), name, icon)
            }
        };
        // Asked only while something is unread: most conversations in a list are read up.
        let mentioned = state.unread() > 0
            && self
                .store
                .mentioned_after(
                    me,
                    &state.conversation_id,
                    state.read_seq.max(state.cleared_seq),
                )
                .await?;
        let pinned_messages = self.pinned_messages(&state.conversation_id).await?;
        Ok(ConversationView {
            state,
            peer_user_id,
            group_id,
            name,
            avatar,
            last_message,
            mentioned,
            pinned_messages,
        })
    }

    async fn social_profile(&self, me: &str, user_id: &str) -> Result<Option<User>> {
        match self.social.profile(me, user_id).await {
            Ok(user) => Ok(Some(user)),
            Err(e) if e.reason == Reason::UserNotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

fn decode_history_token(token: &str) -> Result<HistoryPage> {
    let raw = paging::decode(token)?;
    let mut parts = raw.splitn(3, ':');
    let page = match (
        parts.next(),
        parts.next(),
        parts.next().map(str::parse::<i64>),
    ) {
        (Some("h1"), Some("f"), Some(Ok(after))) if after >= 0 => HistoryPage::Forward { after },
        (Some("h1"), Some("b"), Some(Ok(before))) if before > 0 => HistoryPage::Backward { before },
        _ => return Err(paging::invalid_token()),
    };
    Ok(page)
}

fn not_a_member() -> Error {
    Error::denied(
        Reason::NotConversationMember,
        "you do not belong to this conversation",
    )
}

/// Editing, reacting to, pinning or replying to a recalled message.
fn recalled() -> Error {
    Error::precondition(Reason::MessageRecalled, "the message was recalled")
}

fn message_not_found() -> Error {
    Error::not_found(Reason::MessageNotFound, "no such message")
}

/// Who gets the pushes of a conversation's messages: both people of a 1:1 conversation, every
/// member of a group. For a writer that pushes a message its sender's node could not.
pub async fn recipients(graph: &dyn SocialStore, conversation_id: &str) -> Result<Vec<String>> {
    match ConversationId::parse("conversation_id", conversation_id)? {
        ConversationId::Single { low, high } => Ok(vec![low, high]),
        ConversationId::Group { group_id } => graph.member_ids(&group_id).await,
    }
}

/// `recipients` of a group message from `sender` but those who blocked the sender (as
/// `Social::group_audience`); a 1:1 message's are both people (a send across a block is refused).
pub async fn recipients_of_message(
    graph: &dyn SocialStore,
    recipients: &[String],
    message: &Message,
) -> Result<Vec<String>> {
    if message.kind == super::ids::ConversationKind::Single {
        return Ok(recipients.to_vec());
    }
    let blockers = graph.blockers_of(&message.sender_id).await?;
    Ok(recipients
        .iter()
        .filter(|user| !blockers.contains(user))
        .cloned()
        .collect())
}

#[cfg(test)]
mod history_tokens {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// History tokens: our own read back as the page they name; anything else is a page
        /// or INVALID_PAGE_TOKEN, never a panic.
        #[test]
        fn history_tokens_read_back_or_are_refused(
            seq in 0i64..=i64::MAX,
            forward in any::<bool>(),
            raw in "(h1:[fbx]?:)?[-+0-9a-z]{0,22}",
            junk in any::<String>(),
        ) {
            let page = if forward {
                HistoryPage::Forward { after: seq }
            } else {
                HistoryPage::Backward { before: seq.max(1) }
            };
            let ours = match page {
                HistoryPage::Forward { after } => paging::encode(&format!("h1:f:{after}")),
                HistoryPage::Backward { before } => paging::encode(&format!("h1:b:{before}")),
            };
            prop_assert_eq!(decode_history_token(&ours).expect("our token"), page);
            for token in [paging::encode(&raw), junk] {
                match decode_history_token(&token) {
                    Ok(HistoryPage::Forward { after }) => prop_assert!(after >= 0),
                    Ok(HistoryPage::Backward { before }) => prop_assert!(before > 0),
                    Err(error) => prop_assert_eq!(error.reason, Reason::InvalidPageToken),
                }
            }
        }
    }
}
