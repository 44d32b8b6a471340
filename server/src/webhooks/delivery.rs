//! Delivery to one endpoint: read a batch of the outbox, POST the events the endpoint wants
//! (several at once), retry each failed one with a doubling delay until it is delivered or too
//! old, then commit the batch. A crash or a stop before the commit delivers the batch again:
//! at least once, never lost; receivers tell repeats apart by the event id.

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio_util::sync::CancellationToken;

use super::signing;
use crate::config::{WebhookDelivery, WebhookEndpoint};
use crate::domain::model::now_millis;
use crate::domain::ports::{EventOutbox, OutboxEvent};
use crate::observability::Metrics;

/// Outcome label of `easychat_webhook_deliveries_total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Delivered,
    GivenUp,
    /// The server is stopping: left for the next start.
    Stopped,
}

pub struct Endpoint {
    pub config: WebhookEndpoint,
    pub delivery: WebhookDelivery,
    pub client: reqwest::Client,
    pub metrics: Arc<Metrics>,
}

impl Endpoint {
    /// Delivers the outbox to this endpoint until `stop`.
    pub async fn run(self, outbox: Arc<dyn EventOutbox>, stop: CancellationToken) {
        let name = self.config.name.clone();
        let mut reader = loop {
            match outbox.reader(&name).await {
                Ok(reader) => break reader,
                Err(error) => {
                    tracing::warn!(endpoint = %name, %error, "opening the webhook outbox; retrying");
                    tokio::select! {
                        () = tokio::time::sleep(Duration::from_secs(1)) => {}
                        () = stop.cancelled() => return,
                    }
                }
            }
        };
        let batch_size = self.delivery.concurrency * 4;
        loop {
            let batch = tokio::select! {
                batch = reader.next(batch_size) => batch,
                () = stop.cancelled() => return,
            };
            let batch = match batch {
                Ok(batch) => batch,
                Err(error) => {
                    tracing::warn!(endpoint = %name, %error, "reading the webhook outbox");
                    tokio::select! {
                        () = tokio::time::sleep(Duration::from_secs(1)) => {}
                        () = stop.cancelled() => return,
                    }
                    continue;
                }
            };
            if batch.is_empty() {
                continue;
            }
            let outcomes = self.deliver_all(&batch, &stop).await;
            if outcomes.contains(&Outcome::Stopped) {
                return;
            }
            if let Err(error) = reader.commit().await {
                // Delivered again after a restart: harmless with the idempotency key.
                tracing::warn!(endpoint = %name, %error, "committing webhook deliveries");
            }
        }
    }

    /// Delivers the events of `batch` this endpoint wants, `concurrency` at a time.
    async fn deliver_all(&self, batch: &[OutboxEvent], stop: &CancellationToken) -> Vec<Outcome> {
        let mut wanted = Vec::new();
        for event in batch {
            if self.config.events.contains(&event.event_type) {
                wanted.push(event);
            }
        }
        let mut waiting = wanted.into_iter();
        let mut running = FuturesUnordered::new();
        let mut outcomes = Vec::new();
        loop {
            while running.len() < self.delivery.concurrency {
                match waiting.next() {
                    Some(event) => running.push(self.deliver(event, stop)),
                    None => break,
                }
            }
            match running.next().await {
                Some(outcome) => outcomes.push(outcome),
                None => return outcomes,
            }
        }
    }

    /// Delivers one event, retrying until it is taken, too old, or the server stops.
    async fn deliver(&self, event: &OutboxEvent, stop: &CancellationToken) -> Outcome {
        let mut delay = Duration::from_millis(self.delivery.retry_initial_ms);
        let max_delay = Duration::from_millis(self.delivery.retry_max_ms);
        let give_up_at = event
            .created_at
            .saturating_add(self.delivery.give_up_after_secs.saturating_mul(1000) as i64);
        loop {
            let outcome = tokio::select! {
                outcome = self.post(event) => outcome,
                () = stop.cancelled() => return Outcome::Stopped,
            };
            match outcome {
                Ok(()) => {
                    self.count("delivered");
                    return Outcome::Delivered;
                }
                Err(problem) => {
                    self.count("failed");
                    if now_millis().saturating_add(delay.as_millis() as i64) > give_up_at {
                        self.count("given_up");
                        tracing::error!(
                            endpoint = %self.config.name,
                            event_id = %event.event_id,
                            event_type = %event.event_type,
                            %problem,
                            "giving up a webhook event (webhooks.delivery.give_up_after_secs)"
                        );
                        return Outcome::GivenUp;
                    }
                    tracing::debug!(
                        endpoint = %self.config.name,
                        event_id = %event.event_id,
                        %problem,
                        retry_in_ms = delay.as_millis() as u64,
                        "webhook delivery failed"
                    );
                }
            }
            tokio::select! {
                () = tokio::time::sleep(delay) => {}
                () = stop.cancelled() => return Outcome::Stopped,
            }
            delay = (delay * 2).min(max_delay);
        }
    }

    /// One attempt: taken when the endpoint answers 2xx within its timeout.
    async fn post(&self, event: &OutboxEvent) -> Result<(), String> {
        let timestamp = now_millis() / 1000;
        let response = self
            .client
            .post(&self.config.url)
            .timeout(Duration::from_millis(self.config.timeout_ms))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(signing::EVENT_TYPE_HEADER, &event.event_type)
            .header(signing::EVENT_ID_HEADER, &event.event_id)
            .header(signing::TIMESTAMP_HEADER, timestamp)
            .header(
                signing::SIGNATURE_HEADER,
                signing::signature(&self.config.secret, timestamp, &event.body),
            )
            .body(event.body.clone())
            .send()
            .await
            .map_err(|e| format!("no answer: {e}"))?;
        let status = response.status();
        if status.is_success() {
            Ok(())
        } else {
            Err(format!("answered HTTP {status}"))
        }
    }

    fn count(&self, outcome: &'static str) {
        self.metrics.webhook_delivered(&self.config.name, outcome);
    }
}
