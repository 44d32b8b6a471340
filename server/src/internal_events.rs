//! The generated types of the internal Kafka events (server/proto/easychat/pipeline/v1/
//! pipeline.proto): accepted messages on the messages topic (`pipeline`) and the cluster bus's
//! events (`cluster::bus`). Kept apart from both, so neither imports the other for them.

#![allow(clippy::all)]

include!(concat!(env!("OUT_DIR"), "/easychat.pipeline.v1.rs"));
