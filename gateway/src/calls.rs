//! Work a session runs beside its loop because it waits on unary upstream calls: markChat by
//! message ids (look the messages up, take the highest seq) and user.online (page through the
//! friend list). Each ends in one outcome the session loop applies.

use easychat_proto::im::v1::{self as im, ChatRequest, chat_request};
use futures::{StreamExt, TryStreamExt};
use serde::Serialize;

use crate::error::ClientError;
use crate::frame::{ServerFrame, method};
use crate::upstream::Calls;

/// Look-ups of one markChat run this many at a time.
const LOOKUP_CONCURRENCY: usize = 8;

/// Friend-list pages read for one user.online (100 friends a page); the cap bounds the call.
const MAX_FRIEND_PAGES: usize = 50;

/// What a finished call asks the session to do.
#[derive(Debug)]
pub enum Outcome {
    /// Send this to the Chat stream.
    Upstream(ChatRequest),
    /// Send this to the client.
    Reply(ServerFrame),
}

/// Marks `conversation_id` read up to the highest seq among `message_ids`.
pub async fn mark_by_messages(
    calls: Calls,
    request_id: String,
    conversation_id: String,
    message_ids: Vec<String>,
) -> Outcome {
    let lookups = futures::stream::iter(message_ids)
        .map(|message_id| {
            let calls = calls.clone();
            async move {
                calls
                    .get_message(&message_id)
                    .await
                    .map_err(|status| ClientError::from_status(&status))
            }
        })
        .buffer_unordered(LOOKUP_CONCURRENCY)
        .try_collect::<Vec<im::Message>>()
        .await;
    let messages = match lookups {
        Ok(messages) => messages,
        Err(error) => return Outcome::Reply(ServerFrame::error(Some(request_id), &error)),
    };
    // A message of another conversation would move this one's position by an unrelated seq.
    if let Some(stray) = messages
        .iter()
        .find(|m| m.conversation_id != conversation_id)
    {
        let error = ClientError::InvalidField(format!(
            "data.msgIds: message {} is not in conversation {conversation_id}",
            stray.message_id
        ));
        return Outcome::Reply(ServerFrame::error(Some(request_id), &error));
    }
    let read_seq = messages.iter().map(|m| m.seq).max().unwrap_or_default();
    Outcome::Upstream(ChatRequest {
        request_id,
        frame: Some(chat_request::Frame::MarkRead(im::MarkReadRequest {
            conversation_id,
            read_seq,
        })),
    })
}

/// Result of `conversation.search`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SearchResult {
    hits: Vec<SearchHit>,
    next_page_token: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SearchHit {
    msg_id: String,
    conversation_id: String,
    send_id: String,
    seq: i64,
    send_time: Option<i64>,
    snippet: String,
    /// `[start, end)` pairs, in Unicode code points of `snippet`.
    highlights: Vec<[i32; 2]>,
}

/// One page of the user's messages containing the query.
pub async fn search(
    calls: Calls,
    request_id: String,
    search: im::SearchMessagesRequest,
) -> Outcome {
    let page = match calls.search_messages(search).await {
        Ok(page) => page,
        Err(status) => {
            let error = ClientError::from_status(&status);
            return Outcome::Reply(ServerFrame::error(Some(request_id), &error));
        }
    };
    let hits = page
        .hits
        .into_iter()
        .filter_map(|hit| {
            let message = hit.message?;
            Some(SearchHit {
                send_time: crate::push::millis(message.send_time.as_ref()),
                msg_id: message.message_id,
                conversation_id: message.conversation_id,
                send_id: message.sender_id,
                seq: message.seq,
                snippet: hit.snippet,
                highlights: hit.highlights.iter().map(|r| [r.start, r.end]).collect(),
            })
        })
        .collect();
    Outcome::Reply(ServerFrame::data(
        Some(request_id),
        method::SEARCH,
        &SearchResult {
            hits,
            next_page_token: page.next_page_token,
        },
    ))
}

/// Result of `user.online`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct OnlineFriends {
    user_ids: Vec<String>,
    friends: Vec<OnlineFriend>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct OnlineFriend {
    user_id: String,
    nickname: String,
    avatar: String,
    remark: String,
}

/// The user's friends who are online now.
pub async fn online_friends(calls: Calls, request_id: String) -> Outcome {
    let mut friends = Vec::new();
    let mut page_token = String::new();
    for _ in 0..MAX_FRIEND_PAGES {
        let page = match calls.list_friends(page_token).await {
            Ok(page) => page,
            Err(status) => {
                let error = ClientError::from_status(&status);
                return Outcome::Reply(ServerFrame::error(Some(request_id), &error));
            }
        };
        friends.extend(
            page.friends
                .into_iter()
                .filter(|f| f.online)
                .filter_map(|f| {
                    let user = f.user?;
                    Some(OnlineFriend {
                        user_id: user.user_id,
                        nickname: user.nickname,
                        avatar: user.avatar,
                        remark: f.remark,
                    })
                }),
        );
        if page.next_page_token.is_empty() {
            break;
        }
        page_token = page.next_page_token;
    }
    let user_ids = friends.iter().map(|f| f.user_id.clone()).collect();
    Outcome::Reply(ServerFrame::data(
        Some(request_id),
        method::ONLINE,
        &OnlineFriends { user_ids, friends },
    ))
}
