//! Every metric the server exports, in one registry per server, rendered in the Prometheus text
//! format (0.0.4) so that any Prometheus and `promtool` read it.
//!
//! Label values come from fixed sets only (the methods of the descriptor set, the status codes,
//! the event kinds): a client sending requests to random paths cannot grow the number of series.

use std::sync::{Arc, Mutex};

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// Call durations in seconds: unary calls land in the sub-second buckets, streams (Chat,
/// Subscribe) in the long ones.
const DURATION_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
    60.0, 300.0, 1800.0,
];

/// One gRPC method and how its call ended.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RpcLabels {
    /// Fully qualified service, e.g. `easychat.im.v1.ImService`, or `unknown`.
    pub service: &'static str,
    /// Method name, e.g. `SendMessage`, or `unknown`.
    pub method: &'static str,
    /// gRPC status code name, e.g. `OK`, `INVALID_ARGUMENT`.
    pub code: &'static str,
}

/// One gRPC method, for calls still running.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct MethodLabels {
    pub service: &'static str,
    pub method: &'static str,
}

/// What kind of event the domain published.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct EventLabels {
    /// `message`, `read_receipt`, `recall`, `typing` or `presence`.
    pub event: &'static str,
}

/// A message that was stored, by kind of conversation.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct WebhookLabels {
    /// The endpoint's name (`webhooks.endpoints`).
    pub endpoint: String,
    /// `delivered`, `failed` (an attempt; retried), `given_up`, or `dropped` (never stored:
    /// the outbox queue was full; endpoint `*`).
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct MessageLabels {
    /// `single` or `group`.
    pub conversation: &'static str,
}

/// Live sessions of this node and their queues, as the session hub reports them at scrape time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionStats {
    /// Chat and Subscribe streams registered with the hub.
    pub sessions: usize,
    /// Events waiting in all session queues together.
    pub queued: usize,
    /// Events waiting in the fullest queue (a session is closed when its queue is full).
    pub max_queued: usize,
}

type ScrapeHook = Box<dyn Fn() -> SessionStats + Send + Sync>;

/// The server's metrics. Cheap to share (`Arc`); every update is an atomic operation.
pub struct Metrics {
    registry: Registry,
    pub(crate) rpc_requests: Family<RpcLabels, Counter>,
    pub(crate) rpc_duration: Family<RpcLabels, Histogram, fn() -> Histogram>,
    pub(crate) rpc_in_flight: Family<MethodLabels, Gauge>,
    pub(crate) events_published: Family<EventLabels, Counter>,
    pub(crate) messages_sent: Family<MessageLabels, Counter>,
    /// Kafka pipeline: time from producing a send to its store outcome.
    pub(crate) pipeline_latency: Histogram,
    /// Kafka pipeline: records of the messages topic not yet consumed by this node.
    pub(crate) pipeline_lag: Gauge,
    /// Kafka pipeline: sends refused because the node had `backends.kafka.max_in_flight` waiting.
    pub(crate) pipeline_refused: Counter,
    /// Kafka pipeline: times the watchdog replaced this node's producer and consumer.
    pipeline_clients_replaced: Counter,
    webhook_deliveries: Family<WebhookLabels, Counter>,
    sessions: Gauge,
    session_queue_depth: Gauge,
    session_queue_depth_max: Gauge,
    session_stats: Mutex<Option<ScrapeHook>>,
}

impl Metrics {
    pub fn new() -> Arc<Metrics> {
        let mut registry = Registry::with_prefix("easychat");
        let rpc_requests = Family::<RpcLabels, Counter>::default();
        registry.register(
            "grpc_requests",
            "gRPC calls handled, by service, method and status code (streams count when they end)",
            rpc_requests.clone(),
        );
        let rpc_duration =
            Family::<RpcLabels, Histogram, fn() -> Histogram>::new_with_constructor(|| {
                Histogram::new(DURATION_BUCKETS.iter().copied())
            });
        registry.register(
            "grpc_request_duration_seconds",
            "Time from a call's request headers to its status, by service, method and status code",
            rpc_duration.clone(),
        );
        let rpc_in_flight = Family::<MethodLabels, Gauge>::default();
        registry.register(
            "grpc_requests_in_flight",
            "gRPC calls (and open streams) not finished yet, by service and method",
            rpc_in_flight.clone(),
        );
        let sessions = Gauge::default();
        registry.register(
            "sessions",
            "Live sessions (Chat and Subscribe streams, WebSocket clients through their gateway) on this node",
            sessions.clone(),
        );
        let session_queue_depth = Gauge::default();
        registry.register(
            "session_queue_depth",
            "Events waiting in the queues of all live sessions of this node",
            session_queue_depth.clone(),
        );
        let session_queue_depth_max = Gauge::default();
        registry.register(
            "session_queue_depth_max",
            "Events waiting in the fullest session queue (at realtime.session_queue the session is closed as a slow consumer)",
            session_queue_depth_max.clone(),
        );
        let messages_sent = Family::<MessageLabels, Counter>::default();
        registry.register(
            "messages_sent",
            "Messages stored and handed to delivery (retries of an acknowledged message not counted)",
            messages_sent.clone(),
        );
        let events_published = Family::<EventLabels, Counter>::default();
        registry.register(
            "events_published",
            "Events the domain handed to delivery, by kind",
            events_published.clone(),
        );
        let pipeline_latency = Histogram::new(DURATION_BUCKETS.iter().copied());
        registry.register(
            "pipeline_store_latency_seconds",
            "Kafka pipeline: time from producing a send accepted on this node to its store outcome (what the sender's ack waits for)",
            pipeline_latency.clone(),
        );
        let pipeline_lag = Gauge::default();
        registry.register(
            "pipeline_consumer_lag",
            "Kafka pipeline: records of the messages topic in the partitions this node consumes that it has not consumed yet",
            pipeline_lag.clone(),
        );
        let pipeline_refused = Counter::default();
        registry.register(
            "pipeline_refused",
            "Kafka pipeline: sends refused with RESOURCE_EXHAUSTED/PIPELINE_FULL because this node had backends.kafka.max_in_flight sends waiting to be stored",
            pipeline_refused.clone(),
        );
        let pipeline_clients_replaced = Counter::default();
        registry.register(
            "pipeline_clients_replaced",
            "Kafka pipeline: times this node replaced its Kafka producer and consumer because they stopped moving messages while the broker named every partition's leader (RELIABILITY.md, librdkafka bug 5430)",
            pipeline_clients_replaced.clone(),
        );
        let webhook_deliveries = Family::<WebhookLabels, Counter>::default();
        registry.register(
            "webhook_deliveries",
            "Webhook deliveries by endpoint and outcome: delivered, failed (an attempt, retried), given_up (too old, webhooks.delivery.give_up_after_secs), dropped (not stored: the queue was full)",
            webhook_deliveries.clone(),
        );
        Arc::new(Metrics {
            registry,
            webhook_deliveries,
            pipeline_latency,
            pipeline_lag,
            pipeline_refused,
            pipeline_clients_replaced,
            rpc_requests,
            rpc_duration,
            rpc_in_flight,
            events_published,
            messages_sent,
            sessions,
            session_queue_depth,
            session_queue_depth_max,
            session_stats: Mutex::new(None),
        })
    }

    /// Records how long a send waited for the Kafka pipeline (produce, consume, store).
    pub fn pipeline_stored_after(&self, elapsed: std::time::Duration) {
        self.pipeline_latency.observe(elapsed.as_secs_f64());
    }

    /// Counts a send refused because the pipeline was full.
    pub fn pipeline_refused(&self) {
        self.pipeline_refused.inc();
    }

    /// Counts a replacement of this node's Kafka clients by the watchdog.
    pub fn pipeline_clients_replaced(&self) {
        self.pipeline_clients_replaced.inc();
    }

    /// Counts a webhook delivery attempt's `outcome` for `endpoint`.
    pub fn webhook_delivered(&self, endpoint: &str, outcome: &'static str) {
        self.webhook_deliveries
            .get_or_create(&WebhookLabels {
                endpoint: endpoint.to_owned(),
                outcome,
            })
            .inc();
    }

    /// Sets the consumer lag of this node's partitions of the messages topic.
    pub fn set_pipeline_lag(&self, records: i64) {
        self.pipeline_lag.set(records);
    }

    /// Where the session gauges come from: called on every scrape, so the queue depths are
    /// current without the hub updating a gauge on every push and pop.
    pub fn report_sessions_with(&self, stats: impl Fn() -> SessionStats + Send + Sync + 'static) {
        *self
            .session_stats
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(Box::new(stats));
    }

    /// The current values in the Prometheus text format.
    pub fn render(&self) -> String {
        let stats = self
            .session_stats
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .as_ref()
            .map(|stats| stats())
            .unwrap_or_default();
        self.sessions.set(saturating_i64(stats.sessions));
        self.session_queue_depth.set(saturating_i64(stats.queued));
        self.session_queue_depth_max
            .set(saturating_i64(stats.max_queued));
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::prometheus_text::encode(&mut text, &self.registry);
        text
    }
}

fn saturating_i64(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_text_names_every_family_and_the_current_session_stats() {
        let metrics = Metrics::new();
        let send = RpcLabels {
            service: "easychat.im.v1.ImService",
            method: "SendMessage",
            code: "OK",
        };
        metrics.rpc_requests.get_or_create(&send).inc();
        metrics.rpc_duration.get_or_create(&send).observe(0.003);
        metrics
            .messages_sent
            .get_or_create(&MessageLabels {
                conversation: "group",
            })
            .inc();
        metrics.report_sessions_with(|| SessionStats {
            sessions: 3,
            queued: 7,
            max_queued: 5,
        });
        let text = metrics.render();
        assert!(text.contains(
            "easychat_grpc_requests_total{service=\"easychat.im.v1.ImService\",method=\"SendMessage\",code=\"OK\"} 1"
        ), "{text}");
        assert!(text.contains("easychat_sessions 3"), "{text}");
        assert!(text.contains("easychat_session_queue_depth 7"), "{text}");
        assert!(
            text.contains("easychat_session_queue_depth_max 5"),
            "{text}"
        );
        assert!(text.contains(
            "easychat_grpc_request_duration_seconds_bucket{service=\"easychat.im.v1.ImService\",method=\"SendMessage\",code=\"OK\",le=\"0.005\"} 1"
        ), "{text}");
        assert!(
            text.contains("easychat_messages_sent_total{conversation=\"group\"} 1"),
            "{text}"
        );
    }

    #[tokio::test]
    async fn the_hub_reports_live_sessions_and_the_events_they_have_not_taken() {
        use crate::domain::ports::{Event, EventSink};
        use crate::domain::tokens::TokenClaims;
        use crate::realtime::hub::Hub;
        use crate::store::memory::LocalPresence;

        let hub = Hub::start(Arc::new(LocalPresence::new("node-test")), 8, 16, 50, 500);
        let claims = |user: &str| TokenClaims {
            user_id: user.to_owned(),
            token_id: format!("token-of-{user}"),
            token_version: 0,
            expires_at: i64::MAX,
        };
        let _alice = hub.join(&claims("alice")).await.unwrap();
        let _bob_phone = hub.join(&claims("bob")).await.unwrap();
        let _bob_laptop = hub.join(&claims("bob")).await.unwrap();
        let typing = |user: &str| Event::Typing {
            conversation_id: "c1".to_owned(),
            user_id: user.to_owned(),
        };
        hub.publish(&["bob".to_owned()], typing("alice"), None);
        hub.publish(&["bob".to_owned()], typing("alice"), None);
        hub.publish(&["alice".to_owned()], typing("bob"), None);

        let metrics = Metrics::new();
        metrics.report_sessions_with({
            let hub = hub.clone();
            move || hub.session_stats()
        });
        assert_eq!(
            hub.session_stats(),
            SessionStats {
                sessions: 3,
                queued: 5,
                max_queued: 2,
            }
        );
        let text = metrics.render();
        assert!(text.contains("easychat_sessions 3"), "{text}");
        assert!(text.contains("easychat_session_queue_depth 5"), "{text}");
        assert!(
            text.contains("easychat_session_queue_depth_max 2"),
            "{text}"
        );
        hub.shut_down();
    }
}
