//! The comparison table of a `bench/run.sh` output directory: each headline figure for every
//! system, EasyChat as a fraction of the transport's ceiling (the baselines) and of the peer,
//! and against the targets of the issue. A run of several rounds (`BENCH_ROUNDS`) gives the
//! medians: on a shared machine one round's figures move by a quarter or more, and a ratio
//! taken within each round (both systems under the same conditions) is steadier than a ratio of
//! two medians.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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

/// One round of a run: the reports of the five systems and of the real-services ones, in the
/// order of `SYSTEMS` and `REAL_SYSTEMS` (missing ones are "not measured").
struct Round {
    systems: Vec<Option<Report>>,
    real: Vec<Option<Report>>,
}

impl Round {
    fn load(dir: &Path) -> Round {
        Round {
            systems: SYSTEMS.iter().map(|name| load(dir, name)).collect(),
            real: REAL_SYSTEMS.iter().map(|name| load(dir, name)).collect(),
        }
    }

    fn is_empty(&self) -> bool {
        self.systems.iter().chain(&self.real).all(Option::is_none)
    }
}

/// A metric's value for one system in every round.
struct Figures(Vec<Option<f64>>);

impl Figures {
    fn of(rounds: &[Round], metric: &Metric, pick: impl Fn(&Round) -> &Option<Report>) -> Self {
        Figures(
            rounds
                .iter()
                .map(|round| pick(round).as_ref().and_then(metric.value))
                .collect(),
        )
    }

    /// The median of the rounds that measured it.
    fn median(&self) -> Option<f64> {
        median(self.0.iter().flatten().copied().collect())
    }

    fn cell(&self) -> String {
        cell(self.median())
    }

    /// `self ÷ other` taken within each round (both measured under the same conditions), then
    /// the median of those ratios, with their range when there are several.
    fn ratio(&self, other: &Figures) -> String {
        let mut ratios: Vec<f64> = self
            .0
            .iter()
            .zip(&other.0)
            .filter_map(|pair| match pair {
                (Some(a), Some(b)) if *b > 0.0 => Some(a / b),
                _ => None,
            })
            .collect();
        ratios.sort_by(f64::total_cmp);
        match (ratios.first(), ratios.last(), median(ratios.clone())) {
            (Some(low), Some(high), Some(mid)) if ratios.len() > 1 => {
                format!("{mid:.3} ({low:.3}–{high:.3})")
            }
            (_, _, Some(mid)) => format!("{mid:.3}"),
            _ => "-".to_owned(),
        }
    }
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

/// Reads the JSON files of one run directory, or of the directories of several rounds of one
/// run (missing ones are "not measured"), and renders the comparison as Markdown.
pub fn compare(dirs: &[PathBuf]) -> anyhow::Result<String> {
    let rounds: Vec<Round> = dirs.iter().map(|dir| Round::load(dir)).collect();
    anyhow::ensure!(
        rounds.iter().any(|round| !round.is_empty()),
        "no result JSON in {}",
        dirs.iter()
            .map(|dir| dir.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut out = String::new();
    if rounds.len() > 1 {
        let _ = writeln!(
            out,
            "Medians of {} rounds, the systems taking turns in each; a ratio is the median of \
             the rounds' own ratios (each taken within one round), its range in brackets.\n",
            rounds.len()
        );
    }
    out.push_str("| metric | EasyChat gRPC | EasyChat WS | baseline gRPC | baseline WS | Centrifugo | gRPC ÷ ceiling | WS ÷ ceiling | gRPC ÷ peer | WS ÷ peer | EasyChat WS ÷ gRPC | target | EasyChat vs target |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    for metric in &METRICS {
        let figures: Vec<Figures> = (0..SYSTEMS.len())
            .map(|i| Figures::of(&rounds, metric, |round| &round.systems[i]))
            .collect();
        let [ec_grpc, ec_ws, base_grpc, base_ws, peer] = &figures[..] else {
            unreachable!("one figure per system");
        };
        let target = match (metric.target, metric.ws_target) {
            (Some(t), _) => Some((t, ec_grpc.median(), "gRPC")),
            (None, Some(t)) => Some((t, ec_ws.median(), "WS")),
            (None, None) => None,
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            metric.name,
            ec_grpc.cell(),
            ec_ws.cell(),
            base_grpc.cell(),
            base_ws.cell(),
            peer.cell(),
            ec_grpc.ratio(base_grpc),
            ec_ws.ratio(base_ws),
            ec_grpc.ratio(peer),
            ec_ws.ratio(peer),
            ec_ws.ratio(ec_grpc),
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
    if rounds
        .iter()
        .any(|round| round.real.iter().any(Option::is_some))
    {
        real_services_table(&mut out, &rounds);
    }
    Ok(out)
}

fn load(dir: &Path, name: &str) -> Option<Report> {
    let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).ok()?;
    serde_json::from_str(&text).ok()
}

/// EasyChat on the real services next to the embedded default, the ceiling and the peer.
fn real_services_table(out: &mut String, rounds: &[Round]) {
    out.push_str("\n### On the real services (MariaDB, FerretDB, Redis, Kafka, etcd)\n\n");
    out.push_str("| metric | real gRPC | real WS | real ÷ embedded, gRPC | real ÷ embedded, WS | real gRPC ÷ ceiling | real gRPC ÷ peer |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
    for metric in &METRICS {
        let system = |i: usize| Figures::of(rounds, metric, |round| &round.systems[i]);
        let real = |i: usize| Figures::of(rounds, metric, |round| &round.real[i]);
        let (ec_grpc, ec_ws, base_grpc, peer) = (system(0), system(1), system(2), system(4));
        let (real_grpc, real_ws) = (real(0), real(1));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            metric.name,
            real_grpc.cell(),
            real_ws.cell(),
            real_grpc.ratio(&ec_grpc),
            real_ws.ratio(&ec_ws),
            real_grpc.ratio(&base_grpc),
            real_grpc.ratio(&peer),
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

    /// A report of one system with a 1:1 peak of `acked` messages a second.
    fn one_to_one(acked: f64) -> Report {
        let mut report = Report::new();
        let mut row = Row::new("1:1", "easychat", "grpc", "peak");
        row.acked_per_s = acked;
        report.rows.push(row);
        report
    }

    fn write_round(dir: &Path, systems: &[(&str, f64)]) {
        std::fs::create_dir_all(dir).expect("round dir");
        for (name, acked) in systems {
            one_to_one(*acked)
                .write_json(&dir.join(format!("{name}.json")))
                .expect("write report");
        }
    }

    fn line<'a>(table: &'a str, metric: &str) -> Vec<&'a str> {
        table
            .lines()
            .find(|line| line.starts_with(&format!("| {metric} |")))
            .expect("the metric's line")
            .split(" | ")
            .collect()
    }

    #[test]
    fn medians_have_odd_and_even_counts_and_none_for_nothing() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(Vec::new()), None);
    }

    #[test]
    fn one_directory_gives_its_own_figures_and_ratios() {
        let dir = tempfile::tempdir().expect("temp dir");
        write_round(
            dir.path(),
            &[("easychat-grpc", 20_000.0), ("easychat-ws", 15_000.0)],
        );
        let table = compare(&[dir.path().to_owned()]).expect("compare");
        let cells = line(&table, "1:1 acked msg/s (peak)");
        assert_eq!(cells[1], "20000");
        assert_eq!(cells[2], "15000");
        assert_eq!(cells[10], "0.750", "WS ÷ gRPC");
        assert!(!table.starts_with("Medians"));
    }

    /// Each ratio is taken within a round, then the median of those: a round where both
    /// systems ran slow does not pull the ratio the way a ratio of medians would.
    #[test]
    fn rounds_give_medians_and_ratios_taken_within_each_round() {
        let dir = tempfile::tempdir().expect("temp dir");
        let rounds: Vec<PathBuf> = [
            [20_000.0, 18_000.0],
            [10_000.0, 10_000.0],
            [30_000.0, 24_000.0],
        ]
        .iter()
        .enumerate()
        .map(|(i, [grpc, ws])| {
            let round = dir.path().join(format!("round-{}", i + 1));
            write_round(&round, &[("easychat-grpc", *grpc), ("easychat-ws", *ws)]);
            round
        })
        .collect();
        let table = compare(&rounds).expect("compare");
        assert!(table.starts_with("Medians of 3 rounds"));
        let cells = line(&table, "1:1 acked msg/s (peak)");
        assert_eq!(cells[1], "20000", "median of gRPC");
        assert_eq!(cells[2], "18000", "median of WS");
        assert_eq!(cells[10], "0.900 (0.800–1.000)", "WS ÷ gRPC per round");
        assert_eq!(
            cells[12], "missed: 2.5× short |",
            "the verdict on the median"
        );
    }

    #[test]
    fn a_round_without_a_system_counts_the_others() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = dir.path().join("round-1");
        let second = dir.path().join("round-2");
        write_round(
            &first,
            &[("easychat-grpc", 10_000.0), ("easychat-ws", 5_000.0)],
        );
        write_round(&second, &[("easychat-grpc", 30_000.0)]);
        let table = compare(&[first, second]).expect("compare");
        let cells = line(&table, "1:1 acked msg/s (peak)");
        assert_eq!(cells[1], "20000");
        assert_eq!(cells[2], "5000");
        assert_eq!(cells[10], "0.500", "only the round with both");
    }

    #[test]
    fn no_result_anywhere_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(compare(&[dir.path().to_owned()]).is_err());
    }

    #[test]
    fn verdicts_say_by_how_much_a_target_is_missed() {
        assert_eq!(verdict(60_000.0, 50_000.0, true), "met");
        assert_eq!(verdict(5_000.0, 50_000.0, true), "missed: 10.0× short");
        assert_eq!(verdict(20.0, 10.0, false), "missed: 2.0× over");
    }
}
