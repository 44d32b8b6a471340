//! The comparison table of a `bench/run.sh` output directory: each headline figure for every
//! system, EasyChat as a fraction of the transport's ceiling (the baselines) and of the peer,
//! and against the targets of the issue.

use std::fmt::Write as _;
use std::path::Path;

use super::report::{Report, Row};

/// The systems of a run directory, by the file stem `bench/run.sh` gives their JSON.
const SYSTEMS: [&str; 5] = [
    "easychat-grpc",
    "easychat-ws",
    "baseline-grpc",
    "baseline-ws",
    "centrifugo",
];

/// EasyChat on the real services (deploy/config/single-node.toml), compared in a table of its
/// own when measured.
const REAL_SYSTEMS: [&str; 2] = ["easychat-real-grpc", "easychat-real-ws"];

struct Metric {
    name: &'static str,
    value: fn(&Report) -> Option<f64>,
    higher_is_better: bool,
    /// The target for EasyChat over gRPC (over WebSocket for `ws_target`), if any.
    target: Option<f64>,
    ws_target: Option<f64>,
}

fn row<'a>(report: &'a Report, scenario: &str, phase: &str) -> Option<&'a Row> {
    report
        .rows
        .iter()
        .find(|r| r.scenario == scenario && r.phase == phase)
}

/// Resident memory per session in KB, all watched processes together (server and gateway).
fn memory_kb(report: &Report, phase: &str) -> Option<f64> {
    let row = row(report, "idle", phase)?;
    if row.memory.is_empty() {
        return None;
    }
    Some(row.memory.iter().map(|m| m.per_session_bytes).sum::<f64>() / 1024.0)
}

const METRICS: [Metric; 9] = [
    Metric {
        name: "1:1 acked msg/s (peak)",
        value: |r| row(r, "1:1", "peak").map(|r| r.acked_per_s),
        higher_is_better: true,
        target: Some(50_000.0),
        ws_target: None,
    },
    Metric {
        name: "1:1 delivered msg/s (peak)",
        value: |r| row(r, "1:1", "peak").map(|r| r.delivered_per_s),
        higher_is_better: true,
        target: None,
        ws_target: None,
    },
    Metric {
        name: "1:1 ack p99 ms at half peak",
        value: |r| row(r, "1:1", "half-peak")?.ack_latency.map(|p| p.p99_ms),
        higher_is_better: false,
        target: Some(10.0),
        ws_target: None,
    },
    Metric {
        name: "1:1 delivery p99 ms at half peak",
        value: |r| {
            row(r, "1:1", "half-peak")?
                .delivery_latency
                .map(|p| p.p99_ms)
        },
        higher_is_better: false,
        target: None,
        ws_target: None,
    },
    Metric {
        name: "fan-out deliveries/s (peak)",
        value: |r| row(r, "fan-out", "peak").map(|r| r.delivered_per_s),
        higher_is_better: true,
        target: Some(500_000.0),
        ws_target: None,
    },
    Metric {
        name: "fan-out delivery p99 ms at half peak",
        value: |r| {
            row(r, "fan-out", "half-peak")?
                .delivery_latency
                .map(|p| p.p99_ms)
        },
        higher_is_better: false,
        target: None,
        ws_target: None,
    },
    Metric {
        name: "idle KB per session, own connection",
        value: |r| memory_kb(r, "hold x1"),
        higher_is_better: false,
        target: None,
        ws_target: Some(8.0),
    },
    Metric {
        name: "idle KB per stream, 100 per connection",
        value: |r| memory_kb(r, "hold x100"),
        higher_is_better: false,
        target: Some(16.0),
        ws_target: None,
    },
    Metric {
        name: "reconnect storm: all caught up (s)",
        value: |r| {
            Some(
                row(r, "reconnect", "storm")?
                    .catch_up
                    .as_ref()?
                    .all_caught_up_s,
            )
        },
        higher_is_better: false,
        target: None,
        ws_target: None,
    },
];

/// Reads the run directory's JSON files (missing ones are "not measured") and renders the
/// comparison as Markdown.
pub fn compare(dir: &Path) -> anyhow::Result<String> {
    let reports: Vec<Option<Report>> = SYSTEMS.iter().map(|name| load(dir, name)).collect();
    let real: Vec<Option<Report>> = REAL_SYSTEMS.iter().map(|name| load(dir, name)).collect();
    anyhow::ensure!(
        reports.iter().chain(&real).any(Option::is_some),
        "no result JSON in {}",
        dir.display()
    );
    let mut out = String::new();
    out.push_str("| metric | EasyChat gRPC | EasyChat WS | baseline gRPC | baseline WS | Centrifugo | gRPC ÷ ceiling | WS ÷ ceiling | gRPC ÷ peer | WS ÷ peer | target | EasyChat vs target |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    for metric in &METRICS {
        let values: Vec<Option<f64>> = reports
            .iter()
            .map(|r| r.as_ref().and_then(metric.value))
            .collect();
        let [ec_grpc, ec_ws, base_grpc, base_ws, peer] = values[..] else {
            unreachable!("one value per system");
        };
        let target = match (metric.target, metric.ws_target) {
            (Some(t), _) => Some((t, ec_grpc, "gRPC")),
            (None, Some(t)) => Some((t, ec_ws, "WS")),
            (None, None) => None,
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            metric.name,
            cell(ec_grpc),
            cell(ec_ws),
            cell(base_grpc),
            cell(base_ws),
            cell(peer),
            ratio(ec_grpc, base_grpc),
            ratio(ec_ws, base_ws),
            ratio(ec_grpc, peer),
            ratio(ec_ws, peer),
            match target {
                Some((t, _, which)) => format!(
                    "{} {} ({which})",
                    if metric.higher_is_better {
                        "≥"
                    } else {
                        "≤"
                    },
                    fmt(t)
                ),
                None => "-".to_owned(),
            },
            match target {
                Some((t, Some(v), _)) => verdict(v, t, metric.higher_is_better),
                Some((_, None, _)) => "not measured".to_owned(),
                None => "-".to_owned(),
            },
        );
    }
    out.push_str("\nRatios are EasyChat ÷ the other system for every metric: above 1 is more for throughput (better) and more for latency, memory and time (worse).\n");
    if real.iter().any(Option::is_some) {
        real_services_table(&mut out, &reports, &real);
    }
    Ok(out)
}

fn load(dir: &Path, name: &str) -> Option<Report> {
    let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).ok()?;
    serde_json::from_str(&text).ok()
}

/// EasyChat on the real services next to the embedded default, the ceiling and the peer.
fn real_services_table(out: &mut String, reports: &[Option<Report>], real: &[Option<Report>]) {
    out.push_str("\n### On the real services (MariaDB, FerretDB, Redis, Kafka, etcd)\n\n");
    out.push_str("| metric | real gRPC | real WS | real ÷ embedded, gRPC | real ÷ embedded, WS | real gRPC ÷ ceiling | real gRPC ÷ peer |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
    for metric in &METRICS {
        let value = |report: &Option<Report>| report.as_ref().and_then(metric.value);
        let [ec_grpc, ec_ws, base_grpc, _, peer] = [0, 1, 2, 3, 4].map(|i| value(&reports[i]));
        let [real_grpc, real_ws] = [0, 1].map(|i| value(&real[i]));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            metric.name,
            cell(real_grpc),
            cell(real_ws),
            ratio(real_grpc, ec_grpc),
            ratio(real_ws, ec_ws),
            ratio(real_grpc, base_grpc),
            ratio(real_grpc, peer),
        );
    }
}

fn fmt(value: f64) -> String {
    if value >= 100.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

fn cell(value: Option<f64>) -> String {
    value.map(fmt).unwrap_or_else(|| "n/m".to_owned())
}

fn ratio(easychat: Option<f64>, other: Option<f64>) -> String {
    match (easychat, other) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.3}", a / b),
        _ => "-".to_owned(),
    }
}

fn verdict(value: f64, target: f64, higher_is_better: bool) -> String {
    let met = if higher_is_better {
        value >= target
    } else {
        value <= target
    };
    if met {
        "met".to_owned()
    } else if higher_is_better {
        format!(
            "missed: {:.1}× short",
            target / value.max(f64::MIN_POSITIVE)
        )
    } else {
        format!("missed: {:.1}× over", value / target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_say_by_how_much_a_target_is_missed() {
        assert_eq!(verdict(60_000.0, 50_000.0, true), "met");
        assert_eq!(verdict(5_000.0, 50_000.0, true), "missed: 10.0× short");
        assert_eq!(verdict(20.0, 10.0, false), "missed: 2.0× over");
    }
}
