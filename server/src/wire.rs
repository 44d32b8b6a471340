//! Conversions between proto messages and domain types, for the gRPC handlers, the pushed
//! events and the Kafka payloads alike. The domain never sees a proto type.

use easychat_proto::im::v1 as pbi;
use easychat_proto::media::v1 as pbm;
use easychat_proto::social::v1 as pbs;
use easychat_proto::user::v1 as pbu;
use prost_types::Timestamp;

use crate::domain::ids::ConversationKind;
use crate::domain::messaging::{ConversationView, Draft, PinnedMessage, SearchHit, SendTarget};
use crate::domain::model::*;
use crate::domain::social::{
    BlockedView, FriendRequestView, FriendView, GroupRequestView, GroupView, MemberView,
};
use crate::error::{Error, Result};

pub fn timestamp(millis: Millis) -> Timestamp {
    Timestamp {
        seconds: millis.div_euclid(1000),
        nanos: (millis.rem_euclid(1000) * 1_000_000) as i32,
    }
}

pub fn millis(ts: &Timestamp) -> Millis {
    ts.seconds
        .saturating_mul(1000)
        .saturating_add(i64::from(ts.nanos) / 1_000_000)
}

/// Reads a proto enum field, refusing numbers the contract does not define.
pub fn enum_field<E: TryFrom<i32>>(field: &str, value: i32) -> Result<E> {
    E::try_from(value)
        .map_err(|_| Error::invalid_field(field, format!("{value} is not a known value")))
}

// ----- users -----

pub fn sex_from_proto(field: &str, value: i32) -> Result<Sex> {
    Ok(match enum_field::<pbu::Sex>(field, value)? {
        pbu::Sex::Unspecified => Sex::Unspecified,
        pbu::Sex::Male => Sex::Male,
        pbu::Sex::Female => Sex::Female,
        pbu::Sex::Other => Sex::Other,
    })
}

fn sex_to_proto(sex: Sex) -> pbu::Sex {
    match sex {
        Sex::Unspecified => pbu::Sex::Unspecified,
        Sex::Male => pbu::Sex::Male,
        Sex::Female => pbu::Sex::Female,
        Sex::Other => pbu::Sex::Other,
    }
}

pub fn user(user: User) -> pbu::User {
    let User {
        user_id,
        phone,
        nickname,
        avatar,
        sex,
        created_at,
    } = user;
    pbu::User {
        user_id,
        phone,
        nickname,
        avatar,
        sex: sex_to_proto(sex).into(),
        create_time: Some(timestamp(created_at)),
    }
}

// ----- social -----

fn request_state(state: RequestState) -> pbs::RequestState {
    match state {
        RequestState::Pending => pbs::RequestState::Pending,
        RequestState::Accepted => pbs::RequestState::Accepted,
        RequestState::Refused => pbs::RequestState::Refused,
    }
}

pub fn direction_from_proto(value: i32) -> Result<RequestDirection> {
    Ok(
        match enum_field::<pbs::RequestDirection>("direction", value)? {
            pbs::RequestDirection::Unspecified => RequestDirection::Both,
            pbs::RequestDirection::Incoming => RequestDirection::Incoming,
            pbs::RequestDirection::Outgoing => RequestDirection::Outgoing,
        },
    )
}

pub fn friend_request(view: FriendRequestView) -> pbs::FriendRequest {
    let FriendRequestView { request, from, to } = view;
    let FriendRequest {
        request_id,
        from_user: _,
        to_user: _,
        message,
        state,
        handle_message,
        created_at,
        handled_at,
    } = request;
    pbs::FriendRequest {
        request_id,
        from_user: Some(user(from)),
        to_user: Some(user(to)),
        message,
        state: request_state(state).into(),
        handle_message,
        create_time: Some(timestamp(created_at)),
        handle_time: handled_at.map(timestamp),
    }
}

pub fn friend(view: FriendView) -> pbs::Friend {
    let FriendView {
        friendship,
        user: profile,
        online,
        last_seen,
    } = view;
    pbs::Friend {
        conversation_id: crate::domain::ids::ConversationId::single(
            &friendship.user_id,
            &friendship.friend_id,
        )
        .to_string(),
        user: Some(user(profile)),
        remark: friendship.remark,
        online,
        since_time: Some(timestamp(friendship.since)),
        last_seen_time: last_seen.map(timestamp),
    }
}

pub fn blocked_user(view: BlockedView) -> pbs::BlockedUser {
    let BlockedView {
        block,
        user: profile,
    } = view;
    let Block {
        user_id: _,
        blocked_id: _,
        since,
    } = block;
    pbs::BlockedUser {
        user: Some(user(profile)),
        block_time: Some(timestamp(since)),
    }
}

/// A join policy from a request; `default` stands for UNSPECIFIED (None refuses it).
pub fn join_policy_from_proto(value: i32, default: Option<JoinPolicy>) -> Result<JoinPolicy> {
    match enum_field::<pbs::JoinPolicy>("join_policy", value)? {
        pbs::JoinPolicy::Open => Ok(JoinPolicy::Open),
        pbs::JoinPolicy::ApprovalRequired => Ok(JoinPolicy::ApprovalRequired),
        pbs::JoinPolicy::Unspecified => default.ok_or_else(|| {
            Error::invalid_field(
                "join_policy",
                "must be JOIN_POLICY_OPEN or JOIN_POLICY_APPROVAL_REQUIRED",
            )
        }),
    }
}

fn join_policy(policy: JoinPolicy) -> pbs::JoinPolicy {
    match policy {
        JoinPolicy::Open => pbs::JoinPolicy::Open,
        JoinPolicy::ApprovalRequired => pbs::JoinPolicy::ApprovalRequired,
    }
}

pub fn role_from_proto(value: i32) -> Result<GroupRole> {
    match enum_field::<pbs::GroupRole>("role", value)? {
        pbs::GroupRole::Owner => Ok(GroupRole::Owner),
        pbs::GroupRole::Manager => Ok(GroupRole::Manager),
        pbs::GroupRole::Member => Ok(GroupRole::Member),
        pbs::GroupRole::Unspecified => Err(Error::invalid_field(
            "role",
            "must be GROUP_ROLE_MANAGER or GROUP_ROLE_MEMBER",
        )),
    }
}

fn role(role: Option<GroupRole>) -> pbs::GroupRole {
    match role {
        None => pbs::GroupRole::Unspecified,
        Some(GroupRole::Owner) => pbs::GroupRole::Owner,
        Some(GroupRole::Manager) => pbs::GroupRole::Manager,
        Some(GroupRole::Member) => pbs::GroupRole::Member,
    }
}

pub fn group(view: GroupView) -> pbs::Group {
    let GroupView { group, my_role } = view;
    let Group {
        group_id,
        name,
        icon,
        description,
        notice,
        join_policy: policy,
        owner_id,
        member_count,
        created_at,
    } = group;
    pbs::Group {
        conversation_id: crate::domain::ids::ConversationId::group(&group_id).to_string(),
        group_id,
        name,
        icon,
        description,
        notice,
        join_policy: join_policy(policy).into(),
        owner_id,
        member_count: i32::try_from(member_count).unwrap_or(i32::MAX),
        joined: my_role.is_some(),
        my_role: role(my_role).into(),
        create_time: Some(timestamp(created_at)),
    }
}

pub fn member(view: MemberView) -> pbs::GroupMember {
    let MemberView {
        member,
        user: profile,
        online,
    } = view;
    let now = now_millis();
    pbs::GroupMember {
        user: Some(user(profile)),
        role: role(Some(member.role)).into(),
        online,
        muted_until: member
            .muted_until
            .filter(|until| *until > now)
            .map(timestamp),
        join_time: Some(timestamp(member.joined_at)),
    }
}

pub fn group_request(view: GroupRequestView) -> pbs::GroupRequest {
    let GroupRequestView {
        request,
        user: profile,
    } = view;
    let GroupRequest {
        request_id,
        group_id,
        user_id: _,
        inviter_id,
        source,
        message,
        state,
        handler_id,
        created_at,
        handled_at,
    } = request;
    pbs::GroupRequest {
        request_id,
        group_id,
        user: Some(user(profile)),
        inviter_id: inviter_id.unwrap_or_default(),
        source: match source {
            GroupRequestSource::Apply => pbs::GroupRequestSource::Apply,
            GroupRequestSource::Invite => pbs::GroupRequestSource::Invite,
        }
        .into(),
        message,
        state: request_state(state).into(),
        handler_id: handler_id.unwrap_or_default(),
        create_time: Some(timestamp(created_at)),
        handle_time: handled_at.map(timestamp),
    }
}

// ----- messages -----

/// Where a SendMessage (unary or a Chat frame) goes.
pub fn send_target(target: Option<pbi::send_message_request::Target>) -> Result<SendTarget> {
    use pbi::send_message_request::Target;
    match target {
        Some(Target::ConversationId(id)) => Ok(SendTarget::Conversation(id)),
        Some(Target::PeerUserId(id)) => Ok(SendTarget::Peer(id)),
        Some(Target::GroupId(id)) => Ok(SendTarget::Group(id)),
        None => Err(Error::invalid_field(
            "target",
            "one of conversation_id, peer_user_id or group_id is required",
        )),
    }
}

/// A send as the domain takes it (the unary RPC and the Chat frame alike).
pub fn draft(request: pbi::SendMessageRequest) -> Result<Draft> {
    let pbi::SendMessageRequest {
        client_msg_id,
        target,
        content,
        reply_to_message_id,
        mention_user_ids,
        mention_all,
    } = request;
    Ok(Draft {
        target: send_target(target)?,
        client_msg_id,
        content: content_from_proto(content)?,
        reply_to: (!reply_to_message_id.is_empty()).then_some(reply_to_message_id),
        mentions: Mentions {
            user_ids: mention_user_ids,
            all: mention_all,
        },
    })
}

pub fn quote(quote: Quote) -> pbi::ReplyTo {
    let Quote {
        message_id,
        seq,
        sender_id,
        snippet,
        recalled,
    } = quote;
    pbi::ReplyTo {
        message_id,
        seq,
        sender_id,
        snippet,
        recalled,
    }
}

pub fn quote_from_proto(quote: pbi::ReplyTo) -> Quote {
    let pbi::ReplyTo {
        message_id,
        seq,
        sender_id,
        snippet,
        recalled,
    } = quote;
    Quote {
        message_id,
        seq,
        sender_id,
        snippet,
        recalled,
    }
}

pub fn reaction_count(reaction: ReactionCount) -> pbi::ReactionCount {
    pbi::ReactionCount {
        emoji: reaction.emoji,
        count: reaction.count,
        reacted_by_me: reaction.reacted_by_me,
    }
}

pub fn reaction_counts(reactions: Vec<ReactionCount>) -> Vec<pbi::ReactionCount> {
    reactions.into_iter().map(reaction_count).collect()
}

fn conversation_type(kind: ConversationKind) -> pbi::ConversationType {
    match kind {
        ConversationKind::Single => pbi::ConversationType::Single,
        ConversationKind::Group => pbi::ConversationType::Group,
    }
}

pub fn media_kind_from_proto(value: i32) -> Result<MediaKind> {
    match enum_field::<pbm::MediaKind>("kind", value)? {
        pbm::MediaKind::Image => Ok(MediaKind::Image),
        pbm::MediaKind::File => Ok(MediaKind::File),
        pbm::MediaKind::Voice => Ok(MediaKind::Voice),
        pbm::MediaKind::Unspecified => Err(Error::invalid_field(
            "kind",
            "is required: MEDIA_KIND_IMAGE, MEDIA_KIND_FILE or MEDIA_KIND_VOICE",
        )),
    }
}

pub fn media(media: MediaRecord) -> pbm::Media {
    let MediaRecord {
        media_id,
        kind,
        mime_type,
        size,
        sha256,
        file_name,
        width,
        height,
        uploader_id,
        created_at,
        completed,
    } = media;
    pbm::Media {
        media_id,
        kind: match kind {
            MediaKind::Image => pbm::MediaKind::Image,
            MediaKind::File => pbm::MediaKind::File,
            MediaKind::Voice => pbm::MediaKind::Voice,
        } as i32,
        mime_type,
        size,
        sha256,
        file_name,
        width,
        height,
        uploader_id,
        create_time: Some(timestamp(created_at)),
        completed,
    }
}

/// An optional id as the domain holds it: `None` for proto3's empty string.
fn non_empty(id: String) -> Option<String> {
    (!id.is_empty()).then_some(id)
}

pub fn content_from_proto(content: Option<pbi::MessageContent>) -> Result<Option<Content>> {
    use pbi::message_content::Kind;
    let Some(pbi::MessageContent { kind }) = content else {
        return Ok(None);
    };
    let kind =
        kind.ok_or_else(|| Error::invalid_field("content", "one kind of content is required"))?;
    Ok(Some(match kind {
        Kind::Text(pbi::TextContent { text }) => Content::Text { text },
        Kind::Image(pbi::ImageContent {
            url,
            width,
            height,
            size,
            media_id,
        }) => Content::Image {
            url,
            width,
            height,
            size,
            media_id: non_empty(media_id),
        },
        Kind::File(pbi::FileContent {
            url,
            name,
            size,
            mime_type,
            media_id,
        }) => Content::File {
            url,
            name,
            size,
            mime_type,
            media_id: non_empty(media_id),
        },
        Kind::Voice(pbi::VoiceContent {
            url,
            duration_ms,
            media_id,
        }) => Content::Voice {
            url,
            duration_ms,
            media_id: non_empty(media_id),
        },
        Kind::Location(pbi::LocationContent {
            latitude,
            longitude,
            title,
        }) => Content::Location {
            latitude,
            longitude,
            title,
        },
        Kind::Custom(pbi::CustomContent { r#type, data }) => Content::Custom {
            custom_type: r#type,
            data,
        },
    }))
}

pub fn content(content: Content) -> pbi::MessageContent {
    use pbi::message_content::Kind;
    let kind = match content {
        Content::Text { text } => Kind::Text(pbi::TextContent { text }),
        Content::Image {
            url,
            width,
            height,
            size,
            media_id,
        } => Kind::Image(pbi::ImageContent {
            url,
            width,
            height,
            size,
            media_id: media_id.unwrap_or_default(),
        }),
        Content::File {
            url,
            name,
            size,
            mime_type,
            media_id,
        } => Kind::File(pbi::FileContent {
            url,
            name,
            size,
            mime_type,
            media_id: media_id.unwrap_or_default(),
        }),
        Content::Voice {
            url,
            duration_ms,
            media_id,
        } => Kind::Voice(pbi::VoiceContent {
            url,
            duration_ms,
            media_id: media_id.unwrap_or_default(),
        }),
        Content::Location {
            latitude,
            longitude,
            title,
        } => Kind::Location(pbi::LocationContent {
            latitude,
            longitude,
            title,
        }),
        Content::Custom { custom_type, data } => Kind::Custom(pbi::CustomContent {
            r#type: custom_type,
            data,
        }),
    };
    pbi::MessageContent { kind: Some(kind) }
}

pub fn message(message: Message) -> pbi::Message {
    let Message {
        message_id,
        conversation_id,
        kind,
        sender_id,
        seq,
        client_msg_id,
        content: body,
        sent_at,
        recall,
        reply_to,
        edited_at,
        reactions,
        mentions,
    } = message;
    pbi::Message {
        message_id,
        conversation_id,
        conversation_type: conversation_type(kind).into(),
        sender_id,
        seq,
        client_msg_id,
        content: body.map(content),
        send_time: Some(timestamp(sent_at)),
        recalled: recall.is_some(),
        recalled_by: recall.as_ref().map(|r| r.by.clone()).unwrap_or_default(),
        recall_time: recall.map(|r| timestamp(r.at)),
        reply_to: reply_to.map(quote),
        edit_time: edited_at.map(timestamp),
        reactions: reaction_counts(reactions),
        mentioned_user_ids: mentions.user_ids,
        mentions_all: mentions.all,
    }
}

/// The inverse of `message`, for messages that crossed between nodes (the cluster bus).
pub fn message_from_proto(message: pbi::Message) -> Result<Message> {
    let kind = match message.conversation_type() {
        pbi::ConversationType::Single => ConversationKind::Single,
        pbi::ConversationType::Group => ConversationKind::Group,
        pbi::ConversationType::Unspecified => {
            return Err(Error::invalid_field("conversation_type", "is required"));
        }
    };
    let recall = message.recalled.then(|| Recall {
        by: message.recalled_by.clone(),
        at: message.recall_time.as_ref().map(millis).unwrap_or_default(),
    });
    Ok(Message {
        message_id: message.message_id,
        conversation_id: message.conversation_id,
        kind,
        sender_id: message.sender_id,
        seq: message.seq,
        client_msg_id: message.client_msg_id,
        content: content_from_proto(message.content)?,
        sent_at: message.send_time.as_ref().map(millis).unwrap_or_default(),
        recall,
        reply_to: message.reply_to.map(quote_from_proto),
        edited_at: message.edit_time.as_ref().map(millis),
        reactions: message
            .reactions
            .into_iter()
            .map(|r| ReactionCount {
                emoji: r.emoji,
                count: r.count,
                reacted_by_me: r.reacted_by_me,
            })
            .collect(),
        mentions: Mentions {
            user_ids: message.mentioned_user_ids,
            all: message.mentions_all,
        },
    })
}

pub fn conversation(view: ConversationView) -> pbi::Conversation {
    let ConversationView {
        state,
        peer_user_id,
        group_id,
        name,
        avatar,
        last_message,
        mentioned,
        pinned_messages: pinned,
    } = view;
    pbi::Conversation {
        unread_count: state.unread(),
        hidden: state.hidden(),
        conversation_id: state.conversation_id,
        r#type: conversation_type(state.kind).into(),
        peer_user_id: peer_user_id.unwrap_or_default(),
        group_id: group_id.unwrap_or_default(),
        name,
        avatar,
        last_message: last_message.map(message),
        max_seq: state.max_seq,
        read_seq: state.read_seq,
        pinned: state.pinned,
        muted: state.muted,
        update_time: Some(timestamp(state.updated_at)),
        mentioned,
        pinned_messages: pinned_messages(pinned),
    }
}

pub fn search_hit(hit: SearchHit) -> pbi::SearchHit {
    let to_i32 = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    pbi::SearchHit {
        message: Some(message(hit.message)),
        snippet: hit.snippet,
        highlights: hit
            .highlights
            .into_iter()
            .map(|(start, end)| pbi::TextRange {
                start: to_i32(start),
                end: to_i32(end),
            })
            .collect(),
    }
}

pub fn pinned_messages(pinned: Vec<PinnedMessage>) -> Vec<pbi::PinnedMessage> {
    pinned
        .into_iter()
        .map(|PinnedMessage { message: m, pin }| pbi::PinnedMessage {
            message: Some(message(m)),
            pinned_by: pin.pinned_by,
            pin_time: Some(timestamp(pin.pinned_at)),
        })
        .collect()
}

/// Property tests: 256 cases each (proptest's default), `PROPTEST_CASES` for a longer run
/// (docs/testing.md).
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    fn proto_content() -> impl Strategy<Value = pbi::MessageContent> {
        use pbi::message_content::Kind;
        let kind = prop_oneof![
            any::<String>().prop_map(|text| Kind::Text(pbi::TextContent { text })),
            (any::<String>(), any::<i32>(), any::<i32>(), any::<i64>()).prop_map(
                |(url, width, height, size)| Kind::Image(pbi::ImageContent {
                    url,
                    width,
                    height,
                    size,
                    media_id: String::new(),
                })
            ),
            (
                any::<String>(),
                any::<String>(),
                any::<i64>(),
                any::<String>()
            )
                .prop_map(|(url, name, size, mime_type)| Kind::File(
                    pbi::FileContent {
                        url,
                        name,
                        size,
                        mime_type,
                        media_id: String::new(),
                    }
                )),
            (any::<String>(), any::<i64>()).prop_map(|(url, duration_ms)| Kind::Voice(
                pbi::VoiceContent {
                    url,
                    duration_ms,
                    media_id: String::new(),
                }
            )),
            (any::<f64>(), any::<f64>(), any::<String>()).prop_map(
                |(latitude, longitude, title)| {
                    Kind::Location(pbi::LocationContent {
                        latitude,
                        longitude,
                        title,
                    })
                }
            ),
            (
                any::<String>(),
                proptest::collection::vec(any::<u8>(), 0..64)
            )
                .prop_map(|(r#type, data)| Kind::Custom(pbi::CustomContent { r#type, data })),
        ];
        proptest::option::of(kind).prop_map(|kind| pbi::MessageContent { kind })
    }

    proptest! {
        /// Any content a client sends converts (or, without a kind, is refused naming
        /// `content`), and converts back to what was sent.
        #[test]
        fn content_converts_both_ways(proto in proto_content()) {
            match content_from_proto(Some(proto.clone())) {
                Ok(Some(domain)) => {
                    // NaN is not equal to itself; compare the encodings.
                    let back = content(domain);
                    prop_assert_eq!(
                        prost::Message::encode_to_vec(&back),
                        prost::Message::encode_to_vec(&proto)
                    );
                }
                Ok(None) => prop_assert!(false, "content given, none read"),
                Err(error) => {
                    prop_assert!(proto.kind.is_none());
                    prop_assert_eq!(error.reason, crate::error::Reason::InvalidField);
                    prop_assert!(error.message.starts_with("content: "), "{}", error.message);
                }
            }
        }

        /// Enum numbers outside the contract are refused, naming the field and the number.
        #[test]
        fn unknown_enum_numbers_are_refused_naming_the_field(value in any::<i32>()) {
            match sex_from_proto("sex", value) {
                Ok(_) => prop_assert!(pbu::Sex::try_from(value).is_ok()),
                Err(error) => {
                    prop_assert_eq!(error.reason, crate::error::Reason::InvalidField);
                    prop_assert_eq!(error.message, format!("sex: {value} is not a known value"));
                }
            }
            prop_assert_eq!(direction_from_proto(value).is_ok(), pbs::RequestDirection::try_from(value).is_ok());
            prop_assert!(role_from_proto(value).is_err() || pbs::GroupRole::try_from(value).is_ok());
            prop_assert!(join_policy_from_proto(value, None).is_err() || pbs::JoinPolicy::try_from(value).is_ok());
        }

        /// Any client timestamp converts without overflow; realistic times round-trip.
        #[test]
        fn timestamps_convert_without_overflow(
            seconds in any::<i64>(),
            nanos in any::<i32>(),
            millis_value in -(1i64 << 52)..(1i64 << 52),
        ) {
            let _ = millis(&Timestamp { seconds, nanos });
            prop_assert_eq!(millis(&timestamp(millis_value)), millis_value);
        }
    }
}
