//! The four workloads, each a function from a [`Ctx`] to result rows:
//! - `one_to_one`: users in pairs, each sending to its peer (acked and delivered per second);
//! - `fanout`: one big group with every member online, a few members sending (deliveries/s);
//! - `idle`: many idle sessions with heartbeats (server memory per session);
//! - `reconnect`: every session dropped, messages posted meanwhile, all reconnecting at once
//!   and syncing (time until all are caught up).
//!
//! `fleet` opens and closes the sessions of any system; `load` runs the timed send phases;
//! `readback` reads the conversations a scenario sent into back once it is over and checks that
//! nothing acked was lost, nothing stored twice and every seq is taken once.

pub mod fanout;
pub mod fleet;
pub mod idle;
pub mod load;
pub mod one_to_one;
pub mod readback;
pub mod reconnect;

use std::sync::Arc;
use std::time::Duration;

use crate::setup::User;
use crate::stats::meter::Meter;

/// The kind of server under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum System {
    /// EasyChat itself: accounts, friendships and the group are made through its API.
    Easychat,
    /// The minimal echo/broadcast server of this binary (`baseline-grpc` or `baseline-ws`).
    Baseline,
    /// Centrifugo, started by bench/peer/run.sh.
    Centrifugo,
}

/// How devices talk to the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Transport {
    /// `ImService/Chat` over HTTP/2.
    Grpc,
    /// JSON frames over WebSocket (the gateway's protocol, or Centrifugo's).
    Ws,
}

impl System {
    pub fn name(self, transport: Transport) -> &'static str {
        match (self, transport) {
            (System::Easychat, _) => "easychat",
            (System::Baseline, Transport::Grpc) => "baseline-grpc",
            (System::Baseline, Transport::Ws) => "baseline-ws",
            (System::Centrifugo, _) => "centrifugo",
        }
    }
}

impl Transport {
    pub fn name(self) -> &'static str {
        match self {
            Transport::Grpc => "grpc",
            Transport::Ws => "ws",
        }
    }
}

/// The knobs of the workloads; defaults are the full-size run.
#[derive(Debug, Clone)]
pub struct Opts {
    /// Users of the 1:1 and reconnect scenarios (in pairs), also reused by the others.
    pub users: usize,
    pub group_size: usize,
    /// Members of the group that send during the fan-out scenario.
    pub group_senders: usize,
    /// Unacknowledged sends per sending session in the closed-loop phases.
    pub window: usize,
    /// Bytes of every message text.
    pub payload: usize,
    pub warmup: Duration,
    pub duration: Duration,
    /// Also run each throughput scenario paced at half its measured peak.
    pub half_peak: bool,
    /// Pace the 1:1 scenario's second phase at this rate instead of half the peak, so that two
    /// servers of different capacity can be compared at the same load.
    pub one_to_one_paced_rate: Option<f64>,
    /// Pace the first phase at this many messages per second instead of closed loop: the
    /// smoke checks delivery, not capacity, and must not push a server past its limits.
    pub first_phase_rate: Option<f64>,
    /// Upper bound of messages per phase, whatever the duration.
    pub max_messages: u64,
    /// Time allowed for deliveries to arrive after a phase.
    pub drain: Duration,
    /// gRPC streams per HTTP/2 connection in the throughput scenarios.
    pub streams_per_conn: usize,
    pub idle_sessions: usize,
    /// gRPC streams per HTTP/2 connection for the idle scenario, one row each.
    pub idle_streams_per_conn: Vec<usize>,
    pub idle_hold: Duration,
    pub ping_interval: Duration,
    /// Messages posted into every conversation while the reconnect scenario is offline.
    pub reconnect_backlog: usize,
    /// Sessions opened at once (setup-like opening; the storm opens all at once).
    pub connect_parallel: usize,
    pub server_pid: Option<u32>,
    pub gateway_pid: Option<u32>,
}

impl Default for Opts {
    fn default() -> Self {
        Opts {
            users: 1000,
            group_size: 1000,
            group_senders: 1,
            window: 8,
            payload: 64,
            warmup: Duration::from_secs(3),
            duration: Duration::from_secs(20),
            half_peak: true,
            one_to_one_paced_rate: None,
            first_phase_rate: None,
            max_messages: 10_000_000,
            drain: Duration::from_secs(15),
            streams_per_conn: 100,
            idle_sessions: 10_000,
            idle_streams_per_conn: vec![1, 100],
            idle_hold: Duration::from_secs(30),
            ping_interval: Duration::from_secs(20),
            reconnect_backlog: 20,
            connect_parallel: 64,
            server_pid: None,
            gateway_pid: None,
        }
    }
}

/// What every scenario gets.
pub struct Ctx {
    pub system: System,
    pub transport: Transport,
    /// EasyChat's or the gRPC baseline's URL (also EasyChat's for the setup of a WebSocket run).
    pub grpc_url: Option<String>,
    /// More nodes of the same EasyChat cluster (`--also-server`): the sessions' gRPC connections
    /// are spread over `grpc_url` and these.
    pub more_grpc_urls: Vec<String>,
    /// The gateway's, the WebSocket baseline's or Centrifugo's WebSocket URL.
    pub ws_url: Option<String>,
    pub meter: Arc<Meter>,
    pub opts: Opts,
    /// Tells this run's client message ids and phone numbers from earlier runs'.
    pub run: Arc<str>,
    pub users: Vec<User>,
    /// EasyChat's group of the fan-out scenario (the first `group_size` users).
    pub group_id: Option<String>,
}

impl Ctx {
    pub fn system_name(&self) -> &'static str {
        self.system.name(self.transport)
    }

    pub fn row(&self, scenario: &str, phase: &str) -> crate::stats::report::Row {
        crate::stats::report::Row::new(scenario, self.system_name(), self.transport.name(), phase)
    }

    pub fn label(&self, scenario: &str) -> String {
        format!("{scenario} {}", self.system_name())
    }

    /// The single chat of users `a` and `b` as each protocol names it.
    pub fn peer_dest(&self, from: usize, to: usize) -> crate::transport::Dest {
        let (a, b) = (&self.users[from], &self.users[to]);
        crate::transport::Dest {
            conversation_id: crate::setup::single_conversation_id(&a.user_id, &b.user_id),
            recv_id: b.user_id.clone(),
            group: false,
            channel: personal_channel(b),
        }
    }

    /// The fan-out group as each protocol names it.
    pub fn group_dest(&self) -> crate::transport::Dest {
        let group = self.group_id.clone().unwrap_or_else(|| "bench".to_owned());
        crate::transport::Dest {
            conversation_id: format!("g_{group}"),
            recv_id: group.clone(),
            group: true,
            channel: format!("g_{group}"),
        }
    }
}

/// How the first measured phase sends: closed loop (the peak), unless the options pace it.
pub fn first_pace(ctx: &Ctx) -> load::Pace {
    match ctx.opts.first_phase_rate {
        Some(rate) => load::Pace::Rate(rate),
        None => load::Pace::ClosedLoop,
    }
}

/// The first measured phase's name in the report.
pub fn first_phase_name(ctx: &Ctx) -> &'static str {
    if ctx.opts.first_phase_rate.is_some() {
        "paced"
    } else {
        "peak"
    }
}

/// The Centrifugo channel a user's devices subscribe to.
pub fn personal_channel(user: &User) -> String {
    format!("u_{}", user.user_id)
}
