//! Assembles the server: stores → domain services → gRPC services behind the auth layer,
//! with reflection, health and grpc-web on the same port; runs until shutdown, then drains.

use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use easychat_proto::im::v1::im_service_server::ImServiceServer;
use easychat_proto::social::v1::social_service_server::SocialServiceServer;
use easychat_proto::user::v1::user_service_server::UserServiceServer;
use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::transport::Server;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::api::{im::ImApi, social::SocialApi, streams::ImRoutes, user::UserApi};
use crate::auth::AuthLayer;
use crate::auth::tokens::TokenIssuer;
use crate::config::{Config, redact_password};
use crate::domain::accounts::Accounts;
use crate::domain::messaging::Messaging;
use crate::domain::ports::{RateLimiter, SocialStore, TokenRevocations, UserStore};
use crate::domain::social::Social;
use crate::realtime::hub::Hub;
use crate::realtime::session::Sessions;
use crate::store::memory::{LocalPresence, LocalRateLimiter};
use crate::store::mysql::MysqlStore;
use crate::store::redis::{Redis, RedisRateLimiter, RedisRevocations};
use crate::store::sqlite::SqliteStore;

/// The domain services wired to their stores.
#[derive(Clone)]
pub struct App {
    pub accounts: Accounts,
    pub social: Social,
    pub messaging: Messaging,
    pub presence: Arc<LocalPresence>,
    pub hub: Hub,
    pub sessions: Sessions,
    store: SqliteStore,
    mysql: Option<MysqlStore>,
}

impl App {
    pub async fn open(config: &Config) -> anyhow::Result<App> {
        let store = SqliteStore::open(&config.data_dir, &config.storage)
            .await
            .with_context(|| {
                format!(
                    "opening the embedded store in {}",
                    config.data_dir.display()
                )
            })?;
        let mysql = match &config.backends.mysql_url {
            Some(url) => {
                let opened = MysqlStore::open(url, &config.backends).await;
                let context = || format!("opening the MySQL store at {}", redact_password(url));
                Some(opened.with_context(context)?)
            }
            None => None,
        };
        let redis = match &config.backends.redis_url {
            Some(url) => {
                let opened = Redis::open(url, &config.backends).await;
                let context = || format!("opening Redis at {}", redact_password(url));
                Some(opened.with_context(context)?)
            }
            None => None,
        };
        let secret = jwt_secret(config)?;
        let tokens = TokenIssuer::new(&secret, config.auth.token_ttl_secs);
        let shared = Arc::new(store.clone());
        // Users, revocations and the social graph live in MySQL when it is configured; messages
        // stay in the embedded store.
        let (users, mut revocations, graph): (
            Arc<dyn UserStore>,
            Arc<dyn TokenRevocations>,
            Arc<dyn SocialStore>,
        ) = match &mysql {
            Some(mysql) => {
                let mysql = Arc::new(mysql.clone());
                (mysql.clone(), mysql.clone(), mysql)
            }
            None => (shared.clone(), shared.clone(), shared.clone()),
        };
        // Rate limits and revocations are shared through Redis when it is configured.
        let limiter: Arc<dyn RateLimiter> = match &redis {
            Some(redis) => {
                revocations = Arc::new(RedisRevocations::new(redis.clone()));
                Arc::new(RedisRateLimiter::new(redis.clone(), &config.limits))
            }
            None => Arc::new(LocalRateLimiter::new(&config.limits)),
        };
        let presence = Arc::new(LocalPresence::default());
        let realtime = &config.realtime;
        let hub = Hub::start(
            presence.clone(),
            realtime.session_queue,
            realtime.receipt_flush_count,
            realtime.receipt_flush_ms,
        );
        let accounts = Accounts::new(
            users,
            revocations,
            graph.clone(),
            Arc::new(hub.clone()),
            limiter.clone(),
            tokens,
        );
        let social = Social::new(
            accounts.clone(),
            graph,
            shared.clone(),
            presence.clone(),
            limiter.clone(),
            config.limits.clone(),
        );
        let messaging = Messaging::new(
            shared,
            social.clone(),
            Arc::new(hub.clone()),
            limiter,
            config.limits.clone(),
        );
        let sessions = Sessions {
            hub: hub.clone(),
            messaging: messaging.clone(),
            social: social.clone(),
            config: config.realtime.clone(),
        };
        Ok(App {
            accounts,
            social,
            messaging,
            presence,
            hub,
            sessions,
            store,
            mysql,
        })
    }

    pub async fn close(&self) {
        self.hub.shut_down();
        self.store.close().await;
        if let Some(mysql) = &self.mysql {
            mysql.close().await;
        }
    }
}

/// Serves on `listener` until `shutdown` completes, then gives in-flight calls
/// `shutdown_grace_secs` to finish and closes the stores.
pub async fn run(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let app = App::open(&config).await?;
    let limit = config.limits.max_grpc_message_bytes;

    let (health, health_service) = tonic_health::server::health_reporter();
    health.set_serving::<UserServiceServer<UserApi>>().await;
    health.set_serving::<SocialServiceServer<SocialApi>>().await;
    health.set_serving::<ImServiceServer<ImApi>>().await;
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
        .layer(tonic_web::GrpcWebLayer::new())
        .layer(AuthLayer::new(app.accounts.clone()));

    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let router = Server::builder()
        .accept_http1(true)
        // Notice dead TCP connections under idle streams (a peer that vanished without a FIN).
        .http2_keepalive_interval(Some(Duration::from_secs(30)))
        .http2_keepalive_timeout(Some(Duration::from_secs(10)))
        .layer(layers)
        .add_service(health_service)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(
            UserServiceServer::new(UserApi {
                accounts: app.accounts.clone(),
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
        ));
    let mut serving = tokio::spawn(router.serve_with_incoming_shutdown(
        TcpListenerStream::new(listener),
        async move {
            let _ = stopped.await;
        },
    ));
    tracing::info!(listen = %config.listen, "easychat serving");

    tokio::select! {
        result = &mut serving => {
            app.close().await;
            return result.context("server task")?.context("serving gRPC");
        }
        () = shutdown => {}
    }
    tracing::info!("shutting down: no new connections, draining in-flight calls");
    health.set_not_serving::<UserServiceServer<UserApi>>().await;
    // Live streams never finish on their own: end them (clients reconnect elsewhere and sync).
    app.hub.shut_down();
    let _ = stop.send(());
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

/// grpc-web from browsers on any origin: the token travels in a header, not a cookie, so
/// allowing every origin grants nothing a page could not already do with the token.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([http::Method::POST, http::Method::OPTIONS])
        .allow_headers(tower_http::cors::Any)
        .expose_headers([
            http::HeaderName::from_static("grpc-status"),
            http::HeaderName::from_static("grpc-message"),
            http::HeaderName::from_static("grpc-status-details-bin"),
        ])
        .max_age(Duration::from_secs(24 * 3600))
}

/// The configured secret, or the one kept in the data directory (generated on first start).
fn jwt_secret(config: &Config) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = &config.auth.jwt_secret {
        anyhow::ensure!(
            secret.len() >= 32,
            "auth.jwt_secret must be at least 32 characters"
        );
        return Ok(secret.as_bytes().to_vec());
    }
    let path = config.data_dir.join("jwt_secret");
    if path.exists() {
        let secret = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        return Ok(secret.trim().as_bytes().to_vec());
    }
    let secret: String = {
        use rand::Rng;
        let bytes: [u8; 32] = rand::thread_rng().r#gen();
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    };
    write_private(&path, &secret)?;
    Ok(secret.into_bytes())
}

fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(contents.as_bytes())?;
    Ok(())
}
