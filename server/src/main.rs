//! The `easychat` command line: `serve` and `migrate`.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use easychat_server::config::{Config, redact_password};
use easychat_server::store::mysql::MysqlStore;
use easychat_server::store::sqlite::SqliteStore;

/// EasyChat: an instant-messaging backend (gRPC, grpc-web).
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
    /// on one port.
    Serve {
        /// Address to listen on (default 127.0.0.1:50051).
        #[arg(long, value_name = "ADDR")]
        listen: Option<SocketAddr>,
    },
    /// Apply pending schema migrations to the configured store, then exit.
    Migrate,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let cli = Cli::parse();
    let mut config = Config::load(cli.config.as_deref()).context("invalid configuration")?;
    if let Some(dir) = cli.data_dir {
        config.data_dir = dir;
    }
    match cli.command {
        Command::Serve { listen } => {
            if let Some(listen) = listen {
                config.listen = listen;
            }
            let listener = tokio::net::TcpListener::bind(config.listen)
                .await
                .with_context(|| format!("binding {}", config.listen))?;
            config.listen = listener.local_addr()?;
            easychat_server::server::run(config, listener, shutdown_signal()).await
        }
        Command::Migrate => {
            let count = SqliteStore::migrate(&config.data_dir, &config.storage).await?;
            println!(
                "{}: schema up to date ({count} migrations)",
                config.data_dir.display()
            );
            if let Some(url) = &config.backends.mysql_url {
                let count = MysqlStore::migrate(url, &config.backends).await?;
                println!(
                    "{}: schema up to date ({count} migrations)",
                    redact_password(url)
                );
            }
            Ok(())
        }
    }
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
