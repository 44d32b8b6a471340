//! The process's tracing subscriber: log lines on stderr, as text or as one JSON object per
//! line (`observability.log_format`), filtered by `RUST_LOG` (default `info`); and, when
//! `observability.otlp_endpoint` is set, every span exported to an OpenTelemetry collector over
//! OTLP/gRPC (batched on a background thread; a collector that is down costs dropped spans,
//! never a blocked call).

use std::io::IsTerminal;

use anyhow::Context;
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::WithExportConfig;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::Layer;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use crate::config::{LogFormat, ObservabilityConfig};

/// Keeps the span exporter running; dropping it exports what is buffered and stops it.
#[must_use = "dropping the guard stops the span export"]
pub struct TracingGuard {
    provider: Option<SdkTracerProvider>,
}

impl TracingGuard {
    /// Exports the spans buffered so far (blocks until the collector answered or timed out).
    pub fn flush(&self) -> anyhow::Result<()> {
        if let Some(provider) = &self.provider {
            provider.force_flush().context("exporting buffered spans")?;
        }
        Ok(())
    }
}

impl Drop for TracingGuard {
    fn drop(&mut self) {
        if let Some(provider) = self.provider.take()
            && let Err(error) = provider.shutdown()
        {
            eprintln!("stopping the span export: {error}");
        }
    }
}

/// Installs the global subscriber. Call once, inside the Tokio runtime (the OTLP exporter's
/// connection runs on it).
pub fn init(config: &ObservabilityConfig) -> anyhow::Result<TracingGuard> {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let lines = match config.log_format {
        // Colour codes only help a terminal: in a file, a pipe or a CI log they are noise.
        LogFormat::Text => tracing_subscriber::fmt::layer()
            .with_ansi(std::io::stderr().is_terminal())
            .with_writer(std::io::stderr)
            .boxed(),
        LogFormat::Json => tracing_subscriber::fmt::layer()
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .with_writer(std::io::stderr)
            .boxed(),
    };
    let provider = match &config.otlp_endpoint {
        Some(endpoint) => Some(otlp_provider(endpoint, &config.otlp_service_name)?),
        None => None,
    };
    let spans = provider
        .as_ref()
        .map(|provider| tracing_opentelemetry::layer().with_tracer(provider.tracer("easychat")));
    tracing_subscriber::registry()
        .with(filter)
        .with(lines)
        .with(spans)
        .try_init()
        .context("installing the log subscriber")?;
    Ok(TracingGuard { provider })
}

fn otlp_provider(endpoint: &str, service_name: &str) -> anyhow::Result<SdkTracerProvider> {
    let exporter = opentelemetry_otlp::SpanExporter::builder()
        .with_tonic()
        .with_endpoint(endpoint)
        .build()
        .with_context(|| format!("setting up the OTLP span export to {endpoint}"))?;
    let resource = opentelemetry_sdk::Resource::builder()
        .with_service_name(service_name.to_owned())
        .build();
    Ok(SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_resource(resource)
        .build())
}
