//! The cluster bus: what every node must see, on one Kafka topic that every node reads whole —
//! events for live sessions wherever they are connected, token revocations, and the outcome of
//! storing a message whose sender waits on another node. docs/cluster.md says why a broadcast
//! topic rather than routing to the owning node.
//!
//! Each node reads the topic from where it ended when the node started (no consumer group, no
//! offsets): what happened before a node started is for sync, not for live delivery.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use prost::Message as _;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::error::{KafkaResult, RDKafkaErrorCode};
use rdkafka::message::Message as _;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{Offset, TopicPartitionList};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::kafka_topics::{client_config, create_topic_if_missing};
use crate::config::KafkaConfig;
use crate::domain::ids::ConversationKind;
use crate::domain::model::Appended;
use crate::domain::ports::{Event, EventSink, SessionRevoker};
use crate::error::{Error, ErrorKind, Reason, Result};
use crate::internal_events as pb;
use crate::realtime::events::{PushedEvent, to_proto};
use crate::realtime::hub::{Hub, Pushed};
use crate::wire;

/// How long a starting node waits for Kafka to tell where the bus ends.
const START_TIMEOUT: Duration = Duration::from_secs(10);

/// The senders on this node that wait for the outcome of storing their message (the message
/// pipeline's waiters): the bus hands them outcomes that other nodes' consumers publish.
pub trait WaitingSenders: Send + Sync + 'static {
    /// Answers the sender of `message_id`, if it waits here; otherwise does nothing.
    fn wake(&self, message_id: &str, outcome: Result<Appended>);
}

#[derive(Clone)]
pub struct Bus {
    inner: Arc<BusInner>,
}

struct BusInner {
    producer: FutureProducer,
    topic: String,
    node_id: String,
}

impl Bus {
    /// Connects to Kafka and creates the bus topic when missing (one partition: one order for
    /// every event of the cluster, so a recall never overtakes its message).
    pub async fn connect(
        config: &KafkaConfig,
        brokers: &str,
        node_id: &str,
    ) -> anyhow::Result<Bus> {
        let topic = config.bus_topic.clone();
        create_topic_if_missing(brokers, &topic, 1).await?;
        let producer: FutureProducer = client_config(brokers)
            .set("client.id", format!("easychat-bus-{node_id}"))
            // Keeps this node's events in order across internal retries.
            .set("enable.idempotence", "true")
            .set("linger.ms", "1")
            .create()
            .context("creating the Kafka producer of the cluster bus")?;
        Ok(Bus {
            inner: Arc::new(BusInner {
                producer,
                topic,
                node_id: node_id.to_owned(),
            }),
        })
    }

    /// Starts reading the bus from its current end, handing what other nodes publish to this
    /// node's hub and waiting senders. Ends when `stopping` fires.
    pub async fn listen(
        &self,
        brokers: &str,
        hub: Hub,
        waiters: Arc<dyn WaitingSenders>,
        stopping: CancellationToken,
    ) -> anyhow::Result<JoinHandle<()>> {
        let topic = &self.inner.topic;
        let consumer: StreamConsumer = client_config(brokers)
            .set("group.id", format!("easychat-bus-{}", self.inner.node_id))
            .set("enable.auto.commit", "false")
            // The broker answers a fetch as soon as a record arrives (`fetch.min.bytes` 1), so
            // the wait bounds only how long an idle fetch waits: a short one is not faster, only
            // more requests (10 ms kept the broker at 0.07 cores per idle node).
            .set("fetch.min.bytes", "1")
            .set("fetch.wait.max.ms", "500")
            .create()
            .context("creating the Kafka consumer of the cluster bus")?;
        // Start at the end as it is now, resolved before serving, so no event published after
        // this node started serving is missed.
        let end = topic_end(&consumer, topic)
            .await
            .with_context(|| format!("reading where the bus topic {topic} ends"))?;
        let mut assignment = TopicPartitionList::new();
        assignment.add_partition_offset(topic, 0, Offset::Offset(end))?;
        consumer
            .assign(&assignment)
            .with_context(|| format!("reading the bus topic {topic}"))?;
        let receiver = Receiver {
            hub,
            waiters,
            node_id: self.inner.node_id.clone(),
        };
        Ok(tokio::spawn(async move {
            loop {
                let record = tokio::select! {
                    record = consumer.recv() => record,
                    () = stopping.cancelled() => break,
                };
                match record {
                    Ok(record) => receiver.receive(record.payload().unwrap_or_default()),
                    Err(error) => {
                        tracing::warn!(%error, "reading the cluster bus");
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                }
            }
        }))
    }

    /// Publishes without waiting: in order, best effort. A node that misses a delivery leaves its
    /// sessions to catch up by sync; a sender that misses its outcome times out UNAVAILABLE and
    /// retries with the same client_msg_id.
    fn publish(&self, event: pb::bus_event::Event) {
        let payload = pb::BusEvent { event: Some(event) }.encode_to_vec();
        let record = FutureRecord::<(), _>::to(&self.inner.topic).payload(&payload);
        match self.inner.producer.send_result(record) {
            Ok(delivered) => {
                tokio::spawn(async move {
                    if let Ok(Err((error, _))) = delivered.await {
                        tracing::warn!(%error, "publishing on the cluster bus");
                    }
                });
            }
            Err((error, _)) => tracing::warn!(%error, "publishing on the cluster bus"),
        }
    }

    /// The outcomes of storing messages accepted by `origin_node`, in store order: one bus
    /// record for all of them.
    pub fn messages_stored(&self, origin_node: &str, outcomes: Vec<(&str, Result<Appended>)>) {
        let mut outcomes: Vec<pb::MessageStored> = outcomes
            .into_iter()
            .map(|(message_id, outcome)| stored_event(origin_node, message_id, outcome))
            .collect();
        let event = if outcomes.len() == 1 {
            // The single form, which every node version reads.
            pb::bus_event::Event::Stored(outcomes.remove(0))
        } else {
            pb::bus_event::Event::StoredRun(pb::MessagesStored { outcomes })
        };
        self.publish(event);
    }

    fn delivery(
        &self,
        recipients: &[String],
        event: &easychat_proto::im::v1::ServerEvent,
        except: Option<&str>,
        group_receipt: bool,
    ) {
        self.publish(pb::bus_event::Event::Delivery(pb::Delivery {
            origin_node: self.inner.node_id.clone(),
            recipients: recipients.to_vec(),
            except_session: except.unwrap_or_default().to_owned(),
            event: Some(event.clone()),
            group_receipt,
        }));
    }

    fn revocation(&self, user_id: &str, scope: pb::revocation::Scope) {
        self.publish(pb::bus_event::Event::Revocation(pb::Revocation {
            origin_node: self.inner.node_id.clone(),
            user_id: user_id.to_owned(),
            scope: Some(scope),
        }));
    }
}

fn stored_event(
    origin_node: &str,
    message_id: &str,
    outcome: Result<Appended>,
) -> pb::MessageStored {
    use pb::message_stored::Outcome;
    let outcome = match outcome {
        Ok(appended) => Outcome::Stored(pb::StoredMessage {
            message: Some(wire::message(appended.message)),
            duplicate: appended.duplicate,
        }),
        Err(error) => Outcome::Refusal(pb::StoreRefusal {
            reason: error.reason.as_str().to_owned(),
            message: error.message,
        }),
    };
    pb::MessageStored {
        origin_node: origin_node.to_owned(),
        message_id: message_id.to_owned(),
        outcome: Some(outcome),
    }
}

/// The end offset of the bus topic's partition. A topic created a moment ago may not be in the
/// broker's metadata yet ("unknown partition"): asked again until `START_TIMEOUT`.
async fn topic_end(consumer: &StreamConsumer, topic: &str) -> KafkaResult<i64> {
    let deadline = tokio::time::Instant::now() + START_TIMEOUT;
    loop {
        match consumer.fetch_watermarks(topic, 0, START_TIMEOUT) {
            Ok((_, end)) => return Ok(end),
            Err(error)
                if matches!(
                    error.rdkafka_error_code(),
                    Some(
                        RDKafkaErrorCode::UnknownPartition
                            | RDKafkaErrorCode::UnknownTopicOrPartition
                    )
                ) && tokio::time::Instant::now() < deadline =>
            {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(error) => return Err(error),
        }
    }
}

/// What a node does with what it reads on the bus.
struct Receiver {
    hub: Hub,
    waiters: Arc<dyn WaitingSenders>,
    node_id: String,
}

impl Receiver {
    fn receive(&self, payload: &[u8]) {
        let event = match pb::BusEvent::decode(payload) {
            Ok(pb::BusEvent { event: Some(event) }) => event,
            Ok(_) => return, // an event kind from a newer node: not for this one
            Err(error) => {
                tracing::error!(%error, "skipping a malformed cluster bus record");
                return;
            }
        };
        match event {
            // The storing node pushed these messages; here their senders only hear the outcome.
            pb::bus_event::Event::Stored(stored) if stored.origin_node == self.node_id => {
                self.waiters
                    .wake(&stored.message_id, stored_outcome(stored.outcome));
            }
            pb::bus_event::Event::StoredRun(run) => {
                for stored in run.outcomes {
                    if stored.origin_node == self.node_id {
                        self.waiters
                            .wake(&stored.message_id, stored_outcome(stored.outcome));
                    }
                }
            }
            pb::bus_event::Event::Delivery(delivery) if delivery.origin_node != self.node_id => {
                self.deliver(delivery);
            }
            pb::bus_event::Event::Revocation(revocation)
                if revocation.origin_node != self.node_id =>
            {
                match revocation.scope {
                    Some(pb::revocation::Scope::TokenId(token_id)) => {
                        self.hub.token_revoked(&revocation.user_id, &token_id)
                    }
                    Some(pb::revocation::Scope::BeforeVersion(version)) => {
                        self.hub.tokens_before(&revocation.user_id, version)
                    }
                    None => {}
                }
            }
            _ => {} // this node's own events, or another node's outcomes
        }
    }

    fn deliver(&self, delivery: pb::Delivery) {
        let Some(event) = delivery.event else { return };
        let except = Some(delivery.except_session.as_str()).filter(|s| !s.is_empty());
        match event.event {
            Some(easychat_proto::im::v1::server_event::Event::ReadReceipt(receipt))
                if delivery.group_receipt =>
            {
                let event = Event::ReadReceipt {
                    conversation_id: receipt.conversation_id,
                    kind: ConversationKind::Group,
                    positions: receipt
                        .positions
                        .into_iter()
                        .map(|p| (p.user_id, p.read_seq))
                        .collect(),
                };
                self.hub.publish(&delivery.recipients, event, except);
            }
            _ => self.hub.deliver_pushed(
                &delivery.recipients,
                Arc::new(PushedEvent::new(event)),
                except,
            ),
        }
    }
}

fn stored_outcome(outcome: Option<pb::message_stored::Outcome>) -> Result<Appended> {
    use pb::message_stored::Outcome;
    match outcome {
        Some(Outcome::Stored(pb::StoredMessage {
            message: Some(message),
            duplicate,
        })) => Ok(Appended {
            message: wire::message_from_proto(message)?,
            duplicate,
        }),
        // The only refusal a store gives for good; the domain reopens the conversation on it.
        Some(Outcome::Refusal(refusal))
            if Reason::from_name(&refusal.reason) == Some(Reason::ConversationNotFound) =>
        {
            Err(Error::not_found(
                Reason::ConversationNotFound,
                refusal.message,
            ))
        }
        other => Err(Error::new(
            ErrorKind::Unavailable,
            Reason::BackendUnavailable,
            format!("storing the message failed ({other:?}): retry with the same client_msg_id"),
        )),
    }
}

/// The hub of this node plus the bus: events and revocations reach sessions on every node.
pub struct ClusterEvents {
    pub hub: Hub,
    pub bus: Bus,
}

impl EventSink for ClusterEvents {
    fn publish(&self, recipients: &[String], event: Event, origin: Option<&str>) {
        if let Event::ReadReceipt {
            kind: ConversationKind::Group,
            ..
        } = &event
        {
            // Merged per node: each node merges the receipts its own sessions get.
            self.bus
                .delivery(recipients, &to_proto(event.clone()), origin, true);
            self.hub.publish(recipients, event, origin);
            return;
        }
        // Converted once, for this node's sessions and for every other node.
        let pushed: Pushed = Arc::new(PushedEvent::new(to_proto(event)));
        self.bus.delivery(recipients, &pushed.event, origin, false);
        self.hub.deliver_pushed(recipients, pushed, origin);
    }
}

impl SessionRevoker for ClusterEvents {
    fn token_revoked(&self, user_id: &str, token_id: &str) {
        self.bus
            .revocation(user_id, pb::revocation::Scope::TokenId(token_id.to_owned()));
        self.hub.token_revoked(user_id, token_id);
    }

    fn tokens_before(&self, user_id: &str, token_version: i64) {
        self.bus
            .revocation(user_id, pb::revocation::Scope::BeforeVersion(token_version));
        self.hub.tokens_before(user_id, token_version);
    }
}
