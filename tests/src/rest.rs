//! A REST/JSON client for the gateway's HTTP port: one HTTP/1.1 connection per call (from a
//! chosen local address when a test needs distinct client addresses), JSON in and out, every
//! wait bounded.

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::Value;

/// How long one call may take.
const WAIT: Duration = Duration::from_secs(20);

/// An answer: status, headers and the body parsed as JSON (`Value::Null` when empty).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: hyper::HeaderMap,
    pub body: Value,
}

impl Answer {
    /// The `ErrorInfo` reason of an error body.
    pub fn reason(&self) -> &str {
        self.body["error"]["details"][0]["reason"]
            .as_str()
            .unwrap_or_default()
    }

    /// Asserts a success and returns the body.
    #[track_caller]
    pub fn ok(self) -> Value {
        assert_eq!(self.status, StatusCode::OK, "{}", self.body);
        self.body
    }

    /// Asserts an error with this HTTP status and reason, in the AIP-193 shape.
    #[track_caller]
    pub fn error(&self, status: u16, reason: &str) {
        assert_eq!(self.status.as_u16(), status, "{}", self.body);
        assert_eq!(self.reason(), reason, "{}", self.body);
        assert_eq!(self.body["error"]["code"], status, "{}", self.body);
        assert!(
            self.body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{}",
            self.body
        );
        assert!(self.body["error"]["status"].is_string(), "{}", self.body);
        assert_eq!(
            self.body["error"]["details"][0]["@type"],
            "type.googleapis.com/google.rpc.ErrorInfo"
        );
    }
}

/// Calls against one gateway, remembering which route templates were exercised.
pub struct RestClient {
    addr: SocketAddr,
    local: Option<IpAddr>,
    exercised: Mutex<BTreeSet<(String, String)>>,
}

impl RestClient {
    pub fn new(addr: SocketAddr) -> RestClient {
        RestClient {
            addr,
            local: None,
            exercised: Mutex::new(BTreeSet::new()),
        }
    }

    /// A client whose connections come from `local` (e.g. 127.0.0.2: another client address).
    pub fn from_address(addr: SocketAddr, local: IpAddr) -> RestClient {
        RestClient {
            local: Some(local),
            ..RestClient::new(addr)
        }
    }

    /// Calls the route `template` (as the OpenAPI document writes it, `{name}` variables)
    /// with `vars` filled in, and records that the route was exercised.
    pub async fn route(
        &self,
        method: &str,
        template: &str,
        vars: &[&str],
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut path = String::new();
        let mut vars = vars.iter();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').expect("closed variable") + open;
            path.push_str(&rest[..open]);
            path.push_str(vars.next().expect("a value for every variable"));
            rest = &rest[close + 1..];
        }
        path.push_str(rest);
        self.exercised.lock().unwrap().insert((
            method.to_lowercase(),
            template.split('?').next().unwrap().to_owned(),
        ));
        let body = body.map(|body| body.to_string().into_bytes());
        self.raw(method, &path, token, &[], body).await
    }

    /// The (method, template) pairs `route` was called with.
    pub fn exercised(&self) -> BTreeSet<(String, String)> {
        self.exercised.lock().unwrap().clone()
    }

    /// One request with a raw body and extra headers.
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Answer {
        tokio::time::timeout(WAIT, self.send(method, path, token, headers, body))
            .await
            .unwrap_or_else(|_| panic!("{method} {path} answered in time"))
    }

    async fn send(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Answer {
        let stream = match self.local {
            None => tokio::net::TcpStream::connect(self.addr).await,
            Some(local) => {
                let socket = tokio::net::TcpSocket::new_v4().expect("socket");
                socket
                    .bind(SocketAddr::new(local, 0))
                    .expect("bind the local address");
                socket.connect(self.addr).await
            }
        }
        .expect("connect to the gateway");
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .expect("HTTP handshake");
        tokio::spawn(connection);
        let mut request = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).expect("method"))
            .uri(path)
            .header("host", self.addr.to_string());
        if body.is_some() {
            request = request.header("content-type", "application/json");
        }
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(Full::new(Bytes::from(body.unwrap_or_default())))
            .expect("request");
        let response = sender.send_request(request).await.expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                panic!(
                    "{method} {path}: the body is not JSON ({e}): {}",
                    String::from_utf8_lossy(&bytes)
                )
            })
        };
        Answer {
            status,
            headers,
            body,
        }
    }
}
