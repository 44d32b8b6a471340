//! A tower layer around the gRPC services: counts every call by method and status code, times
//! it from its request headers to its status, and tracks the calls still running.
//!
//! It sits inside the grpc-web translation, so browser calls are seen as the gRPC calls they
//! become, and outside authentication, so calls refused for a missing token count too. The
//! status of a call is in the response headers when the call fails before any message
//! ("trailers-only"), otherwise in the trailers at the end of the body; a body dropped before
//! its trailers (the client went away) counts as CANCELLED.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll, ready};
use std::time::Instant;

use http_body::{Body, Frame, SizeHint};
use pin_project_lite::pin_project;
use prost::Message;
use tonic::Code;
use tower::{Layer, Service};

use super::metrics::{MethodLabels, Metrics, RpcLabels};

/// Label of a path that is not a method of a registered service.
const UNKNOWN: MethodLabels = MethodLabels {
    service: "unknown",
    method: "unknown",
};

/// `/package.Service/Method` → labels, for every service the server registers. Built once per
/// process from the compiled descriptor sets; the names live as long as the process.
fn known_methods() -> &'static HashMap<String, MethodLabels> {
    static KNOWN: OnceLock<HashMap<String, MethodLabels>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let sets = [
            easychat_proto::FILE_DESCRIPTOR_SET,
            tonic_health::pb::FILE_DESCRIPTOR_SET,
            tonic_reflection::pb::v1::FILE_DESCRIPTOR_SET,
            tonic_reflection::pb::v1alpha::FILE_DESCRIPTOR_SET,
        ];
        let mut known = HashMap::new();
        for encoded in sets {
            let Ok(set) = prost_types::FileDescriptorSet::decode(encoded) else {
                tracing::warn!(
                    "a compiled descriptor set does not decode; its methods count as unknown"
                );
                continue;
            };
            for file in set.file {
                for service in &file.service {
                    let service_name: &'static str =
                        format!("{}.{}", file.package(), service.name()).leak();
                    for method in &service.method {
                        let method_name: &'static str = method.name().to_owned().leak();
                        known.insert(
                            format!("/{service_name}/{method_name}"),
                            MethodLabels {
                                service: service_name,
                                method: method_name,
                            },
                        );
                    }
                }
            }
        }
        known
    })
}

/// The labels of a request path; anything else than a registered method is `unknown`, so that
/// random paths cannot create new series.
pub fn method_labels(path: &str) -> MethodLabels {
    known_methods().get(path).cloned().unwrap_or(UNKNOWN)
}

/// The `grpc-status` in response headers or trailers.
fn grpc_status(headers: &http::HeaderMap) -> Option<Code> {
    let value = headers.get("grpc-status")?.to_str().ok()?;
    value.parse::<i32>().ok().map(Code::from)
}

/// A non-200 response without `grpc-status`, mapped as gRPC clients map it
/// (grpc/doc/http-grpc-status-mapping.md).
fn code_of_http_status(status: http::StatusCode) -> Code {
    match status.as_u16() {
        400 => Code::Internal,
        401 => Code::Unauthenticated,
        403 => Code::PermissionDenied,
        404 => Code::Unimplemented,
        429 | 502..=504 => Code::Unavailable,
        _ => Code::Unknown,
    }
}

/// Adds [`RpcMetricsService`] around a service.
#[derive(Clone)]
pub struct RpcMetricsLayer {
    metrics: Arc<Metrics>,
}

impl RpcMetricsLayer {
    pub fn new(metrics: Arc<Metrics>) -> RpcMetricsLayer {
        RpcMetricsLayer { metrics }
    }
}

impl<S> Layer<S> for RpcMetricsLayer {
    type Service = RpcMetricsService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RpcMetricsService {
            inner,
            metrics: self.metrics.clone(),
        }
    }
}

#[derive(Clone)]
pub struct RpcMetricsService<S> {
    inner: S,
    metrics: Arc<Metrics>,
}

impl<S, ReqBody, ResBody> Service<http::Request<ReqBody>> for RpcMetricsService<S>
where
    S: Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
{
    type Response = http::Response<MeteredBody<ResBody>>;
    type Error = S::Error;
    type Future = MeteredFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<ReqBody>) -> Self::Future {
        let call = Call::start(self.metrics.clone(), request.uri().path());
        MeteredFuture {
            inner: self.inner.call(request),
            call: Some(call),
        }
    }
}

/// One call being measured. Recorded exactly once: when its status is known, or, if it never
/// is, when it is dropped (as CANCELLED: the response was abandoned before its end).
struct Call {
    metrics: Arc<Metrics>,
    method: MethodLabels,
    started: Instant,
    recorded: bool,
}

impl Call {
    fn start(metrics: Arc<Metrics>, path: &str) -> Call {
        let method = method_labels(path);
        metrics.rpc_in_flight.get_or_create(&method).inc();
        Call {
            metrics,
            method,
            started: Instant::now(),
            recorded: false,
        }
    }

    fn finish(&mut self, code: Code) {
        if std::mem::replace(&mut self.recorded, true) {
            return;
        }
        self.metrics.rpc_in_flight.get_or_create(&self.method).dec();
        let labels = RpcLabels {
            service: self.method.service,
            method: self.method.method,
            code: easychat_proto::code_name(code),
        };
        self.metrics.rpc_requests.get_or_create(&labels).inc();
        self.metrics
            .rpc_duration
            .get_or_create(&labels)
            .observe(self.started.elapsed().as_secs_f64());
    }
}

impl Drop for Call {
    fn drop(&mut self) {
        self.finish(Code::Cancelled);
    }
}

pin_project! {
    /// The response future of [`RpcMetricsService`].
    pub struct MeteredFuture<F> {
        #[pin]
        inner: F,
        call: Option<Call>,
    }
}

impl<F, B, E> Future for MeteredFuture<F>
where
    F: Future<Output = Result<http::Response<B>, E>>,
{
    type Output = Result<http::Response<MeteredBody<B>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = ready!(this.inner.poll(cx));
        let mut call = this.call.take();
        match result {
            Ok(response) => {
                let code = grpc_status(response.headers()).or_else(|| {
                    (response.status() != http::StatusCode::OK)
                        .then(|| code_of_http_status(response.status()))
                });
                if let (Some(code), Some(call)) = (code, call.as_mut()) {
                    call.finish(code);
                }
                Poll::Ready(Ok(response.map(|inner| MeteredBody { inner, call })))
            }
            Err(error) => {
                if let Some(call) = call.as_mut() {
                    call.finish(Code::Unknown);
                }
                Poll::Ready(Err(error))
            }
        }
    }
}

pin_project! {
    /// A response body that records its call when the trailers carrying the status pass.
    pub struct MeteredBody<B> {
        #[pin]
        inner: B,
        call: Option<Call>,
    }
}

impl<B: Body> Body for MeteredBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = self.project();
        let polled = ready!(this.inner.poll_frame(cx));
        if let Some(call) = this.call.as_mut() {
            match &polled {
                Some(Ok(frame)) => {
                    if let Some(trailers) = frame.trailers_ref() {
                        call.finish(grpc_status(trailers).unwrap_or(Code::Unknown));
                    }
                }
                // The body failed, or ended without the trailers a gRPC response must have.
                Some(Err(_)) | None => call.finish(Code::Unknown),
            }
        }
        Poll::Ready(polled)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_methods_have_their_names_and_other_paths_are_unknown() {
        let send = method_labels("/easychat.im.v1.ImService/SendMessage");
        assert_eq!(send.service, "easychat.im.v1.ImService");
        assert_eq!(send.method, "SendMessage");
        let check = method_labels("/grpc.health.v1.Health/Check");
        assert_eq!(check.method, "Check");
        assert_eq!(
            method_labels("/easychat.im.v1.ImService/NoSuchMethod"),
            UNKNOWN
        );
        assert_eq!(method_labels("/../../etc/passwd"), UNKNOWN);
    }

    #[test]
    fn http_statuses_without_grpc_status_map_like_grpc_clients_do() {
        assert_eq!(
            code_of_http_status(http::StatusCode::NOT_FOUND),
            Code::Unimplemented
        );
        assert_eq!(
            code_of_http_status(http::StatusCode::SERVICE_UNAVAILABLE),
            Code::Unavailable
        );
        assert_eq!(
            code_of_http_status(http::StatusCode::IM_A_TEAPOT),
            Code::Unknown
        );
    }
}
