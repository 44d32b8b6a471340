//! A tower layer in front of every gRPC service: resolves `authorization: Bearer <token>` to a
//! [`Caller`] in the request extensions, or answers UNAUTHENTICATED before the service runs.
//! Register, Login, health checks and reflection are public, and so are the media files of the
//! embedded store (`/media/…`), whose signed URLs are their own permission.

use std::pin::Pin;
use std::task::{Context, Poll};

use tonic::Status;
use tower::{Layer, Service};

use crate::domain::accounts::Accounts;
use crate::domain::tokens::Caller;
use crate::error::{Error, Reason};

/// Methods callable without a token.
const PUBLIC_PATHS: &[&str] = &[
    "/easychat.user.v1.UserService/Register",
    "/easychat.user.v1.UserService/Login",
];
const PUBLIC_PREFIXES: &[&str] = &["/grpc.health.v1.", "/grpc.reflection.", "/media/"];

/// The caller of a request that passed the layer.
pub fn caller<T>(request: &tonic::Request<T>) -> Result<Caller, Status> {
    request
        .extensions()
        .get::<Caller>()
        .cloned()
        .ok_or_else(|| {
            Error::unauthenticated(Reason::TokenMissing, "this call needs a bearer token").into()
        })
}

fn is_public(path: &str) -> bool {
    PUBLIC_PATHS.contains(&path) || PUBLIC_PREFIXES.iter().any(|p| path.starts_with(p))
}

/// The bearer token of an `authorization` header value.
pub fn bearer_token(header: Option<&http::HeaderValue>) -> Result<&str, Error> {
    let value = header
        .ok_or_else(|| {
            Error::unauthenticated(
                Reason::TokenMissing,
                "this call needs `authorization: Bearer <token>` metadata",
            )
        })?
        .to_str()
        .map_err(|_| Error::unauthenticated(Reason::TokenInvalid, "authorization is not text"))?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    token.ok_or_else(|| {
        Error::unauthenticated(
            Reason::TokenInvalid,
            "authorization must be `Bearer <token>`",
        )
    })
}

#[derive(Clone)]
pub struct AuthLayer {
    accounts: Accounts,
}

impl AuthLayer {
    pub fn new(accounts: Accounts) -> AuthLayer {
        AuthLayer { accounts }
    }
}

impl<S> Layer<S> for AuthLayer {
    type Service = AuthService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        AuthService {
            inner,
            accounts: self.accounts.clone(),
        }
    }
}

#[derive(Clone)]
pub struct AuthService<S> {
    inner: S,
    accounts: Accounts,
}

type BoxFuture<T> = Pin<Box<dyn std::future::Future<Output = T> + Send>>;

impl<S, ReqBody, ResBody> Service<http::Request<ReqBody>> for AuthService<S>
where
    S: Service<http::Request<ReqBody>, Response = http::Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    ReqBody: Send + 'static,
    ResBody: Default + Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxFuture<Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: http::Request<ReqBody>) -> Self::Future {
        // The service that was polled ready goes into the future; a fresh clone stays behind.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let accounts = self.accounts.clone();
        Box::pin(async move {
            if is_public(request.uri().path()) {
                return inner.call(request).await;
            }
            let token = match bearer_token(request.headers().get(http::header::AUTHORIZATION)) {
                Ok(token) => token.to_owned(),
                Err(e) => return Ok(Status::from(e).into_http()),
            };
            match accounts.authenticate(&token).await {
                Ok(claims) => {
                    request.extensions_mut().insert(Caller { claims });
                    inner.call(request).await
                }
                Err(e) => Ok(Status::from(e).into_http()),
            }
        })
    }
}
