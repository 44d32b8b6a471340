//! REST/JSON on the HTTP port: every unary RPC at the path its `google.api.http` rule gives
//! (transcoded generically from the descriptors, `routes` + `message`), the old system's three
//! `/v1/user/...` routes (`legacy`), and the OpenAPI document at `/openapi.json` (`openapi`).
//!
//! Calls go to an upstream server as the gRPC calls they stand for, with the client's
//! `Authorization` header and its address (`x-forwarded-for`), so authentication, rate limits and
//! errors are the gRPC API's own; errors come back as HTTP statuses with a JSON body (`problem`).

mod legacy;
mod message;
mod openapi;
mod problem;
mod routes;
mod template;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use bytes::Bytes;
use prost::Message;
use prost_reflect::DescriptorPool;
use tonic::metadata::{MetadataMap, MetadataValue};
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use problem::Problem;
use routes::{Lookup, RouteTable};

use crate::shared::Shared;
// The metadata with which a gateway proves to a server that its `x-forwarded-for` can be
// believed (`gateway.proxy_key`, the server's `limits.proxy_key`).
use easychat_proto::PROXY_KEY_METADATA as PROXY_KEY_HEADER;

/// The TCP peer of the connection a request came on, set by the gateway's accept loop.
#[derive(Debug, Clone, Copy)]
pub struct ClientPeer(pub SocketAddr);

/// What every REST request needs.
struct Rest {
    shared: Arc<Shared>,
    routes: RouteTable,
}

/// The REST routes: `/v1/…`, the legacy `/v1/user/…` and `/openapi.json`.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let pool = DescriptorPool::decode(easychat_proto::FILE_DESCRIPTOR_SET)
        .expect("the compiled-in descriptor set decodes");
    // The descriptor set is compiled in and its rules are checked by this crate's tests: a
    // failure here is a bug in a proto, caught before release.
    let routes = RouteTable::from_pool(&pool).expect("every HTTP rule in the protos is servable");
    let rest = Arc::new(Rest { shared, routes });
    Router::new()
        .route("/v1/user/register", post(legacy::register))
        .route("/v1/user/login", post(legacy::login))
        .route("/v1/user/user", get(legacy::user))
        .route("/v1/{*path}", any(transcode))
        .route("/openapi.json", get(openapi::document))
        .with_state(rest)
        .layer(cors())
}

/// Browsers on any origin, as for grpc-web: the token travels in a header, not a cookie, so
/// allowing every origin grants nothing a page could not already do with the token.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PATCH,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers(tower_http::cors::Any)
        .expose_headers([header::RETRY_AFTER, header::WWW_AUTHENTICATE])
}

/// A mapped RPC: the request message from path, query and body; the call upstream; the answer
/// as JSON.
async fn transcode(State(rest): State<Arc<Rest>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path();
    let (route, bindings) = match rest.routes.lookup(&parts.method, path) {
        Lookup::Found(route, bindings) => (route, bindings),
        Lookup::MethodNotAllowed(allow) => {
            return Problem::method_not_allowed(&parts.method, path, allow).into_response();
        }
        Lookup::NotFound => return Problem::route_not_found(&parts.method, path).into_response(),
    };
    let answer = async {
        let body = read_body(body, &parts.headers, rest.shared.config.rest_max_body_bytes).await?;
        let message = message::request(route, bindings, parts.uri.query(), &body)?;
        let metadata =
            forwarded_metadata(&parts.headers, parts.extensions.get::<ClientPeer>(), &rest)?;
        let encoded = rest
            .shared
            .upstreams
            .unary(
                route.grpc_path.clone(),
                metadata,
                message.encode_to_vec().into(),
            )
            .await
            .map_err(|status| Problem::from_status(&status))?;
        message::response(&route.output, &encoded)
    };
    match answer.await {
        Ok(json) => json_response(json),
        Err(problem) => problem.into_response(),
    }
}

fn json_response(json: Vec<u8>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        json,
    )
        .into_response()
}

/// The body, at most `limit` bytes (a larger one is refused before it is read whole).
async fn read_body(body: Body, headers: &HeaderMap, limit: usize) -> Result<Bytes, Problem> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(Problem::body_too_large(limit));
    }
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| Problem::body_too_large(limit))
}

/// The metadata of the upstream call: the client's token, and its address appended to any
/// `x-forwarded-for` it came with (the server believes the chain only from a trusted proxy, or
/// from a gateway holding the proxy key).
fn forwarded_metadata(
    headers: &HeaderMap,
    peer: Option<&ClientPeer>,
    rest: &Rest,
) -> Result<MetadataMap, Problem> {
    let mut metadata = MetadataMap::new();
    if let Some(authorization) = headers.get(header::AUTHORIZATION) {
        let value = MetadataValue::try_from(authorization.as_bytes())
            .map_err(|_| Problem::token_invalid("the Authorization header is not ASCII"))?;
        metadata.insert("authorization", value);
    }
    if let Some(ClientPeer(peer)) = peer {
        let mut chain: Vec<String> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .map(str::to_owned)
            .collect();
        chain.push(peer.ip().to_string());
        if let Ok(value) = MetadataValue::try_from(chain.join(", ")) {
            metadata.insert("x-forwarded-for", value);
        }
    }
    if let Some(key) = &rest.shared.config.proxy_key
        && let Ok(value) = MetadataValue::try_from(key.as_str())
    {
        metadata.insert(PROXY_KEY_HEADER, value);
    }
    Ok(metadata)
}
