//! The old system's three HTTP routes, with its field names, so a legacy client logs in over
//! HTTP and then opens `/ws` with the token (docs/websocket.md walks through it):
//! - `POST /v1/user/register` `{phone, password, nickname, avatar, sex}` → `{token, expire}`
//! - `POST /v1/user/login` `{phone, password}` → `{token, expire}`
//! - `GET /v1/user/user` (`Authorization: Bearer`) → `{info: {id, phone, nickname, avatar, sex}}`
//!
//! `expire` is the token's expiry in Unix seconds and `sex` a number (0 not given, 1 male,
//! 2 female, 3 other), as the old answers had them. Fields the old clients send that EasyChat
//! does not know are ignored, as the old server ignored them. Errors are those of the REST API.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::uri::PathAndQuery;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use easychat_proto::user::v1 as user;
use prost::Message;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ClientPeer, Problem, Rest, forwarded_metadata, json_response, read_body};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Credentials {
    #[serde(alias = "mobile")]
    phone: String,
    password: String,
    nickname: String,
    avatar: String,
    /// A number in the old clients; a name (`SEX_FEMALE`) is accepted too.
    sex: Value,
}

pub(super) async fn register(State(rest): State<Arc<Rest>>, request: Request) -> Response {
    let answer = async {
        let (credentials, metadata) = read(&rest, request).await?;
        let sex = sex(&credentials.sex)?;
        let registered: user::RegisterResponse = call(
            &rest,
            "/easychat.user.v1.UserService/Register",
            metadata,
            user::RegisterRequest {
                phone: credentials.phone,
                password: credentials.password,
                nickname: credentials.nickname,
                avatar: credentials.avatar,
                sex,
            },
        )
        .await?;
        Ok(token(&registered.token, registered.expire_time))
    };
    respond(answer.await)
}

pub(super) async fn login(State(rest): State<Arc<Rest>>, request: Request) -> Response {
    let answer = async {
        let (credentials, metadata) = read(&rest, request).await?;
        let logged_in: user::LoginResponse = call(
            &rest,
            "/easychat.user.v1.UserService/Login",
            metadata,
            user::LoginRequest {
                phone: credentials.phone,
                password: credentials.password,
            },
        )
        .await?;
        Ok(token(&logged_in.token, logged_in.expire_time))
    };
    respond(answer.await)
}

pub(super) async fn user(State(rest): State<Arc<Rest>>, request: Request) -> Response {
    let metadata = forwarded_metadata(
        request.headers(),
        request.extensions().get::<ClientPeer>(),
        &rest,
    );
    let answer = async {
        let me: user::GetMeResponse = call(
            &rest,
            "/easychat.user.v1.UserService/GetMe",
            metadata?,
            user::GetMeRequest {},
        )
        .await?;
        let me = me.user.unwrap_or_default();
        Ok(json!({
            "info": {
                "id": me.user_id,
                "phone": me.phone,
                "nickname": me.nickname,
                "avatar": me.avatar,
                "sex": me.sex,
            }
        }))
    };
    respond(answer.await)
}

async fn read(
    rest: &Rest,
    request: Request,
) -> Result<(Credentials, tonic::metadata::MetadataMap), Problem> {
    let (parts, body) = request.into_parts();
    let metadata = forwarded_metadata(&parts.headers, parts.extensions.get::<ClientPeer>(), rest)?;
    let body = read_body(body, &parts.headers, rest.shared.config.rest_max_body_bytes).await?;
    let credentials = serde_json::from_slice(&body).map_err(|e| {
        Problem::invalid_json(format!(
            "the body must be a JSON object like {{\"phone\": \"…\", \"password\": \"…\"}}: {e}"
        ))
    })?;
    Ok((credentials, metadata))
}

/// The old `sex` field as EasyChat's enum value.
fn sex(value: &Value) -> Result<i32, Problem> {
    let sex = match value {
        Value::Null => Some(user::Sex::Unspecified),
        Value::Number(number) => number
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .and_then(|n| user::Sex::try_from(n).ok()),
        Value::String(name) => user::Sex::from_str_name(name).or_else(|| {
            name.parse::<i32>()
                .ok()
                .and_then(|n| user::Sex::try_from(n).ok())
        }),
        _ => None,
    };
    sex.map(|sex| sex as i32).ok_or_else(|| {
        Problem::invalid_json(format!(
            "`sex` must be 0 (not given), 1 (male), 2 (female) or 3 (other), not {value}"
        ))
    })
}

fn token(token: &str, expire: Option<prost_types::Timestamp>) -> Value {
    json!({
        "token": token,
        "expire": expire.map(|time| time.seconds).unwrap_or_default(),
    })
}

async fn call<Req: Message, Resp: Message + Default>(
    rest: &Rest,
    path: &'static str,
    metadata: tonic::metadata::MetadataMap,
    request: Req,
) -> Result<Resp, Problem> {
    let answer = rest
        .shared
        .upstreams
        .unary(
            PathAndQuery::from_static(path),
            metadata,
            Bytes::from(request.encode_to_vec()),
        )
        .await
        .map_err(|status| Problem::from_status(&status))?;
    Resp::decode(answer).map_err(|e| Problem::internal(format!("undecodable {path} answer: {e}")))
}

fn respond(answer: Result<Value, Problem>) -> Response {
    match answer {
        Ok(json) => json_response(json.to_string().into_bytes()),
        Err(problem) => problem.into_response(),
    }
}
