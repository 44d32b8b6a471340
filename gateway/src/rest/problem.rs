//! Errors over HTTP (AIP-193): the HTTP status of the gRPC code, and a `google.rpc.Status`-shaped
//! JSON body whose details carry the same `ErrorInfo` reason a gRPC client sees, so one error
//! table (docs/errors.md) serves both. Errors of the HTTP layer itself (a body that is not JSON,
//! an unknown route) use the same shape with their own reasons (docs/rest.md).

use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tonic::{Code, Status};
use tonic_types::StatusExt;

/// The `ErrorInfo` domain of every EasyChat error.
const DOMAIN: &str = "easychat";

/// An error answered to a REST client.
#[derive(Debug)]
pub struct Problem {
    code: Code,
    reason: String,
    message: String,
    metadata: serde_json::Map<String, Value>,
    retry_after: Option<std::time::Duration>,
    allow: Vec<Method>,
}

impl Problem {
    fn new(code: Code, reason: &str, message: impl Into<String>) -> Problem {
        Problem {
            code,
            reason: reason.to_owned(),
            message: message.into(),
            metadata: serde_json::Map::new(),
            retry_after: None,
            allow: Vec::new(),
        }
    }

    /// The body is not JSON, or not the request message (unknown field, wrong type).
    pub fn invalid_json(message: impl Into<String>) -> Problem {
        Problem::new(Code::InvalidArgument, "INVALID_JSON", message)
    }

    /// A query parameter or path segment that is not a field of the request, or not its type.
    pub fn invalid_parameter(message: impl Into<String>) -> Problem {
        Problem::new(Code::InvalidArgument, "INVALID_PARAMETER", message)
    }

    pub fn token_invalid(message: impl Into<String>) -> Problem {
        Problem::new(Code::Unauthenticated, "TOKEN_INVALID", message)
    }

    pub fn body_too_large(limit: usize) -> Problem {
        Problem::new(
            Code::InvalidArgument,
            "BODY_TOO_LARGE",
            format!("the request body is over the limit of {limit} bytes"),
        )
    }

    pub fn route_not_found(method: &Method, path: &str) -> Problem {
        Problem::new(
            Code::NotFound,
            "ROUTE_NOT_FOUND",
            format!("no route for {method} {path}: the routes are listed at /openapi.json"),
        )
    }

    pub fn method_not_allowed(method: &Method, path: &str, allow: Vec<Method>) -> Problem {
        let listed = allow
            .iter()
            .map(Method::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        Problem {
            allow,
            ..Problem::new(
                Code::InvalidArgument,
                "METHOD_NOT_ALLOWED",
                format!("{path} does not take {method}; it takes {listed}"),
            )
        }
    }

    /// A response the gateway could not turn into JSON: a bug, or server and gateway built
    /// from different protos.
    pub fn internal(message: impl Into<String>) -> Problem {
        let message = message.into();
        tracing::error!(%message, "REST transcoding failed");
        Problem::new(Code::Internal, "INTERNAL", "internal error")
    }

    /// A `Status` from an upstream server: its code, message, reason and retry delay.
    pub fn from_status(status: &Status) -> Problem {
        let details = status.get_error_details();
        let (reason, metadata) = match details.error_info() {
            Some(info) => (
                info.reason.clone(),
                info.metadata
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                    .collect(),
            ),
            // A transport failure between gateway and server carries no ErrorInfo.
            None if status.code() == Code::Unavailable => {
                ("UPSTREAM_UNAVAILABLE".to_owned(), Default::default())
            }
            None => (
                format!("{:?}", status.code()).to_uppercase(),
                Default::default(),
            ),
        };
        Problem {
            metadata,
            retry_after: details.retry_info().and_then(|retry| retry.retry_delay),
            ..Problem::new(status.code(), &reason, status.message())
        }
    }

    #[cfg(test)]
    pub fn reason(&self) -> &str {
        &self.reason
    }

    fn http_status(&self) -> StatusCode {
        match self.reason.as_str() {
            "BODY_TOO_LARGE" => return StatusCode::PAYLOAD_TOO_LARGE,
            "METHOD_NOT_ALLOWED" => return StatusCode::METHOD_NOT_ALLOWED,
            _ => {}
        }
        http_status(self.code)
    }

    fn body(&self) -> Value {
        let mut details = vec![json!({
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": self.reason,
            "domain": DOMAIN,
            "metadata": self.metadata,
        })];
        if let Some(delay) = self.retry_after {
            details.push(json!({
                "@type": "type.googleapis.com/google.rpc.RetryInfo",
                "retryDelay": format!("{}.{:03}s", delay.as_secs(), delay.subsec_millis()),
            }));
        }
        json!({
            "error": {
                "code": self.http_status().as_u16(),
                "message": self.message,
                "status": easychat_proto::code_name(self.code),
                "details": details,
            }
        })
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.http_status();
        let mut response = (status, axum::Json(self.body())).into_response();
        let headers = response.headers_mut();
        if let Some(delay) = self.retry_after {
            // Whole seconds, rounded up: retrying early would only be refused again.
            let secs = delay.as_secs() + u64::from(delay.subsec_nanos() > 0);
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if !self.allow.is_empty() {
            let allow = self.allow.iter().map(Method::as_str).collect::<Vec<_>>();
            if let Ok(value) = HeaderValue::from_str(&allow.join(", ")) {
                headers.insert(header::ALLOW, value);
            }
        }
        response
    }
}

/// The HTTP status of a gRPC code, as google.rpc.Code documents it.
pub fn http_status(code: Code) -> StatusCode {
    match code {
        Code::Ok => StatusCode::OK,
        Code::Cancelled => StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST),
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => {
            StatusCode::BAD_REQUEST
        }
        Code::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::AlreadyExists | Code::Aborted => StatusCode::CONFLICT,
        Code::PermissionDenied => StatusCode::FORBIDDEN,
        Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        Code::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
        Code::Unimplemented => StatusCode::NOT_IMPLEMENTED,
        Code::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Code::Unknown | Code::Internal | Code::DataLoss => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonic_types::ErrorDetails;

    #[test]
    fn an_upstream_error_keeps_its_reason_and_retry_delay() {
        let status = Status::with_error_details(
            Code::ResourceExhausted,
            "over limits.messages_per_second",
            ErrorDetails::with_retry_info(Some(std::time::Duration::from_millis(1500))),
        );
        let mut problem = Problem::from_status(&status);
        problem.reason = "RATE_LIMITED".to_owned();
        let body = problem.body();
        assert_eq!(body["error"]["code"], 429);
        assert_eq!(body["error"]["status"], "RESOURCE_EXHAUSTED");
        assert_eq!(body["error"]["details"][1]["retryDelay"], "1.500s");
        let response = problem.into_response();
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
    }

    #[test]
    fn layer_errors_have_their_own_statuses() {
        let too_large = Problem::body_too_large(10).into_response();
        assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let wrong = Problem::method_not_allowed(&Method::PUT, "/v1/x", vec![Method::GET]);
        let wrong = wrong.into_response();
        assert_eq!(wrong.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(wrong.headers()[header::ALLOW], "GET");
    }
}
