//! The `easychat-bench` command line; everything it does lives in the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = easychat_bench::cli::Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("easychat-bench: no async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(easychat_bench::commands::main(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("easychat-bench: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
