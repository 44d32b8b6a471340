//! The production webhook outbox: a Kafka topic (`backends.kafka.webhooks_topic`), keyed by
//! event id. Each endpoint reads it in a consumer group of its own, so a slow or failing
//! endpoint holds back only itself, and the nodes share an endpoint's partitions between them.
//! An endpoint configured for the first time starts at the oldest event the topic retains.

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use futures::FutureExt;
use rdkafka::consumer::{CommitMode, Consumer, StreamConsumer};
use rdkafka::message::Message as _;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{Offset, TopicPartitionList};
use serde::Deserialize;

use crate::cluster::kafka_topics::{client_config, create_topic_if_missing};
use crate::config::KafkaConfig;
use crate::domain::ports::{EventOutbox, OutboxEvent, OutboxReader};
use crate::error::{Error, Result};

/// How long `next` waits for an event before answering empty.
const WAIT: Duration = Duration::from_secs(1);

#[derive(Clone)]
pub struct KafkaOutbox {
    brokers: String,
    topic: String,
    /// Consumer groups are `<group_prefix><endpoint>`.
    group_prefix: String,
    producer: FutureProducer,
    send_timeout: Duration,
}

impl KafkaOutbox {
    /// Connects, creating the topic when it is missing.
    pub async fn open(config: &KafkaConfig, brokers: &str) -> anyhow::Result<KafkaOutbox> {
        let topic = config.webhooks_topic.clone();
        create_topic_if_missing(brokers, &topic, config.partitions).await?;
        let producer: FutureProducer = client_config(brokers)
            .set("enable.idempotence", "true")
            .set("acks", "all")
            .set("message.timeout.ms", config.send_timeout_ms.to_string())
            .set("linger.ms", "5")
            .create()
            .map_err(|e| anyhow::anyhow!("creating the webhook outbox's Kafka producer: {e}"))?;
        Ok(KafkaOutbox {
            brokers: brokers.to_owned(),
            topic,
            group_prefix: format!("{}.webhooks.", config.consumer_group),
            producer,
            send_timeout: Duration::from_millis(config.send_timeout_ms),
        })
    }
}

#[async_trait]
impl EventOutbox for KafkaOutbox {
    async fn append(&self, events: &[OutboxEvent]) -> Result<()> {
        // All handed over at once (the producer batches them), then each awaited.
        let mut deliveries = Vec::with_capacity(events.len());
        for event in events {
            let record = FutureRecord::to(&self.topic)
                .key(&event.event_id)
                .payload(&event.body);
            let delivery = self
                .producer
                .send_result(record)
                .map_err(|(e, _)| Error::unavailable("queueing a webhook event in Kafka", e))?;
            deliveries.push(delivery);
        }
        for delivery in deliveries {
            match tokio::time::timeout(self.send_timeout, delivery).await {
                Ok(Ok(Ok(_))) => {}
                Ok(Ok(Err((e, _)))) => {
                    return Err(Error::unavailable("storing a webhook event in Kafka", e));
                }
                Ok(Err(_)) | Err(_) => {
                    return Err(Error::unavailable(
                        "storing a webhook event in Kafka",
                        "no answer in time",
                    ));
                }
            }
        }
        Ok(())
    }

    async fn reader(&self, endpoint: &str) -> Result<Box<dyn OutboxReader>> {
        let consumer: StreamConsumer = client_config(&self.brokers)
            .set("group.id", format!("{}{endpoint}", self.group_prefix))
            .set("enable.auto.commit", "false")
            .set("auto.offset.reset", "earliest")
            .set("session.timeout.ms", "10000")
            .set("heartbeat.interval.ms", "2000")
            .create()
            .map_err(|e| Error::unavailable("creating a webhook outbox consumer", e))?;
        consumer
            .subscribe(&[&self.topic])
            .map_err(|e| Error::unavailable("subscribing to the webhook outbox topic", e))?;
        Ok(Box::new(KafkaReader {
            consumer,
            read: HashMap::new(),
        }))
    }
}

struct KafkaReader {
    consumer: StreamConsumer,
    /// The next offset to commit per (topic, partition): one past the last record read.
    read: HashMap<(String, i32), i64>,
}

/// What delivery needs from an event's body (the rest is the endpoint's business).
#[derive(Deserialize)]
struct Envelope {
    id: String,
    #[serde(rename = "type")]
    event_type: String,
    created_at_ms: i64,
}

/// Notes `record` as read and returns its event.
fn take(
    read: &mut HashMap<(String, i32), i64>,
    record: &rdkafka::message::BorrowedMessage<'_>,
) -> Option<OutboxEvent> {
    read.insert(
        (record.topic().to_owned(), record.partition()),
        record.offset() + 1,
    );
    let body = record.payload().unwrap_or_default();
    match serde_json::from_slice::<Envelope>(body) {
        Ok(envelope) => Some(OutboxEvent {
            event_id: envelope.id,
            event_type: envelope.event_type,
            created_at: envelope.created_at_ms,
            body: body.to_vec(),
        }),
        Err(error) => {
            // Not written by EasyChat: skipped, and committed past with the rest.
            tracing::warn!(%error, offset = record.offset(), "an unreadable webhook event");
            None
        }
    }
}

#[async_trait]
impl OutboxReader for KafkaReader {
    async fn next(&mut self, max: usize) -> Result<Vec<OutboxEvent>> {
        let mut events = Vec::new();
        let first = match tokio::time::timeout(WAIT, self.consumer.recv()).await {
            Err(_) => return Ok(events),
            Ok(Err(e)) => return Err(Error::unavailable("reading the webhook outbox", e)),
            Ok(Ok(record)) => take(&mut self.read, &record),
        };
        events.extend(first);
        // recv is cancellation safe: what is not ready now stays queued for the next round.
        while events.len() < max {
            let record = match self.consumer.recv().now_or_never() {
                Some(Ok(record)) => record,
                Some(Err(e)) => return Err(Error::unavailable("reading the webhook outbox", e)),
                None => break,
            };
            let event = take(&mut self.read, &record);
            events.extend(event);
        }
        Ok(events)
    }

    async fn commit(&mut self) -> Result<()> {
        if self.read.is_empty() {
            return Ok(());
        }
        let mut offsets = TopicPartitionList::new();
        for ((topic, partition), offset) in self.read.drain() {
            let _ = offsets.add_partition_offset(&topic, partition, Offset::Offset(offset));
        }
        // Lost only with a rebalance or a crash; then the events are delivered again, which
        // the endpoint's idempotency key makes harmless.
        self.consumer
            .commit(&offsets, CommitMode::Async)
            .map_err(|e| Error::unavailable("committing the webhook outbox offsets", e))
    }
}
