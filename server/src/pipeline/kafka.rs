//! The Kafka message pipeline. A node that accepts a message produces it to the messages topic
//! (keyed by conversation id, so a conversation stays in one partition and in order; idempotent
//! producer, `acks=all`) and waits, unless `backends.kafka.max_in_flight` sends already wait; the
//! consumer group (`consumer`) stores the records in batches (which assigns the seqs;
//! idempotent by message id), hands each result to its waiting sender, and commits offsets only
//! after the write. The sender is acked with the stored message, so an ack always means
//! "in Kafka and in the store". docs/pipeline.md explains why the seq is assigned at the store.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use async_trait::async_trait;
use rdkafka::consumer::Consumer;
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::util::Timeout;
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::consumer::{self, MessagesConsumer, Outcomes, Rebalances};
use super::event::{self, MESSAGE_ACCEPTED_SCHEMA};
use super::waiters::Waiters;
use crate::cluster::bus::{Bus, ClusterEvents};
use crate::cluster::kafka_topics::{client_config, create_topic_if_missing};
use crate::config::KafkaConfig;
use crate::domain::model::{Appended, NewMessage};
use crate::domain::ports::{AfterAppend, EventSink, MessageLog, MessageStore, SocialStore};
use crate::error::{Error, ErrorKind, Reason, Result};
use crate::observability::Metrics;
use crate::observability::events::CountingSink;
use crate::realtime::hub::Hub;

/// How long a client refused for a full pipeline is told to wait before trying again: about
/// what the messages ahead of it take to store.
const PIPELINE_FULL_RETRY: Duration = Duration::from_millis(200);
/// How long the producer's final flush may take.
const FLUSH_TIMEOUT: Duration = Duration::from_secs(10);

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
    /// Sends this node has handed to the pipeline and not yet seen stored
    /// (`backends.kafka.max_in_flight`): past it a send is refused at once.
    in_flight: Semaphore,
    stop: CancellationToken,
    /// The consumer and the bus listener.
    tasks: Mutex<Vec<JoinHandle<()>>>,
    bus: Bus,
    hub: Hub,
    metrics: Arc<Metrics>,
}

/// What the consumer reads and writes: the message store, and the social graph that says whom
/// to push a stored message to.
pub struct PipelineStores {
    pub store: Arc<dyn MessageStore>,
    pub graph: Arc<dyn SocialStore>,
}

impl KafkaPipeline {
    /// Connects to Kafka, creates the messages topic when missing, and starts this node's
    /// consumer, which stores accepted messages into `store` (and pushes those whose sender's
    /// node does not, to group members read from `graph`).
    pub async fn start(
        config: &KafkaConfig,
        brokers: &str,
        node_id: &str,
        PipelineStores { store, graph }: PipelineStores,
        hub: Hub,
        metrics: Arc<Metrics>,
        tap: &(dyn Fn(Arc<dyn EventSink>) -> Arc<dyn EventSink> + Sync),
    ) -> anyhow::Result<KafkaPipeline> {
        let waiters = Waiters::default();
        let stop = CancellationToken::new();
        let stopping = stop.clone();
        let bus = Bus::connect(config, brokers, node_id).await?;
        let bus_listener = bus
            .listen(
                brokers,
                hub.clone(),
                Arc::new(waiters.clone()),
                stopping.clone(),
            )
            .await?;
        let topic = config.messages_topic.clone();
        create_topic_if_missing(brokers, &topic, config.partitions).await?;
        let producer: FutureProducer = client_config(brokers)
            .set("client.id", format!("easychat-{node_id}"))
            // Exactly once per partition and in order, even when librdkafka retries internally.
            .set("enable.idempotence", "true")
            .set("acks", "all")
            // A send fails (UNAVAILABLE) rather than waiting forever for a Kafka that is down.
            .set("message.timeout.ms", config.send_timeout_ms.to_string())
            // A little batching: many senders share one produce request under load.
            .set("linger.ms", "2")
            .create()
            .context("creating the Kafka producer")?;
        let consumer: MessagesConsumer = client_config(brokers)
            .set("group.id", &config.consumer_group)
            .set("client.id", format!("easychat-{node_id}"))
            // Offsets are committed by hand, after the records are stored.
            .set("enable.auto.commit", "false")
            .set("auto.offset.reset", "earliest")
            // A node that died hands its partitions over within the session timeout.
            .set("session.timeout.ms", config.session_timeout_ms.to_string())
            .set(
                "heartbeat.interval.ms",
                (config.session_timeout_ms / 5).to_string(),
            )
            .create_with_context(Rebalances::default())
            .context("creating the Kafka consumer")?;
        consumer
            .subscribe(&[&topic])
            .with_context(|| format!("subscribing to the Kafka topic {topic}"))?;
        let outcomes = Outcomes {
            waiters: waiters.clone(),
            bus: bus.clone(),
            node_id: node_id.to_owned(),
            graph,
            events: Arc::new(CountingSink::new(
                tap(Arc::new(ClusterEvents {
                    hub: hub.clone(),
                    bus: bus.clone(),
                })),
                metrics.clone(),
            )),
        };
        let consumer = Arc::new(consumer);
        let lag = tokio::spawn(consumer::report_lag(
            consumer.clone(),
            metrics.clone(),
            stopping.clone(),
        ));
        let consumer = tokio::spawn(consumer::consume(consumer, store, outcomes, stopping));
        Ok(KafkaPipeline {
            inner: Arc::new(Inner {
                producer,
                topic,
                node_id: node_id.to_owned(),
                send_timeout: Duration::from_millis(config.send_timeout_ms),
                store_timeout: Duration::from_millis(config.store_timeout_ms),
                waiters,
                in_flight: Semaphore::new(config.max_in_flight),
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
        self.inner.stop.cancel();
        let tasks = std::mem::take(&mut *self.inner.tasks.lock().expect("tasks lock"));
        for task in tasks {
            let _ = task.await;
        }
        let producer = self.inner.producer.clone();
        let flushed =
            tokio::task::spawn_blocking(move || producer.flush(Timeout::After(FLUSH_TIMEOUT)))
                .await;
        if let Ok(Err(error)) = flushed {
            tracing::warn!(%error, "flushing the Kafka producer at shutdown");
        }
    }
}

#[async_trait]
impl MessageLog for KafkaPipeline {
    async fn append(&self, message: &NewMessage) -> Result<Appended> {
        self.produce_and_wait(message, None, None).await
    }

    /// `after` runs in the consumer, in store order, if the sender still waits on this node;
    /// otherwise the consumer pushes the message itself (see `consumer::Outcomes`).
    async fn append_then(
        &self,
        message: &NewMessage,
        origin: Option<&str>,
        after: AfterAppend,
    ) -> Result<Appended> {
        self.produce_and_wait(message, origin, Some(after)).await
    }
}

impl KafkaPipeline {
    async fn produce_and_wait(
        &self,
        message: &NewMessage,
        origin: Option<&str>,
        after: Option<AfterAppend>,
    ) -> Result<Appended> {
        let inner = &self.inner;
        // Admit only what the store can work off in time: the excess is refused now, cheaply,
        // instead of waiting in Kafka until every send times out.
        let Ok(_admitted) = inner.in_flight.try_acquire() else {
            inner.metrics.pipeline_refused();
            return Err(Error::exhausted(
                Reason::PipelineFull,
                "the server has as many messages waiting to be stored as it accepts; retry \
                 with the same client_msg_id after the RetryInfo delay",
            )
            .retry_after(PIPELINE_FULL_RETRY));
        };
        let mut stored = inner.waiters.register(&message.message_id, after);
        let payload = event::encode(message, &inner.node_id, origin);
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
        Reason::BackendUnavailable,
        format!(
            "{context}: the message pipeline is unavailable; retry with the same client_msg_id"
        ),
    )
}
