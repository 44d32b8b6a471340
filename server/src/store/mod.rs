//! Storage adapters: implementations of the domain's ports (`crate::domain::ports`).
//!
//! - `sqlite`: the embedded default (users, social graph, messages and conversations).
//! - `mysql`: users, token revocations and the social graph on MySQL/MariaDB
//!   (`backends.mysql.url`).
//! - `mongo`: messages and conversation state on MongoDB (`backends.mongo.url`).
//! - `postgres`: the search index of messages stored in MongoDB (`backends.search.url`).
//! - `redis`: rate limits, token revocations, the seq cache and the presence directory on Redis
//!   (`backends.redis.url`), shared across nodes.
//! - `kafka_outbox`: the webhook outbox on a Kafka topic (`backends.kafka.brokers`); the
//!   embedded one is a table of `sqlite`.
//! - `blobs`: uploaded bytes, in the data directory or an S3-compatible store (`media.s3`).
//! - `memory`: in-process implementations (presence, rate limits, seq cache).
//! - `sql`: what both SQL stores share (row mappers over either driver, helpers).
//! - `codes`: the integer codes and unique keys both SQL stores use.
//! - `cached_social`: copies of the social facts every send reads, in front of either social
//!   store, checked against versions (`memory` or `redis`).

pub mod blobs;
pub mod cached_social;
pub mod codes;
pub mod kafka_outbox;
pub mod memory;
pub mod mongo;
pub mod mysql;
pub mod postgres;
pub mod redis;
pub mod sql;
pub mod sqlite;
