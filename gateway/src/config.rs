//! The gateway's configuration. Every limit and timer is a named value with a default here, so
//! operators can tune it and tests can shrink the timers to seconds.

use std::time::Duration;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// How the gateway acknowledges client data frames (the old server's three modes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AckMode {
    /// No acks: the result frame (or error frame) is the answer.
    #[default]
    None,
    /// `{frameType: 2, id}` for each data frame at once, before it is processed.
    #[serde(alias = "only_ack", alias = "onlyAck", alias = "only")]
    OnlyAck,
    /// Like `OnlyAck`, but the client confirms each ack by sending it back; until then the ack is
    /// re-sent every `ack_resend_secs`, for at most `ack_give_up_secs`.
    #[serde(alias = "rigor", alias = "rigorous-ack", alias = "rigorous_ack")]
    Rigorous,
}

/// Configuration of [`crate::run`] and [`crate::router`].
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct GatewayConfig {
    /// EasyChat servers to bridge to, such as `http://127.0.0.1:50051`. Each connection uses one,
    /// round-robin, and falls back to the next when connecting fails.
    pub upstreams: Vec<String>,
    /// A directory of static files (the browser app, `web/dist`) served at `/` beside `/ws`;
    /// unset serves only `/ws`.
    pub web_root: Option<PathBuf>,
    /// How client data frames are acknowledged.
    pub ack_mode: AckMode,
    /// Rigorous mode: seconds between re-sends of an unconfirmed ack.
    pub ack_resend_secs: u64,
    /// Rigorous mode: seconds after which an unconfirmed ack is no longer re-sent.
    pub ack_give_up_secs: u64,
    /// A client silent this long gets a ping frame.
    pub idle_ping_secs: u64,
    /// A client silent this long is closed.
    pub heartbeat_timeout_secs: u64,
    /// Largest client frame processed; a larger one gets an error frame, the connection stays.
    pub max_frame_bytes: usize,
    /// Largest message the socket layer buffers at all; past it the connection is closed,
    /// because the frame would have to be held in memory just to be refused.
    pub max_socket_message_bytes: usize,
    /// Frames queued towards one client (and requests towards its upstream stream). A client
    /// that lets its queue fill is too slow: it gets an error frame if possible and is closed.
    pub session_queue: usize,
    /// Unary upstream calls (message look-ups, friend lists) in flight per connection.
    pub max_calls_in_flight: usize,
    /// Rigorous mode: unconfirmed acks tracked per connection; past it an ack is sent once only.
    pub max_pending_acks: usize,
    /// WebSocket connections served at once; further upgrades are refused with HTTP 503.
    pub max_connections: usize,
    /// TCP connections open at once, WebSocket sessions and plain HTTP connections together;
    /// past it a new connection is closed as soon as it is accepted (0: no limit). Keep it
    /// above `max_connections`, so a full gateway still answers upgrades with 503.
    pub max_tcp_connections: usize,
    /// TCP connections open at once from one client IP address; past it likewise (0: no
    /// limit). Behind a reverse proxy every connection comes from the proxy: set 0 there.
    pub max_connections_per_ip: usize,
    /// Seconds a client has to send a whole HTTP request head (the WebSocket upgrade request
    /// included), counted from the connection's start or the end of its previous response; a
    /// client trickling its headers is disconnected then.
    pub header_read_timeout_secs: u64,
    /// Seconds to connect to one upstream before trying the next.
    pub upstream_connect_timeout_secs: u64,
    /// Seconds for the upstream Chat stream to answer with `ready`.
    pub upstream_ready_timeout_secs: u64,
    /// Seconds for one unary upstream call (GetMessage, ListFriends).
    pub upstream_call_timeout_secs: u64,
    /// The upstream Chat stream gets a ping after this many seconds without a frame from the
    /// gateway, or the server ends it for silence (its heartbeat timeout, 90 s by default).
    /// Client liveness is the gateway's own business (`heartbeat_timeout_secs`).
    pub upstream_ping_secs: u64,
    /// Seconds for one write to a client socket; a client that takes longer is dropped.
    pub write_timeout_secs: u64,
    /// Bytes read from a client socket at a time. The socket layer allocates this buffer per
    /// connection and zero-fills it on every poll of the socket, readable or not (tungstenite
    /// does), so it costs an idle connection's memory and every wake-up's time; clients'
    /// frames are small, and larger ones are read in several steps.
    pub socket_read_buffer_bytes: usize,
    /// Frames towards a client are gathered up to this many bytes before a write (and written
    /// at once when no more are queued).
    pub socket_write_buffer_bytes: usize,
    /// Chat streams of client connections that share one HTTP/2 connection to an upstream
    /// (1: a connection of its own for each client connection).
    pub upstream_streams_per_connection: usize,
    /// Seconds a connection whose server went away (crashed, stopped, unreachable) spends
    /// moving to another upstream (open a Chat stream there, push what the client missed, send
    /// again what got no answer) before it is closed with `UPSTREAM_UNAVAILABLE`; 0 closes it
    /// at once with `UPSTREAM_ENDED`, leaving the catch-up to the client.
    pub failover_timeout_secs: u64,
    /// Seconds `run` waits for open connections to close after shutdown begins.
    pub shutdown_grace_secs: u64,
    /// Largest REST request body read (JSON); a larger one is refused with HTTP 413.
    pub rest_max_body_bytes: usize,
    /// Sent with every REST call upstream (`x-easychat-proxy-key`) so that servers whose
    /// `limits.proxy_key` is the same believe the client address this gateway forwards (per-address
    /// limits on Register and Login). Unset: servers believe it only if this gateway's address is
    /// in their `limits.trusted_proxies`. `easychat serve` sets a random one for its own gateway.
    pub proxy_key: Option<String>,
}

impl Default for GatewayConfig {
    fn default() -> Self {
        GatewayConfig {
            upstreams: vec!["http://127.0.0.1:50051".to_owned()],
            web_root: None,
            ack_mode: AckMode::None,
            ack_resend_secs: 3,
            ack_give_up_secs: 30,
            idle_ping_secs: 20,
            heartbeat_timeout_secs: 60,
            max_frame_bytes: 64 * 1024,
            max_socket_message_bytes: 1024 * 1024,
            session_queue: 256,
            max_calls_in_flight: 8,
            max_pending_acks: 1024,
            max_connections: 10_000,
            max_tcp_connections: 12_000,
            max_connections_per_ip: 1024,
            header_read_timeout_secs: 10,
            upstream_connect_timeout_secs: 5,
            upstream_ready_timeout_secs: 10,
            upstream_call_timeout_secs: 10,
            upstream_ping_secs: 30,
            write_timeout_secs: 10,
            socket_read_buffer_bytes: 1024,
            socket_write_buffer_bytes: 4096,
            upstream_streams_per_connection: 100,
            failover_timeout_secs: 15,
            shutdown_grace_secs: 5,
            rest_max_body_bytes: 256 * 1024,
            proxy_key: None,
        }
    }
}

/// A configuration that cannot work; `run` refuses to start with it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("no upstream is configured: give at least one server URL in `upstreams`")]
    NoUpstreams,
    #[error("upstream {url:?} is not a valid URL: {reason}")]
    BadUpstream { url: String, reason: String },
    #[error("`{0}` must be greater than zero")]
    Zero(&'static str),
    #[error(
        "`heartbeat_timeout_secs` ({heartbeat}) must be greater than `idle_ping_secs` ({ping}), \
         or silent clients are closed before they are pinged"
    )]
    HeartbeatBeforePing { heartbeat: u64, ping: u64 },
    #[error(
        "`max_socket_message_bytes` ({socket}) must be at least `max_frame_bytes` ({frame}), \
         or oversized frames close the connection instead of getting an error frame"
    )]
    SocketLimitBelowFrameLimit { socket: usize, frame: usize },
}

impl GatewayConfig {
    /// Checks what would otherwise fail at the first connection, or silently misbehave.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.upstreams.is_empty() {
            return Err(ConfigError::NoUpstreams);
        }
        self.validate_limits()
    }

    /// [`GatewayConfig::validate`] for a gateway whose upstreams come from the node registry:
    /// the configured ones (a fallback) may be none.
    pub fn validate_limits(&self) -> Result<(), ConfigError> {
        for url in &self.upstreams {
            tonic::transport::Endpoint::from_shared(url.clone()).map_err(|e| {
                ConfigError::BadUpstream {
                    url: url.clone(),
                    reason: e.to_string(),
                }
            })?;
        }
        let counts = [
            ("ack_resend_secs", self.ack_resend_secs as usize),
            ("ack_give_up_secs", self.ack_give_up_secs as usize),
            ("idle_ping_secs", self.idle_ping_secs as usize),
            (
                "heartbeat_timeout_secs",
                self.heartbeat_timeout_secs as usize,
            ),
            ("max_frame_bytes", self.max_frame_bytes),
            ("session_queue", self.session_queue),
            ("max_calls_in_flight", self.max_calls_in_flight),
            ("max_connections", self.max_connections),
            (
                "header_read_timeout_secs",
                self.header_read_timeout_secs as usize,
            ),
            (
                "upstream_connect_timeout_secs",
                self.upstream_connect_timeout_secs as usize,
            ),
            (
                "upstream_ready_timeout_secs",
                self.upstream_ready_timeout_secs as usize,
            ),
            (
                "upstream_call_timeout_secs",
                self.upstream_call_timeout_secs as usize,
            ),
            ("upstream_ping_secs", self.upstream_ping_secs as usize),
            ("write_timeout_secs", self.write_timeout_secs as usize),
            ("socket_read_buffer_bytes", self.socket_read_buffer_bytes),
            ("rest_max_body_bytes", self.rest_max_body_bytes),
            (
                "upstream_streams_per_connection",
                self.upstream_streams_per_connection,
            ),
        ];
        if let Some((name, _)) = counts.iter().find(|(_, value)| *value == 0) {
            return Err(ConfigError::Zero(name));
        }
        if self.heartbeat_timeout_secs <= self.idle_ping_secs {
            return Err(ConfigError::HeartbeatBeforePing {
                heartbeat: self.heartbeat_timeout_secs,
                ping: self.idle_ping_secs,
            });
        }
        if self.max_socket_message_bytes < self.max_frame_bytes {
            return Err(ConfigError::SocketLimitBelowFrameLimit {
                socket: self.max_socket_message_bytes,
                frame: self.max_frame_bytes,
            });
        }
        Ok(())
    }

    pub(crate) fn ack_resend(&self) -> Duration {
        secs(self.ack_resend_secs)
    }
    pub(crate) fn ack_give_up(&self) -> Duration {
        secs(self.ack_give_up_secs)
    }
    pub(crate) fn idle_ping(&self) -> Duration {
        secs(self.idle_ping_secs)
    }
    pub(crate) fn heartbeat_timeout(&self) -> Duration {
        secs(self.heartbeat_timeout_secs)
    }
    pub(crate) fn connect_timeout(&self) -> Duration {
        secs(self.upstream_connect_timeout_secs)
    }
    pub(crate) fn ready_timeout(&self) -> Duration {
        secs(self.upstream_ready_timeout_secs)
    }
    pub(crate) fn call_timeout(&self) -> Duration {
        secs(self.upstream_call_timeout_secs)
    }
    pub(crate) fn upstream_ping(&self) -> Duration {
        secs(self.upstream_ping_secs)
    }
    pub(crate) fn write_timeout(&self) -> Duration {
        secs(self.write_timeout_secs)
    }
    /// None when failover is off.
    pub(crate) fn failover_timeout(&self) -> Option<Duration> {
        (self.failover_timeout_secs > 0).then(|| secs(self.failover_timeout_secs))
    }
    pub(crate) fn header_read_timeout(&self) -> Duration {
        secs(self.header_read_timeout_secs)
    }
    /// What the listener admits (see `crate::listener`).
    pub(crate) fn connection_limits(&self) -> crate::listener::ConnectionLimits {
        crate::listener::ConnectionLimits {
            max_connections: self.max_tcp_connections,
            max_connections_per_ip: self.max_connections_per_ip,
            unlimited_ips: Vec::new(),
            first_request_timeout: Some(self.header_read_timeout()),
        }
    }
    pub(crate) fn shutdown_grace(&self) -> Duration {
        secs(self.shutdown_grace_secs)
    }
    /// Queues and limits of size zero would block forever or refuse everything; `router` does
    /// not validate, so it clamps instead.
    pub(crate) fn queue(&self) -> usize {
        self.session_queue.max(1)
    }
}

/// Zero-second timers would fire continuously; one second is the smallest that means anything.
fn secs(value: u64) -> Duration {
    Duration::from_secs(value.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        GatewayConfig::default().validate().expect("valid defaults");
    }

    #[test]
    fn ack_modes_read_from_config_text() {
        let modes: Vec<AckMode> =
            serde_json::from_str(r#"["none", "only-ack", "onlyAck", "rigorous"]"#)
                .expect("ack modes");
        assert_eq!(
            modes,
            [
                AckMode::None,
                AckMode::OnlyAck,
                AckMode::OnlyAck,
                AckMode::Rigorous
            ]
        );
    }

    #[test]
    fn missing_keys_take_their_defaults() {
        let config: GatewayConfig =
            serde_json::from_str(r#"{"ack_mode": "rigorous"}"#).expect("config");
        assert_eq!(config.ack_mode, AckMode::Rigorous);
        assert_eq!(config.ack_resend_secs, 3);
        assert_eq!(config.max_frame_bytes, 64 * 1024);
    }

    #[test]
    fn heartbeat_must_outlast_the_ping() {
        let config = GatewayConfig {
            idle_ping_secs: 30,
            heartbeat_timeout_secs: 30,
            ..GatewayConfig::default()
        };
        assert!(matches!(
            config.validate(),
            Err(ConfigError::HeartbeatBeforePing { .. })
        ));
    }
}
