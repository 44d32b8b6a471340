//! Helpers of the real-time tests: Chat and Subscribe sessions over their own HTTP/2
//! connections, waiting on frames with a timeout (never sleeping), and small request builders.
//!
//! Frames a wait skips are kept in order in a backlog, so a later wait still finds them, and
//! "nothing arrived" is always checked against a later frame that must arrive (the session
//! queues are FIFO): whatever came before that frame is returned for inspection.

use std::collections::VecDeque;
use std::fmt::Debug;
use std::time::Duration;

use crate::{Bearer, TestServer, TestUser, befriend, text};
use easychat_proto::im::v1::im_service_client::ImServiceClient;
use easychat_proto::im::v1::{
    self as im, chat_request, chat_response, send_message_request::Target, server_event,
    subscribe_response,
};
use easychat_proto::social::v1 as social;
use easychat_proto::user::v1::LoginRequest;
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Status;

/// How long any single expected frame may take.
pub const WAIT: Duration = Duration::from_secs(10);

// ---------------------------------------------------------------------------------------------
// Frames of a server stream
// ---------------------------------------------------------------------------------------------

/// A server frame that may carry a pushed event.
pub trait Pushed {
    fn event(&self) -> Option<&server_event::Event>;
}

impl Pushed for im::ChatResponse {
    fn event(&self) -> Option<&server_event::Event> {
        match &self.frame {
            Some(chat_response::Frame::Event(event)) => event.event.as_ref(),
            _ => None,
        }
    }
}

impl Pushed for im::SubscribeResponse {
    fn event(&self) -> Option<&server_event::Event> {
        match &self.frame {
            Some(subscribe_response::Frame::Event(event)) => event.event.as_ref(),
            _ => None,
        }
    }
}

/// The message of a pushed message event.
pub fn pushed_message<T: Pushed>(frame: &T) -> Option<&im::Message> {
    match frame.event() {
        Some(server_event::Event::Message(message)) => Some(message),
        _ => None,
    }
}

/// The presence event of a pushed frame about `user_id`.
pub fn pushed_presence<'a, T: Pushed>(
    frame: &'a T,
    user_id: &str,
) -> Option<&'a im::PresenceEvent> {
    match frame.event() {
        Some(server_event::Event::Presence(presence)) if presence.user_id == user_id => {
            Some(presence)
        }
        _ => None,
    }
}

/// The frames of one server stream, read with timeouts.
pub struct Frames<T> {
    stream: tonic::Streaming<T>,
    backlog: VecDeque<T>,
}

impl<T: Pushed + Debug> Frames<T> {
    fn new(stream: tonic::Streaming<T>) -> Self {
        Frames {
            stream,
            backlog: VecDeque::new(),
        }
    }

    /// Reads the next frame off the wire, failing the test on timeout or end of stream.
    async fn read(&mut self, what: &str, deadline: Instant) -> T {
        match tokio::time::timeout_at(deadline, self.stream.message()).await {
            Ok(Ok(Some(frame))) => frame,
            Ok(Ok(None)) => panic!("the stream ended while waiting for {what}"),
            Ok(Err(status)) => panic!("the stream failed while waiting for {what}: {status:?}"),
            Err(_) => panic!(
                "timed out waiting for {what}; {} unmatched frames, the last ones: {:#?}",
                self.backlog.len(),
                self.backlog.iter().rev().take(3).collect::<Vec<_>>()
            ),
        }
    }

    /// The next frame satisfying `matches` within `timeout`; other frames stay in the backlog.
    pub async fn next_matching(
        &mut self,
        what: &str,
        mut matches: impl FnMut(&T) -> bool,
        timeout: Duration,
    ) -> T {
        if let Some(index) = self.backlog.iter().position(&mut matches) {
            return self.backlog.remove(index).expect("index is in the backlog");
        }
        let deadline = Instant::now() + timeout;
        loop {
            let frame = self.read(what, deadline).await;
            if matches(&frame) {
                return frame;
            }
            self.backlog.push_back(frame);
        }
    }

    /// Every frame up to and including the first one satisfying `matches` (the last element),
    /// in arrival order; they are all consumed.
    pub async fn collect_until(
        &mut self,
        what: &str,
        mut matches: impl FnMut(&T) -> bool,
        timeout: Duration,
    ) -> Vec<T> {
        let mut frames = Vec::new();
        while let Some(frame) = self.backlog.pop_front() {
            let found = matches(&frame);
            frames.push(frame);
            if found {
                return frames;
            }
        }
        let deadline = Instant::now() + timeout;
        loop {
            let frame = self.read(what, deadline).await;
            let found = matches(&frame);
            frames.push(frame);
            if found {
                return frames;
            }
        }
    }

    /// The next pushed event satisfying `matches`.
    pub async fn next_event(
        &mut self,
        what: &str,
        mut matches: impl FnMut(&server_event::Event) -> bool,
    ) -> server_event::Event {
        let frame = self
            .next_matching(what, |f| f.event().is_some_and(&mut matches), WAIT)
            .await;
        frame.event().cloned().expect("an event frame")
    }

    /// The pushed message event of `message_id`.
    pub async fn next_message(&mut self, message_id: &str) -> im::Message {
        let what = format!("message {message_id}");
        let frame = self
            .next_matching(
                &what,
                |f| pushed_message(f).is_some_and(|m| m.message_id == message_id),
                WAIT,
            )
            .await;
        pushed_message(&frame).cloned().expect("a message event")
    }

    /// The frames that came before the pushed message event of `message_id` (which is consumed).
    pub async fn frames_before_message(&mut self, message_id: &str) -> Vec<T> {
        let what = format!("message {message_id}");
        let mut frames = self
            .collect_until(
                &what,
                |f| pushed_message(f).is_some_and(|m| m.message_id == message_id),
                WAIT,
            )
            .await;
        frames.pop();
        frames
    }

    /// The presence events about `user_id` among the frames before the pushed message
    /// `message_id` (which must come: "none" is checked against it).
    pub async fn presence_before_message(
        &mut self,
        message_id: &str,
        user_id: &str,
    ) -> Vec<im::PresenceEvent> {
        self.frames_before_message(message_id)
            .await
            .iter()
            .filter_map(|f| pushed_presence(f, user_id).cloned())
            .collect()
    }

    /// The next presence event about `user_id`.
    pub async fn next_presence(&mut self, user_id: &str) -> im::PresenceEvent {
        let what = format!("presence of {user_id}");
        let frame = self
            .next_matching(&what, |f| pushed_presence(f, user_id).is_some(), WAIT)
            .await;
        pushed_presence(&frame, user_id)
            .cloned()
            .expect("a presence event")
    }

    /// Reads (and drops) frames until the stream ends with an error status, which it returns.
    pub async fn expect_end(&mut self, timeout: Duration) -> Status {
        let deadline = Instant::now() + timeout;
        loop {
            match tokio::time::timeout_at(deadline, self.stream.message()).await {
                Ok(Ok(Some(frame))) => self.backlog.push_back(frame),
                Ok(Ok(None)) => panic!("the stream ended without an error status"),
                Ok(Err(status)) => return status,
                Err(_) => panic!("timed out waiting for the stream to end"),
            }
        }
    }

    /// How many frames a wait skipped and left in the backlog.
    pub fn backlog_len(&self) -> usize {
        self.backlog.len()
    }

    /// Drains the stream to its end: Ok when it ends cleanly.
    async fn drain(&mut self, timeout: Duration) -> Result<(), Status> {
        let deadline = Instant::now() + timeout;
        loop {
            match tokio::time::timeout_at(deadline, self.stream.message()).await {
                Ok(Ok(Some(frame))) => self.backlog.push_back(frame),
                Ok(Ok(None)) => return Ok(()),
                Ok(Err(status)) => return Err(status),
                Err(_) => panic!("timed out waiting for the stream to end"),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Chat
// ---------------------------------------------------------------------------------------------

/// A Chat stream of one device, on a connection of its own.
pub struct ChatSession {
    pub session_id: String,
    pub user_id: String,
    requests: mpsc::Sender<im::ChatRequest>,
    pub frames: Frames<im::ChatResponse>,
    next_request: u64,
}

impl ChatSession {
    /// Opens a Chat stream with `token` and waits for `ready`.
    pub async fn open(server: &TestServer, token: &str) -> ChatSession {
        Self::connect(server, Some(token))
            .await
            .expect("open a Chat stream")
    }

    /// Opens a Chat stream (with a token or none) and waits for `ready`, which must be the first
    /// frame; an error status of the call or of the first read is returned.
    pub async fn connect(server: &TestServer, token: Option<&str>) -> Result<ChatSession, Status> {
        let channel = server.channel().await;
        let (requests, outbound) = mpsc::channel(1024);
        let outbound = ReceiverStream::new(outbound);
        let response = match token {
            Some(token) => {
                ImServiceClient::with_interceptor(channel, Bearer::new(token))
                    .chat(outbound)
                    .await
            }
            None => ImServiceClient::new(channel).chat(outbound).await,
        }?;
        let mut stream = response.into_inner();
        let first = tokio::time::timeout(WAIT, stream.message())
            .await
            .expect("the first Chat frame in time")?
            .expect("a first Chat frame");
        let Some(chat_response::Frame::Ready(ready)) = first.frame else {
            panic!("the first Chat frame is not ready: {first:?}");
        };
        assert!(!ready.session_id.is_empty(), "ready names the session");
        Ok(ChatSession {
            session_id: ready.session_id,
            user_id: ready.user_id,
            requests,
            frames: Frames::new(stream),
            next_request: 0,
        })
    }

    /// A fresh request id of this session.
    pub fn request_id(&mut self) -> String {
        self.next_request += 1;
        format!("req-{}", self.next_request)
    }

    /// Sends a raw client frame.
    pub async fn push_raw(&self, request: im::ChatRequest) {
        self.requests
            .send(request)
            .await
            .expect("the Chat request stream is open");
    }

    /// Sends a client frame with a fresh request id, which it returns.
    pub async fn push(&mut self, frame: chat_request::Frame) -> String {
        let request_id = self.request_id();
        self.push_raw(im::ChatRequest {
            request_id: request_id.clone(),
            frame: Some(frame),
        })
        .await;
        request_id
    }

    /// A sender of client frames usable from another task (for pipelining).
    pub fn requests(&self) -> mpsc::Sender<im::ChatRequest> {
        self.requests.clone()
    }

    /// The answer to the frame `request_id` (a result or a FrameError).
    pub async fn answer(&mut self, request_id: &str) -> im::ChatResponse {
        let what = format!("the answer to {request_id}");
        self.frames
            .next_matching(&what, |f| f.request_id == request_id, WAIT)
            .await
    }

    /// Sends a frame and returns its answer.
    pub async fn call(&mut self, frame: chat_request::Frame) -> chat_response::Frame {
        let request_id = self.push(frame).await;
        let answer = self.answer(&request_id).await;
        answer.frame.expect("an answer frame")
    }

    /// Sends a message that must be accepted; returns the ack.
    pub async fn send(&mut self, request: im::SendMessageRequest) -> im::SendMessageResponse {
        match self.call(chat_request::Frame::Send(request)).await {
            chat_response::Frame::SendResult(result) => result,
            other => panic!("expected a send_result, got {other:?}"),
        }
    }

    /// Sends a text message that must be accepted; returns the stored message.
    pub async fn send_text(&mut self, conversation_id: &str, body: &str) -> im::Message {
        self.send(send_request(conversation_id, text(body)))
            .await
            .message
            .expect("the stored message")
    }

    /// A ping that must be answered by a pong with its nonce.
    pub async fn ping(&mut self) -> im::Pong {
        let nonce = i64::try_from(self.next_request).unwrap_or_default() + 1000;
        match self
            .call(chat_request::Frame::Ping(im::Ping { nonce }))
            .await
        {
            chat_response::Frame::Pong(pong) => {
                assert_eq!(pong.nonce, nonce, "the pong echoes the nonce");
                pong
            }
            other => panic!("expected a pong, got {other:?}"),
        }
    }

    /// Closes the client half and waits until the server has ended the stream (by then it has
    /// unregistered the session and announced presence).
    pub async fn close(self) {
        let ChatSession {
            requests,
            mut frames,
            ..
        } = self;
        drop(requests);
        frames
            .drain(WAIT)
            .await
            .expect("the stream ends cleanly after the client closes");
    }
}

// ---------------------------------------------------------------------------------------------
// Subscribe
// ---------------------------------------------------------------------------------------------

/// A Subscribe stream of one device, on a connection of its own.
pub struct SubscribeSession {
    pub session_id: String,
    pub frames: Frames<im::SubscribeResponse>,
}

impl SubscribeSession {
    /// Subscribes as `user` and waits for `ready`, which must be the first frame.
    pub async fn open(server: &TestServer, user: &TestUser) -> SubscribeSession {
        let mut client =
            ImServiceClient::with_interceptor(server.channel().await, Bearer::new(&user.token));
        let mut stream = client
            .subscribe(im::SubscribeRequest {})
            .await
            .expect("subscribe")
            .into_inner();
        let first = tokio::time::timeout(WAIT, stream.message())
            .await
            .expect("the first Subscribe frame in time")
            .expect("a first Subscribe frame")
            .expect("the Subscribe stream is open");
        let Some(subscribe_response::Frame::Ready(ready)) = first.frame else {
            panic!("the first Subscribe frame is not ready: {first:?}");
        };
        assert_eq!(ready.user_id, user.user_id);
        SubscribeSession {
            session_id: ready.session_id,
            frames: Frames::new(stream),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A SendMessage request to a conversation with a fresh client_msg_id.
pub fn send_request(conversation_id: &str, content: im::MessageContent) -> im::SendMessageRequest {
    im::SendMessageRequest {
        client_msg_id: new_id(),
        target: Some(Target::ConversationId(conversation_id.to_owned())),
        content: Some(content),
        ..Default::default()
    }
}

/// Custom content carrying `data`.
pub fn custom(data: Vec<u8>) -> im::MessageContent {
    im::MessageContent {
        kind: Some(im::message_content::Kind::Custom(im::CustomContent {
            r#type: "blob".to_owned(),
            data,
        })),
    }
}

/// A second token of `user`, as another device gets by logging in.
pub async fn login(server: &TestServer, user: &TestUser) -> String {
    server
        .users()
        .await
        .login(LoginRequest {
            phone: user.phone.clone(),
            password: user.password.clone(),
        })
        .await
        .expect("login")
        .into_inner()
        .token
}

/// The whole history of a conversation as `user` sees it, ascending.
pub async fn history(user: &TestUser, conversation_id: &str) -> Vec<im::Message> {
    let mut messages = Vec::new();
    let mut page_token = String::new();
    loop {
        let page = user
            .im()
            .list_messages(im::ListMessagesRequest {
                conversation_id: conversation_id.to_owned(),
                direction: im::PageDirection::Forward as i32,
                page_size: 200,
                page_token: page_token.clone(),
                ..Default::default()
            })
            .await
            .expect("list messages")
            .into_inner();
        messages.extend(page.messages);
        if page.next_page_token.is_empty() {
            return messages;
        }
        page_token = page.next_page_token;
    }
}

/// `user`'s view of their friend `friend_id` in ListFriends.
pub async fn friend(user: &TestUser, friend_id: &str) -> social::Friend {
    user.social()
        .list_friends(social::ListFriendsRequest::default())
        .await
        .expect("list friends")
        .into_inner()
        .friends
        .into_iter()
        .find(|f| f.user.as_ref().is_some_and(|u| u.user_id == friend_id))
        .unwrap_or_else(|| panic!("{friend_id} is a friend"))
}

/// An open group owned by `owner` with `members` (befriended with the owner first); returns its
/// group id and conversation id.
pub async fn create_group(owner: &TestUser, members: &[&TestUser]) -> (String, String) {
    for member in members {
        befriend(owner, member).await;
    }
    let group = owner
        .social()
        .create_group(social::CreateGroupRequest {
            name: "hikers".to_owned(),
            member_ids: members.iter().map(|m| m.user_id.clone()).collect(),
            join_policy: social::JoinPolicy::Open as i32,
            ..Default::default()
        })
        .await
        .expect("create group")
        .into_inner()
        .group
        .expect("group");
    let conversation_id = format!("g_{}", group.group_id);
    (group.group_id, conversation_id)
}

/// `owner` removes `member` from `group_id`.
pub async fn kick(owner: &TestUser, group_id: &str, member: &TestUser) {
    owner
        .social()
        .remove_group_member(social::RemoveGroupMemberRequest {
            group_id: group_id.to_owned(),
            user_id: member.user_id.clone(),
        })
        .await
        .expect("remove the member");
}

/// `user` blocks `target`, or unblocks them.
pub async fn set_blocked(user: &TestUser, target: &TestUser, blocked: bool) {
    let client = &mut user.social();
    let user_id = target.user_id.clone();
    if blocked {
        client
            .block_user(social::BlockUserRequest { user_id })
            .await
            .expect("block");
    } else {
        client
            .unblock_user(social::UnblockUserRequest { user_id })
            .await
            .expect("unblock");
    }
}
