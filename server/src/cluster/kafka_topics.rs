//! Kafka clients' common settings, and creating Kafka topics at start (the pipeline's
//! messages topic and the cluster bus), so a fresh cluster needs no separate setup step.

use std::time::Duration;

use anyhow::Context;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::types::RDKafkaErrorCode;

/// How long to wait for Kafka when creating a topic at start.
const ADMIN_TIMEOUT: Duration = Duration::from_secs(10);

/// The settings every Kafka client of the server starts from.
pub fn client_config(brokers: &str) -> ClientConfig {
    let mut config = ClientConfig::new();
    config
        .set("bootstrap.servers", brokers)
        // librdkafka doubles the wait between reconnects up to 10 s by default: a broker back
        // after a few seconds down went unused for up to 10 s more (sends failing UNAVAILABLE
        // meanwhile). One attempt a second per broker while it is down costs nothing.
        .set("reconnect.backoff.max.ms", "1000");
    config
}

/// Creates `topic` with `partitions` partitions unless it exists (whatever its partition count).
pub async fn create_topic_if_missing(
    brokers: &str,
    topic: &str,
    partitions: i32,
) -> anyhow::Result<()> {
    let admin: AdminClient<DefaultClientContext> = client_config(brokers)
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
