//! The Kafka message pipeline. A node that accepts a message produces it to the messages topic
//! (keyed by conversation id, so a conversation stays in one partition and in order; idempotent
//! producer, `acks=all`) and waits; the consumer group stores each record (which assigns the
//! seq; idempotent by message id), hands the result to the waiting sender, and commits offsets
//! only after the write. The sender is acked with the stored message, so an ack always means
//! "in Kafka and in the store". docs/pipeline.md explains why the seq is assigned at the store.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use async_trait::async_trait;
use futures::FutureExt;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{CommitMode, Consumer, StreamConsumer};
use rdkafka::message::{Header, Message as _, OwnedHeaders, OwnedMessage};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::util::Timeout;
use rdkafka::{Offset, TopicPartitionList};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::bus::{Bus, ClusterEvents};
use super::event::{self, MESSAGE_ACCEPTED_SCHEMA};
use super::store_writer::store_until_done;
use super::waiters::Waiters;
use crate::config::BackendsConfig;
use crate::domain::model::{Appended, NewMessage};
use crate::domain::ports::{MessageLog, MessageStore};
use crate::error::{Error, ErrorKind, Result};
use crate::observability::Metrics;
use crate::realtime::hub::Hub;

/// Records the consumer takes from its queue at once; their conversations are stored
/// concurrently, each conversation's records in order.
const MAX_BATCH: usize = 256;
/// How long to wait for Kafka when creating the topic at start.
const ADMIN_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub struct KafkaPipeline {
    inner: Arc<Inner>,
}

struct Inner {
    producer: FutureProducer,
    topic: String,
    node_id: String,
    send_timeout: Duration,
    store_timeout: Duration,
    waiters: Waiters,
    stop: watch::Sender<bool>,
    /// The consumer and the bus listener.
    tasks: Mutex<Vec<JoinHandle<()>>>,
    bus: Bus,
    hub: Hub,
    metrics: Arc<Metrics>,
}

impl KafkaPipeline {
    /// Connects to Kafka, creates the messages topic when missing, and starts this node's
    /// consumer, which stores accepted messages into `store`.
    pub async fn start(
        config: &BackendsConfig,
        brokers: &str,
        node_id: &str,
        store: Arc<dyn MessageStore>,
        hub: Hub,
        metrics: Arc<Metrics>,
    ) -> anyhow::Result<KafkaPipeline> {
        let waiters = Waiters::default();
        let (stop, stopping) = watch::channel(false);
        let bus = Bus::connect(config, brokers, node_id).await?;
        let bus_listener = bus
            .listen(brokers, hub.clone(), waiters.clone(), stopping.clone())
            .await?;
        let topic = config.kafka_messages_topic.clone();
        create_topic_if_missing(brokers, &topic, config.kafka_partitions).await?;
        let producer: FutureProducer = ClientConfig::new()
            .set("bootstrap.servers", brokers)
            .set("client.id", format!("easychat-{node_id}"))
            // Exactly once per partition and in order, even when librdkafka retries internally.
            .set("enable.idempotence", "true")
            .set("acks", "all")
            // A send fails (UNAVAILABLE) rather than waiting forever for a Kafka that is down.
            .set(
                "message.timeout.ms",
                config.kafka_send_timeout_ms.to_string(),
            )
            // A little batching: many senders share one produce request under load.
            .set("linger.ms", "2")
            .create()
            .context("creating the Kafka producer")?;
        let consumer: StreamConsumer = ClientConfig::new()
            .set("bootstrap.servers", brokers)
            .set("group.id", &config.kafka_consumer_group)
            .set("client.id", format!("easychat-{node_id}"))
            // Offsets are committed by hand, after the records are stored.
            .set("enable.auto.commit", "false")
            .set("auto.offset.reset", "earliest")
            // A node that died hands its partitions over within 10 s (the broker's minimum is 6).
            .set("session.timeout.ms", "10000")
            .set("heartbeat.interval.ms", "2000")
            .create()
            .context("creating the Kafka consumer")?;
        consumer
            .subscribe(&[&topic])
            .with_context(|| format!("subscribing to the Kafka topic {topic}"))?;
        let outcomes = Outcomes {
            waiters: waiters.clone(),
            bus: bus.clone(),
            node_id: node_id.to_owned(),
        };
        let consumer = Arc::new(consumer);
        let lag = tokio::spawn(report_lag(
            consumer.clone(),
            metrics.clone(),
            stopping.clone(),
        ));
        let consumer = tokio::spawn(consume(consumer, store, outcomes, stopping));
        Ok(KafkaPipeline {
            inner: Arc::new(Inner {
                producer,
                topic,
                node_id: node_id.to_owned(),
                send_timeout: Duration::from_millis(config.kafka_send_timeout_ms),
                store_timeout: Duration::from_millis(config.kafka_store_timeout_ms),
                waiters,
                stop,
                tasks: Mutex::new(vec![consumer, bus_listener, lag]),
                metrics,
                bus,
                hub,
            }),
        })
    }

    /// Where events and revocations go so that sessions on every node get them.
    pub fn cluster_events(&self) -> ClusterEvents {
        ClusterEvents {
            hub: self.inner.hub.clone(),
            bus: self.inner.bus.clone(),
        }
    }

    /// Stops consuming once the records in hand are stored (committing their offsets), and
    /// flushes what the producer still holds.
    pub async fn close(&self) {
        let _ = self.inner.stop.send(true);
        let tasks = std::mem::take(&mut *self.inner.tasks.lock().expect("tasks lock"));
        for task in tasks {
            let _ = task.await;
        }
        let producer = self.inner.producer.clone();
        let flushed =
            tokio::task::spawn_blocking(move || producer.flush(Timeout::After(ADMIN_TIMEOUT)))
                .await;
        if let Ok(Err(error)) = flushed {
            tracing::warn!(%error, "flushing the Kafka producer at shutdown");
        }
    }
}

#[async_trait]
impl MessageLog for KafkaPipeline {
    async fn append(&self, message: &NewMessage) -> Result<Appended> {
        let inner = &self.inner;
        let mut stored = inner.waiters.register(&message.message_id);
        let payload = event::encode(message, &inner.node_id);
        let record = FutureRecord::to(&inner.topic)
            .key(&message.conversation_id)
            .payload(&payload)
            .headers(OwnedHeaders::new().insert(Header {
                key: "schema",
                value: Some(MESSAGE_ACCEPTED_SCHEMA),
            }));
        let started = Instant::now();
        if let Err((error, _)) = inner.producer.send(record, inner.send_timeout).await {
            return Err(pipeline_unavailable(
                "Kafka did not take the message",
                error,
            ));
        }
        match tokio::time::timeout(inner.store_timeout, &mut stored.receiver).await {
            Ok(Ok(outcome)) => {
                inner.metrics.pipeline_stored_after(started.elapsed());
                outcome
            }
            Ok(Err(_)) => Err(pipeline_unavailable(
                "the pipeline stopped before storing the message",
                "consumer stopped",
            )),
            Err(_) => Err(pipeline_unavailable(
                "the message is in Kafka but was not stored in time",
                format!("no store result within {:?}", inner.store_timeout),
            )),
        }
    }
}

/// UNAVAILABLE for the client: nothing was acked, and a retry with the same client_msg_id is
/// safe (it returns the original if the message does get stored).
fn pipeline_unavailable(context: &str, detail: impl std::fmt::Display) -> Error {
    tracing::warn!(%detail, "{context}");
    Error::new(
        ErrorKind::Unavailable,
        "BACKEND_UNAVAILABLE",
        format!(
            "{context}: the message pipeline is unavailable; retry with the same client_msg_id"
        ),
    )
}

pub(super) async fn create_topic_if_missing(
    brokers: &str,
    topic: &str,
    partitions: i32,
) -> anyhow::Result<()> {
    let admin: AdminClient<DefaultClientContext> = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .create()
        .context("creating the Kafka admin client")?;
    let options = AdminOptions::new().operation_timeout(Some(ADMIN_TIMEOUT));
    // -1: the broker's default replication factor.
    let wanted = NewTopic::new(topic, partitions, TopicReplication::Fixed(-1));
    let results = tokio::time::timeout(ADMIN_TIMEOUT, admin.create_topics([&wanted], &options))
        .await
        .with_context(|| format!("Kafka at {brokers} did not answer within {ADMIN_TIMEOUT:?}"))?
        .with_context(|| format!("creating the Kafka topic {topic}"))?;
    for result in results {
        match result {
            Ok(_) | Err((_, RDKafkaErrorCode::TopicAlreadyExists)) => {}
            Err((name, code)) => anyhow::bail!("creating the Kafka topic {name}: {code}"),
        }
    }
    Ok(())
}

/// The consumer loop: takes what is ready (up to `MAX_BATCH` records), stores it, answers the
/// waiting senders, commits. Runs until `stopping`.
/// Where the outcome of storing a record goes: to the sender waiting on this node, or over the
/// bus to the node that accepted it.
struct Outcomes {
    waiters: Waiters,
    bus: Bus,
    node_id: String,
}

impl Outcomes {
    fn deliver(&self, origin_node: &str, message_id: &str, outcome: Result<Appended>) {
        if origin_node == self.node_id {
            self.waiters.complete(message_id, outcome);
        } else {
            self.bus.message_stored(origin_node, message_id, outcome);
        }
    }
}

/// How often the consumer lag is measured (each measurement asks the broker for the end of
/// every assigned partition).
const LAG_INTERVAL: Duration = Duration::from_secs(5);

/// Measures, every `LAG_INTERVAL`, how many records of its assigned partitions this node has
/// not consumed yet, for the `pipeline_consumer_lag` gauge.
async fn report_lag(
    consumer: Arc<StreamConsumer>,
    metrics: Arc<Metrics>,
    mut stopping: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(LAG_INTERVAL) => {}
            _ = stopping.wait_for(|stop| *stop) => return,
        }
        let consumer = consumer.clone();
        // librdkafka's metadata calls block: off the async workers.
        let lag = tokio::task::spawn_blocking(move || consumer_lag(&consumer)).await;
        match lag {
            Ok(Ok(lag)) => metrics.set_pipeline_lag(lag),
            Ok(Err(error)) => tracing::debug!(%error, "measuring the Kafka consumer lag"),
            Err(_) => {}
        }
    }
}

fn consumer_lag(consumer: &StreamConsumer) -> rdkafka::error::KafkaResult<i64> {
    let positions = consumer.position()?;
    let mut lag = 0;
    for element in positions.elements() {
        // Before the first fetch of a partition its position is not an offset yet: not counted
        // rather than guessed.
        let Some(position) = element.offset().to_raw().filter(|p| *p >= 0) else {
            continue;
        };
        let (_, end) = consumer.fetch_watermarks(
            element.topic(),
            element.partition(),
            Duration::from_secs(2),
        )?;
        lag += (end - position).max(0);
    }
    Ok(lag)
}

async fn consume(
    consumer: Arc<StreamConsumer>,
    store: Arc<dyn MessageStore>,
    outcomes: Outcomes,
    mut stopping: watch::Receiver<bool>,
) {
    loop {
        let first = tokio::select! {
            received = consumer.recv() => received.map(|message| message.detach()),
            _ = stopping.wait_for(|stop| *stop) => break,
        };
        let mut batch = match first {
            Ok(message) => vec![message],
            Err(error) => {
                tracing::warn!(%error, "receiving from Kafka");
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
        };
        // recv is cancellation safe: what is not ready now stays queued for the next round.
        while batch.len() < MAX_BATCH {
            match consumer.recv().now_or_never() {
                Some(Ok(message)) => batch.push(message.detach()),
                Some(Err(error)) => {
                    tracing::warn!(%error, "receiving from Kafka");
                    break;
                }
                None => break,
            }
        }
        if !store_batch(&store, &outcomes, &batch, &stopping).await {
            // Stopping mid-batch: leave it uncommitted; the next owner of these partitions
            // stores it again (idempotent by message id) and nothing is lost.
            break;
        }
        if let Err(error) = consumer.commit(&next_offsets(&batch), CommitMode::Async) {
            // The partitions may have moved to another node: it re-stores (idempotently).
            tracing::warn!(%error, "committing Kafka offsets");
        }
    }
    if let Err(error) = consumer.commit_consumer_state(CommitMode::Sync) {
        tracing::debug!(%error, "final Kafka offset commit");
    }
}

/// Stores every record of the batch; conversations concurrently, each one's records in order.
/// Returns false when stopping interrupted it.
async fn store_batch(
    store: &Arc<dyn MessageStore>,
    outcomes: &Outcomes,
    batch: &[OwnedMessage],
    stopping: &watch::Receiver<bool>,
) -> bool {
    let mut by_conversation: HashMap<&[u8], Vec<&OwnedMessage>> = HashMap::new();
    for record in batch {
        by_conversation
            .entry(record.key().unwrap_or_default())
            .or_default()
            .push(record);
    }
    let conversations = by_conversation.into_values().map(|records| {
        let mut stopping = stopping.clone();
        async move {
            for record in records {
                if !store_record(store, outcomes, record, &mut stopping).await {
                    return false;
                }
            }
            true
        }
    });
    futures::future::join_all(conversations)
        .await
        .into_iter()
        .all(|done| done)
}

async fn store_record(
    store: &Arc<dyn MessageStore>,
    outcomes: &Outcomes,
    record: &OwnedMessage,
    stopping: &mut watch::Receiver<bool>,
) -> bool {
    let accepted = match event::decode(record.payload().unwrap_or_default()) {
        Ok(accepted) => accepted,
        Err(error) => {
            // Not ours to guess at: skip it, loudly, rather than block the partition forever.
            tracing::error!(
                topic = record.topic(),
                partition = record.partition(),
                offset = record.offset(),
                %error,
                "skipping a malformed pipeline record"
            );
            return true;
        }
    };
    let Some(outcome) = store_until_done(store, &accepted.message, stopping).await else {
        return false;
    };
    outcomes.deliver(&accepted.origin_node, &accepted.message.message_id, outcome);
    true
}

/// The offsets to commit after `batch`: one past the last record of each partition.
fn next_offsets(batch: &[OwnedMessage]) -> TopicPartitionList {
    let mut last: HashMap<(&str, i32), i64> = HashMap::new();
    for record in batch {
        let offset = last
            .entry((record.topic(), record.partition()))
            .or_insert(record.offset());
        *offset = (*offset).max(record.offset());
    }
    let mut offsets = TopicPartitionList::new();
    for ((topic, partition), offset) in last {
        let _ = offsets.add_partition_offset(topic, partition, Offset::Offset(offset + 1));
    }
    offsets
}
