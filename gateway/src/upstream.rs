//! The upstream side of a connection: picking an EasyChat server, opening its Chat stream with
//! the connection's token, waiting for `ready`, and the unary calls a few methods need. Only the
//! public gRPC API is used.
//!
//! Each WebSocket connection gets its own HTTP/2 connection upstream. Sharing one would cap a
//! gateway at the server's concurrent-stream limit per connection, and a fresh connection makes
//! "this upstream is down, try the next" an honest connect error rather than a guess.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use easychat_proto::im::v1::im_service_client::ImServiceClient;
use easychat_proto::im::v1::{self as im, ChatRequest, ChatResponse, chat_response};
use easychat_proto::social::v1::social_service_client::SocialServiceClient;
use easychat_proto::social::v1::{ListFriendsRequest, ListFriendsResponse};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::metadata::{Ascii, MetadataValue};
use tonic::transport::{Channel, Endpoint};
use tonic::{Code, Request, Status, Streaming};

use crate::config::GatewayConfig;
use crate::error::ClientError;

/// HTTP/2 pings keep idle upstream connections (quiet chats) from being dropped by NATs and
/// notice a dead server between messages.
const KEEP_ALIVE_INTERVAL: Duration = Duration::from_secs(30);
const KEEP_ALIVE_TIMEOUT: Duration = Duration::from_secs(10);

/// The configured upstream servers, used round-robin.
pub struct Upstreams {
    endpoints: Vec<Endpoint>,
    next: AtomicUsize,
    queue: usize,
    connect_timeout: Duration,
    ready_timeout: Duration,
    call_timeout: Duration,
}

/// A registered upstream Chat session of one connection.
pub struct UpstreamSession {
    pub user_id: String,
    pub session_id: String,
    /// Frames to the Chat stream; dropping it half-closes the stream.
    pub requests: mpsc::Sender<ChatRequest>,
    /// Frames from the Chat stream; dropping it cancels the call.
    pub responses: Streaming<ChatResponse>,
    pub calls: Calls,
}

/// Why one upstream could not be used.
enum Attempt {
    /// Not reachable: the next upstream may be.
    Unreachable(String),
    /// It answered, and the answer ends the connection (a bad token, for one).
    Refused(ClientError),
}

impl Upstreams {
    pub fn new(config: &GatewayConfig) -> Upstreams {
        let connect_timeout = config.connect_timeout();
        let endpoints = config
            .upstreams
            .iter()
            .filter_map(|url| match Endpoint::from_shared(url.clone()) {
                Ok(endpoint) => Some(
                    endpoint
                        .connect_timeout(connect_timeout)
                        .tcp_nodelay(true)
                        .http2_keep_alive_interval(KEEP_ALIVE_INTERVAL)
                        .keep_alive_timeout(KEEP_ALIVE_TIMEOUT)
                        .keep_alive_while_idle(true),
                ),
                Err(e) => {
                    // `run` validates first; only a router built from an unchecked config gets here.
                    tracing::error!(upstream = %url, error = %e, "ignoring an invalid upstream URL");
                    None
                }
            })
            .collect();
        Upstreams {
            endpoints,
            next: AtomicUsize::new(0),
            queue: config.queue(),
            connect_timeout,
            ready_timeout: config.ready_timeout(),
            call_timeout: config.call_timeout(),
        }
    }

    /// Opens a Chat session for `token` on the next upstream, falling back to the following ones
    /// while they cannot be reached.
    pub async fn open(&self, token: &str) -> Result<UpstreamSession, ClientError> {
        // A token that is not valid metadata cannot be valid; asking upstream would be pointless.
        let auth: MetadataValue<Ascii> = format!("Bearer {token}")
            .parse()
            .map_err(|_| ClientError::TokenInvalid)?;
        let count = self.endpoints.len();
        if count == 0 {
            return Err(ClientError::UpstreamUnavailable(
                "no valid upstream is configured".to_owned(),
            ));
        }
        let start = self.next.fetch_add(1, Ordering::Relaxed) % count;
        let mut failures = Vec::new();
        for offset in 0..count {
            let endpoint = &self.endpoints[(start + offset) % count];
            let uri = endpoint.uri().to_string();
            let attempt = match tokio::time::timeout(self.connect_timeout, endpoint.connect()).await
            {
                Ok(Ok(channel)) => self.start_chat(channel, auth.clone()).await,
                Ok(Err(e)) => Err(Attempt::Unreachable(e.to_string())),
                Err(_) => Err(Attempt::Unreachable("connect timed out".to_owned())),
            };
            match attempt {
                Ok(session) => return Ok(session),
                Err(Attempt::Refused(error)) => return Err(error),
                Err(Attempt::Unreachable(reason)) => {
                    tracing::warn!(upstream = %uri, %reason, "upstream unreachable; trying the next");
                    failures.push(format!("{uri}: {reason}"));
                }
            }
        }
        Err(ClientError::UpstreamUnavailable(failures.join("; ")))
    }

    async fn start_chat(
        &self,
        channel: Channel,
        auth: MetadataValue<Ascii>,
    ) -> Result<UpstreamSession, Attempt> {
        let (requests, outgoing) = mpsc::channel(self.queue);
        let mut request = Request::new(ReceiverStream::new(outgoing));
        request.metadata_mut().insert("authorization", auth.clone());
        let mut client = ImServiceClient::new(channel.clone());
        let opened = tokio::time::timeout(self.ready_timeout, async {
            let mut responses = client.chat(request).await?.into_inner();
            let first = responses.message().await?;
            Ok::<_, Status>((responses, first))
        })
        .await;
        let not_ready = |why: &str| Attempt::Refused(ClientError::UpstreamNotReady(why.to_owned()));
        match opened {
            Err(_) => Err(not_ready(&format!(
                "no `ready` frame within {} s",
                self.ready_timeout.as_secs()
            ))),
            Ok(Err(status)) if status.code() == Code::Unavailable => {
                Err(Attempt::Unreachable(status.message().to_owned()))
            }
            Ok(Err(status)) => Err(Attempt::Refused(ClientError::from_status(&status))),
            Ok(Ok((_, None))) => Err(not_ready("the stream ended before `ready`")),
            Ok(Ok((responses, Some(first)))) => match first.frame {
                Some(chat_response::Frame::Ready(ready)) => Ok(UpstreamSession {
                    user_id: ready.user_id,
                    session_id: ready.session_id,
                    requests,
                    responses,
                    calls: Calls {
                        channel,
                        auth,
                        timeout: self.call_timeout,
                    },
                }),
                _ => Err(not_ready("the first frame was not `ready`")),
            },
        }
    }
}

/// Unary calls as the connection's user, over its upstream connection.
#[derive(Clone)]
pub struct Calls {
    channel: Channel,
    auth: MetadataValue<Ascii>,
    timeout: Duration,
}

impl Calls {
    pub async fn get_message(&self, message_id: &str) -> Result<im::Message, Status> {
        let mut client = ImServiceClient::new(self.channel.clone());
        let request = self.request(im::GetMessageRequest {
            message_id: message_id.to_owned(),
        });
        let response = self.bounded(client.get_message(request)).await?;
        response
            .into_inner()
            .message
            .ok_or_else(|| Status::internal("GetMessage answered without a message"))
    }

    pub async fn list_friends(&self, page_token: String) -> Result<ListFriendsResponse, Status> {
        let mut client = SocialServiceClient::new(self.channel.clone());
        let request = self.request(ListFriendsRequest {
            keyword: String::new(),
            page_size: 100,
            page_token,
        });
        Ok(self
            .bounded(client.list_friends(request))
            .await?
            .into_inner())
    }

    fn request<T>(&self, message: T) -> Request<T> {
        let mut request = Request::new(message);
        request
            .metadata_mut()
            .insert("authorization", self.auth.clone());
        request.set_timeout(self.timeout);
        request
    }

    /// The grpc-timeout header asks the server to give up; this makes sure we do.
    async fn bounded<T>(&self, call: impl Future<Output = Result<T, Status>>) -> Result<T, Status> {
        tokio::time::timeout(self.timeout, call)
            .await
            .unwrap_or_else(|_| Err(Status::deadline_exceeded("the upstream call timed out")))
    }
}
