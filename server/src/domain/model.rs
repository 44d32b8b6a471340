//! The domain's data: what users, requests, groups, conversations and messages are,
//! independent of gRPC and of any database.

use serde::{Deserialize, Serialize};

use super::ids::ConversationKind;

/// Milliseconds since the Unix epoch.
pub type Millis = i64;

pub fn now_millis() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as Millis)
        .unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sex {
    #[default]
    Unspecified,
    Male,
    Female,
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub user_id: String,
    pub phone: String,
    pub nickname: String,
    pub avatar: String,
    pub sex: Sex,
    pub created_at: Millis,
}

/// A user as stored, with what only the accounts domain may see.
#[derive(Debug, Clone)]
pub struct UserRecord {
    pub user: User,
    pub password_hash: String,
    /// Tokens carry the version they were issued under; bumping it revokes them all.
    pub token_version: i64,
}

#[derive(Debug, Clone, Default)]
pub struct ProfilePatch {
    pub nickname: Option<String>,
    pub avatar: Option<String>,
    pub sex: Option<Sex>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestState {
    Pending,
    Accepted,
    Refused,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestDirection {
    Both,
    Incoming,
    Outgoing,
}

#[derive(Debug, Clone)]
pub struct FriendRequest {
    pub request_id: String,
    pub from_user: String,
    pub to_user: String,
    pub message: String,
    pub state: RequestState,
    pub handle_message: String,
    pub created_at: Millis,
    pub handled_at: Option<Millis>,
}

/// One side of a friendship: `user_id`'s view of `friend_id`.
#[derive(Debug, Clone)]
pub struct Friendship {
    pub user_id: String,
    pub friend_id: String,
    pub remark: String,
    pub since: Millis,
}

/// `user_id` blocked `blocked_id` (one direction: each side blocks on its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub user_id: String,
    pub blocked_id: String,
    pub since: Millis,
}

/// How two users stand towards each other as `user_id` sees `peer_id`: what a single-chat send
/// checks, read (and copied) as one fact.
#[derive(Debug, Clone, Default)]
pub struct Relation {
    /// `user_id`'s side of their friendship, if they are friends.
    pub friendship: Option<Friendship>,
    /// `user_id` blocked `peer_id`.
    pub blocked: bool,
    /// `peer_id` blocked `user_id`.
    pub blocked_by: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinPolicy {
    Open,
    ApprovalRequired,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GroupRole {
    Owner,
    Manager,
    Member,
}

impl GroupRole {
    pub fn can_manage(self) -> bool {
        matches!(self, GroupRole::Owner | GroupRole::Manager)
    }
}

#[derive(Debug, Clone)]
pub struct Group {
    pub group_id: String,
    pub name: String,
    pub icon: String,
    pub description: String,
    pub notice: String,
    pub join_policy: JoinPolicy,
    pub owner_id: String,
    pub member_count: i64,
    pub created_at: Millis,
}

#[derive(Debug, Clone, Default)]
pub struct GroupPatch {
    pub name: Option<String>,
    pub icon: Option<String>,
    pub description: Option<String>,
    pub notice: Option<String>,
    pub join_policy: Option<JoinPolicy>,
}

#[derive(Debug, Clone)]
pub struct GroupMember {
    pub group_id: String,
    pub user_id: String,
    pub role: GroupRole,
    pub muted_until: Option<Millis>,
    pub joined_at: Millis,
}

impl GroupMember {
    pub fn is_muted_at(&self, now: Millis) -> bool {
        self.muted_until.is_some_and(|until| until > now)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupRequestSource {
    Apply,
    Invite,
}

#[derive(Debug, Clone)]
pub struct GroupRequest {
    pub request_id: String,
    pub group_id: String,
    pub user_id: String,
    pub inviter_id: Option<String>,
    pub source: GroupRequestSource,
    pub message: String,
    pub state: RequestState,
    pub handler_id: Option<String>,
    pub created_at: Millis,
    pub handled_at: Option<Millis>,
}

/// What a message carries. Stored as JSON (embedded) or BSON (MongoDB) through serde.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Content {
    Text {
        text: String,
    },
    Image {
        url: String,
        width: i32,
        height: i32,
        size: i64,
        /// An upload (MediaService) instead of `url`; size and pixel size are the upload's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        media_id: Option<String>,
    },
    File {
        url: String,
        name: String,
        size: i64,
        mime_type: String,
        /// An upload instead of `url`; size and MIME type are the upload's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        media_id: Option<String>,
    },
    Voice {
        url: String,
        duration_ms: i64,
        /// An upload instead of `url`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        media_id: Option<String>,
    },
    Location {
        latitude: f64,
        longitude: f64,
        title: String,
    },
    Custom {
        #[serde(rename = "type")]
        custom_type: String,
        /// BSON binary in MongoDB (not an array of one number per byte, ten times the size);
        /// JSON writes bytes as an array of numbers either way, so the embedded store's rows
        /// read the same as before.
        #[serde(with = "serde_bytes")]
        data: Vec<u8>,
    },
}

impl Content {
    /// The upload an image, file or voice message names, if any.
    pub fn media_id(&self) -> Option<&str> {
        match self {
            Content::Image { media_id, .. }
            | Content::File { media_id, .. }
            | Content::Voice { media_id, .. } => media_id.as_deref(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub message_id: String,
    pub conversation_id: String,
    pub kind: ConversationKind,
    pub sender_id: String,
    pub seq: i64,
    pub client_msg_id: String,
    /// `None` once recalled.
    pub content: Option<Content>,
    pub sent_at: Millis,
    pub recall: Option<Recall>,
    /// The message this one replies to.
    pub reply_to: Option<Quote>,
    /// When its text was last edited.
    pub edited_at: Option<Millis>,
    /// Reactions per emoji, as the reader sees them; filled by the domain on reads (stores
    /// leave it empty), empty on a new message.
    pub reactions: Vec<ReactionCount>,
    pub mentions: Mentions,
}

/// Who a message mentions: members by id, or everyone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentions {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all: bool,
}

impl Mentions {
    pub fn is_empty(&self) -> bool {
        self.user_ids.is_empty() && !self.all
    }
}

/// The message a reply quotes: stored with the reply as it was when the reply was sent, and
/// refreshed from the original when the reply is read (an edit or a recall shows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub message_id: String,
    pub seq: i64,
    pub sender_id: String,
    /// The start of the original's text, or a label for other content; empty once recalled.
    pub snippet: String,
    #[serde(default)]
    pub recalled: bool,
}

/// A message pinned in a conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    pub message_id: String,
    pub seq: i64,
    pub pinned_by: String,
    pub pinned_at: Millis,
}

/// How many users reacted to a message with one emoji.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReactionCount {
    pub emoji: String,
    pub count: i64,
    /// Whether the reader is one of them.
    pub reacted_by_me: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recall {
    pub by: String,
    pub at: Millis,
}

/// A message before the store gives it a seq.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMessage {
    pub message_id: String,
    pub conversation_id: String,
    pub kind: ConversationKind,
    pub sender_id: String,
    pub client_msg_id: String,
    pub content: Content,
    pub sent_at: Millis,
    pub reply_to: Option<Quote>,
    pub mentions: Mentions,
}

#[derive(Debug, Clone)]
pub struct Appended {
    pub message: Message,
    /// The (sender, client_msg_id) pair was already stored; `message` is the original.
    pub duplicate: bool,
}

/// One user's view of one conversation.
#[derive(Debug, Clone)]
pub struct UserConversation {
    pub user_id: String,
    pub conversation_id: String,
    pub kind: ConversationKind,
    pub max_seq: i64,
    pub read_seq: i64,
    /// Messages up to this seq are not shown to the user (cleared, or before they joined).
    pub cleared_seq: i64,
    /// Hidden while the conversation's max seq is at most this.
    pub hidden_at_seq: Option<i64>,
    pub pinned: bool,
    pub muted: bool,
    pub updated_at: Millis,
}

impl UserConversation {
    pub fn unread(&self) -> i64 {
        (self.max_seq - self.read_seq).max(0)
    }

    pub fn hidden(&self) -> bool {
        self.hidden_at_seq.is_some_and(|at| self.max_seq <= at)
    }
}

#[derive(Debug, Clone, Default)]
pub struct ConversationPatch {
    pub hidden: Option<bool>,
    pub pinned: Option<bool>,
    pub muted: Option<bool>,
}

/// Where a page of history starts and which way it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryPage {
    /// Seqs below `before` (0 = from the newest), descending.
    Backward { before: i64 },
    /// Seqs above `after`, ascending.
    Forward { after: i64 },
}

#[cfg(test)]
mod tests {
    use super::Content;

    #[test]
    fn custom_data_keeps_its_json_form_of_one_number_per_byte() {
        let content = Content::Custom {
            custom_type: "card".to_owned(),
            data: vec![0, 255],
        };
        let json = r#"{"kind":"custom","type":"card","data":[0,255]}"#;
        assert_eq!(serde_json::to_string(&content).unwrap(), json);
        assert_eq!(serde_json::from_str::<Content>(json).unwrap(), content);
    }
}

/// What a media upload is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    Image,
    File,
    Voice,
}

impl MediaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::File => "file",
            MediaKind::Voice => "voice",
        }
    }
}

/// An upload: reserved by CreateUpload, usable once completed.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaRecord {
    pub media_id: String,
    pub kind: MediaKind,
    pub mime_type: String,
    pub size: i64,
    /// Lowercase hex SHA-256 as declared; empty when none was.
    pub sha256: String,
    pub file_name: String,
    pub width: i32,
    pub height: i32,
    pub uploader_id: String,
    pub created_at: Millis,
    pub completed: bool,
}
