//! The CI smoke mode: every scenario, tiny (a few users, a few seconds), over every transport
//! given (the transports side by side), with no timing assertions. A scenario passes when it
//! completes with no error and nothing missing: every acked message delivered, every idle
//! session kept, every reconnecting client caught up, and (EasyChat) its conversations read back
//! with every acked message stored once and seqs 1..=max without a gap. Ends with "bench smoke:
//! N passed, M failed".

use std::process::ExitCode;
use std::time::Duration;

use crate::cli::{Scenario, SmokeArgs, Target, prepare, run_scenario};
use crate::scenarios::{Ctx, Opts, System, Transport};
use crate::stats::report::Row;

const SCENARIOS: [Scenario; 4] = [
    Scenario::OneToOne,
    Scenario::Fanout,
    Scenario::Idle,
    Scenario::Reconnect,
];

fn tiny() -> Opts {
    Opts {
        users: 4,
        group_size: 4,
        group_senders: 1,
        window: 2,
        payload: 64,
        warmup: Duration::ZERO,
        duration: Duration::from_secs(3),
        half_peak: false,
        one_to_one_paced_rate: None,
        // Paced well below any server's capacity and below EasyChat's default per-user rate
        // limit (20 messages per second): the smoke checks that messages arrive.
        first_phase_rate: Some(12.0),
        max_messages: 10_000,
        drain: Duration::from_secs(10),
        streams_per_conn: 2,
        idle_sessions: 8,
        idle_streams_per_conn: vec![1, 4],
        idle_hold: Duration::from_secs(2),
        ping_interval: Duration::from_millis(500),
        reconnect_backlog: 3,
        connect_parallel: 8,
        server_pid: None,
        gateway_pid: None,
    }
}

pub async fn run(args: SmokeArgs) -> anyhow::Result<ExitCode> {
    let target = args.target;
    let mut transports = Vec::new();
    if target.server.is_some() && target.system != System::Centrifugo {
        transports.push(Transport::Grpc);
    }
    if target.ws.is_some() {
        transports.push(Transport::Ws);
    }
    anyhow::ensure!(!transports.is_empty(), "give --server URL and/or --ws URL");
    // The transports run side by side, each with users of its own: the smoke checks what
    // arrives, not how fast, and the server is far from busy with a few users each.
    let outcomes =
        futures::future::join_all(transports.into_iter().map(|t| run_transport(&target, t))).await;
    let passed: usize = outcomes.iter().map(|(passed, _)| passed).sum();
    let failed: usize = outcomes.iter().map(|(_, failed)| failed).sum();
    println!("bench smoke: {passed} passed, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Every scenario over one transport, in order; (passed, failed).
async fn run_transport(target: &Target, transport: Transport) -> (usize, usize) {
    let (mut passed, mut failed) = (0, 0);
    let ctx = match prepare(target, transport, tiny(), &SCENARIOS).await {
        Ok(ctx) => ctx,
        Err(e) => {
            println!("FAIL setup over {}: {e:#}", transport.name());
            return (0, 1);
        }
    };
    for (i, scenario) in SCENARIOS.into_iter().enumerate() {
        if i > 0 {
            crate::cli::settle_between_scenarios(ctx.opts.users).await;
        }
        let errors_before = ctx.meter.counts().errors;
        let outcome = run_scenario(&ctx, scenario).await;
        let errors = ctx.meter.counts().errors - errors_before;
        match judge(&ctx, scenario, outcome, errors) {
            Ok(summary) => {
                passed += 1;
                println!("ok   {scenario:?} over {}: {summary}", transport.name());
            }
            Err(why) => {
                failed += 1;
                println!("FAIL {scenario:?} over {}: {why}", transport.name());
            }
        }
    }
    (passed, failed)
}

/// Whether a scenario's outcome is a pass; the summary or the reason.
fn judge(
    ctx: &Ctx,
    scenario: Scenario,
    outcome: anyhow::Result<Vec<Row>>,
    errors: u64,
) -> Result<String, String> {
    let rows = outcome.map_err(|e| format!("{e:#}"))?;
    if errors > 0 {
        return Err(format!("{errors} errors"));
    }
    // Every scenario that sends EasyChat messages reads its conversations back.
    let sends = matches!(
        scenario,
        Scenario::OneToOne | Scenario::Fanout | Scenario::Reconnect
    );
    let mut seq_check = None;
    if sends && ctx.system == System::Easychat {
        let integrity = rows
            .iter()
            .find_map(|row| row.integrity.as_ref())
            .ok_or("no seq check (the conversations were not read back)")?;
        if !integrity.clean() {
            return Err(format!("seq check {}", integrity.summary()));
        }
        if integrity.acked == 0 {
            return Err("seq check: no acked send to look for".to_owned());
        }
        seq_check = Some(format!("seq check {}", integrity.summary()));
    }
    let mut summary = Vec::new();
    for row in &rows {
        if row.missing > 0 {
            return Err(format!("{}: {} deliveries missing", row.phase, row.missing));
        }
        let throughput = matches!(scenario, Scenario::OneToOne | Scenario::Fanout);
        if throughput && (row.counts.acked == 0 || row.counts.delivered == 0) {
            return Err(format!(
                "{}: nothing acked or delivered ({:?})",
                row.phase, row.counts
            ));
        }
        summary.push(match &row.catch_up {
            Some(c) => format!(
                "{} clients caught up in {:.2}s ({} synced)",
                c.clients, c.all_caught_up_s, c.synced_messages
            ),
            None if throughput => format!(
                "{} {} acked, {} delivered",
                row.phase, row.counts.acked, row.counts.delivered
            ),
            None => format!("{} {} sessions held", row.phase, ctx.opts.idle_sessions),
        });
    }
    summary.extend(seq_check);
    Ok(summary.join("; "))
}
