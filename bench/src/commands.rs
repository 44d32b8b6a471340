//! What each command of the command line does: the benchmark run and the smoke mode (`cli`,
//! `smoke`), the soak, the comparison of saved runs, and the baseline servers.

use std::process::ExitCode;
use std::time::Duration;

use crate::cli::{self, Cli, Command};

/// Runs the command `cli` names.
pub async fn main(command_line: Cli) -> anyhow::Result<ExitCode> {
    match command_line.command {
        Command::Run(args) => cli::run(*args).await,
        Command::Smoke(args) => crate::smoke::run(args).await,
        Command::Soak(args) => crate::soak::main(*args).await,
        Command::Compare { dirs } => {
            println!("{}", crate::stats::compare::compare(&dirs)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::BaselineGrpc { listen } => {
            let listener = tokio::net::TcpListener::bind(listen).await?;
            eprintln!("baseline-grpc listening on {}", listener.local_addr()?);
            serve_until_signal(crate::baseline::grpc::serve(listener, signal())).await
        }
        Command::BaselineWs {
            listen,
            read_buffer_bytes,
        } => {
            let listener = tokio::net::TcpListener::bind(listen).await?;
            eprintln!("baseline-ws listening on {}", listener.local_addr()?);
            let serve = crate::baseline::ws::serve(listener, read_buffer_bytes, signal());
            serve_until_signal(serve).await
        }
    }
}

/// Runs a baseline; its live streams never end on their own, so shutdown waits a moment only.
async fn serve_until_signal(
    serve: impl Future<Output = anyhow::Result<()>>,
) -> anyhow::Result<ExitCode> {
    tokio::pin!(serve);
    tokio::select! {
        result = &mut serve => result?,
        () = async { signal().await; tokio::time::sleep(Duration::from_secs(2)).await } => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// Completes on SIGINT or SIGTERM.
async fn signal() {
    let mut terminate =
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(terminate) => terminate,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
}
