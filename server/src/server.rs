//! Assembles the server: stores → domain services → gRPC services behind the auth layer,
//! with reflection, health and grpc-web on the same port, and the metrics listener when
//! configured; runs until shutdown, then drains.

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use easychat_gateway::listener::{ConnectionLimits, GuardedListener};
use easychat_proto::im::v1::im_service_server::ImServiceServer;
use easychat_proto::media::v1::media_service_server::MediaServiceServer;
use easychat_proto::social::v1::social_service_server::SocialServiceServer;
use easychat_proto::user::v1::user_service_server::UserServiceServer;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tonic::transport::Server;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::api::auth::AuthLayer;
use crate::api::client_address::TrustedProxies;
use crate::api::plain_http::PlainHttpLayer;
use crate::api::{im::ImApi, media::MediaApi, social::SocialApi, streams::ImRoutes, user::UserApi};
use crate::cluster::registry::{NodeInfo, Registry, RegistryOptions};
use crate::config::{BackendsConfig, Config, Limits, check_secret, redact_password};
use crate::domain::accounts::Accounts;
use crate::domain::media::MediaLibrary;
use crate::domain::messaging::{Messaging, MessagingStores};
use crate::domain::model::now_millis;
use crate::domain::passwords::Passwords;
use crate::domain::ports::{
    BlobStore, CacheVersions, EventOutbox, EventSink, MediaStore, MessageLog, MessageStore,
    PinStore, Presence, RateLimiter, ReactionStore, SearchIndex, SeqCache, SessionRevoker,
    SocialStore, TokenRevocations, UserStore,
};
use crate::domain::social::Social;
use crate::domain::tokens::TokenIssuer;
use crate::observability::Metrics;
use crate::observability::events::CountingSink;
use crate::observability::http::MetricsServer;
use crate::observability::rpc::RpcMetricsLayer;
use crate::pipeline::DirectLog;
use crate::pipeline::kafka::{KafkaPipeline, PipelineStores};
use crate::realtime::hub::Hub;
use crate::realtime::session::Sessions;
use crate::store::blobs::local::{LocalBlobs, MediaFiles};
use crate::store::blobs::s3::S3Blobs;
use crate::store::cached_social::CachedSocialStore;
use crate::store::kafka_outbox::KafkaOutbox;
use crate::store::memory::{LocalPresence, LocalRateLimiter, LocalSeqCache, LocalVersions};
use crate::store::mongo::MongoStore;
use crate::store::mysql::MysqlStore;
use crate::store::postgres::{IndexedMessages, PgSearch};
use crate::store::redis::{
    Redis, RedisPresence, RedisRateLimiter, RedisRevocations, RedisSeqCache, RedisVersions,
};
use crate::store::sqlite::SqliteStore;
use crate::webhooks::{self, Webhooks};

/// The domain services wired to their stores.
#[derive(Clone)]
pub struct App {
    pub accounts: Accounts,
    pub social: Social,
    pub messaging: Messaging,
    pub presence: Arc<dyn Presence>,
    pub hub: Hub,
    pub sessions: Arc<Sessions>,
    pub metrics: Arc<Metrics>,
    pipeline: Option<KafkaPipeline>,
    mongo: Option<MongoStore>,
    /// The search index beside MongoDB (`backends.search.url`).
    search: Option<PgSearch>,
    /// This node's id in the cluster (`cluster.node_id`, or generated once per process).
    pub node_id: String,
    /// The node registry, when `backends.etcd.endpoints` names one (see `join_cluster`).
    pub cluster: Option<Arc<Registry>>,
    store: SqliteStore,
    mysql: Option<MysqlStore>,
    /// The Redis presence directory, whose refresh task `close` stops.
    redis_presence: Option<Arc<RedisPresence>>,
    /// After-the-fact webhooks, when endpoints are configured.
    webhooks: Option<Webhooks>,
    pub media: MediaLibrary,
    /// The embedded blob store's files, served on the gRPC port (none with `media.s3`).
    pub media_files: Option<MediaFiles>,
}

impl App {
    /// Opens the Chat sessions of a WebSocket gateway running in this process, without gRPC.
    pub fn in_process_chat(&self) -> Arc<dyn easychat_gateway::InProcessChat> {
        Arc::new(crate::api::in_process::InProcessSessions {
            accounts: self.accounts.clone(),
            sessions: self.sessions.clone(),
        })
    }

    pub async fn open(config: &Config) -> anyhow::Result<App> {
        config.validate()?;
        let Backends {
            store,
            mysql,
            redis,
            mongo,
            search,
        } = Backends::open(config).await?;
        let node_id = node_id(config)?;
        // After the embedded store, which creates the data directory (owner only) where a
        // generated secret is kept.
        let secret = jwt_secret(config)?;
        let (blobs, media_files) = open_blobs(config, &secret).await?;
        let tokens = TokenIssuer::new(&secret, config.auth.token_ttl_secs);
        let shared = Arc::new(store.clone());
        // Users, revocations and the social graph live in MySQL when it is configured, messages
        // and conversations in MongoDB; the embedded store serves what is not configured.
        let (users, mut revocations, graph): (
            Arc<dyn UserStore>,
            Arc<dyn TokenRevocations>,
            Arc<dyn SocialStore>,
        ) = match &mysql {
            Some(mysql) => {
                let tables = Arc::new(mysql.tables());
                (tables.clone(), tables.clone(), tables)
            }
            None => {
                let tables = Arc::new(store.tables());
                (tables.clone(), tables.clone(), tables)
            }
        };
        let graph = with_social_copies(graph, &config.backends, redis.as_ref());
        // Rate limits and revocations are shared through Redis when it is configured.
        let limiter: Arc<dyn RateLimiter> = match &redis {
            Some(redis) => {
                revocations = Arc::new(RedisRevocations::new(redis.clone()));
                Arc::new(RedisRateLimiter::new(redis.clone(), &config.limits))
            }
            None => Arc::new(LocalRateLimiter::new(&config.limits)),
        };
        // The embedded store indexes its own messages for search; MongoDB's are indexed by
        // `IndexedMessages` in front of it, when a search index is configured.
        let (messages, search_index): (Arc<dyn MessageStore>, Option<Arc<dyn SearchIndex>>) =
            match (&mongo, &search) {
                (Some(mongo), Some(search)) => (
                    Arc::new(IndexedMessages::new(
                        Arc::new(mongo.clone()),
                        search.clone(),
                    )),
                    Some(Arc::new(search.clone())),
                ),
                (Some(mongo), None) => (Arc::new(mongo.clone()), None),
                (None, _) => (shared, Some(Arc::new(store.clone()))),
            };
        // Presence is shared through Redis when it is configured (sessions refreshed by their
        // node, so a dead node's users go offline); else it is this node's alone.
        let (presence, redis_presence): (Arc<dyn Presence>, _) = match &redis {
            Some(redis) => {
                let refresh = Duration::from_millis(config.cluster.presence_refresh_ms);
                let directory = Arc::new(RedisPresence::start(redis.clone(), &node_id, refresh));
                (directory.clone(), Some(directory))
            }
            None => (Arc::new(LocalPresence::new(&node_id)), None),
        };
        let realtime = &config.realtime;
        let hub = Hub::start(
            presence.clone(),
            realtime.session_queue,
            realtime.max_sessions_per_user,
            realtime.receipt_flush_count,
            realtime.receipt_flush_ms,
        );
        let metrics = Metrics::new();
        metrics.report_sessions_with({
            let hub = hub.clone();
            move || hub.session_stats()
        });
        let webhooks = match config.webhooks.endpoints.is_empty() {
            true => None,
            false => {
                let outbox = open_outbox(config, &store).await?;
                let readers = webhooks::Readers {
                    presence: presence.clone(),
                    users: users.clone(),
                    messages: messages.clone(),
                };
                Webhooks::start(&config.webhooks, outbox, readers, metrics.clone())
            }
        };
        // Every event the domain publishes passes the webhooks on its way to the sessions.
        let tap = |sink: Arc<dyn EventSink>| match &webhooks {
            Some(webhooks) => webhooks.tap(sink),
            None => sink,
        };
        let pipeline = match &config.backends.kafka.brokers {
            Some(brokers) => {
                let started = KafkaPipeline::start(
                    &config.backends.kafka,
                    brokers,
                    &node_id,
                    PipelineStores {
                        store: messages.clone(),
                        graph: graph.clone(),
                    },
                    hub.clone(),
                    metrics.clone(),
                    &tap,
                );
                let context = || format!("starting the Kafka pipeline at {brokers}");
                Some(started.await.with_context(context)?)
            }
            None => None,
        };
        // With Kafka, events and revocations also reach the sessions of every other node.
        let (events, revoker): (Arc<dyn EventSink>, Arc<dyn SessionRevoker>) = match &pipeline {
            Some(pipeline) => {
                let cluster = Arc::new(pipeline.cluster_events());
                (tap(cluster.clone()), cluster)
            }
            None => (tap(Arc::new(hub.clone())), Arc::new(hub.clone())),
        };
        let accounts = Accounts::new(
            users,
            revocations,
            graph.clone(),
            revoker,
            limiter.clone(),
            tokens,
            Passwords::new(
                config.auth.password_hash_concurrency,
                config.auth.password_hash_queue,
            ),
        );
        let social = Social::new(
            accounts.clone(),
            graph,
            messages.clone(),
            presence.clone(),
            limiter.clone(),
            config.limits.clone(),
        );
        let social = match &webhooks {
            Some(webhooks) => social.with_notices(Arc::new(webhooks.clone())),
            None => social,
        };
        let log: Arc<dyn MessageLog> = match &pipeline {
            Some(pipeline) => Arc::new(pipeline.clone()),
            None => Arc::new(DirectLog(messages.clone())),
        };
        let (reactions, pins): (Arc<dyn ReactionStore>, Arc<dyn PinStore>) = match &mongo {
            Some(mongo) => (Arc::new(mongo.clone()), Arc::new(mongo.clone())),
            None => (Arc::new(store.clone()), Arc::new(store.clone())),
        };
        let stores_messages = messages.clone();
        let limiter_for_media = limiter.clone();
        let stores = MessagingStores {
            messages,
            reactions,
            pins,
            search: search_index,
        };
        let messaging = Messaging::new(
            stores,
            log,
            social.clone(),
            Arc::new(CountingSink::new(events.clone(), metrics.clone())),
            limiter,
            config.limits.clone(),
        );
        let messaging = match webhooks::policy(&config.webhooks) {
            Some(policy) => messaging.with_policy(policy),
            None => messaging,
        };
        let media_store: Arc<dyn MediaStore> = match &mongo {
            Some(mongo) => Arc::new(mongo.clone()),
            None => Arc::new(store.clone()),
        };
        let media = MediaLibrary::new(
            media_store,
            blobs,
            stores_messages,
            limiter_for_media,
            config.media.clone(),
        );
        let messaging = messaging.with_media(media.clone());
        let sessions = Arc::new(Sessions {
            hub: hub.clone(),
            events,
            messaging: messaging.clone(),
            social: social.clone(),
            config: config.realtime.clone(),
        });
        Ok(App {
            accounts,
            social,
            messaging,
            presence,
            hub,
            sessions,
            metrics,
            pipeline,
            mongo,
            search,
            node_id,
            cluster: None,
            store,
            mysql,
            redis_presence,
            webhooks,
            media,
            media_files,
        })
    }

    /// Registers this node in the node registry when `backends.etcd.endpoints` is set, under
    /// `cluster.advertise_addr` or else `bound`, the address the gRPC listener bound.
    pub async fn join_cluster(&mut self, config: &Config, bound: SocketAddr) -> anyhow::Result<()> {
        if config.backends.etcd.endpoints.is_empty() {
            return Ok(());
        }
        let grpc_addr = match &config.cluster.advertise_addr {
            Some(addr) => addr.clone(),
            None => {
                if bound.ip().is_unspecified() {
                    tracing::warn!(%bound, "advertising a wildcard address to the cluster; \
                        set cluster.advertise_addr to an address other nodes can reach");
                }
                bound.to_string()
            }
        };
        let options = RegistryOptions::from_config(config);
        let me = NodeInfo {
            node_id: self.node_id.clone(),
            grpc_addr,
            started_at_ms: now_millis(),
        };
        let registry = Registry::start(options, me)
            .await
            .context("joining the node registry in etcd")?;
        self.cluster = Some(Arc::new(registry));
        Ok(())
    }

    /// Leaves the node registry (at once, rather than when the lease expires).
    pub async fn leave_cluster(&self) {
        if let Some(cluster) = &self.cluster {
            cluster.shut_down().await;
        }
    }

    pub async fn close(&self) {
        self.leave_cluster().await;
        if let Some(directory) = &self.redis_presence {
            directory.stop();
        }
        self.hub.shut_down();
        // Before the stores: the consumer finishes storing what it holds.
        if let Some(pipeline) = &self.pipeline {
            pipeline.close().await;
        }
        // After the consumer (whose stored messages are events too), before the stores.
        if let Some(webhooks) = &self.webhooks {
            webhooks.close().await;
        }
        self.store.close().await;
        if let Some(mysql) = &self.mysql {
            mysql.close().await;
        }
        if let Some(mongo) = &self.mongo {
            mongo.close().await;
        }
        if let Some(search) = &self.search {
            search.close().await;
        }
    }
}

/// Serves gRPC on `listener` (and `/metrics` on `metrics_listener`, when given) until
/// `shutdown` completes, then gives in-flight calls `shutdown_grace_secs` to finish and closes
/// the stores. The caller binds the listeners (the command line binds `listen` and
/// `observability.metrics_listen`; tests bind port 0 and read the ports).
pub async fn run(
    config: Config,
    listener: TcpListener,
    metrics_listener: Option<TcpListener>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    run_observed(config, listener, metrics_listener, shutdown, |_| {}).await
}

/// [`run`], handing the assembled app to `observe` before serving (tests look at its cluster
/// view through it).
pub async fn run_observed(
    config: Config,
    listener: TcpListener,
    metrics_listener: Option<TcpListener>,
    shutdown: impl Future<Output = ()> + Send + 'static,
    observe: impl FnOnce(&App),
) -> anyhow::Result<()> {
    let app = start(&config, &listener).await?;
    observe(&app);
    serve(app, config, listener, metrics_listener, shutdown).await
}

/// Opens the backends and joins the cluster (when there is one) as the node serving on
/// `listener`: an app ready for [`serve`].
pub async fn start(config: &Config, listener: &TcpListener) -> anyhow::Result<App> {
    let mut app = App::open(config).await?;
    let bound = listener
        .local_addr()
        .context("reading the bound gRPC address")?;
    if let Err(e) = app.join_cluster(config, bound).await {
        app.close().await;
        return Err(e);
    }
    Ok(app)
}

/// Serves `app` (from [`start`]) as [`run`] does.
pub async fn serve(
    app: App,
    config: Config,
    listener: TcpListener,
    metrics_listener: Option<TcpListener>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let limit = config.limits.max_grpc_message_bytes;
    let _metrics_server = match metrics_listener {
        Some(listener) => {
            tracing::info!(metrics_listen = %listener.local_addr()?, "metrics serving at /metrics");
            Some(MetricsServer::spawn(listener, app.metrics.clone()))
        }
        None => None,
    };

    let (health, health_service) = tonic_health::server::health_reporter();
    health.set_serving::<UserServiceServer<UserApi>>().await;
    health.set_serving::<SocialServiceServer<SocialApi>>().await;
    health.set_serving::<ImServiceServer<ImApi>>().await;
    health.set_serving::<MediaServiceServer<MediaApi>>().await;
    let reflection_v1 = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(easychat_proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1()?;
    let reflection_v1alpha = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(easychat_proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1alpha()?;

    let layers = tower::ServiceBuilder::new()
        .layer(cors())
        .layer(PlainHttpLayer)
        .layer(tonic_web::GrpcWebLayer::new())
        // Inside grpc-web (browser calls count as the gRPC calls they become), outside auth
        // (calls refused for their token count too).
        .layer(RpcMetricsLayer::new(app.metrics.clone()))
        .layer(AuthLayer::new(app.accounts.clone()));

    // Cancelled when draining starts: tonic stops accepting and lets in-flight calls finish.
    let stop = CancellationToken::new();
    let router = transport(&config.limits)
        .layer(layers)
        .add_service(health_service)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(
            UserServiceServer::new(UserApi {
                accounts: app.accounts.clone(),
                trusted_proxies: TrustedProxies {
                    addresses: config.limits.trusted_proxies.clone(),
                    key: config.limits.proxy_key.clone(),
                },
            })
            .max_decoding_message_size(limit),
        )
        .add_service(
            SocialServiceServer::new(SocialApi {
                social: app.social.clone(),
            })
            .max_decoding_message_size(limit),
        )
        .add_service(ImRoutes::new(
            ImApi {
                messaging: app.messaging.clone(),
                sessions: app.sessions.clone(),
            },
            limit,
        ))
        .add_service(
            MediaServiceServer::new(MediaApi {
                media: app.media.clone(),
            })
            .max_decoding_message_size(limit),
        )
        .add_optional_service(app.media_files.clone());
    let incoming = GuardedListener::new(listener, connection_limits(&config.limits));
    let mut serving = tokio::spawn(
        router
            .serve_with_incoming_shutdown(incoming.into_incoming(), stop.clone().cancelled_owned()),
    );
    tracing::info!(listen = %config.listen, "easychat serving");

    tokio::select! {
        result = &mut serving => {
            app.close().await;
            return result.context("server task")?.context("serving gRPC");
        }
        () = shutdown => {}
    }
    tracing::info!("shutting down: no new connections, draining in-flight calls");
    // Other nodes and gateways stop sending work here first.
    app.leave_cluster().await;
    // Every service and the server as a whole (`""`, what `easychat healthcheck` and container
    // health checks ask): load balancers stop sending work while the server drains.
    health.set_not_serving::<UserServiceServer<UserApi>>().await;
    health
        .set_not_serving::<SocialServiceServer<SocialApi>>()
        .await;
    health.set_not_serving::<ImServiceServer<ImApi>>().await;
    health
        .set_not_serving::<MediaServiceServer<MediaApi>>()
        .await;
    health
        .set_service_status("", tonic_health::ServingStatus::NotServing)
        .await;
    // Live streams never finish on their own: end them (clients reconnect elsewhere and sync).
    app.hub.shut_down();
    stop.cancel();
    let grace = Duration::from_secs(config.shutdown_grace_secs);
    match tokio::time::timeout(grace, &mut serving).await {
        Ok(result) => result.context("server task")?.context("serving gRPC")?,
        Err(_) => {
            tracing::warn!(
                ?grace,
                "in-flight calls did not finish in time; closing them"
            );
            serving.abort();
        }
    }
    app.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// The gRPC port's HTTP settings, against clients that abuse the transport (each named in
/// `Limits`): streams, header lists and resets per connection, keep-alive, and a deadline for
/// calls whose request never finishes arriving.
fn transport(limits: &Limits) -> Server {
    let secs = |secs: u64| (secs > 0).then(|| Duration::from_secs(secs));
    let mut server = Server::builder()
        .accept_http1(true)
        .max_concurrent_streams(limits.http2_max_concurrent_streams)
        .http2_max_header_list_size(limits.http2_max_header_list_bytes)
        .http2_max_pending_accept_reset_streams(Some(limits.http2_max_pending_accept_reset_streams))
        .http2_max_local_error_reset_streams(Some(limits.http2_max_local_error_reset_streams))
        // Notice dead TCP connections under idle streams (a peer that vanished without a FIN).
        .http2_keepalive_interval(secs(limits.http2_keepalive_interval_secs))
        .http2_keepalive_timeout(secs(limits.http2_keepalive_timeout_secs));
    if let Some(timeout) = secs(limits.request_timeout_secs) {
        server = server.timeout(timeout);
    }
    server
}

/// What the gRPC listener admits; see `easychat_gateway::listener`.
fn connection_limits(limits: &Limits) -> ConnectionLimits {
    ConnectionLimits {
        max_connections: limits.max_connections,
        max_connections_per_ip: limits.max_connections_per_ip,
        unlimited_ips: limits.trusted_proxies.clone(),
        first_request_timeout: Some(Duration::from_secs(limits.header_read_timeout_secs.max(1))),
    }
}

/// grpc-web from browsers on any origin: the token travels in a header, not a cookie, so
/// allowing every origin grants nothing a page could not already do with the token.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        // PUT, GET and HEAD: the embedded store's media files (`/media/…`).
        .allow_methods([
            http::Method::POST,
            http::Method::PUT,
            http::Method::GET,
            http::Method::HEAD,
            http::Method::OPTIONS,
        ])
        .allow_headers(tower_http::cors::Any)
        .expose_headers([
            http::HeaderName::from_static("grpc-status"),
            http::HeaderName::from_static("grpc-message"),
            http::HeaderName::from_static("grpc-status-details-bin"),
            http::header::CONTENT_RANGE,
            http::header::ACCEPT_RANGES,
            http::header::CONTENT_DISPOSITION,
        ])
        .max_age(Duration::from_secs(24 * 3600))
}

/// The configured node id, checked, or a new one: a restarted node is a new node.
/// The social store behind copies of what every send reads (`store::cached_social`), checked
/// against versions in Redis when it is configured, else in process; none when the copies are
/// off, or when Kafka joins several nodes and no Redis is there to tell them of changes.
fn with_social_copies(
    graph: Arc<dyn SocialStore>,
    backends: &BackendsConfig,
    redis: Option<&Redis>,
) -> Arc<dyn SocialStore> {
    let ttl = Duration::from_millis(backends.social_cache.ttl_ms);
    if ttl.is_zero() {
        return graph;
    }
    let versions: Arc<dyn CacheVersions> = match (redis, &backends.kafka.brokers) {
        (Some(redis), _) => Arc::new(RedisVersions::new(redis.clone(), ttl)),
        (None, None) => Arc::new(LocalVersions::new(ttl)),
        (None, Some(_)) => {
            tracing::info!(
                "no copies of the social graph: Kafka is configured without Redis, so other \
                 nodes could not be told of changes"
            );
            return graph;
        }
    };
    Arc::new(CachedSocialStore::new(
        graph,
        versions,
        ttl,
        backends.social_cache.copies,
    ))
}

/// The storage systems of the configuration, opened (connected, migrated, indexed).
struct Backends {
    store: SqliteStore,
    mysql: Option<MysqlStore>,
    redis: Option<Redis>,
    mongo: Option<MongoStore>,
    search: Option<PgSearch>,
}

impl Backends {
    /// Opens them side by side: each waits on its own server (migrations, indexes, a first
    /// round trip), so a node with every backend starts in the time of the slowest, not the sum
    /// (about 1.2 s → 0.5 s against deploy/local's services).
    async fn open(config: &Config) -> anyhow::Result<Backends> {
        let backends = &config.backends;
        let store = async {
            SqliteStore::open(&config.data_dir, &config.storage)
                .await
                .with_context(|| {
                    format!(
                        "opening the embedded store in {}",
                        config.data_dir.display()
                    )
                })
        };
        let mysql = async {
            let Some(url) = &backends.mysql.url else {
                return Ok(None);
            };
            let opened = MysqlStore::open(url, &backends.mysql).await;
            let context = || format!("opening the MySQL store at {}", redact_password(url));
            opened.map(Some).with_context(context)
        };
        // MongoDB's seq cache is shared by every node through Redis when it is configured.
        let redis_and_mongo = async {
            let redis = match &backends.redis.url {
                Some(url) => {
                    let opened = Redis::open(url, &backends.redis).await;
                    let context = || format!("opening Redis at {}", redact_password(url));
                    Some(opened.with_context(context)?)
                }
                None => None,
            };
            let mongo = match &backends.mongo.url {
                Some(url) => {
                    let seq_cache: Arc<dyn SeqCache> = match &redis {
                        Some(redis) => Arc::new(RedisSeqCache::new(redis.clone())),
                        None => Arc::new(LocalSeqCache::default()),
                    };
                    let opened = MongoStore::open(url, &backends.mongo, seq_cache).await;
                    let context =
                        || format!("opening the MongoDB store at {}", redact_password(url));
                    Some(opened.with_context(context)?)
                }
                None => None,
            };
            anyhow::Ok((redis, mongo))
        };
        // The search index serves MongoDB's messages; the embedded store indexes its own.
        let search = async {
            let (Some(_), Some(url)) = (&backends.mongo.url, &backends.search.url) else {
                return Ok(None);
            };
            let opened = PgSearch::open(url).await;
            let context = || format!("opening the search index at {}", redact_password(url));
            opened.map(Some).with_context(context)
        };
        let (store, mysql, (redis, mongo), search) =
            tokio::try_join!(store, mysql, redis_and_mongo, search)?;
        Ok(Backends {
            store,
            mysql,
            redis,
            mongo,
            search,
        })
    }
}

/// Where uploaded bytes live: the S3-compatible store of `media.s3`, or files in the data
/// directory served on the gRPC port through URLs signed with a key derived from `secret`.
async fn open_blobs(
    config: &Config,
    secret: &[u8],
) -> anyhow::Result<(Arc<dyn BlobStore>, Option<MediaFiles>)> {
    if let Some(s3) = &config.media.s3 {
        let opened = S3Blobs::open(s3).await;
        let blobs =
            opened.with_context(|| format!("opening the media store at {}", s3.endpoint))?;
        return Ok((Arc::new(blobs), None));
    }
    let public_url = match &config.media.public_url {
        Some(url) => url.clone(),
        None => {
            if config.listen.ip().is_unspecified() {
                tracing::warn!(listen = %config.listen, "media URLs name a wildcard address; \
                    set media.public_url to the address clients reach this server at");
            }
            format!("http://{}", config.listen)
        }
    };
    if !config.backends.etcd.endpoints.is_empty() {
        tracing::warn!(
            "uploads are kept on this node's disk, where the other nodes cannot \
            serve them; give a cluster an S3-compatible store (media.s3)"
        );
    }
    let dir = config.data_dir.join("media");
    let blobs = LocalBlobs::open(&dir, &public_url, secret)
        .with_context(|| format!("opening the media directory {}", dir.display()))?;
    let files = blobs.files();
    Ok((Arc::new(blobs), Some(files)))
}

/// Where webhook events wait for delivery: a Kafka topic when Kafka is configured (shared by
/// the nodes), else a table of the embedded store.
async fn open_outbox(config: &Config, store: &SqliteStore) -> anyhow::Result<Arc<dyn EventOutbox>> {
    Ok(match &config.backends.kafka.brokers {
        Some(brokers) => {
            let opened = KafkaOutbox::open(&config.backends.kafka, brokers).await;
            Arc::new(
                opened
                    .with_context(|| format!("opening the webhook outbox in Kafka at {brokers}"))?,
            )
        }
        None => {
            let names: Vec<String> = config
                .webhooks
                .endpoints
                .iter()
                .map(|e| e.name.clone())
                .collect();
            Arc::new(
                store
                    .webhook_outbox(&names)
                    .await
                    .context("opening the webhook outbox")?,
            )
        }
    })
}

fn node_id(config: &Config) -> anyhow::Result<String> {
    match &config.cluster.node_id {
        // Its form is checked by `Config::validate`.
        Some(id) => Ok(id.clone()),
        None => Ok(format!("node-{}", crate::domain::ids::new_id())),
    }
}

/// The configured secret, or the one kept in the data directory (generated on first start).
/// Either must pass `check_secret`: an empty or placeholder key would let anyone sign tokens.
/// (The configured one is checked with the rest of the configuration, `Config::validate`.)
fn jwt_secret(config: &Config) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = &config.auth.jwt_secret {
        // Checked by `Config::validate`.
        return Ok(secret.as_bytes().to_vec());
    }
    let path = config.data_dir.join("jwt_secret");
    if path.exists() {
        let secret = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let secret = secret.trim();
        check_secret(secret).with_context(|| {
            format!(
                "{} (delete it to have a new secret generated; every issued token stops working)",
                path.display()
            )
        })?;
        return Ok(secret.as_bytes().to_vec());
    }
    let secret: String = {
        use rand::Rng;
        let bytes: [u8; 32] = rand::thread_rng().r#gen();
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    };
    write_private_atomically(&path, &secret)?;
    Ok(secret.into_bytes())
}

/// Writes a file readable by its owner only, whole or not at all: a temporary file beside it,
/// synced, then renamed over the name (a crash never leaves an empty or partial secret).
fn write_private_atomically(path: &Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let dir = path.parent().unwrap_or(Path::new("."));
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    options.mode(0o600);
    let written = (|| -> std::io::Result<()> {
        let mut file = options.open(&temporary)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        // The rename is durable once the directory is.
        std::fs::File::open(dir)?.sync_all()
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written.with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_data_directory_that_does_not_exist_yet_is_made_on_the_first_start() {
        let parent = tempfile::tempdir().unwrap();
        let data_dir = parent.path().join("new").join("data");
        let config = Config {
            data_dir: data_dir.clone(),
            ..Config::default()
        };
        let app = App::open(&config)
            .await
            .expect("the first start makes its data directory");
        assert!(
            data_dir.join("jwt_secret").is_file(),
            "the generated secret is kept"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&data_dir).unwrap().permissions().mode();
            assert_eq!(
                mode & 0o777,
                0o700,
                "the data directory is the owner's only"
            );
        }
        drop(app);
    }

    #[test]
    fn a_generated_secret_is_kept_and_an_empty_one_refused() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            data_dir: dir.path().to_owned(),
            ..Config::default()
        };
        let first = jwt_secret(&config).unwrap();
        assert_eq!(
            jwt_secret(&config).unwrap(),
            first,
            "read back, not regenerated"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("jwt_secret"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(dir.path().join("jwt_secret"), "").unwrap();
        let refused = jwt_secret(&config).unwrap_err();
        assert!(
            format!("{refused:#}").contains("at least 32"),
            "{refused:#}"
        );
    }
}
