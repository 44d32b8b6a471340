//! The `easychat` command line: `serve`, `gateway`, `migrate` and `healthcheck`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, Subcommand};
use easychat_gateway::Gateway;
use easychat_server::cluster::{ApisixFile, RegistryOptions, RegistryUpstreams};
use easychat_server::config::{Config, redact_password};
use easychat_server::store::mongo::MongoStore;
use easychat_server::store::mysql::MysqlStore;
use easychat_server::store::sqlite::SqliteStore;
use tokio_util::sync::CancellationToken;

/// jemalloc (the default feature `jemalloc`): with its background threads it returns the pages
/// of closed connections to the system, where glibc malloc keeps them in its arenas for good
/// (BENCHMARKS.md, "Allocator"). The feature also makes jemalloc the C `malloc` of the whole
/// process (tikv-jemallocator's `unprefixed_malloc_on_supported_platforms`), so SQLite's many
/// small allocations take its per-thread caches instead of glibc's arenas (BENCHMARKS.md, "The
/// writer on a thread of its own; SQLite built for it"). `--features mimalloc` builds with
/// mimalloc instead, and `--no-default-features` with glibc malloc.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(all(feature = "jemalloc", not(feature = "mimalloc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// EasyChat: an instant-messaging backend (gRPC, grpc-web, WebSocket bridge).
///
/// Configuration comes from defaults, then `--config FILE` (TOML), then `EASYCHAT_*` environment
/// variables (nested keys with `__`, e.g. EASYCHAT_AUTH__TOKEN_TTL_SECS), then flags.
#[derive(Parser, Debug)]
#[command(name = "easychat", version)]
struct Cli {
    /// TOML configuration file (see deploy/config/embedded.toml).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Directory of the embedded database and the generated JWT secret (default ./data).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the server: UserService, SocialService, ImService, reflection, health and grpc-web
    /// on one port, and the WebSocket bridge (plus the browser app) on another.
    Serve {
        /// gRPC address (default 127.0.0.1:50051).
        #[arg(long, value_name = "ADDR")]
        listen: Option<SocketAddr>,
        /// WebSocket bridge address (default 127.0.0.1:10090).
        #[arg(long, value_name = "ADDR")]
        ws_listen: Option<SocketAddr>,
        /// Do not run the WebSocket bridge in-process.
        #[arg(long)]
        no_gateway: bool,
    },
    /// Run only the WebSocket bridge, in front of one or more server nodes.
    Gateway {
        /// Server gRPC addresses, such as http://127.0.0.1:50051 (repeatable). With
        /// `backends.etcd.endpoints` configured the gateway follows the node registry instead,
        /// and these are used only while no node is registered.
        #[arg(long = "upstream", value_name = "ADDR")]
        upstreams: Vec<String>,
        /// WebSocket bridge address (default 127.0.0.1:10090).
        #[arg(long, value_name = "ADDR")]
        ws_listen: Option<SocketAddr>,
    },
    /// Keep APISIX's standalone configuration in step with the node registry: write `--out`
    /// from `--template` with the registered nodes as the gRPC upstream's nodes, again on every
    /// change (needs `backends.etcd.endpoints`).
    ApisixUpstreams {
        /// The routes and upstreams as deployed (deploy/apisix/apisix.yaml).
        #[arg(long, value_name = "FILE")]
        template: PathBuf,
        /// The file APISIX reads (its conf/apisix.yaml).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The upstream whose nodes are the registered nodes.
        #[arg(long, value_name = "ID", default_value = "easychat-grpc")]
        upstream_id: String,
    },
    /// Apply pending schema migrations to the configured store, then exit.
    Migrate,
    /// Ask a server's gRPC health service whether it is serving; exit 0 if it is, 1 if not
    /// (for container health checks: the runtime image has no other gRPC client).
    Healthcheck {
        /// Server gRPC address.
        #[arg(long, value_name = "ADDR", default_value = "http://127.0.0.1:50051")]
        addr: String,
        /// Service to check; empty: the server as a whole.
        #[arg(long, value_name = "NAME", default_value = "")]
        service: String,
        /// Seconds to wait for the answer.
        #[arg(long, value_name = "SECS", default_value_t = 3)]
        timeout_secs: u64,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Command::Healthcheck {
        addr,
        service,
        timeout_secs,
    } = &cli.command
    {
        return healthcheck(addr, service, Duration::from_secs(*timeout_secs)).await;
    }
    // The configuration says how to log, so it is loaded before logging starts; an invalid one
    // is reported by main's error return.
    let mut config = Config::load(cli.config.as_deref()).context("invalid configuration")?;
    // Before anything starts (the gateway, the metrics port): every problem, at once.
    config.validate()?;
    let _tracing = easychat_server::observability::logging::init(&config.observability)?;
    if let Some(dir) = cli.data_dir {
        config.data_dir = dir;
    }
    match cli.command {
        Command::Serve {
            listen,
            ws_listen,
            no_gateway,
        } => {
            config.listen = listen.unwrap_or(config.listen);
            config.ws_listen = ws_listen.unwrap_or(config.ws_listen);
            serve(config, !no_gateway).await
        }
        Command::Gateway {
            upstreams,
            ws_listen,
        } => {
            config.gateway.upstreams = upstreams;
            let listener = bind(ws_listen.unwrap_or(config.ws_listen)).await?;
            gateway(config, listener).await
        }
        Command::ApisixUpstreams {
            template,
            out,
            upstream_id,
        } => {
            anyhow::ensure!(
                !config.backends.etcd.endpoints.is_empty(),
                "apisix-upstreams follows the node registry: configure backends.etcd.endpoints"
            );
            let file = ApisixFile {
                template,
                out,
                upstream_id,
            };
            let options = RegistryOptions::from_config(&config);
            tokio::select! {
                followed = file.follow(options) => followed,
                () = shutdown_signal() => Ok(()),
            }
        }
        Command::Migrate => {
            let count = SqliteStore::migrate(&config.data_dir, &config.storage).await?;
            println!(
                "{}: schema up to date ({count} migrations)",
                config.data_dir.display()
            );
            if let Some(url) = &config.backends.mysql.url {
                let count = MysqlStore::migrate(url, &config.backends.mysql).await?;
                println!(
                    "{}: schema up to date ({count} migrations)",
                    redact_password(url)
                );
            }
            if let Some(url) = &config.backends.mongo.url {
                let count = MongoStore::migrate(url, &config.backends.mongo).await?;
                println!(
                    "{} database {}: indexes up to date ({count} indexes)",
                    redact_password(url),
                    config.backends.mongo.database
                );
            }
            Ok(())
        }
        Command::Healthcheck { .. } => unreachable!("answered before the configuration loads"),
    }
}

/// Exits with an error unless `service` at `addr` answers SERVING within `timeout`.
async fn healthcheck(addr: &str, service: &str, timeout: Duration) -> anyhow::Result<()> {
    use tonic_health::pb::health_check_response::ServingStatus;
    use tonic_health::pb::{HealthCheckRequest, health_client::HealthClient};
    let check = async {
        let channel = tonic::transport::Endpoint::from_shared(addr.to_owned())
            .with_context(|| format!("invalid address {addr}"))?
            .connect()
            .await
            .with_context(|| format!("connecting to {addr}"))?;
        let response = HealthClient::new(channel)
            .check(HealthCheckRequest {
                service: service.to_owned(),
            })
            .await
            .with_context(|| format!("health check of {addr}"))?;
        anyhow::Ok(response.into_inner().status())
    };
    let status = tokio::time::timeout(timeout, check)
        .await
        .with_context(|| format!("no health answer from {addr} within {timeout:?}"))??;
    anyhow::ensure!(
        status == ServingStatus::Serving,
        "{addr} is not serving: {status:?}"
    );
    println!("{addr}: serving");
    Ok(())
}

/// Runs the server and, unless disabled, the WebSocket bridge in front of it; both stop on the
/// same SIGINT/SIGTERM.
/// `easychat gateway`: the WebSocket bridge alone, in front of the `--upstream` servers or of
/// every node in the registry.
async fn gateway(config: Config, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    let follow_registry = !config.backends.etcd.endpoints.is_empty();
    if follow_registry {
        config.gateway.validate_limits()?;
    } else {
        config.gateway.validate().context(
            "give --upstream (repeatable), or backends.etcd.endpoints to follow the node registry",
        )?;
    }
    let gateway = Gateway::new(config.gateway.clone());
    let _following = if follow_registry {
        let options = RegistryOptions::from_config(&config);
        let following =
            RegistryUpstreams::follow(gateway.clone(), options, config.gateway.upstreams.clone())
                .await
                .context("following the node registry for upstreams")?;
        Some(following)
    } else {
        None
    };
    tracing::info!(
        ws_listen = %listener.local_addr()?,
        upstreams = ?gateway.upstreams(),
        follow_registry,
        "WebSocket gateway serving"
    );
    gateway.serve(listener, shutdown_signal()).await
}

async fn serve(mut config: Config, with_gateway: bool) -> anyhow::Result<()> {
    let listener = bind(config.listen).await?;
    config.listen = listener.local_addr()?;
    let metrics_listener = match config.observability.metrics_listen {
        Some(addr) => Some(
            bind(addr)
                .await
                .context("binding observability.metrics_listen")?,
        ),
        None => None,
    };
    let ws_listener = match with_gateway {
        true => Some(bind(config.ws_listen).await?),
        false => None,
    };
    let app = easychat_server::server::start(&config, &listener).await?;
    // Cancelled on SIGINT/SIGTERM: the server and the in-process gateway drain.
    let stop = CancellationToken::new();
    let gateway = if let Some(ws_listener) = ws_listener {
        tracing::info!(ws_listen = %ws_listener.local_addr()?, "WebSocket gateway serving");
        // The in-process gateway's REST calls name their clients' addresses; this server
        // believes it because they carry the key they share (a random one unless configured).
        let proxy_key = (config.limits.proxy_key.clone())
            .or_else(|| config.gateway.proxy_key.clone())
            .unwrap_or_else(|| {
                format!(
                    "{}{}",
                    uuid::Uuid::new_v4().simple(),
                    uuid::Uuid::new_v4().simple()
                )
            });
        config.limits.proxy_key = Some(proxy_key.clone());
        let mut gateway_config = config.gateway.clone();
        gateway_config.proxy_key = Some(proxy_key);
        // Chat sessions are opened on this server directly; REST calls go to its gRPC port.
        gateway_config.upstreams = vec![format!("http://{}", config.listen)];
        let gateway = match Gateway::in_process(gateway_config, app.in_process_chat()) {
            Ok(gateway) => gateway,
            Err(e) => {
                app.close().await;
                return Err(e);
            }
        };
        let stopped = stop.clone().cancelled_owned();
        Some(tokio::spawn(async move {
            gateway.serve(ws_listener, stopped).await
        }))
    } else {
        None
    };
    let mut server = tokio::spawn(easychat_server::server::serve(
        app,
        config,
        listener,
        metrics_listener,
        stop.clone().cancelled_owned(),
    ));
    let served = tokio::select! {
        // The server stopped on its own: it failed.
        result = &mut server => result,
        () = shutdown_signal() => {
            stop.cancel();
            server.await
        }
    };
    stop.cancel();
    if let Some(gateway) = gateway {
        gateway.await.context("gateway task")??;
    }
    served.context("server task")?
}

async fn bind(addr: SocketAddr) -> anyhow::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))
}

/// Completes on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .expect("installing the SIGTERM handler");
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
