//! HTTP/2 connections to one upstream, each shared by up to `streams_per_connection` Chat
//! streams. A stream takes a slot on a connection with room, or on a new connection when every
//! one is full; dropping the slot gives the room back. Connections are opened one at a time, so
//! a crowd of clients arriving together fills one connection before the next is opened.
//!
//! Connections stay open once made (a handful, at most the peak number of streams divided by
//! `streams_per_connection`): an idle HTTP/2 connection costs little next to its streams, and a
//! tonic channel reconnects by itself when its connection breaks.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::Uri;
use tonic::transport::{Channel, Endpoint};

pub struct ConnectionPool {
    endpoint: Endpoint,
    streams_per_connection: usize,
    connections: Mutex<Vec<Connection>>,
    /// Held while a connection is being opened.
    opening: tokio::sync::Mutex<()>,
}

struct Connection {
    channel: Channel,
    streams: Arc<AtomicUsize>,
}

/// A Chat stream's place on a shared connection; dropping it frees the place.
#[derive(Debug)]
pub struct StreamSlot {
    streams: Arc<AtomicUsize>,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.streams.fetch_sub(1, Ordering::AcqRel);
    }
}

impl ConnectionPool {
    pub fn new(endpoint: Endpoint, streams_per_connection: usize) -> ConnectionPool {
        ConnectionPool {
            endpoint,
            streams_per_connection: streams_per_connection.max(1),
            connections: Mutex::new(Vec::new()),
            opening: tokio::sync::Mutex::new(()),
        }
    }

    pub fn uri(&self) -> &Uri {
        self.endpoint.uri()
    }

    /// A channel with room for one more stream, and the stream's slot on it; waits at most
    /// `connect_timeout` (for another caller's connect, then its own). The error says why the
    /// upstream could not be reached.
    pub async fn slot(&self, connect_timeout: Duration) -> Result<(Channel, StreamSlot), String> {
        if let Some(found) = self.room() {
            return Ok(found);
        }
        let deadline = tokio::time::Instant::now() + connect_timeout;
        let timed_out = || "connect timed out".to_owned();
        let _opening = tokio::time::timeout_at(deadline, self.opening.lock())
            .await
            .map_err(|_| timed_out())?;
        // Another caller may have opened one while we waited.
        if let Some(found) = self.room() {
            return Ok(found);
        }
        let channel = tokio::time::timeout_at(deadline, self.endpoint.connect())
            .await
            .map_err(|_| timed_out())?
            .map_err(|e| e.to_string())?;
        let streams = Arc::new(AtomicUsize::new(1));
        self.lock().push(Connection {
            channel: channel.clone(),
            streams: streams.clone(),
        });
        Ok((channel, StreamSlot { streams }))
    }

    /// A slot on an open connection with room, if there is one.
    fn room(&self) -> Option<(Channel, StreamSlot)> {
        let limit = self.streams_per_connection;
        self.lock().iter().find_map(|connection| {
            connection
                .streams
                .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                    (n < limit).then_some(n + 1)
                })
                .ok()
                .map(|_| {
                    let streams = connection.streams.clone();
                    (connection.channel.clone(), StreamSlot { streams })
                })
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        self.connections.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pool whose connections exist without a server: `connect_lazy` dials on first use.
    fn pool_with_connections(streams_per_connection: usize, connections: usize) -> ConnectionPool {
        let endpoint = Endpoint::from_static("http://127.0.0.1:9");
        let pool = ConnectionPool::new(endpoint.clone(), streams_per_connection);
        for _ in 0..connections {
            pool.lock().push(Connection {
                channel: endpoint.connect_lazy(),
                streams: Arc::new(AtomicUsize::new(0)),
            });
        }
        pool
    }

    fn counts(pool: &ConnectionPool) -> Vec<usize> {
        pool.lock()
            .iter()
            .map(|c| c.streams.load(Ordering::Acquire))
            .collect()
    }

    #[tokio::test]
    async fn streams_fill_a_connection_before_the_next_and_dropped_slots_make_room() {
        let pool = pool_with_connections(2, 2);
        let first = pool.room().expect("room");
        let second = pool.room().expect("room");
        assert_eq!(counts(&pool), vec![2, 0]);
        let third = pool.room().expect("room on the second connection");
        assert_eq!(counts(&pool), vec![2, 1]);
        drop(first);
        assert_eq!(counts(&pool), vec![1, 1]);
        let _again = pool.room().expect("the freed slot");
        assert_eq!(counts(&pool), vec![2, 1]);
        drop((second, third));
    }

    #[tokio::test]
    async fn a_full_pool_has_no_room() {
        let pool = pool_with_connections(1, 1);
        let _only = pool.room().expect("room");
        assert!(pool.room().is_none());
    }
}
