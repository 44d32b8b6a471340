//! The metrics listener: `GET /metrics` in the Prometheus text format, on its own port so that
//! it is never exposed through the client-facing gateway by accident.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use super::Metrics;

/// The Content-Type of the Prometheus text format 0.0.4.
const TEXT_FORMAT: &str = "text/plain; version=0.0.4; charset=utf-8";

pub fn router(metrics: Arc<Metrics>) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state(metrics)
}

async fn scrape(State(metrics): State<Arc<Metrics>>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, TEXT_FORMAT)], metrics.render())
}

/// The running metrics listener; it stops when this is dropped. A scrape holds no state worth
/// draining, so stopping is immediate.
pub struct MetricsServer {
    task: JoinHandle<()>,
}

impl MetricsServer {
    /// Serves `/metrics` on `listener` until the returned value is dropped.
    pub fn spawn(listener: TcpListener, metrics: Arc<Metrics>) -> MetricsServer {
        let task = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, router(metrics)).await {
                tracing::error!(%error, "the metrics listener failed");
            }
        });
        MetricsServer { task }
    }
}

impl Drop for MetricsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
