//! Configuration: defaults, then a TOML file, then `EASYCHAT_*` environment variables, then
//! command-line flags. Loading never binds sockets or touches storage.
//!
//! Nested keys use a double underscore in the environment: `EASYCHAT_AUTH__TOKEN_TTL_SECS`.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address of the gRPC (and grpc-web) listener.
    pub listen: SocketAddr,
    /// Address of the WebSocket bridge (`/ws`, and the browser app at `/`) that `easychat serve`
    /// runs in-process; `easychat serve --no-gateway` runs without it.
    pub ws_listen: SocketAddr,
    /// Where the embedded database and the generated JWT secret live.
    pub data_dir: PathBuf,
    /// Seconds in-flight calls get to finish on shutdown.
    pub shutdown_grace_secs: u64,
    pub auth: AuthConfig,
    pub limits: Limits,
    pub storage: StorageConfig,
    pub realtime: RealtimeConfig,
    /// The WebSocket bridge (docs/websocket.md). `upstreams` is ignored by `easychat serve`,
    /// whose bridge talks to its own gRPC listener.
    pub gateway: easychat_gateway::GatewayConfig,
    pub backends: BackendsConfig,
    pub observability: ObservabilityConfig,
    pub cluster: ClusterConfig,
    /// HTTP callbacks to the application's own systems (docs/webhooks.md).
    pub webhooks: WebhooksConfig,
    /// Uploads of images, files and voice clips (docs/media.md).
    pub media: MediaConfig,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthConfig {
    /// HS256 secret for tokens. When unset, one is generated on first start and kept in
    /// `<data_dir>/jwt_secret`.
    pub jwt_secret: Option<String>,
    /// Lifetime of an issued token.
    pub token_ttl_secs: u64,
    /// Password hashes (argon2id, 19 MiB each) computed at once; 0: one per CPU core. Calls
    /// beyond it wait in a queue of `password_hash_queue`, and past that are refused with
    /// UNAVAILABLE/SERVER_BUSY, so a burst of Registers cannot take the memory of the machine.
    pub password_hash_concurrency: usize,
    /// Password hashes that may wait for a free hasher.
    pub password_hash_queue: usize,
}

/// Every resource limit, by name, with a sane default.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest encoded message content (text, metadata or custom data), in bytes.
    pub max_content_bytes: usize,
    /// Most characters of a text message.
    pub max_text_chars: usize,
    /// Most members of a group, owner included.
    pub max_group_members: i64,
    /// Groups up to this size announce a member's presence changes to the other members;
    /// larger ones do not (friends always hear). One connect in a group of n costs n − 1 pushes,
    /// so announcing in large groups turns a reconnect wave into a flood (0: no group
    /// announces presence).
    pub presence_group_max_members: i64,
    /// How long after sending a sender may recall a message.
    pub recall_window_secs: i64,
    /// How long after sending a sender may edit a text message (0: never).
    pub edit_window_secs: i64,
    /// Distinct emoji reactions one message may carry.
    pub max_reactions_per_message: u32,
    /// Reactions one user may put on one message.
    pub max_reactions_per_user: u32,
    /// Messages pinned at once in one conversation.
    pub max_pinned_messages: u32,
    /// Largest gRPC message the server decodes, in bytes.
    pub max_grpc_message_bytes: usize,
    /// Messages a user may send per second, sustained (unary and Chat together; 0: unlimited).
    /// May be a fraction: 0.5 is one message every two seconds.
    pub messages_per_second: f64,
    /// Messages a user may send at once before `messages_per_second` applies.
    pub message_burst: u32,
    /// Friend requests a user may send per minute (0: unlimited).
    pub friend_requests_per_minute: u32,
    /// Login attempts per phone number *from one client address* per minute, against password
    /// guessing (0: unlimited). Keyed on the pair so that strangers failing to log in as someone
    /// cannot lock that person out from their own address.
    pub login_attempts_per_minute: u32,
    /// Login attempts per phone number per minute from all addresses together: the ceiling for
    /// a guesser spread over many addresses (0: unlimited). Well above
    /// `login_attempts_per_minute`, so locking a victim out takes that many attempts a minute.
    pub login_attempts_per_phone_per_minute: u32,
    /// Registrations per client address per minute (0: unlimited): bounds mass account creation
    /// and the password hashing it costs.
    pub registrations_per_address_per_minute: u32,
    /// User searches per user per minute (0: unlimited): exact-phone search must not become a
    /// way to test which numbers have accounts.
    pub searches_per_minute: u32,
    /// Media uploads (CreateUpload) a user may ask for per minute (0: unlimited).
    pub uploads_per_minute: u32,
    /// Typing indicators a user may send per second and conversation (0: unlimited). Extra ones
    /// are dropped without an error: the indicator is already showing.
    pub typing_per_second: u32,
    /// Proxies whose `x-forwarded-for` header names the client (e.g. APISIX's address). From
    /// anyone else the header is ignored and the peer address is the client address, which the
    /// per-address limits count.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// A secret that makes its bearer a trusted proxy as well: gateways with the same
    /// `gateway.proxy_key` send it with their REST calls (at least 16 characters). `easychat
    /// serve` sets a random one shared with its own gateway when both are unset.
    pub proxy_key: Option<String>,
    /// Connections open at once on the gRPC port; past it a new connection is closed as soon as
    /// it is accepted (0: no limit). Keeps a connection flood from exhausting file descriptors;
    /// high enough for a phone per connection (the idle benchmark holds 10,000).
    pub max_connections: usize,
    /// Connections open at once from one client IP address on the gRPC port; past it likewise
    /// (0: no limit). Proxies listed in `trusted_proxies` are exempt (their connections carry
    /// many clients).
    pub max_connections_per_ip: usize,
    /// Seconds a new connection on the gRPC port has to send its first request head (HTTP/1,
    /// grpc-web) or the HTTP/2 preface and SETTINGS; a client that trickles them, or sends
    /// nothing, is disconnected then. (Later HTTP/1 request heads fall under hyper's own 30 s
    /// header timeout, which tonic does not let us set.)
    pub header_read_timeout_secs: u64,
    /// Seconds a call may take until its handler answers (the response headers; streams then
    /// run on): bounds a unary request whose body is trickled (0: no limit). A client's own
    /// shorter `grpc-timeout` still applies.
    pub request_timeout_secs: u64,
    /// HTTP/2 streams (calls) one connection may have open at once, announced as
    /// SETTINGS_MAX_CONCURRENT_STREAMS; further ones are refused. Clients queue calls past it,
    /// so it leaves room for a gateway's shared connections
    /// (`gateway.upstream_streams_per_connection` Chat streams plus their unary calls).
    /// tonic's default is no limit at all.
    pub http2_max_concurrent_streams: u32,
    /// Largest HTTP/2 header list of a request, in bytes (SETTINGS_MAX_HEADER_LIST_SIZE); a
    /// larger one is refused with 431 (HTTP/1 requests are capped by hyper at 100 headers).
    pub http2_max_header_list_bytes: u32,
    /// Streams a client may open and reset before the server has taken them up, on one
    /// connection; past it the connection gets GOAWAY (ENHANCE_YOUR_CALM). Mitigates "rapid
    /// reset" (CVE-2023-44487).
    pub http2_max_pending_accept_reset_streams: usize,
    /// Streams the server may reset because of the client's protocol errors on one connection;
    /// past it the connection gets GOAWAY (ENHANCE_YOUR_CALM). Mitigates "MadeYouReset"
    /// (CVE-2025-8671); tonic's default is no limit.
    pub http2_max_local_error_reset_streams: usize,
    /// Seconds between HTTP/2 keep-alive pings on a connection with nothing to read, to notice
    /// peers that vanished without closing (0: no pings).
    pub http2_keepalive_interval_secs: u64,
    /// Seconds a keep-alive ping may go unanswered before the connection is closed.
    pub http2_keepalive_timeout_secs: u64,
}

/// Live sessions (Chat and Subscribe streams).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RealtimeConfig {
    /// Events a session may have waiting; past it the client is too slow and the session ends
    /// with RESOURCE_EXHAUSTED/SLOW_CONSUMER (the client reconnects and syncs).
    pub session_queue: usize,
    /// A Chat stream with no client frame for this long is closed (clients ping more often).
    pub heartbeat_timeout_secs: u64,
    /// Interval of heartbeat frames on Subscribe streams.
    pub subscribe_heartbeat_secs: u64,
    /// Seconds a session waits for the client to take a frame before giving up on it.
    pub write_timeout_secs: u64,
    /// Group read receipts are merged per conversation and flushed after this many receipts…
    pub receipt_flush_count: usize,
    /// …or this many milliseconds, whichever comes first.
    pub receipt_flush_ms: u64,
    /// Most messages in one sync batch.
    pub max_sync_batch: u64,
    /// Live sessions (Chat and Subscribe streams, WebSockets through the bridge) one user may
    /// have on this node; one more is refused with RESOURCE_EXHAUSTED/TOO_MANY_SESSIONS.
    pub max_sessions_per_user: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StorageConfig {
    /// SQLite `synchronous` setting of the embedded store: `full` survives power loss,
    /// `normal` survives process crashes only.
    pub sqlite_synchronous: SqliteSynchronous,
    /// Connections of the embedded store's read pool.
    pub sqlite_read_connections: u32,
    /// Most message appends and read positions the embedded store commits in one transaction
    /// (group commit); up to four times as many wait for their turn.
    pub sqlite_write_batch: usize,
}

/// Metrics, logs and traces.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ObservabilityConfig {
    /// Address of the Prometheus endpoint (`GET /metrics`), e.g. `0.0.0.0:9464`. Unset: no
    /// metrics listener.
    pub metrics_listen: Option<SocketAddr>,
    /// `text` (human-readable lines) or `json` (one JSON object per line, for log shippers).
    pub log_format: LogFormat,
    /// OTLP/gRPC endpoint of an OpenTelemetry collector, e.g. `http://otel-collector:4317`.
    /// Set: every span (one per RPC and per stream) is exported there too. Unset: no export.
    pub otlp_endpoint: Option<String>,
    /// `service.name` of the exported spans.
    pub otlp_service_name: String,
}

/// How log lines are written to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// `storage.sqlite_synchronous`: when SQLite waits for the disk (its `synchronous` pragma).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SqliteSynchronous {
    /// Every commit is on disk before it is acknowledged: survives power loss.
    Full,
    /// Commits survive a crash of the process, not of the machine.
    Normal,
}

impl Default for ObservabilityConfig {
    fn default() -> Self {
        ObservabilityConfig {
            metrics_listen: None,
            log_format: LogFormat::Text,
            otlp_endpoint: None,
            otlp_service_name: "easychat".to_owned(),
        }
    }
}

/// External backends, one table per system. Each one set replaces the embedded store for the
/// ports it serves; the embedded default serves the rest.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackendsConfig {
    pub mysql: MysqlConfig,
    pub redis: RedisConfig,
    pub kafka: KafkaConfig,
    pub mongo: MongoConfig,
    pub search: SearchConfig,
    pub etcd: EtcdConfig,
    pub social_cache: SocialCacheConfig,
}

/// `[backends.mysql]`: users, token revocations and the social graph.
#[derive(Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MysqlConfig {
    /// MySQL/MariaDB, e.g. `mysql://easychat:easychat@127.0.0.1:3306/easychat`.
    pub url: Option<String>,
    /// Most connections the server keeps to MySQL.
    pub pool: u32,
    /// Create the URL's database if it does not exist, before migrating (needs the CREATE
    /// privilege; meant for development and tests).
    pub create_database: bool,
}

/// `[backends.redis]`: rate limits, token revocations, the seq cache and the presence
/// directory, shared by every node.
#[derive(Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RedisConfig {
    /// e.g. `redis://127.0.0.1:6379`. Unset: in-process limits, and token revocations in the
    /// MySQL or embedded store.
    pub url: Option<String>,
    /// Multiplexed connections the server keeps to Redis (used round-robin).
    pub pool: u32,
    /// Prefix of every Redis key, so deployments (or test servers) can share one Redis.
    pub key_prefix: String,
}

/// `[backends.kafka]`: the message pipeline and the cluster bus.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KafkaConfig {
    /// Bootstrap servers, comma-separated (`host:port,host:port`). Set: accepted messages go
    /// through Kafka (acked once Kafka has them and the consumer stored them); unset: they are
    /// stored directly.
    pub brokers: Option<String>,
    /// Topic of accepted messages, keyed by conversation id.
    pub messages_topic: String,
    /// Consumer group of the nodes that store accepted messages.
    pub consumer_group: String,
    /// Topic every node reads whole: events for live sessions on other nodes, token
    /// revocations, store outcomes for senders waiting on another node (one partition).
    pub bus_topic: String,
    /// Topic of the webhook events waiting for delivery (`webhooks.endpoints`); each endpoint
    /// reads it in a consumer group `<consumer_group>.webhooks.<endpoint name>`.
    pub webhooks_topic: String,
    /// Partitions of the messages and webhooks topics when the server creates them (it creates
    /// them when missing).
    pub partitions: i32,
    /// How long a send waits for Kafka to take a message before failing `UNAVAILABLE`.
    pub send_timeout_ms: u64,
    /// How long a send waits, once Kafka has the message, for the consumer to store it before
    /// failing `UNAVAILABLE` (a retry with the same client_msg_id then returns the stored one).
    pub store_timeout_ms: u64,
    /// Sends one node may have in the pipeline, produced and not yet stored. Past it a send is
    /// refused at once with `RESOURCE_EXHAUSTED`/`PIPELINE_FULL` and a RetryInfo delay, so an
    /// overloaded store slows senders down instead of timing every send out. 8,192 by default:
    /// the consumer stores more per round trip the more it is given at once, and 4,096 refused
    /// half of 8,000 concurrent senders while the store had room (BENCHMARKS.md, "Admission").
    pub max_in_flight: usize,
    /// How long the broker waits to hear from a node's consumer before handing its partitions
    /// to the others: how soon the messages of a node that died are stored again. At least the
    /// broker's `group.min.session.timeout.ms` (6,000 by default); the consumer heartbeats at
    /// a fifth of it.
    pub session_timeout_ms: u64,
}

/// `[backends.mongo]`: messages and conversation state.
#[derive(Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MongoConfig {
    /// e.g. `mongodb://127.0.0.1:27017`. Pool size, timeouts and credentials go in the URL's
    /// options (`?maxPoolSize=50`); the database is `database`, not the URL's path (which only
    /// names the authentication database). Indexes are created at start. Unset: messages in
    /// the embedded store.
    pub url: Option<String>,
    /// The MongoDB database of messages and conversations.
    pub database: String,
}

/// `[backends.search]`: the message search index when messages are in MongoDB.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchConfig {
    /// PostgreSQL (with the `pg_trgm` extension available), e.g.
    /// `postgres://easychat:easychat@127.0.0.1:5432/easychat_search`; the table and its indexes
    /// are created at start. Unset with `backends.mongo.url` set: SearchMessages answers
    /// FAILED_PRECONDITION/SEARCH_UNAVAILABLE. The embedded store indexes its own messages.
    pub url: Option<String>,
}

/// `[backends.etcd]`: the node registry.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EtcdConfig {
    /// Endpoints (`host:port`), e.g. `["127.0.0.1:2379"]`. Empty: a single node, no registry.
    pub endpoints: Vec<String>,
}

/// `[backends.social_cache]`: a node's copies of the social facts every send reads.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SocialCacheConfig {
    /// How long a node keeps a copy of a social fact every send reads (a friendship; a group,
    /// a membership, a group's member ids), in milliseconds; 0 turns the copies off. A copy is
    /// used only while the fact's version (in Redis when `backends.redis.url` is set, else in
    /// process) is the one it was read under, and every change of the fact changes it before
    /// it is acknowledged. With Kafka but no Redis (several nodes, nothing shared to check
    /// against) no copies are kept.
    pub ttl_ms: u64,
    /// Copies a node keeps at most, a group's member ids counting one per member (so the bound
    /// is one of memory: about 80 bytes each); past it they are all dropped and read again.
    pub copies: usize,
}

/// Media uploads (docs/media.md): where the bytes live, and what may be uploaded.
#[derive(Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MediaConfig {
    /// The base URL clients reach this server's gRPC/HTTP port at (`listen`), for the upload
    /// and download URLs of the embedded store, e.g. `https://chat.example.com`. Unset:
    /// `http://<listen>`.
    pub public_url: Option<String>,
    /// An S3-compatible object store for the bytes (pre-signed URLs go straight to it). Unset:
    /// files under `<data_dir>/media`, served by this server through signed URLs.
    pub s3: Option<S3Config>,
    /// How long an upload URL works.
    pub upload_url_ttl_secs: u64,
    /// How long a download URL works.
    pub download_url_ttl_secs: u64,
    /// Bytes one user may have uploaded in all (uploads not completed count until their URL
    /// expires); 0: no quota.
    pub quota_bytes_per_user: i64,
    pub image: MediaKindConfig,
    pub file: MediaKindConfig,
    pub voice: MediaKindConfig,
}

/// What one kind of media may be.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediaKindConfig {
    /// Largest upload, in bytes.
    pub max_bytes: i64,
    /// MIME types allowed (`type/subtype`, or `type/*`); empty: any.
    pub mime_types: Vec<String>,
}

impl MediaKindConfig {
    /// `mime_type` is one of the allowed types.
    pub fn allows(&self, mime_type: &str) -> bool {
        self.mime_types.is_empty()
            || self
                .mime_types
                .iter()
                .any(|allowed| match allowed.strip_suffix("/*") {
                    Some(top) => mime_type
                        .split_once('/')
                        .is_some_and(|(t, sub)| t.eq_ignore_ascii_case(top) && !sub.is_empty()),
                    None => allowed.eq_ignore_ascii_case(mime_type),
                })
    }
}

/// An S3-compatible object store (AWS S3, MinIO, SeaweedFS, …).
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct S3Config {
    /// The endpoint, e.g. `https://s3.eu-west-1.amazonaws.com` or `http://127.0.0.1:8333`.
    pub endpoint: String,
    /// The bucket (created at start when missing).
    pub bucket: String,
    /// The region of the signatures (`us-east-1` for most S3-compatible servers).
    #[serde(default = "default_s3_region")]
    pub region: String,
    pub access_key: String,
    pub secret_key: String,
    /// `https://endpoint/bucket/key` URLs instead of `https://bucket.endpoint/key` (what most
    /// self-hosted servers need).
    #[serde(default)]
    pub path_style: bool,
}

fn default_s3_region() -> String {
    "us-east-1".to_owned()
}

impl Default for MediaConfig {
    fn default() -> Self {
        let kind = |max_bytes: i64, mime_types: &[&str]| MediaKindConfig {
            max_bytes,
            mime_types: mime_types.iter().map(|t| (*t).to_owned()).collect(),
        };
        MediaConfig {
            public_url: None,
            s3: None,
            upload_url_ttl_secs: 15 * 60,
            download_url_ttl_secs: 3600,
            quota_bytes_per_user: 1 << 30,
            image: kind(
                20 << 20,
                &["image/png", "image/jpeg", "image/gif", "image/webp"],
            ),
            file: kind(100 << 20, &[]),
            voice: kind(10 << 20, &["audio/*"]),
        }
    }
}

/// The S3 secret is not shown by Debug.
impl fmt::Debug for MediaConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s3 = self
            .s3
            .as_ref()
            .map(|s3| (&s3.endpoint, &s3.bucket, &s3.region, s3.path_style));
        f.debug_struct("MediaConfig")
            .field("public_url", &self.public_url)
            .field("s3", &s3)
            .field("upload_url_ttl_secs", &self.upload_url_ttl_secs)
            .field("download_url_ttl_secs", &self.download_url_ttl_secs)
            .field("quota_bytes_per_user", &self.quota_bytes_per_user)
            .field("image", &self.image)
            .field("file", &self.file)
            .field("voice", &self.voice)
            .finish()
    }
}

impl MediaConfig {
    fn problems(&self, problems: &mut Vec<String>) {
        if let Some(url) = &self.public_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            problems.push(format!(
                "media.public_url {url:?} must be an http:// or https:// URL"
            ));
        }
        if let Some(s3) = &self.s3 {
            if !(s3.endpoint.starts_with("http://") || s3.endpoint.starts_with("https://")) {
                problems.push(format!(
                    "media.s3.endpoint {:?} must be an http:// or https:// URL",
                    s3.endpoint
                ));
            }
            if s3.bucket.is_empty() || s3.access_key.is_empty() || s3.secret_key.is_empty() {
                problems.push("media.s3 needs bucket, access_key and secret_key".to_owned());
            }
        }
        if self.upload_url_ttl_secs == 0 || self.download_url_ttl_secs == 0 {
            problems.push(
                "media.upload_url_ttl_secs and media.download_url_ttl_secs must be at least 1"
                    .to_owned(),
            );
        }
        for (name, kind) in [
            ("image", &self.image),
            ("file", &self.file),
            ("voice", &self.voice),
        ] {
            if kind.max_bytes < 1 {
                problems.push(format!("media.{name}.max_bytes must be at least 1"));
            }
            for mime in &kind.mime_types {
                if mime
                    .split_once('/')
                    .is_none_or(|(t, sub)| t.is_empty() || sub.is_empty())
                {
                    problems.push(format!(
                        "media.{name}.mime_types: {mime:?} is not type/subtype or type/*"
                    ));
                }
            }
        }
    }
}

/// HTTP callbacks (docs/webhooks.md): `before_send`, asked before a message is stored, and
/// `endpoints`, told after the fact. Nothing configured: no callback, no cost on any path.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebhooksConfig {
    /// Asked synchronously before every message (and every edit) is stored: it may allow it,
    /// reject it or replace its content.
    pub before_send: Option<BeforeSendConfig>,
    /// Endpoints told of what happened, at least once, each with the events it names.
    pub endpoints: Vec<WebhookEndpoint>,
    pub delivery: WebhookDelivery,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BeforeSendConfig {
    /// `http://` or `https://` URL the check is POSTed to.
    pub url: String,
    /// Key of the request's signature (HMAC-SHA256, at least 16 characters).
    pub secret: String,
    /// How long a send waits for the answer.
    #[serde(default = "default_before_send_timeout_ms")]
    pub timeout_ms: u64,
    /// When the endpoint fails (no answer in time, an error status, an answer that cannot be
    /// read): `true` sends the message as it is, `false` refuses it with
    /// UNAVAILABLE/POLICY_UNAVAILABLE.
    #[serde(default)]
    pub fail_open: bool,
}

fn default_before_send_timeout_ms() -> u64 {
    2_000
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookEndpoint {
    /// Unique among the endpoints, `[A-Za-z0-9_-]`: where its deliveries stand is kept under
    /// it, so renaming an endpoint starts it over.
    pub name: String,
    /// `http://` or `https://` URL the events are POSTed to.
    pub url: String,
    /// Key of the signatures (HMAC-SHA256, at least 16 characters).
    pub secret: String,
    /// The event types it receives (docs/webhooks.md): `message.stored`, `message.recalled`,
    /// `friend_request.handled`, `group.members_changed`, `user.online`, `user.offline`,
    /// `offline_message`.
    pub events: Vec<String>,
    /// How long one delivery may take before it counts as failed and is retried.
    #[serde(default = "default_webhook_timeout_ms")]
    pub timeout_ms: u64,
}

fn default_webhook_timeout_ms() -> u64 {
    5_000
}

/// How after-the-fact events are delivered.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebhookDelivery {
    /// First wait before a failed delivery is tried again; it doubles with each failure…
    pub retry_initial_ms: u64,
    /// …up to this.
    pub retry_max_ms: u64,
    /// An event still undelivered this long after it happened is given up (logged and
    /// counted in `easychat_webhook_deliveries_total{outcome="given_up"}`).
    pub give_up_after_secs: u64,
    /// Deliveries one endpoint has in flight at once (they may arrive out of order).
    pub concurrency: usize,
    /// `offline_message` events are gathered per recipient for this long, then sent as one.
    pub offline_batch_ms: u64,
    /// Events recorded and not yet written to the outbox; past it new events are dropped
    /// (logged and counted) rather than taking the memory of the server.
    pub queue: usize,
}

impl Default for WebhookDelivery {
    fn default() -> Self {
        WebhookDelivery {
            retry_initial_ms: 500,
            retry_max_ms: 60_000,
            give_up_after_secs: 24 * 3600,
            concurrency: 8,
            offline_batch_ms: 1_000,
            queue: 100_000,
        }
    }
}

/// Every event type an endpoint may ask for.
pub const WEBHOOK_EVENTS: &[&str] = &[
    "message.stored",
    "message.recalled",
    "friend_request.handled",
    "group.members_changed",
    "user.online",
    "user.offline",
    "offline_message",
];

/// Shortest webhook secret accepted.
pub const MIN_WEBHOOK_SECRET_LEN: usize = 16;

/// Secrets are not shown by Debug.
impl fmt::Debug for WebhooksConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let before_send = self.before_send.as_ref().map(|hook| &hook.url);
        let endpoints: Vec<(&str, &str, &[String])> = self
            .endpoints
            .iter()
            .map(|e| (e.name.as_str(), e.url.as_str(), e.events.as_slice()))
            .collect();
        f.debug_struct("WebhooksConfig")
            .field("before_send", &before_send)
            .field("endpoints", &endpoints)
            .field("delivery", &self.delivery)
            .finish()
    }
}

impl WebhooksConfig {
    fn problems(&self, problems: &mut Vec<String>) {
        let url_ok = |url: &str| url.starts_with("http://") || url.starts_with("https://");
        let secret_ok = |secret: &str| secret.len() >= MIN_WEBHOOK_SECRET_LEN;
        if let Some(hook) = &self.before_send {
            if !url_ok(&hook.url) {
                problems.push(format!(
                    "webhooks.before_send.url {:?} must be an http:// or https:// URL",
                    hook.url
                ));
            }
            if !secret_ok(&hook.secret) {
                problems.push(format!("webhooks.before_send.secret must be at least {MIN_WEBHOOK_SECRET_LEN} characters"));
            }
            if hook.timeout_ms == 0 {
                problems.push("webhooks.before_send.timeout_ms must be at least 1".to_owned());
            }
        }
        let mut names = std::collections::HashSet::new();
        for endpoint in &self.endpoints {
            let name = &endpoint.name;
            if name.is_empty()
                || name.len() > 64
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                problems.push(format!("webhooks.endpoints: the name {name:?} must be 1 to 64 characters of A-Z a-z 0-9 _ -"));
            } else if !names.insert(name) {
                problems.push(format!(
                    "webhooks.endpoints: the name {name:?} is used twice"
                ));
            }
            if !url_ok(&endpoint.url) {
                problems.push(format!(
                    "webhooks.endpoints.{name}.url {:?} must be an http:// or https:// URL",
                    endpoint.url
                ));
            }
            if !secret_ok(&endpoint.secret) {
                problems.push(format!("webhooks.endpoints.{name}.secret must be at least {MIN_WEBHOOK_SECRET_LEN} characters"));
            }
            if endpoint.events.is_empty() {
                problems.push(format!("webhooks.endpoints.{name}.events names no event"));
            }
            for event in &endpoint.events {
                if !WEBHOOK_EVENTS.contains(&event.as_str()) {
                    problems.push(format!(
                        "webhooks.endpoints.{name}.events: unknown event {event:?} (known: {})",
                        WEBHOOK_EVENTS.join(", ")
                    ));
                }
            }
            if endpoint.timeout_ms == 0 {
                problems.push(format!(
                    "webhooks.endpoints.{name}.timeout_ms must be at least 1"
                ));
            }
        }
        let delivery = &self.delivery;
        if delivery.retry_initial_ms == 0 || delivery.retry_max_ms < delivery.retry_initial_ms {
            problems.push("webhooks.delivery: retry_initial_ms must be at least 1 and retry_max_ms at least retry_initial_ms".to_owned());
        }
        if delivery.concurrency == 0 || delivery.queue == 0 {
            problems.push("webhooks.delivery: concurrency and queue must be at least 1".to_owned());
        }
    }

    /// Some endpoint wants `event`.
    pub fn wants(&self, event: &str) -> bool {
        self.endpoints
            .iter()
            .any(|e| e.events.iter().any(|x| x == event))
    }
}

/// This node's place in a cluster: its registration in etcd (`backends.etcd.endpoints`) and the
/// refresh of its sessions in the Redis presence directory (`backends.redis.url`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClusterConfig {
    /// This node's id in the registry and the presence directory. Unset: a new one is generated
    /// at every start (a restarted node is a new node; its old sessions expire by TTL).
    pub node_id: Option<String>,
    /// The gRPC address other nodes and gateways reach this node at. Unset: the address the
    /// gRPC listener actually bound (set it when listening on 0.0.0.0 or behind NAT).
    pub advertise_addr: Option<String>,
    /// Seconds the registration outlives this node's last keep-alive: a crashed node leaves
    /// the node set this long after it stopped (keep-alives go every third of it).
    pub lease_ttl_secs: u64,
    /// Prefix of the registry's keys in etcd; nodes register under `<prefix>nodes/<node_id>`.
    pub etcd_prefix: String,
    /// How often a node refreshes its live sessions in the Redis presence directory, in
    /// milliseconds. A session not refreshed for three intervals counts as gone (so the
    /// sessions of a crashed node expire and their users show offline).
    pub presence_refresh_ms: u64,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            node_id: None,
            advertise_addr: None,
            lease_ttl_secs: 10,
            etcd_prefix: "/easychat/".to_owned(),
            presence_refresh_ms: 10_000,
        }
    }
}

impl Default for MysqlConfig {
    fn default() -> Self {
        MysqlConfig {
            url: None,
            pool: 10,
            create_database: false,
        }
    }
}

impl Default for RedisConfig {
    fn default() -> Self {
        RedisConfig {
            url: None,
            pool: 16,
            key_prefix: "easychat:".to_owned(),
        }
    }
}

impl Default for KafkaConfig {
    fn default() -> Self {
        KafkaConfig {
            brokers: None,
            messages_topic: "easychat.messages.v1".to_owned(),
            consumer_group: "easychat-store".to_owned(),
            bus_topic: "easychat.bus.v1".to_owned(),
            webhooks_topic: "easychat.webhooks.v1".to_owned(),
            partitions: 8,
            send_timeout_ms: 5_000,
            store_timeout_ms: 10_000,
            max_in_flight: 8_192,
            session_timeout_ms: 10_000,
        }
    }
}

impl Default for MongoConfig {
    fn default() -> Self {
        MongoConfig {
            url: None,
            database: "easychat".to_owned(),
        }
    }
}

impl Default for SocialCacheConfig {
    fn default() -> Self {
        SocialCacheConfig {
            ttl_ms: 5_000,
            copies: 100_000,
        }
    }
}

// Backend URLs carry passwords: Debug shows them without.
impl fmt::Debug for MysqlConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MysqlConfig")
            .field("url", &self.url.as_deref().map(redact_password))
            .field("pool", &self.pool)
            .field("create_database", &self.create_database)
            .finish()
    }
}

impl fmt::Debug for RedisConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisConfig")
            .field("url", &self.url.as_deref().map(redact_password))
            .field("pool", &self.pool)
            .field("key_prefix", &self.key_prefix)
            .finish()
    }
}

impl fmt::Debug for MongoConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MongoConfig")
            .field("url", &self.url.as_deref().map(redact_password))
            .field("database", &self.database)
            .finish()
    }
}

impl fmt::Debug for SearchConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchConfig")
            .field("url", &self.url.as_deref().map(redact_password))
            .finish()
    }
}

/// `scheme://user:password@host/…` → `scheme://user:***@host/…`; other strings unchanged.
pub fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_owned();
    };
    match rest[..at].split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[at..]),
        None => url.to_owned(),
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 50051)),
            ws_listen: SocketAddr::from(([127, 0, 0, 1], 10090)),
            data_dir: PathBuf::from("data"),
            shutdown_grace_secs: 10,
            auth: AuthConfig::default(),
            limits: Limits::default(),
            storage: StorageConfig::default(),
            realtime: RealtimeConfig::default(),
            gateway: easychat_gateway::GatewayConfig {
                web_root: Some(PathBuf::from("web/dist")),
                ..Default::default()
            },
            backends: BackendsConfig::default(),
            observability: ObservabilityConfig::default(),
            cluster: ClusterConfig::default(),
            webhooks: WebhooksConfig::default(),
            media: MediaConfig::default(),
        }
    }
}

impl Default for RealtimeConfig {
    fn default() -> Self {
        RealtimeConfig {
            session_queue: 1024,
            heartbeat_timeout_secs: 90,
            subscribe_heartbeat_secs: 15,
            write_timeout_secs: 30,
            receipt_flush_count: 50,
            receipt_flush_ms: 500,
            max_sync_batch: 500,
            max_sessions_per_user: 16,
        }
    }
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            jwt_secret: None,
            token_ttl_secs: 7 * 24 * 3600,
            password_hash_concurrency: 0,
            password_hash_queue: 64,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_content_bytes: 16 * 1024,
            max_text_chars: 4096,
            max_group_members: 2000,
            presence_group_max_members: 200,
            recall_window_secs: 120,
            edit_window_secs: 900,
            max_reactions_per_message: 20,
            max_reactions_per_user: 10,
            max_pinned_messages: 10,
            max_grpc_message_bytes: 4 * 1024 * 1024,
            messages_per_second: 20.0,
            message_burst: 50,
            friend_requests_per_minute: 10,
            login_attempts_per_minute: 10,
            login_attempts_per_phone_per_minute: 100,
            registrations_per_address_per_minute: 30,
            searches_per_minute: 30,
            typing_per_second: 2,
            uploads_per_minute: 30,
            trusted_proxies: Vec::new(),
            proxy_key: None,
            max_connections: 50_000,
            max_connections_per_ip: 1024,
            header_read_timeout_secs: 10,
            request_timeout_secs: 60,
            http2_max_concurrent_streams: 1024,
            http2_max_header_list_bytes: 16 * 1024,
            http2_max_pending_accept_reset_streams: 20,
            http2_max_local_error_reset_streams: 1024,
            http2_keepalive_interval_secs: 30,
            http2_keepalive_timeout_secs: 10,
        }
    }
}

impl Default for StorageConfig {
    fn default() -> Self {
        StorageConfig {
            sqlite_synchronous: SqliteSynchronous::Full,
            sqlite_read_connections: 4,
            sqlite_write_batch: 256,
        }
    }
}

/// Whether an environment key (prefix removed, `__` already turned into `.`) belongs to one of
/// the config's `sections`. The key still has the variable's case here: figment lowercases keys
/// only after filtering.
fn names_a_section(key: &str, sections: &[String]) -> bool {
    let section = key.split('.').next().unwrap_or_default();
    sections
        .iter()
        .any(|known| known.eq_ignore_ascii_case(section))
}

impl Config {
    /// Defaults, overridden by `file` (when given), then by `EASYCHAT_*` variables.
    pub fn load(file: Option<&Path>) -> Result<Config, Box<figment::Error>> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            figment = figment.merge(Toml::file_exact(file));
        }
        // Only variables naming a config section are ours: EASYCHAT_ is also the prefix of
        // variables of the tooling around the server (scripts, tests), which must not be
        // rejected as unknown keys.
        let sections: Vec<String> = match figment::value::Value::serialize(Config::default()) {
            Ok(figment::value::Value::Dict(_, dict)) => dict.into_keys().collect(),
            _ => Vec::new(),
        };
        let env = Env::prefixed("EASYCHAT_")
            .split("__")
            .filter(move |key| names_a_section(key.as_str(), &sections));
        figment
            .merge(env)
            .extract()
            .map_err(|error| Box::new(with_moved_key_hint(error)))
    }
}

/// The keys of `[backends]` before they were grouped per system, and where each went: a file
/// or variable still using one is told its new name, not only "unknown field".
const MOVED_BACKENDS_KEYS: &[(&str, &str)] = &[
    ("mysql_url", "backends.mysql.url"),
    ("mysql_pool", "backends.mysql.pool"),
    ("mysql_create_database", "backends.mysql.create_database"),
    ("redis_url", "backends.redis.url"),
    ("redis_pool", "backends.redis.pool"),
    ("redis_key_prefix", "backends.redis.key_prefix"),
    ("kafka_brokers", "backends.kafka.brokers"),
    ("kafka_messages_topic", "backends.kafka.messages_topic"),
    ("kafka_consumer_group", "backends.kafka.consumer_group"),
    ("kafka_bus_topic", "backends.kafka.bus_topic"),
    ("kafka_webhooks_topic", "backends.kafka.webhooks_topic"),
    ("kafka_partitions", "backends.kafka.partitions"),
    ("kafka_send_timeout_ms", "backends.kafka.send_timeout_ms"),
    ("kafka_store_timeout_ms", "backends.kafka.store_timeout_ms"),
    ("kafka_max_in_flight", "backends.kafka.max_in_flight"),
    ("mongo_url", "backends.mongo.url"),
    ("mongo_database", "backends.mongo.database"),
    ("search_url", "backends.search.url"),
    ("etcd_endpoints", "backends.etcd.endpoints"),
    ("social_cache_ttl_ms", "backends.social_cache.ttl_ms"),
    ("social_cache_copies", "backends.social_cache.copies"),
];

fn with_moved_key_hint(mut error: figment::Error) -> figment::Error {
    if let figment::error::Kind::UnknownField(field, _) = &error.kind {
        // The path ends with the unknown key itself: `backends.kafka_brokers`.
        let in_backends = error.path.len() >= 2 && error.path[error.path.len() - 2] == "backends";
        if let Some((_, moved_to)) = MOVED_BACKENDS_KEYS
            .iter()
            .find(|(old, _)| in_backends && old == field)
        {
            error.kind = figment::error::Kind::Message(format!(
                "unknown field `{field}`: it is `{moved_to}` now (the backends keys are grouped \
                 per system; in the environment EASYCHAT_{})",
                moved_to.to_uppercase().replace('.', "__")
            ));
        }
    }
    error
}

/// Shortest `limits.proxy_key` / `gateway.proxy_key` accepted.
pub const MIN_PROXY_KEY_LEN: usize = 16;

/// The most `backends.kafka.max_in_flight` may be: far past what any store works off within
/// the store timeout.
pub const MAX_KAFKA_IN_FLIGHT: usize = 1_000_000;

impl Config {
    /// Checks what the types cannot, reporting every problem at once (one per line) so a
    /// wrong file is fixed in one go. `App::open` calls it before opening anything.
    pub fn validate(&self) -> anyhow::Result<()> {
        let mut problems: Vec<String> = Vec::new();
        if let Some(id) = &self.cluster.node_id
            && (id.is_empty() || !id.chars().all(|c| c.is_ascii_graphic() && c != '/'))
        {
            problems.push(format!(
                "cluster.node_id {id:?} must be non-empty printable ASCII without spaces or '/'"
            ));
        }
        if let Some(secret) = &self.auth.jwt_secret
            && let Err(error) = check_secret(secret)
        {
            problems.push(format!("auth.jwt_secret: {error}"));
        }
        for (name, key) in [
            ("limits.proxy_key", &self.limits.proxy_key),
            ("gateway.proxy_key", &self.gateway.proxy_key),
        ] {
            if let Some(key) = key
                && (key.len() < MIN_PROXY_KEY_LEN || !key.chars().all(|c| c.is_ascii_graphic()))
            {
                problems.push(format!(
                    "{name} must be at least {MIN_PROXY_KEY_LEN} printable ASCII characters \
                     (it is a secret that makes its bearer's x-forwarded-for believed)"
                ));
            }
        }
        for (name, value) in [
            (
                "limits.max_reactions_per_message",
                self.limits.max_reactions_per_message,
            ),
            (
                "limits.max_reactions_per_user",
                self.limits.max_reactions_per_user,
            ),
            (
                "limits.max_pinned_messages",
                self.limits.max_pinned_messages,
            ),
        ] {
            if value == 0 {
                problems.push(format!("{name} must be at least 1"));
            }
        }
        let backends = &self.backends;
        if backends.social_cache.ttl_ms > 0 && backends.social_cache.copies == 0 {
            problems.push(
                "backends.social_cache.copies must be at least 1 while backends.social_cache.ttl_ms \
                 is set (or set the TTL to 0 to keep no copies)"
                    .to_owned(),
            );
        }
        if !(1..=MAX_KAFKA_IN_FLIGHT).contains(&backends.kafka.max_in_flight) {
            problems.push(format!(
                "backends.kafka.max_in_flight must be between 1 and {MAX_KAFKA_IN_FLIGHT} (it is {})",
                backends.kafka.max_in_flight
            ));
        }
        if backends.kafka.session_timeout_ms < 1_000 {
            problems.push(format!(
                "backends.kafka.session_timeout_ms must be at least 1000 (it is {})",
                backends.kafka.session_timeout_ms
            ));
        }
        if backends.kafka.partitions < 1 {
            problems.push(format!(
                "backends.kafka.partitions must be at least 1 (it is {})",
                backends.kafka.partitions
            ));
        }
        self.webhooks.problems(&mut problems);
        self.media.problems(&mut problems);
        let database = &backends.mongo.database;
        if database.is_empty()
            || database.len() > 63
            || database
                .chars()
                .any(|c| matches!(c, '/' | '\\' | '.' | ' ' | '"' | '$' | '\0'))
        {
            // MongoDB refuses these names; said at start rather than at the first write.
            problems.push(format!(
                "backends.mongo.database {database:?} must be 1 to 63 bytes without / \\ . space \" $"
            ));
        }
        anyhow::ensure!(
            problems.is_empty(),
            "invalid configuration:\n  {}",
            problems.join("\n  ")
        );
        Ok(())
    }
}

/// Words of the example values shipped in docs and `.env.example` files.
const PLACEHOLDER_WORDS: &[&str] = &[
    "change-me",
    "changeme",
    "replace-me",
    "placeholder",
    "example",
];

/// Refuses secrets too short, made of too few distinct characters, or copied from an example.
pub fn check_secret(secret: &str) -> anyhow::Result<()> {
    anyhow::ensure!(
        secret.len() >= 32,
        "the JWT secret is {} characters long: at least 32 are required",
        secret.len()
    );
    let lower = secret.to_ascii_lowercase();
    if let Some(word) = PLACEHOLDER_WORDS.iter().find(|w| lower.contains(*w)) {
        anyhow::bail!("the JWT secret contains {word:?}: it is an example value, not a secret");
    }
    let distinct: std::collections::HashSet<char> = secret.chars().collect();
    anyhow::ensure!(
        distinct.len() >= 8,
        "the JWT secret uses only {} distinct characters: use random ones (e.g. `openssl rand -hex 32`)",
        distinct.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_and_example_secrets_are_refused() {
        assert!(check_secret("").is_err());
        assert!(check_secret("short").is_err());
        assert!(check_secret("change-me-to-at-least-32-random-characters").is_err());
        assert!(check_secret(&"a".repeat(64)).is_err());
        assert!(check_secret("abababababababababababababababababab").is_err());
        check_secret("3f9c1e0b7a5d4c2e8f6a1b3c5d7e9f0a").expect("random hex passes");
    }

    #[test]
    fn validate_reports_every_problem_at_once() {
        let mut config = Config::default();
        config.validate().expect("the defaults are valid");
        config.cluster.node_id = Some("node/1".to_owned());
        config.auth.jwt_secret = Some("change-me".to_owned());
        config.backends.kafka.max_in_flight = 0;
        config.backends.kafka.partitions = 0;
        config.backends.kafka.session_timeout_ms = 10;
        config.backends.mongo.database = "a.b".to_owned();
        let report = config.validate().expect_err("invalid").to_string();
        for key in [
            "cluster.node_id",
            "auth.jwt_secret",
            "backends.kafka.max_in_flight",
            "backends.kafka.partitions",
            "backends.kafka.session_timeout_ms",
            "backends.mongo.database",
        ] {
            assert!(report.contains(key), "{key} missing from: {report}");
        }
    }

    #[test]
    fn webhook_mistakes_are_named() {
        let endpoint = |name: &str, url: &str, secret: &str, events: &[&str]| WebhookEndpoint {
            name: name.to_owned(),
            url: url.to_owned(),
            secret: secret.to_owned(),
            events: events.iter().map(|e| (*e).to_owned()).collect(),
            timeout_ms: 1_000,
        };
        let mut config = Config::default();
        let good = endpoint(
            "crm",
            "https://crm.internal/hook",
            "0123456789abcdef",
            WEBHOOK_EVENTS,
        );
        config.webhooks.endpoints = vec![good.clone()];
        config.validate().expect("a good endpoint");
        config.webhooks.endpoints = vec![
            good.clone(),
            good,
            endpoint("bad name", "ftp://x", "short", &["message.sent"]),
            endpoint("quiet", "http://x", "0123456789abcdef", &[]),
        ];
        config.webhooks.before_send = Some(BeforeSendConfig {
            url: "localhost:9000".to_owned(),
            secret: "0123456789abcdef".to_owned(),
            timeout_ms: 1_000,
            fail_open: false,
        });
        let report = config.validate().expect_err("invalid").to_string();
        for problem in [
            "\"crm\" is used twice",
            "the name \"bad name\"",
            "ftp://x",
            "bad name.secret must be at least 16",
            "unknown event \"message.sent\"",
            "quiet.events names no event",
            "webhooks.before_send.url",
        ] {
            assert!(report.contains(problem), "{problem} missing from: {report}");
        }
    }

    #[test]
    fn environment_keys_match_sections_whatever_their_case() {
        let sections = vec!["backends".to_owned(), "listen".to_owned()];
        assert!(names_a_section("BACKENDS.MYSQL_URL", &sections));
        assert!(names_a_section("LISTEN", &sections));
        assert!(names_a_section("backends.mysql.pool", &sections));
        assert!(!names_a_section("TEST_CONFIG", &sections));
    }

    #[test]
    fn the_message_rate_is_read_from_integers_and_fractions() {
        for (toml, expected) in [("20", 20.0), ("0", 0.0), ("0.5", 0.5)] {
            let config: Config = Figment::from(Serialized::defaults(Config::default()))
                .merge(Toml::string(&format!(
                    "[limits]\nmessages_per_second = {toml}"
                )))
                .extract()
                .expect("the configuration loads");
            assert_eq!(config.limits.messages_per_second, expected, "{toml}");
        }
        // Environment variables are strings: figment reads "20" as an integer.
        let config: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Serialized::default(
                "limits.messages_per_second",
                figment::value::Value::from("20".parse::<u32>().expect("an integer")),
            ))
            .extract()
            .expect("the configuration loads");
        assert_eq!(config.limits.messages_per_second, 20.0);
    }

    #[test]
    fn backend_urls_are_shown_without_their_password() {
        assert_eq!(
            redact_password("mysql://easychat:s3cr@t@db:3306/easychat"),
            "mysql://easychat:***@db:3306/easychat"
        );
        assert_eq!(
            redact_password("mysql://db:3306/easychat"),
            "mysql://db:3306/easychat"
        );
        let mut config = BackendsConfig::default();
        config.mysql.url = Some("mysql://u:hunter2@h/d".to_owned());
        config.redis.url = Some("redis://u:hunter2@h:6379".to_owned());
        config.mongo.url = Some("mongodb://u:hunter2@h:27017/?authSource=admin".to_owned());
        config.search.url = Some("postgres://u:hunter2@h:5432/s".to_owned());
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("mongodb://u:***@h:27017"), "{shown}");
    }

    #[test]
    fn observability_is_off_unless_configured() {
        let config = Config::default();
        assert_eq!(config.observability.metrics_listen, None);
        assert_eq!(config.observability.log_format, LogFormat::Text);
        assert_eq!(config.observability.otlp_endpoint, None);

        let config: Config = figment::Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string(
                "[observability]\nmetrics_listen = \"127.0.0.1:9464\"\nlog_format = \"json\"",
            ))
            .extract()
            .expect("valid observability section");
        assert_eq!(
            config.observability.metrics_listen,
            Some(SocketAddr::from(([127, 0, 0, 1], 9464)))
        );
        assert_eq!(config.observability.log_format, LogFormat::Json);

        let unknown = figment::Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string("[observability]\nlog_format = \"yaml\""))
            .extract::<Config>();
        assert!(unknown.is_err(), "only text and json are log formats");
    }

    #[test]
    fn backends_section_is_optional_and_strict() {
        let config: Config = figment::Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string("[backends.mysql]\nurl = \"mysql://h/d\""))
            .extract()
            .expect("valid backends section");
        assert_eq!(config.backends.mysql.url.as_deref(), Some("mysql://h/d"));
        assert_eq!(config.backends.mysql.pool, 10);
        assert!(!config.backends.mysql.create_database);
        assert_eq!(config.backends.redis.url, None);
        assert_eq!(config.backends.redis.pool, 16);
        assert_eq!(config.backends.redis.key_prefix, "easychat:");
        assert_eq!(config.backends.mongo.url, None);
        assert_eq!(config.backends.mongo.database, "easychat");
        assert!(config.backends.etcd.endpoints.is_empty());

        let unknown = figment::Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string("[backends.mysql]\nuri = \"mysql://h/d\""))
            .extract::<Config>();
        assert!(unknown.is_err(), "unknown backends keys are refused");
    }

    #[test]
    fn sqlite_synchronous_is_full_or_normal_when_the_file_is_read() {
        let load = |value: &str| {
            figment::Figment::from(Serialized::defaults(Config::default()))
                .merge(Toml::string(&format!(
                    "[storage]\nsqlite_synchronous = \"{value}\""
                )))
                .extract::<Config>()
                .map_err(|e| e.to_string())
        };
        assert_eq!(
            load("normal").expect("normal").storage.sqlite_synchronous,
            SqliteSynchronous::Normal
        );
        assert_eq!(
            Config::default().storage.sqlite_synchronous,
            SqliteSynchronous::Full
        );
        let refused = load("off").expect_err("off is not offered");
        assert!(
            refused.contains("full") && refused.contains("normal"),
            "{refused}"
        );
    }

    #[test]
    fn a_backends_key_from_before_the_grouping_is_refused_with_its_new_name() {
        let dir = std::env::temp_dir().join(format!("easychat-moved-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("old.toml");
        std::fs::write(&file, "[backends]\nkafka_brokers = \"127.0.0.1:9092\"\n").expect("write");
        let error = Config::load(Some(&file)).expect_err("an old key is refused");
        let message = error.to_string();
        assert!(message.contains("backends.kafka.brokers"), "{message}");
        assert!(
            message.contains("EASYCHAT_BACKENDS__KAFKA__BROKERS"),
            "{message}"
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn cluster_section_defaults_and_overrides() {
        let config: Config = figment::Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string(
                "[backends.etcd]\nendpoints = [\"127.0.0.1:2379\"]\n\
                 [cluster]\nnode_id = \"n1\"\nlease_ttl_secs = 3",
            ))
            .extract()
            .expect("valid cluster section");
        assert_eq!(config.backends.etcd.endpoints, ["127.0.0.1:2379"]);
        assert_eq!(config.cluster.node_id.as_deref(), Some("n1"));
        assert_eq!(config.cluster.lease_ttl_secs, 3);
        assert_eq!(config.cluster.advertise_addr, None);
        assert_eq!(config.cluster.etcd_prefix, "/easychat/");
        assert_eq!(config.cluster.presence_refresh_ms, 10_000);
    }

    #[test]
    fn shipped_profiles_load() {
        let profiles = Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/config");
        for name in ["embedded.toml", "single-node.toml", "cluster.toml"] {
            let loaded = figment::Figment::from(Serialized::defaults(Config::default()))
                .merge(Toml::file_exact(profiles.join(name)))
                .extract::<Config>();
            assert!(loaded.is_ok(), "{name}: {loaded:?}");
        }
    }
}
