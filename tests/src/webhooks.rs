//! A webhook receiver for the tests: a real HTTP/1.1 server on an ephemeral port that keeps
//! every request it gets and answers as the test tells it to, and the signature check a
//! receiver does, computed here independently of the server's code.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use sha2::Sha256;

/// One request as the receiver got it.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: http::HeaderMap,
    pub raw: Bytes,
    pub body: Value,
    /// Which attempt at this event id this was (1 for the first).
    pub attempt: usize,
    /// What the receiver answered (0: it made the sender time out).
    pub status: u16,
}

impl Received {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn event_type(&self) -> &str {
        self.body["type"].as_str().unwrap_or_default()
    }

    pub fn event_id(&self) -> &str {
        self.body["id"].as_str().unwrap_or_default()
    }

    /// The signature checked as docs/webhooks.md tells a receiver to: HMAC-SHA256 under the
    /// secret over `<timestamp>.<body>`, hex, after `v1=`.
    pub fn signed_with(&self, secret: &str) -> bool {
        let timestamp = self.header("x-easychat-timestamp");
        let Some(signature) = self.header("x-easychat-signature").strip_prefix("v1=") else {
            return false;
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(&self.raw);
        let Ok(expected) = hex::decode(signature) else {
            return false;
        };
        mac.verify_slice(&expected).is_ok()
    }
}

/// How the receiver answers a request.
pub enum Reply {
    /// 200 with this JSON body (`Value::Null`: an empty body).
    Ok(Value),
    Status(u16),
    /// Waits this long before answering 200 (longer than the sender's timeout: a timeout).
    Stall(Duration),
}

type Behaviour = dyn Fn(&Received) -> Reply + Send + Sync;

pub struct Receiver {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    behaviour: Arc<Mutex<Arc<Behaviour>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    /// A receiver that answers 200 to everything.
    pub async fn start() -> Receiver {
        Self::answering(|_| Reply::Ok(Value::Null)).await
    }

    pub async fn answering(
        behaviour: impl Fn(&Received) -> Reply + Send + Sync + 'static,
    ) -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the receiver");
        let addr = listener.local_addr().expect("receiver address");
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let behaviour: Arc<Mutex<Arc<Behaviour>>> = Arc::new(Mutex::new(Arc::new(behaviour)));
        let task = tokio::spawn({
            let received = received.clone();
            let behaviour = behaviour.clone();
            async move {
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        return;
                    };
                    let received = received.clone();
                    let behaviour = behaviour.clone();
                    tokio::spawn(async move {
                        let service = service_fn(move |request| {
                            answer(request, received.clone(), behaviour.clone())
                        });
                        let _ = http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            }
        });
        Receiver {
            addr,
            received,
            behaviour,
            task,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}/hook", self.addr)
    }

    /// Answers differently from now on.
    pub fn answer_with(&self, behaviour: impl Fn(&Received) -> Reply + Send + Sync + 'static) {
        *self.behaviour.lock().unwrap() = Arc::new(behaviour);
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// The first request matching `wanted`, waiting up to `within` for it.
    pub async fn wait_for(
        &self,
        within: Duration,
        what: &str,
        wanted: impl Fn(&Received) -> bool,
    ) -> Received {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            if let Some(found) = self.received().into_iter().find(|r| wanted(r)) {
                return found;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no webhook request {what} within {within:?}; got: {:#?}",
                self.received()
                    .iter()
                    .map(|r| r.body.clone())
                    .collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn answer(
    request: Request<hyper::body::Incoming>,
    received: Arc<Mutex<Vec<Received>>>,
    behaviour: Arc<Mutex<Arc<Behaviour>>>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let raw = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let body: Value = serde_json::from_slice(&raw).unwrap_or(Value::Null);
    let mut request = Received {
        headers: parts.headers,
        raw,
        body,
        attempt: 0,
        status: 0,
    };
    let behaviour = behaviour.lock().unwrap().clone();
    let index = {
        let mut all = received.lock().unwrap();
        request.attempt = 1 + all
            .iter()
            .filter(|r| r.event_id() == request.event_id())
            .count();
        all.push(request.clone());
        all.len() - 1
    };
    let reply = behaviour(&request);
    let stalled = matches!(reply, Reply::Stall(_));
    let (status, body) = match reply {
        Reply::Ok(Value::Null) => (200, Bytes::new()),
        Reply::Ok(json) => (200, Bytes::from(json.to_string())),
        Reply::Status(status) => (status, Bytes::new()),
        Reply::Stall(delay) => {
            tokio::time::sleep(delay).await;
            (200, Bytes::new())
        }
    };
    // A stalled answer is one the sender gave up on: recorded as 0.
    received.lock().unwrap()[index].status = if stalled { 0 } else { status };
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = StatusCode::from_u16(status).expect("a status code");
    Ok(response)
}
