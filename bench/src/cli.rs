//! The command line and the run it describes: prepare the population (through EasyChat's API,
//! or synthetic users for baselines and the peer), run the chosen scenarios in order, print
//! the summary table and write the JSON result.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::scenarios::{self, Ctx, Opts, System, Transport};
use crate::setup::{Setup, User};
use crate::stats::meter::Meter;
use crate::stats::report::{Report, Row};

/// EasyChat's benchmark harness: drives a running server through its public API.
#[derive(Parser, Debug)]
#[command(name = "easychat-bench", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run scenarios against a running system; print a table, optionally write JSON.
    Run(Box<RunArgs>),
    /// Every scenario, tiny and untimed, for CI: exits non-zero if anything fails.
    Smoke(SmokeArgs),
    /// Steady senders against a running cluster while faults are injected (scripts/fault-soak.sh),
    /// then every conversation read back: exits non-zero on a lost, duplicated or reordered
    /// message or a seq gap.
    Soak(Box<crate::soak::SoakArgs>),
    /// Compare the systems of a bench/run.sh output directory: ratios and targets. Given the
    /// directories of several rounds (`BENCH_ROUNDS`), each figure is the median of the rounds
    /// and each ratio the median of the rounds' own ratios, with their range.
    Compare {
        /// Directories holding easychat-grpc.json, baseline-grpc.json, centrifugo.json, …
        #[arg(required = true, num_args = 1..)]
        dirs: Vec<PathBuf>,
    },
    /// Serve the minimal gRPC echo/broadcast baseline (ImService/Chat only).
    BaselineGrpc {
        #[arg(long, default_value = "127.0.0.1:50061")]
        listen: SocketAddr,
    },
    /// Serve the minimal WebSocket echo/broadcast baseline (the gateway's JSON subset).
    BaselineWs {
        #[arg(long, default_value = "127.0.0.1:50062")]
        listen: SocketAddr,
        /// Per-connection read buffer in bytes (default: tungstenite's 128 KiB).
        #[arg(long)]
        read_buffer_bytes: Option<usize>,
    },
}

/// The scenarios, by their command-line names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scenario {
    #[value(name = "1to1")]
    OneToOne,
    Fanout,
    Idle,
    Reconnect,
}

#[derive(Args, Debug, Clone)]
pub struct Target {
    /// Kind of system under test.
    #[arg(long, value_enum, default_value_t = System::Easychat)]
    pub system: System,
    /// gRPC URL: EasyChat (also used for the setup of WebSocket runs) or the gRPC baseline.
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// Another node of the same EasyChat cluster (repeatable): the sessions' gRPC connections
    /// go round-robin to --server and these; the setup and the read-back use --server.
    #[arg(long = "also-server", value_name = "URL")]
    pub also_servers: Vec<String>,
    /// WebSocket URL: the gateway's /ws, the WebSocket baseline, or Centrifugo's
    /// /connection/websocket.
    #[arg(long, value_name = "URL")]
    pub ws: Option<String>,
    /// Register this many users in parallel (each costs an argon2 hash on the server).
    #[arg(long, default_value_t = 8)]
    pub setup_parallel: usize,
}

/// A flag given twice takes its last value (bench/run.sh puts the caller's flags last).
#[derive(Args, Debug)]
#[command(args_override_self = true)]
pub struct RunArgs {
    #[command(flatten)]
    pub target: Target,
    /// Devices' transport (Centrifugo is always WebSocket).
    #[arg(long, value_enum, default_value_t = Transport::Grpc)]
    pub transport: Transport,
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "1to1,fanout,idle,reconnect"
    )]
    pub scenarios: Vec<Scenario>,
    #[arg(long, default_value_t = 1000)]
    pub users: usize,
    #[arg(long, default_value_t = 1000)]
    pub group_size: usize,
    /// Members sending in the fan-out scenario. More than one makes EasyChat close the senders
    /// as slow consumers (a sending session's pushes wait behind its own sends).
    #[arg(long, default_value_t = 1)]
    pub group_senders: usize,
    /// Unacknowledged messages per sender in the closed-loop (peak) phases.
    #[arg(long, default_value_t = 8)]
    pub window: usize,
    /// Bytes of text per message.
    #[arg(long, default_value_t = 64)]
    pub payload: usize,
    #[arg(long, default_value_t = 3)]
    pub warmup_secs: u64,
    #[arg(long, default_value_t = 20)]
    pub duration_secs: u64,
    /// Skip the phases paced at half the peak.
    #[arg(long)]
    pub no_half_peak: bool,
    /// Pace the 1:1 scenario's half-peak phase at this many messages per second instead of
    /// half its measured peak (to compare two servers at the same load).
    #[arg(long)]
    pub one_to_one_paced_rate: Option<f64>,
    /// Upper bound of messages per phase.
    #[arg(long, default_value_t = 10_000_000)]
    pub max_messages: u64,
    #[arg(long, default_value_t = 15)]
    pub drain_secs: u64,
    /// gRPC streams per HTTP/2 connection in the throughput scenarios.
    #[arg(long, default_value_t = 100)]
    pub streams_per_conn: usize,
    #[arg(long, default_value_t = 10_000)]
    pub idle_sessions: usize,
    /// gRPC streams per HTTP/2 connection in the idle scenario; one row per value.
    #[arg(long, value_delimiter = ',', default_value = "1,100")]
    pub idle_streams_per_conn: Vec<usize>,
    #[arg(long, default_value_t = 30)]
    pub idle_hold_secs: u64,
    #[arg(long, default_value_t = 20)]
    pub ping_interval_secs: u64,
    /// Messages posted into each conversation while the reconnect scenario is offline.
    #[arg(long, default_value_t = 20)]
    pub reconnect_backlog: usize,
    #[arg(long, default_value_t = 64)]
    pub connect_parallel: usize,
    /// Pid of the server, whose memory the idle scenario reads.
    #[arg(long)]
    pub server_pid: Option<u32>,
    /// Pid of the WebSocket gateway, whose memory the idle scenario reads too.
    #[arg(long)]
    pub gateway_pid: Option<u32>,
    /// Write the result as JSON here.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SmokeArgs {
    #[command(flatten)]
    pub target: Target,
}

/// A run id of digits: part of phone numbers and client message ids.
pub fn run_id() -> String {
    // Runs prepared in the same second by one process (the smoke's transports, side by side)
    // still get ids of their own.
    static PREPARED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let earlier = PREPARED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    format!("{:08}", (secs + earlier) % 100_000_000)
}

/// Users, friend pairs and the group that the scenarios need.
pub async fn prepare(
    target: &Target,
    transport: Transport,
    opts: Opts,
    scenarios: &[Scenario],
) -> anyhow::Result<Ctx> {
    let transport = if target.system == System::Centrifugo {
        Transport::Ws
    } else {
        transport
    };
    let run: Arc<str> = run_id().into();
    let wanted = scenarios
        .iter()
        .map(|s| match s {
            Scenario::Fanout => opts.group_size,
            _ => opts.users,
        })
        .max()
        .unwrap_or(opts.users);
    let (users, group_id) = match target.system {
        System::Easychat => {
            let url = target
                .server
                .as_deref()
                .ok_or_else(|| anyhow::anyhow!("--server is needed to set up EasyChat users"))?;
            let setup = Setup::connect(url, target.setup_parallel, &run).await?;
            let users = setup.register(wanted).await?;
            if scenarios
                .iter()
                .any(|s| matches!(s, Scenario::OneToOne | Scenario::Reconnect))
            {
                setup
                    .befriend_pairs(&users[..opts.users.min(users.len()) / 2 * 2])
                    .await?;
            }
            let group = if scenarios.contains(&Scenario::Fanout) {
                Some(
                    setup
                        .create_group(&users[..opts.group_size.min(users.len())])
                        .await?,
                )
            } else {
                None
            };
            (users, group)
        }
        System::Baseline | System::Centrifugo => ((0..wanted).map(User::synthetic).collect(), None),
    };
    Ok(Ctx {
        system: target.system,
        transport,
        grpc_url: target.server.clone(),
        more_grpc_urls: target.also_servers.clone(),
        ws_url: target.ws.clone(),
        meter: Arc::new(Meter::default()),
        opts,
        run,
        users,
        group_id,
    })
}

/// Gives the server time to finish the previous scenario's mass disconnect (EasyChat announces
/// every user going offline to all friends and co-members) before the next one connects: 5 s
/// for the default 1,000 users, less for fewer (the smoke's 4 wait half a second).
pub async fn settle_between_scenarios(users: usize) {
    let millis = (users as u64).saturating_mul(5).clamp(500, 5_000);
    tokio::time::sleep(Duration::from_millis(millis)).await;
}

/// Runs one scenario.
pub async fn run_scenario(ctx: &Ctx, scenario: Scenario) -> anyhow::Result<Vec<Row>> {
    match scenario {
        Scenario::OneToOne => scenarios::one_to_one::run(ctx).await,
        Scenario::Fanout => scenarios::fanout::run(ctx).await,
        Scenario::Idle => scenarios::idle::run(ctx).await,
        Scenario::Reconnect => scenarios::reconnect::run(ctx).await,
    }
}

/// The `run` command.
pub async fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let opts = Opts {
        users: args.users,
        group_size: args.group_size,
        group_senders: args.group_senders,
        window: args.window,
        payload: args.payload,
        warmup: Duration::from_secs(args.warmup_secs),
        duration: Duration::from_secs(args.duration_secs),
        half_peak: !args.no_half_peak,
        one_to_one_paced_rate: args.one_to_one_paced_rate.filter(|rate| *rate > 0.0),
        first_phase_rate: None,
        max_messages: args.max_messages,
        drain: Duration::from_secs(args.drain_secs),
        streams_per_conn: args.streams_per_conn,
        idle_sessions: args.idle_sessions,
        idle_streams_per_conn: args.idle_streams_per_conn.clone(),
        idle_hold: Duration::from_secs(args.idle_hold_secs),
        ping_interval: Duration::from_secs(args.ping_interval_secs),
        reconnect_backlog: args.reconnect_backlog,
        connect_parallel: args.connect_parallel,
        server_pid: args.server_pid,
        gateway_pid: args.gateway_pid,
    };
    let mut report = Report::new();
    let ctx = prepare(&args.target, args.transport, opts, &args.scenarios).await?;
    let mut failed = 0;
    for (i, &scenario) in args.scenarios.iter().enumerate() {
        if i > 0 {
            settle_between_scenarios(ctx.opts.users).await;
        }
        match run_scenario(&ctx, scenario).await {
            Ok(rows) => report.rows.extend(rows),
            Err(e) => {
                failed += 1;
                eprintln!("scenario {scenario:?} failed: {e:#}");
                let mut row = ctx.row(&format!("{scenario:?}"), "failed");
                row.notes.push(format!("failed: {e:#}"));
                report.rows.push(row);
            }
        }
    }
    // A scenario that lost, duplicated or misnumbered messages fails the run like one that
    // ended in an error; its rows and figures stay in the table.
    for row in &report.rows {
        if let Some(integrity) = row.integrity.as_ref().filter(|i| !i.clean()) {
            failed += 1;
            eprintln!(
                "scenario {} failed its seq check: {}",
                row.scenario,
                integrity.summary()
            );
        }
    }
    report.finish();
    println!("{}", report.table());
    if let Some(path) = &args.json {
        report.write_json(path)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
