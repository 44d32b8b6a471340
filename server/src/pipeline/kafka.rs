//! The Kafka message pipeline. A node that accepts a message produces it to the messages topic
//! (keyed by conversation id, so a conversation stays in one partition and in order; idempotent
//! producer, `acks=all`) and waits, unless `backends.kafka.max_in_flight` sends already wait; the
//! consumer group (`consumer`) stores the records in batches (which assigns the seqs;
//! idempotent by message id), hands each result to its waiting sender, and commits offsets only
//! after the write. The sender is acked with the stored message, so an ack always means
//! "in Kafka and in the store". docs/pipeline.md explains why the seq is assigned at the store.

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::{Duration, Instant};

use anyhow::Context;
use async_trait::async_trait;
use rdkafka::consumer::Consumer;
use rdkafka::message::{Header, Message as _, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::util::Timeout;
use tokio::sync::{Semaphore, mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::consumer::{self, MessagesConsumer, Outcomes, Progress, Rebalances};
use super::event::{self, MESSAGE_ACCEPTED_SCHEMA};
use super::waiters::Waiters;
use super::watchdog::{self, BrokerUp, ConsumerCheck, ConsumerWatch, SendStalls};
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
/// How long a consumer being replaced gets to stop (and commit what it stored) before the new
/// one starts anyway: a stuck client may never answer its final commit.
const CONSUMER_STOP_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the broker gets to answer the watchdog's metadata request.
const METADATA_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Clone)]
pub struct KafkaPipeline {
    inner: Arc<Inner>,
}

struct Inner {
    /// Replaced by the watchdog when it stops moving messages while the broker answers.
    producer: RwLock<FutureProducer>,
    /// Since when sends to each partition have been failing (none produced and stored in
    /// between).
    sends: Mutex<SendStalls>,
    clients: ClientSettings,
    /// Requests to replace the clients now, served by the watchdog task.
    replace: mpsc::Sender<oneshot::Sender<anyhow::Result<()>>>,
    topic: String,
    node_id: String,
    send_timeout: Duration,
    store_timeout: Duration,
    waiters: Waiters,
    /// Sends this node has handed to the pipeline and not yet seen stored
    /// (`backends.kafka.max_in_flight`): past it a send is refused at once.
    in_flight: Semaphore,
    stop: CancellationToken,
    /// The watchdog (which runs the consumer) and the bus listener.
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
        let clients = ClientSettings {
            brokers: brokers.to_owned(),
            node_id: node_id.to_owned(),
            config: config.clone(),
        };
        let producer = clients.producer()?;
        let outcomes = Arc::new(Outcomes {
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
        });
        let inputs = ConsumerInputs { store, outcomes };
        let (consumer, subscribed) = clients.run(clients.consumer()?, &inputs, &stop);
        if let Err(error) = subscribed {
            stop.cancel();
            return Err(error);
        }
        let (replace, replace_requests) = mpsc::channel(1);
        let inner = Arc::new(Inner {
            producer: RwLock::new(producer),
            sends: Mutex::new(SendStalls::default()),
            clients,
            replace,
            topic,
            node_id: node_id.to_owned(),
            send_timeout: Duration::from_millis(config.send_timeout_ms),
            store_timeout: Duration::from_millis(config.store_timeout_ms),
            waiters,
            in_flight: Semaphore::new(config.max_in_flight),
            stop,
            tasks: Mutex::new(Vec::new()),
            metrics,
            bus,
            hub,
        });
        let watch = tokio::spawn(watch_clients(
            Arc::downgrade(&inner),
            consumer,
            inputs,
            replace_requests,
        ));
        inner
            .tasks
            .lock()
            .expect("tasks lock")
            .extend([watch, bus_listener]);
        Ok(KafkaPipeline { inner })
    }

    /// Replaces this node's producer and consumer with new ones now (what the watchdog does when
    /// they stall while the broker answers). Sends in flight meanwhile are stored or answered
    /// UNAVAILABLE as during any Kafka hiccup; nothing acknowledged is lost.
    pub async fn replace_clients(&self) -> anyhow::Result<()> {
        let (done, replaced) = oneshot::channel();
        self.inner
            .replace
            .send(done)
            .await
            .map_err(|_| anyhow::anyhow!("the pipeline is stopping"))?;
        replaced
            .await
            .map_err(|_| anyhow::anyhow!("the pipeline is stopping"))?
    }

    /// Records a send to `partition` that failed at `at`, as a producer timeout does: lets a
    /// test stand in for a stalled client without a broken broker.
    #[cfg(test)]
    pub(super) fn note_send_failure(&self, partition: i32, at: Instant) {
        self.inner
            .sends
            .lock()
            .expect("sends lock")
            .failed(partition, at);
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
        let producer = self.inner.current_producer();
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
        let producer = inner.current_producer();
        let partition = match producer.send(record, inner.send_timeout).await {
            Ok(delivery) => delivery.partition,
            Err((error, unsent)) => {
                inner.sends_failed(unsent.partition());
                return Err(pipeline_unavailable(
                    "Kafka did not take the message",
                    error,
                ));
            }
        };
        match tokio::time::timeout(inner.store_timeout, &mut stored.receiver).await {
            Ok(Ok(outcome)) => {
                inner.sends_progressed(partition);
                inner.metrics.pipeline_stored_after(started.elapsed());
                outcome
            }
            Ok(Err(_)) => Err(pipeline_unavailable(
                "the pipeline stopped before storing the message",
                "consumer stopped",
            )),
            Err(_) => {
                inner.sends_failed(partition);
                Err(pipeline_unavailable(
                    "the message is in Kafka but was not stored in time",
                    format!("no store result within {:?}", inner.store_timeout),
                ))
            }
        }
    }
}

impl Inner {
    fn current_producer(&self) -> FutureProducer {
        self.producer.read().expect("producer lock").clone()
    }

    fn sends_failed(&self, partition: i32) {
        self.sends
            .lock()
            .expect("sends lock")
            .failed(partition, Instant::now());
    }

    fn sends_progressed(&self, partition: i32) {
        self.sends.lock().expect("sends lock").progressed(partition);
    }
}

/// What this node's Kafka clients are made from, kept to make new ones.
struct ClientSettings {
    brokers: String,
    node_id: String,
    config: KafkaConfig,
}

impl ClientSettings {
    fn producer(&self) -> anyhow::Result<FutureProducer> {
        client_config(&self.brokers)
            .set("client.id", format!("easychat-{}", self.node_id))
            // Exactly once per partition and in order, even when librdkafka retries internally.
            .set("enable.idempotence", "true")
            .set("acks", "all")
            // A send fails (UNAVAILABLE) rather than waiting forever for a Kafka that is down.
            .set(
                "message.timeout.ms",
                self.config.send_timeout_ms.to_string(),
            )
            // A little batching: many senders share one produce request under load.
            .set("linger.ms", "2")
            .create()
            .context("creating the Kafka producer")
    }

    /// A consumer client for the group, not subscribed yet (it joins the group on `run`).
    fn consumer(&self) -> anyhow::Result<MessagesConsumer> {
        let config = &self.config;
        client_config(&self.brokers)
            .set("group.id", &config.consumer_group)
            .set("client.id", format!("easychat-{}", self.node_id))
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
            .context("creating the Kafka consumer")
    }

    /// Subscribes `consumer` to the messages topic and stores what it receives until the
    /// run's stop (or the pipeline's) is cancelled. The run exists even if subscribing failed
    /// (then it receives nothing, and the watchdog replaces it again).
    fn run(
        &self,
        consumer: MessagesConsumer,
        inputs: &ConsumerInputs,
        pipeline_stop: &CancellationToken,
    ) -> (ConsumerRun, anyhow::Result<()>) {
        let topic = &self.config.messages_topic;
        let subscribed = consumer
            .subscribe(&[topic])
            .with_context(|| format!("subscribing to the Kafka topic {topic}"));
        let consumer = Arc::new(consumer);
        let progress = Arc::new(Progress::default());
        let stop = pipeline_stop.child_token();
        let task = tokio::spawn(consumer::consume(
            consumer.clone(),
            inputs.store.clone(),
            inputs.outcomes.clone(),
            progress.clone(),
            stop.clone(),
        ));
        let run = ConsumerRun {
            consumer,
            progress,
            stop,
            task,
        };
        (run, subscribed)
    }
}

/// A consumer of the messages topic and the task that stores what it receives.
struct ConsumerRun {
    consumer: Arc<MessagesConsumer>,
    progress: Arc<Progress>,
    /// Stops this consumer alone (a child of the pipeline's stop).
    stop: CancellationToken,
    task: JoinHandle<()>,
}

impl ConsumerRun {
    fn check(&self, lag: Option<i64>) -> ConsumerCheck {
        ConsumerCheck {
            received: self.progress.received.load(Ordering::Relaxed),
            storing: self.progress.storing.load(Ordering::Relaxed),
            lag,
        }
    }

    /// Stops the consumer between batches (it commits what it stored), waiting at most
    /// `CONSUMER_STOP_TIMEOUT`. Not to be awaited twice.
    async fn stop(&mut self) {
        self.stop.cancel();
        if tokio::time::timeout(CONSUMER_STOP_TIMEOUT, &mut self.task)
            .await
            .is_err()
        {
            tracing::warn!(
                "the replaced Kafka consumer did not stop in time; starting the new one"
            );
        }
    }
}

/// What every consumer of this node stores into and reports to.
struct ConsumerInputs {
    store: Arc<dyn MessageStore>,
    outcomes: Arc<Outcomes>,
}

/// The watchdog (`watchdog`): every `CHECK_INTERVAL` measures the consumer's lag, and replaces
/// the producer and the consumer when one of them stalled for `STALL_AFTER` while the broker
/// names a leader for every partition at two checks in a row; also replaces them on request
/// (`replace_clients`). Runs the consumer, and ends with it when the pipeline stops.
async fn watch_clients(
    pipeline: Weak<Inner>,
    mut consumer: ConsumerRun,
    inputs: ConsumerInputs,
    mut requests: mpsc::Receiver<oneshot::Sender<anyhow::Result<()>>>,
) {
    let mut consumer_watch = ConsumerWatch::default();
    let mut broker = BrokerUp::default();
    let stop = match pipeline.upgrade() {
        Some(inner) => inner.stop.clone(),
        None => return,
    };
    loop {
        let request = tokio::select! {
            () = tokio::time::sleep(watchdog::CHECK_INTERVAL) => None,
            Some(request) = requests.recv() => Some(request),
            () = stop.cancelled() => break,
        };
        let Some(inner) = pipeline.upgrade() else {
            break;
        };
        if request.is_none() {
            let lag = consumer::measure_lag(&consumer.consumer, &inner.metrics).await;
            let now = Instant::now();
            consumer_watch.check(now, consumer.check(lag));
            let stalled = {
                let sends = inner.sends.lock().expect("sends lock");
                watchdog::stalled(&sends, &consumer_watch.stall, now)
            };
            if !stalled {
                broker.reset();
                continue;
            }
            if !broker.confirmed(broker_names_every_leader(&inner).await) {
                continue;
            }
            tracing::warn!(
                sends_stalled_for = ?inner.sends.lock().expect("sends lock").stalled_for(now),
                consumer_stalled_for = ?consumer_watch.stall.stalled_for(now),
                "the Kafka clients stopped moving messages while the broker names every \
                 partition's leader (librdkafka bug 5430, RELIABILITY.md); replacing them"
            );
        }
        let replaced = replace(&inner, &mut consumer, &inputs).await;
        consumer_watch = ConsumerWatch::default();
        broker.reset();
        match request {
            Some(done) => {
                let _ = done.send(replaced);
            }
            None => {
                if let Err(error) = replaced {
                    tracing::error!(error = format!("{error:#}"), "replacing the Kafka clients");
                }
            }
        }
    }
    consumer.stop.cancel();
    let _ = consumer.task.await;
}

/// New producer and consumer in place of the current ones. The stall is forgotten, so the next
/// replacement takes another full `STALL_AFTER` of failures.
async fn replace(
    inner: &Inner,
    consumer: &mut ConsumerRun,
    inputs: &ConsumerInputs,
) -> anyhow::Result<()> {
    // Both clients are made before anything is replaced: a failure leaves the old ones.
    let producer = inner.clients.producer()?;
    let fresh_consumer = inner.clients.consumer()?;
    let old = std::mem::replace(
        &mut *inner.producer.write().expect("producer lock"),
        producer,
    );
    // Its queued sends fail (their senders retry); dropping it joins its polling thread.
    drop(tokio::task::spawn_blocking(move || drop(old)));
    // The old consumer stops before the new one joins the group, so that this node never has
    // two consumers storing the same partition.
    consumer.stop().await;
    let (fresh, subscribed) = inner.clients.run(fresh_consumer, inputs, &inner.stop);
    let old = std::mem::replace(consumer, fresh);
    // Closing a client that lost its broker can block: off the async workers.
    drop(tokio::task::spawn_blocking(move || drop(old)));
    inner.sends.lock().expect("sends lock").clear();
    inner.metrics.pipeline_clients_replaced();
    subscribed
}

/// Whether the broker answers with a leader for every partition of the messages topic (asked
/// with a metadata request, whose answer is the broker's, not the client's cache).
async fn broker_names_every_leader(inner: &Inner) -> bool {
    let producer = inner.current_producer();
    let topic = inner.topic.clone();
    let answer = tokio::task::spawn_blocking(move || {
        producer
            .client()
            .fetch_metadata(Some(&topic), METADATA_TIMEOUT)
            .map(|metadata| {
                metadata.topics().iter().any(|found| {
                    found.name() == topic
                        && found.error().is_none()
                        && !found.partitions().is_empty()
                        && found
                            .partitions()
                            .iter()
                            .all(|partition| partition.leader() >= 0 && partition.error().is_none())
                })
            })
    })
    .await;
    matches!(answer, Ok(Ok(true)))
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
