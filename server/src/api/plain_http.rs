//! Lets plain HTTP/1.1 requests for `/media/…` (the embedded store's signed file URLs) past the
//! grpc-web layer, which answers 400 to every HTTP/1 request that is not grpc-web and passes
//! every HTTP/2 one through untouched. Placed just outside it, this marks such requests as
//! HTTP/2 so that they pass the same way; nothing below reads the version, and hyper writes an
//! HTTP/1.1 response on an HTTP/1.1 connection whatever the version field says.

use std::task::{Context, Poll};

use http::{Request, Version};
use tower::{Layer, Service};

/// The paths served as plain HTTP.
const PLAIN_PREFIX: &str = "/media/";

#[derive(Debug, Clone, Default)]
pub struct PlainHttpLayer;

impl<S> Layer<S> for PlainHttpLayer {
    type Service = PlainHttp<S>;

    fn layer(&self, inner: S) -> PlainHttp<S> {
        PlainHttp { inner }
    }
}

#[derive(Debug, Clone)]
pub struct PlainHttp<S> {
    inner: S,
}

impl<S, B> Service<Request<B>> for PlainHttp<S>
where
    S: Service<Request<B>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        if request.uri().path().starts_with(PLAIN_PREFIX) && request.version() < Version::HTTP_2 {
            *request.version_mut() = Version::HTTP_2;
        }
        self.inner.call(request)
    }
}
