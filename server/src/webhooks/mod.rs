//! Webhooks (docs/webhooks.md): HTTP callbacks to the deployment's own systems.
//!
//! - `before_send`: the domain's `SendPolicy`, asked synchronously before a message is stored.
//! - After-the-fact events: what the domain publishes (`tap`) and the social changes it
//!   reports (`SocialNotices`) become events, queued in memory for a moment, then written to the
//!   durable outbox (`EventOutbox`: a SQLite table, or a Kafka topic) by one recorder task;
//!   each endpoint's `delivery` task reads the outbox and POSTs them, signed (`signing`), at
//!   least once.
//! - `offline`: gathers the messages that reached members with no live session into one
//!   `offline_message` event per recipient.
//!
//! Only event types some endpoint asked for are built at all.

mod before_send;
mod delivery;
pub mod events;
mod json;
mod offline;
pub mod signing;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use self::events::{MESSAGE_RECALLED, MESSAGE_STORED, OFFLINE_MESSAGE, event, message_json};
pub use self::offline::Readers;
use crate::config::WebhooksConfig;
use crate::domain::ports::{
    Event, EventOutbox, EventSink, OutboxEvent, SendPolicy, SocialNotice, SocialNotices,
};
use crate::observability::Metrics;

/// Events written to the outbox in one go.
const RECORD_BATCH: usize = 256;

/// The `before_send` policy, when one is configured.
pub fn policy(config: &WebhooksConfig) -> Option<Arc<dyn SendPolicy>> {
    let hook = config.before_send.clone()?;
    Some(Arc::new(before_send::HttpPolicy::new(hook, client())))
}

/// One HTTP client (and connection pool) for every endpoint.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent(concat!("easychat-webhooks/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(5))
        // Redirects would send the signed body somewhere the operator did not configure.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("the webhook HTTP client builds")
}

/// The running after-the-fact webhooks; cheap to clone.
#[derive(Clone)]
pub struct Webhooks {
    inner: Arc<Inner>,
}

struct Inner {
    wanted: HashSet<String>,
    recorder: Recorder,
    offline: Option<mpsc::Sender<offline::Delivered>>,
    /// Stopped in this order by `close`: the offline batcher flushes into the queue, the
    /// recorder drains the queue into the outbox, then delivery stops.
    stages: Mutex<Vec<(CancellationToken, Vec<JoinHandle<()>>)>>,
}

impl Webhooks {
    /// Starts the recorder, the offline batcher (when an endpoint wants `offline_message`) and
    /// one delivery task per endpoint. `None` when no endpoint is configured.
    pub fn start(
        config: &WebhooksConfig,
        outbox: Arc<dyn EventOutbox>,
        readers: Readers,
        metrics: Arc<Metrics>,
    ) -> Option<Webhooks> {
        if config.endpoints.is_empty() {
            return None;
        }
        let wanted: HashSet<String> = config
            .endpoints
            .iter()
            .flat_map(|e| e.events.iter().cloned())
            .collect();
        let (queue, queued) = mpsc::channel(config.delivery.queue);
        let recorder = Recorder {
            queue,
            metrics: metrics.clone(),
        };
        let client = client();
        let mut stages = Vec::new();

        let (offline, offline_stage) = if wanted.contains(OFFLINE_MESSAGE) {
            let (sender, receiver) = mpsc::channel(config.delivery.queue);
            let stop = CancellationToken::new();
            let batcher_recorder = recorder.clone();
            let batcher = offline::Batcher {
                readers,
                window: Duration::from_millis(config.delivery.offline_batch_ms),
                record: Box::new(move |event| batcher_recorder.record(event)),
            };
            let task = tokio::spawn(batcher.run(receiver, stop.clone()));
            (Some(sender), Some((stop, vec![task])))
        } else {
            (None, None)
        };
        stages.extend(offline_stage);

        let stop = CancellationToken::new();
        let recording = tokio::spawn(write_to_outbox(queued, outbox.clone(), stop.clone()));
        stages.push((stop, vec![recording]));

        let stop = CancellationToken::new();
        let deliveries = config
            .endpoints
            .iter()
            .map(|endpoint| {
                let endpoint = delivery::Endpoint {
                    config: endpoint.clone(),
                    delivery: config.delivery.clone(),
                    client: client.clone(),
                    metrics: metrics.clone(),
                };
                tokio::spawn(endpoint.run(outbox.clone(), stop.clone()))
            })
            .collect();
        stages.push((stop, deliveries));

        Some(Webhooks {
            inner: Arc::new(Inner {
                wanted,
                recorder,
                offline,
                stages: Mutex::new(stages),
            }),
        })
    }

    /// `sink`, telling the webhooks of what passes through it.
    pub fn tap(&self, sink: Arc<dyn EventSink>) -> Arc<dyn EventSink> {
        Arc::new(Tap {
            webhooks: self.clone(),
            inner: sink,
        })
    }

    /// Writes what is gathered and queued to the outbox, then stops delivering. What was not
    /// delivered yet is delivered after the next start.
    pub async fn close(&self) {
        let stages = std::mem::take(&mut *self.inner.stages.lock().expect("stages lock"));
        for (stop, tasks) in stages {
            stop.cancel();
            for task in tasks {
                let _ = task.await;
            }
        }
    }

    fn wants(&self, event_type: &str) -> bool {
        self.inner.wanted.contains(event_type)
    }

    fn record(&self, event: OutboxEvent) {
        self.inner.recorder.record(event);
    }

    fn observe(&self, recipients: &[String], published: &Event) {
        match published {
            Event::Message(message) => {
                if self.wants(MESSAGE_STORED) {
                    let data = serde_json::json!({ "message": message_json(message) });
                    self.record(event(MESSAGE_STORED, data));
                }
                if let Some(offline) = &self.inner.offline
                    && offline
                        .try_send((message.clone(), recipients.to_vec()))
                        .is_err()
                {
                    self.inner
                        .recorder
                        .metrics
                        .webhook_delivered("*", "dropped");
                    tracing::warn!(
                        "the offline_message queue is full (or the server is stopping); a message was not considered"
                    );
                }
            }
            Event::Recall(message) if self.wants(MESSAGE_RECALLED) => {
                let data = serde_json::json!({ "message": message_json(message) });
                self.record(event(MESSAGE_RECALLED, data));
            }
            Event::Presence {
                user_id,
                online,
                last_seen,
            } => {
                let event_type = events::presence_type(*online);
                if self.wants(event_type) {
                    let data = serde_json::json!({ "user_id": user_id, "last_seen_ms": last_seen });
                    self.record(event(event_type, data));
                }
            }
            _ => {}
        }
    }
}

impl SocialNotices for Webhooks {
    fn notice(&self, notice: SocialNotice) {
        let (event_type, data) = events::social(&notice);
        if self.wants(event_type) {
            self.record(event(event_type, data));
        }
    }
}

/// Hands events to the recorder task without waiting.
#[derive(Clone)]
struct Recorder {
    queue: mpsc::Sender<OutboxEvent>,
    metrics: Arc<Metrics>,
}

impl Recorder {
    fn record(&self, event: OutboxEvent) {
        if let Err(error) = self.queue.try_send(event) {
            // Full (the outbox is down or far behind) or closed (stopping): counted and logged
            // rather than growing without bound.
            self.metrics.webhook_delivered("*", "dropped");
            let (event, why) = match &error {
                mpsc::error::TrySendError::Full(event) => (event, "the outbox queue is full"),
                mpsc::error::TrySendError::Closed(event) => (event, "the server is stopping"),
            };
            tracing::warn!(event_id = %event.event_id, event_type = %event.event_type, "webhook event dropped: {why}");
        }
    }
}

/// An `EventSink` that shows every event to the webhooks on its way to `inner`.
struct Tap {
    webhooks: Webhooks,
    inner: Arc<dyn EventSink>,
}

impl EventSink for Tap {
    fn publish(&self, recipients: &[String], event: Event, origin: Option<&str>) {
        self.webhooks.observe(recipients, &event);
        self.inner.publish(recipients, event, origin);
    }
}

/// Writes queued events to the outbox in batches; a failing outbox is retried every second
/// (meanwhile the queue fills, and past it events are dropped). On stop, writes what is left.
async fn write_to_outbox(
    mut queued: mpsc::Receiver<OutboxEvent>,
    outbox: Arc<dyn EventOutbox>,
    stop: CancellationToken,
) {
    let mut batch = Vec::with_capacity(RECORD_BATCH);
    loop {
        if batch.is_empty() {
            tokio::select! {
                received = queued.recv_many(&mut batch, RECORD_BATCH) => {
                    if received == 0 {
                        break;
                    }
                }
                () = stop.cancelled() => break,
            }
        }
        match outbox.append(&batch).await {
            Ok(()) => batch.clear(),
            Err(error) => {
                tracing::warn!(%error, events = batch.len(), "writing webhook events to the outbox; retrying");
                tokio::select! {
                    () = tokio::time::sleep(Duration::from_secs(1)) => {}
                    () = stop.cancelled() => break,
                }
            }
        }
    }
    while let Ok(event) = queued.try_recv() {
        batch.push(event);
    }
    if !batch.is_empty()
        && let Err(error) = outbox.append(&batch).await
    {
        tracing::error!(%error, events = batch.len(), "webhook events lost at shutdown: the outbox is down");
    }
}
