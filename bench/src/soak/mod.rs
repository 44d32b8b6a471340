//! The fault soak (`easychat-bench soak`): steady senders over gRPC and the gateway's WebSocket
//! against a running cluster, while scripts/fault-soak.sh injects faults; then every
//! conversation is read back through the public API and compared with the acks. See
//! RELIABILITY.md for what the counts mean and a measured run.
//!
//! - `senders`: the senders, their retries with the same client_msg_id, what they record;
//! - `check`: the counts (lost, duplicated, reordered, seq gaps) from acks and histories.

pub mod check;
pub mod senders;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use easychat_proto::im::v1::im_service_client::ImServiceClient;
use easychat_proto::im::v1::{
    ChatRequest, ListMessagesRequest, PageDirection, SyncCursor, SyncRequest, chat_request,
    chat_response,
};
use serde::Serialize;
use tokio_stream::wrappers::ReceiverStream;

use self::check::{Counts, Stored};
use self::senders::{LoadWindow, Recorder, SendError, SenderSpec, Shared, Target, unix_ms};
use crate::setup::{Setup, User, single_conversation_id};
use crate::transport::grpc::{Bearer, endpoint};

/// A send this slow is listed in the JSON summary.
const SLOW_SEND_MS: u64 = 2_000;

#[derive(Serialize)]
struct SlowSend {
    sender: usize,
    client_msg_id: String,
    /// Seconds after the load began that the first attempt went out.
    sent_at_secs: f64,
    latency_secs: f64,
    duplicate: bool,
}

/// A fault that begins this soon after a send went out is what holds it up, not the one before.
const FAULT_GRACE_MS: u64 = 1_000;

/// Errors and sends before the first fault.
const BEFORE_FAULTS: &str = "(before the first fault)";

#[derive(Args, Debug)]
pub struct SoakArgs {
    /// gRPC URL of a node; give it once per node (sends move to the next one on failure).
    #[arg(long = "node", value_name = "URL", required = true)]
    pub nodes: Vec<String>,
    /// The gateway's WebSocket URL (ws://HOST:PORT/ws); without it every sender uses gRPC.
    #[arg(long, value_name = "URL")]
    pub ws: Option<String>,
    /// Unique per run: the prefix of every client_msg_id, and the digits of the phone numbers.
    #[arg(long)]
    pub run: String,
    /// Minimum seconds of load.
    #[arg(long, default_value_t = 60)]
    pub duration_secs: u64,
    /// Keep the load on, past --duration-secs, until this file exists.
    #[arg(long, value_name = "FILE")]
    pub until_file: Option<PathBuf>,
    /// Created once the population is ready and the load starts (the fault script waits on it).
    #[arg(long, value_name = "FILE")]
    pub started_file: Option<PathBuf>,
    /// Lines `<unix ms> <fault> begin|end` written by the fault script: errors are attributed
    /// to the fault that began last before them.
    #[arg(long, value_name = "FILE")]
    pub fault_log: Option<PathBuf>,
    /// Friend pairs; each pair has a gRPC sender one way and a WebSocket sender the other.
    #[arg(long, default_value_t = 4)]
    pub pairs: usize,
    /// Messages per second of each sender (2 × pairs + 2 senders in all).
    #[arg(long, default_value_t = 2.0)]
    pub rate: f64,
    /// Seconds a send may keep retrying after the load stopped before it is given up.
    #[arg(long, default_value_t = 120)]
    pub drain_secs: u64,
    /// Write the summary, the errors and the faults as JSON here.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

/// A fault of the script's log: when it began and ended, relative to the load's start.
#[derive(Debug, Clone, Serialize)]
struct Fault {
    name: String,
    begin_unix_ms: u64,
    end_unix_ms: Option<u64>,
}

#[derive(Serialize)]
struct Summary<'a> {
    run: &'a str,
    load_secs: f64,
    senders: usize,
    sends: u64,
    counts: &'a Counts,
    duplicate_answers: u64,
    refused: u64,
    unanswered: u64,
    errors_by_code: BTreeMap<String, u64>,
    errors_by_fault: BTreeMap<String, BTreeMap<String, u64>>,
    /// Longest time from a send's first attempt to its ack, by the fault that began last
    /// before the first attempt (or within [`FAULT_GRACE_MS`] after it): how long the fault
    /// held senders up.
    slowest_send_ms_by_fault: BTreeMap<String, u64>,
    /// Sends that took [`SLOW_SEND_MS`] or more from first attempt to ack.
    slow_sends: Vec<SlowSend>,
    faults: &'a [Fault],
    errors: &'a [SendError],
    passed: bool,
}

pub async fn main(args: SoakArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(args.rate > 0.0, "--rate must be positive");
    let setup = Setup::connect(&args.nodes[0], 4, &args.run).await?;
    let users = setup.register(args.pairs * 2).await?;
    setup.befriend_pairs(&users).await?;
    let group_id = setup.create_group(&users).await?;
    let specs = senders_of(&users, &group_id, args.ws.is_some());

    let mut nodes = Vec::new();
    for url in &args.nodes {
        nodes.push(endpoint(url)?.connect_lazy());
    }
    let shared = Arc::new(Shared {
        run: args.run.clone(),
        nodes,
        ws_url: args.ws.clone(),
        load: LoadWindow::new(
            Duration::from_secs(args.duration_secs),
            args.until_file.clone(),
            Duration::from_secs(args.drain_secs),
        ),
        record: Recorder::default(),
        interval: Duration::from_secs_f64(1.0 / args.rate),
    });
    let load_began_ms = unix_ms();
    if let Some(file) = &args.started_file {
        std::fs::write(file, load_began_ms.to_string())
            .with_context(|| format!("writing {}", file.display()))?;
    }
    eprintln!(
        "[soak] load: {} senders ({} over WebSocket) at {}/s each",
        specs.len(),
        specs.iter().filter(|s| s.1).count(),
        args.rate
    );
    let mut tasks = tokio::task::JoinSet::new();
    for (spec, over_ws) in specs.iter().cloned() {
        let shared = shared.clone();
        tasks.spawn(async move {
            if over_ws {
                senders::ws_sender(&shared, spec).await
            } else {
                senders::grpc_sender(&shared, spec).await
            }
        });
    }
    let progress = tokio::spawn(progress(shared.clone()));
    while let Some(joined) = tasks.join_next().await {
        joined.context("a sender panicked")??;
    }
    progress.abort();
    let load_secs = shared.load.elapsed().as_secs_f64();

    let acks = std::mem::take(&mut *shared.record.acks.lock().expect("acks lock"));
    let errors = std::mem::take(&mut *shared.record.errors.lock().expect("errors lock"));
    let mut conversations: BTreeMap<String, &User> = BTreeMap::new();
    for (spec, _) in &specs {
        conversations.insert(spec.conversation_id.clone(), &spec.user);
    }
    // An ack names its conversation itself: check the senders' expectation too.
    let unexpected: BTreeSet<&str> = acks
        .iter()
        .map(|ack| ack.conversation_id.as_str())
        .filter(|id| !conversations.contains_key(*id))
        .collect();
    anyhow::ensure!(
        unexpected.is_empty(),
        "acks name conversations no sender targets: {unexpected:?}"
    );
    let mut histories = BTreeMap::new();
    let mut sync_disagreements = 0;
    for (conversation_id, reader) in &conversations {
        let listed = read_back(&shared, reader, conversation_id).await?;
        let synced = sync_back(&shared, reader, conversation_id).await?;
        sync_disagreements += check::disagreements(&listed, &synced);
        histories.insert(conversation_id.clone(), listed);
    }
    let mut counts = check::count(&acks, &histories, &format!("{}-", args.run));
    counts.sync_disagreements = sync_disagreements;

    let faults = match &args.fault_log {
        Some(file) => read_faults(file)?,
        None => Vec::new(),
    };
    let fault_at = |unix_ms: u64| {
        faults
            .iter()
            .rev()
            .find(|fault| fault.begin_unix_ms <= unix_ms)
            .map_or(BEFORE_FAULTS.to_owned(), |f| f.name.clone())
    };
    let mut slowest_send_ms_by_fault: BTreeMap<String, u64> = BTreeMap::new();
    for ack in &acks {
        let slowest = slowest_send_ms_by_fault
            .entry(fault_at(ack.sent_unix_ms + FAULT_GRACE_MS))
            .or_default();
        *slowest = (*slowest).max(ack.latency_ms);
    }
    let slow_sends: Vec<SlowSend> = acks
        .iter()
        .filter(|ack| ack.latency_ms >= SLOW_SEND_MS)
        .map(|ack| SlowSend {
            sender: ack.sender,
            client_msg_id: ack.client_msg_id.clone(),
            sent_at_secs: (ack.sent_unix_ms as f64 - load_began_ms as f64) / 1000.0,
            latency_secs: ack.latency_ms as f64 / 1000.0,
            duplicate: ack.duplicate,
        })
        .collect();
    let mut errors_by_code = BTreeMap::new();
    let mut errors_by_fault: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for error in &errors {
        let key = format!("{} {} {}", error.transport, error.code, error.reason);
        *errors_by_code.entry(key.clone()).or_default() += 1;
        *errors_by_fault
            .entry(fault_at(error.at_unix_ms))
            .or_default()
            .entry(key)
            .or_default() += 1;
    }
    let refused = shared.record.refused.load(Ordering::Relaxed);
    let unanswered = shared.record.unanswered.load(Ordering::Relaxed);
    let passed = counts.clean() && refused == 0 && unanswered == 0;
    let summary = Summary {
        run: &args.run,
        load_secs,
        senders: specs.len(),
        sends: shared.record.sends.load(Ordering::Relaxed),
        counts: &counts,
        duplicate_answers: acks.iter().filter(|ack| ack.duplicate).count() as u64,
        refused,
        unanswered,
        errors_by_code,
        errors_by_fault,
        slowest_send_ms_by_fault,
        slow_sends,
        faults: &faults,
        errors: &errors,
        passed,
    };
    print_summary(&summary, load_began_ms);
    if let Some(file) = &args.json {
        std::fs::write(file, serde_json::to_vec_pretty(&summary)?)
            .with_context(|| format!("writing {}", file.display()))?;
    }
    Ok(if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The senders, and whether each goes over the WebSocket: in pair k (users 2k, 2k+1), 2k sends
/// to 2k+1 over gRPC and 2k+1 back over the WebSocket; in the group (every user), user 0 over
/// gRPC and user 1 over the WebSocket. So every conversation has two senders interleaving.
fn senders_of(users: &[User], group_id: &str, ws: bool) -> Vec<(SenderSpec, bool)> {
    let group_conversation = format!("g_{group_id}");
    let mut specs = Vec::new();
    let mut add = |user: &User, target: Target, conversation_id: String, over_ws: bool| {
        let index = specs.len();
        specs.push((
            SenderSpec {
                index,
                user: user.clone(),
                target,
                conversation_id,
            },
            over_ws && ws,
        ));
    };
    for pair in users.chunks_exact(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let conversation = single_conversation_id(&a.user_id, &b.user_id);
        add(
            a,
            Target::Peer(b.user_id.clone()),
            conversation.clone(),
            false,
        );
        add(b, Target::Peer(a.user_id.clone()), conversation, true);
    }
    add(
        &users[0],
        Target::Group(group_id.to_owned()),
        group_conversation.clone(),
        false,
    );
    add(
        &users[1],
        Target::Group(group_id.to_owned()),
        group_conversation,
        true,
    );
    specs
}

/// Every message of the conversation, oldest first, through the public API as `reader`;
/// retried on the other nodes for a while (the last fault may still be settling).
async fn read_back(
    shared: &Shared,
    reader: &User,
    conversation_id: &str,
) -> anyhow::Result<Vec<Stored>> {
    let bearer = Bearer::new(&reader.token)?;
    let mut attempt = 0;
    loop {
        let node = attempt % shared.nodes.len();
        let mut client =
            ImServiceClient::with_interceptor(shared.nodes[node].clone(), bearer.clone());
        match read_all(&mut client, conversation_id).await {
            Ok(history) => return Ok(history),
            Err(status) if attempt < 30 => {
                eprintln!("[soak] reading {conversation_id} back (attempt {attempt}): {status}");
                tokio::time::sleep(Duration::from_secs(2)).await;
                attempt += 1;
            }
            Err(status) => return Err(status).context(format!("reading {conversation_id} back")),
        }
    }
}

/// The conversation as a reconnecting client catches up on it: a Chat stream's `sync` from
/// seq 0, every batch until `done`; retried like [`read_back`].
async fn sync_back(
    shared: &Shared,
    reader: &User,
    conversation_id: &str,
) -> anyhow::Result<Vec<Stored>> {
    let bearer = Bearer::new(&reader.token)?;
    let mut attempt = 0;
    loop {
        let node = attempt % shared.nodes.len();
        let client = ImServiceClient::with_interceptor(shared.nodes[node].clone(), bearer.clone());
        let synced =
            tokio::time::timeout(Duration::from_secs(60), sync_all(client, conversation_id))
                .await
                .unwrap_or_else(|_| Err(anyhow::anyhow!("no complete sync within 60 s")));
        match synced {
            Ok(history) => return Ok(history),
            Err(e) if attempt < 30 => {
                eprintln!("[soak] syncing {conversation_id} (attempt {attempt}): {e:#}");
                tokio::time::sleep(Duration::from_secs(2)).await;
                attempt += 1;
            }
            Err(e) => return Err(e.context(format!("syncing {conversation_id}"))),
        }
    }
}

async fn sync_all(
    mut client: ImServiceClient<crate::transport::grpc::Authed>,
    conversation_id: &str,
) -> anyhow::Result<Vec<Stored>> {
    let (requests, outbound) = tokio::sync::mpsc::channel(4);
    requests
        .send(ChatRequest {
            request_id: "soak-sync".to_owned(),
            frame: Some(chat_request::Frame::Sync(SyncRequest {
                cursors: vec![SyncCursor {
                    conversation_id: conversation_id.to_owned(),
                    last_seq: 0,
                }],
                page_size: 500,
            })),
        })
        .await?;
    let mut inbound = client
        .chat(ReceiverStream::new(outbound))
        .await
        .context("opening Chat")?
        .into_inner();
    let mut history = Vec::new();
    loop {
        let frame = inbound
            .message()
            .await
            .context("reading Chat")?
            .context("Chat ended before the sync was done")?
            .frame;
        match frame {
            Some(chat_response::Frame::SyncBatch(batch)) => {
                anyhow::ensure!(
                    batch.conversation_id == conversation_id || batch.messages.is_empty(),
                    "a sync batch of {} for a cursor on {conversation_id}",
                    batch.conversation_id
                );
                history.extend(batch.messages.into_iter().map(|m| Stored {
                    client_msg_id: m.client_msg_id,
                    message_id: m.message_id,
                    seq: m.seq,
                }));
                if batch.done {
                    // Dropping the request sender half-closes the stream.
                    drop(requests);
                    return Ok(history);
                }
            }
            Some(chat_response::Frame::Error(error)) => {
                anyhow::bail!("sync refused: {} {}", error.reason, error.message)
            }
            // `ready`, and events pushed meanwhile.
            _ => {}
        }
    }
}

async fn read_all(
    client: &mut ImServiceClient<crate::transport::grpc::Authed>,
    conversation_id: &str,
) -> Result<Vec<Stored>, tonic::Status> {
    let mut history = Vec::new();
    let mut page_token = String::new();
    loop {
        let page = client
            .list_messages(ListMessagesRequest {
                conversation_id: conversation_id.to_owned(),
                direction: PageDirection::Forward as i32,
                page_size: 200,
                page_token: page_token.clone(),
                anchor_seq: 0,
            })
            .await?
            .into_inner();
        history.extend(page.messages.into_iter().map(|m| Stored {
            client_msg_id: m.client_msg_id,
            message_id: m.message_id,
            seq: m.seq,
        }));
        if page.next_page_token.is_empty() {
            return Ok(history);
        }
        page_token = page.next_page_token;
    }
}

fn read_faults(file: &PathBuf) -> anyhow::Result<Vec<Fault>> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let mut faults: Vec<Fault> = Vec::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [at, name, phase] = fields[..] else {
            anyhow::bail!(
                "{}: expected `<unix ms> <fault> begin|end`, got {line:?}",
                file.display()
            );
        };
        let at: u64 = at.parse().with_context(|| format!("time in {line:?}"))?;
        match phase {
            "begin" => faults.push(Fault {
                name: name.to_owned(),
                begin_unix_ms: at,
                end_unix_ms: None,
            }),
            "end" => {
                if let Some(fault) = faults.iter_mut().rev().find(|f| f.name == name) {
                    fault.end_unix_ms = Some(at);
                }
            }
            other => anyhow::bail!("unknown phase {other:?} in {line:?}"),
        }
    }
    Ok(faults)
}

async fn progress(shared: Arc<Shared>) {
    let mut tick = tokio::time::interval(Duration::from_secs(10));
    tick.tick().await;
    loop {
        tick.tick().await;
        // Also fixes the end of the load while every sender is stuck retrying.
        let running = shared.load.running();
        eprintln!(
            "[soak] {:>4.0}s{} sends {} acked {} errors {}",
            shared.load.elapsed().as_secs_f64(),
            if running { "" } else { " (draining)" },
            shared.record.sends.load(Ordering::Relaxed),
            shared.record.acked(),
            shared.record.error_count(),
        );
    }
}

fn print_summary(summary: &Summary<'_>, load_began_ms: u64) {
    let secs = |ms: u64| (ms as f64 - load_began_ms as f64) / 1000.0;
    println!(
        "fault soak {}: {:.0} s of load, {} senders",
        summary.run, summary.load_secs, summary.senders
    );
    println!("faults (seconds after the load began):");
    for fault in summary.faults {
        match fault.end_unix_ms {
            Some(end) => println!(
                "  {:>6.1} {} (recovered after {:.1} s)",
                secs(fault.begin_unix_ms),
                fault.name,
                (end.saturating_sub(fault.begin_unix_ms)) as f64 / 1000.0
            ),
            None => println!(
                "  {:>6.1} {} (no end logged)",
                secs(fault.begin_unix_ms),
                fault.name
            ),
        }
    }
    let c = summary.counts;
    println!(
        "sends {}  acked {}  stored {}  (acks answered as duplicates of an earlier attempt: {})",
        summary.sends, c.acked, c.stored, summary.duplicate_answers
    );
    println!(
        "lost {}  ack mismatch {}  duplicated {}  reordered {}  seq gaps {}  sync/list disagreements {}",
        c.lost, c.ack_mismatch, c.duplicated, c.reordered, c.seq_gaps, c.sync_disagreements
    );
    println!(
        "refused (non-retryable) {}  unanswered (given up) {}  stored without ack {}  foreign {}",
        summary.refused, summary.unanswered, c.stored_unacked, c.foreign
    );
    println!(
        "failed attempts, all retried with the same client_msg_id unless non-retryable: {}",
        summary.errors.len()
    );
    for (key, n) in &summary.errors_by_code {
        println!("  {n:>5}  {key}");
    }
    println!("failed attempts by the fault that began last before them:");
    for (fault, codes) in &summary.errors_by_fault {
        println!("  {fault}: {}", codes.values().sum::<u64>());
        for (key, n) in codes {
            println!("    {n:>5}  {key}");
        }
    }
    println!(
        "sends slower than {} s (first attempt to ack): {}; the slowest by the fault that began last before (or within 1 s after) its first attempt:",
        SLOW_SEND_MS / 1000,
        summary.slow_sends.len()
    );
    for (fault, ms) in &summary.slowest_send_ms_by_fault {
        println!("  {:>7.1} s  {fault}", *ms as f64 / 1000.0);
    }
    println!(
        "fault soak: {}",
        if summary.passed { "PASSED" } else { "FAILED" }
    );
}
