//! `ImService` as served: its two session streams (Chat, Subscribe) with a codec that writes
//! each pushed event from the bytes encoded once for all its recipients (a 1,000-member group
//! used to clone and encode every message 1,000 times); every other method goes to the
//! generated server.

use std::sync::Arc;

use std::convert::Infallible;

use std::marker::PhantomData;
use std::task::{Context, Poll};

use easychat_proto::im::v1 as pb;
use easychat_proto::im::v1::im_service_server::{ImServiceServer, SERVICE_NAME};
use futures::future::BoxFuture;
use prost::Message;
use tonic::body::Body;
use tonic::codec::{BufferSettings, Codec, EncodeBuf, Encoder};
use tonic::server::{Grpc, NamedService, ServerStreamingService, StreamingService};
use tonic::{Request, Response, Status, Streaming};
use tonic_prost::ProstDecoder;

use super::im::ImApi;
use crate::api::auth::caller;
use crate::realtime::outbound::{EventFrame, Outbound};
use crate::realtime::session::{ChatStream, Sessions, SubscribeStream};

const CHAT_PATH: &str = "/easychat.im.v1.ImService/Chat";
/// Initial buffers of a session stream's encoder and decoder (tonic's default is 8 KiB each, most
/// of an idle stream's memory); they grow for larger messages.
const SESSION_BUFFER_BYTES: usize = 1024;
/// Encoded frames gathered before they are handed to HTTP/2 (tonic's default).
const SESSION_YIELD_BYTES: usize = 32 * 1024;
const SUBSCRIBE_PATH: &str = "/easychat.im.v1.ImService/Subscribe";

/// The `ImService` routes.
#[derive(Clone)]
pub struct ImRoutes {
    generated: ImServiceServer<ImApi>,
    sessions: Arc<Sessions>,
    max_decoding_message_size: usize,
}

impl ImRoutes {
    /// Every method of `api`; requests larger than `max_decoding_message_size` are refused.
    pub fn new(api: ImApi, max_decoding_message_size: usize) -> ImRoutes {
        let sessions = api.sessions.clone();
        ImRoutes {
            generated: ImServiceServer::new(api)
                .max_decoding_message_size(max_decoding_message_size),
            sessions,
            max_decoding_message_size,
        }
    }

    fn grpc<T, U>(&self) -> Grpc<SessionCodec<T, U>>
    where
        T: Message + EventFrame + Send + 'static,
        U: Message + Default + Send + 'static,
    {
        Grpc::new(SessionCodec(PhantomData))
            .apply_max_message_size_config(Some(self.max_decoding_message_size), None)
    }
}

impl NamedService for ImRoutes {
    const NAME: &'static str = SERVICE_NAME;
}

impl tower::Service<http::Request<Body>> for ImRoutes {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        match request.uri().path() {
            CHAT_PATH => {
                let mut grpc = self.grpc::<pb::ChatResponse, pb::ChatRequest>();
                let method = ChatMethod(self.sessions.clone());
                Box::pin(async move { Ok(grpc.streaming(method, request).await) })
            }
            SUBSCRIBE_PATH => {
                let mut grpc = self.grpc::<pb::SubscribeResponse, pb::SubscribeRequest>();
                let method = SubscribeMethod(self.sessions.clone());
                Box::pin(async move { Ok(grpc.server_streaming(method, request).await) })
            }
            _ => self.generated.call(request),
        }
    }
}

struct ChatMethod(Arc<Sessions>);

impl StreamingService<pb::ChatRequest> for ChatMethod {
    type Response = Outbound<pb::ChatResponse>;
    type ResponseStream = ChatStream;
    type Future = BoxFuture<'static, Result<Response<ChatStream>, Status>>;

    fn call(&mut self, request: Request<Streaming<pb::ChatRequest>>) -> Self::Future {
        let sessions = self.0.clone();
        Box::pin(async move {
            let caller = caller(&request)?;
            Ok(Response::new(
                sessions
                    .chat(caller, Box::pin(request.into_inner()))
                    .await?,
            ))
        })
    }
}

struct SubscribeMethod(Arc<Sessions>);

impl ServerStreamingService<pb::SubscribeRequest> for SubscribeMethod {
    type Response = Outbound<pb::SubscribeResponse>;
    type ResponseStream = SubscribeStream;
    type Future = BoxFuture<'static, Result<Response<SubscribeStream>, Status>>;

    fn call(&mut self, request: Request<pb::SubscribeRequest>) -> Self::Future {
        let sessions = self.0.clone();
        Box::pin(async move {
            let caller = caller(&request)?;
            let pb::SubscribeRequest {} = request.into_inner();
            Ok(Response::new(sessions.subscribe(caller).await?))
        })
    }
}

/// Decodes requests with prost; encodes a session's own frames with prost and its pushed events
/// from their shared encoding.
struct SessionCodec<T, U>(PhantomData<fn() -> (T, U)>);

impl<T, U> Codec for SessionCodec<T, U>
where
    T: Message + EventFrame + Send + 'static,
    U: Message + Default + Send + 'static,
{
    type Encode = Outbound<T>;
    type Decode = U;
    type Encoder = OutboundEncoder<T>;
    type Decoder = ProstDecoder<U>;

    fn encoder(&mut self) -> Self::Encoder {
        OutboundEncoder(PhantomData)
    }

    fn decoder(&mut self) -> Self::Decoder {
        ProstDecoder::new(session_buffers())
    }
}

struct OutboundEncoder<T>(PhantomData<fn() -> T>);

impl<T: Message + EventFrame> Encoder for OutboundEncoder<T> {
    type Item = Outbound<T>;
    type Error = Status;

    fn encode(&mut self, item: Outbound<T>, buf: &mut EncodeBuf<'_>) -> Result<(), Status> {
        match item {
            Outbound::Frame(frame) => frame
                .encode(buf)
                .map_err(|e| Status::internal(format!("encoding a frame: {e}"))),
            Outbound::Event(pushed) => {
                buf.reserve(pushed.field_len(T::EVENT_TAG));
                pushed.encode_as_field(T::EVENT_TAG, buf);
                Ok(())
            }
        }
    }

    fn buffer_settings(&self) -> BufferSettings {
        session_buffers()
    }
}

fn session_buffers() -> BufferSettings {
    BufferSettings::new(SESSION_BUFFER_BYTES, SESSION_YIELD_BYTES)
}
