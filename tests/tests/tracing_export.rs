//! OpenTelemetry export: with `observability.otlp_endpoint` set, the spans of the server's calls
//! reach an OTLP collector, here a real OTLP/gRPC TraceService on an ephemeral port.
//!
//! The subscriber is process-global, so this binary holds this one test only.

use std::net::SocketAddr;
use std::time::Duration;

use easychat_server::config::ObservabilityConfig;
use easychat_server::observability::logging;
use easychat_tests::TestServer;
use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::any_value;
use tokio::sync::mpsc;
use tokio_stream::wrappers::TcpListenerStream;

/// (service.name of the resource, span name) of every span the collector receives.
type Received = (String, String);

struct Collector {
    spans: mpsc::UnboundedSender<Received>,
}

#[tonic::async_trait]
impl TraceService for Collector {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        for resource_spans in request.into_inner().resource_spans {
            let service_name = resource_spans
                .resource
                .iter()
                .flat_map(|resource| &resource.attributes)
                .find(|attribute| attribute.key == "service.name")
                .and_then(|attribute| attribute.value.as_ref()?.value.as_ref())
                .map(|value| match value {
                    any_value::Value::StringValue(name) => name.clone(),
                    other => format!("{other:?}"),
                })
                .unwrap_or_default();
            for scope in resource_spans.scope_spans {
                for span in scope.spans {
                    let _ = self.spans.send((service_name.clone(), span.name));
                }
            }
        }
        Ok(tonic::Response::new(ExportTraceServiceResponse {
            partial_success: None,
        }))
    }
}

async fn start_collector() -> (SocketAddr, mpsc::UnboundedReceiver<Received>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the collector");
    let addr = listener.local_addr().expect("collector address");
    let (spans, received) = mpsc::unbounded_channel();
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(TraceServiceServer::new(Collector { spans }))
            .serve_with_incoming(TcpListenerStream::new(listener)),
    );
    (addr, received)
}

// Multi-threaded: flushing the exporter blocks a thread while the export runs on the runtime.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spans_of_calls_reach_the_configured_otlp_collector() {
    let (collector, mut received) = start_collector().await;
    let guard = logging::init(&ObservabilityConfig {
        otlp_endpoint: Some(format!("http://{collector}")),
        otlp_service_name: "easychat-under-test".to_owned(),
        ..ObservabilityConfig::default()
    })
    .expect("the subscriber installs");

    let server = TestServer::start().await;
    server.register("alice").await;
    let guard = tokio::task::spawn_blocking(move || {
        guard.flush().expect("the buffered spans are exported");
        guard
    })
    .await
    .expect("flush task");

    let register = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some((service, span)) = received.recv().await {
            if span == "register" {
                return service;
            }
        }
        panic!("the collector stopped");
    })
    .await
    .expect("the Register call's span reached the collector");
    assert_eq!(register, "easychat-under-test");
    server.stop().await;
    tokio::task::spawn_blocking(move || drop(guard))
        .await
        .expect("exporter shut down");
}
