//! The bench's own CPU time. The bench shares the machine with the system it measures, so what
//! a phase carried means more beside what the load generator itself used: on two cores the
//! WebSocket clients (a connection per user) used twice the CPU per message of the gRPC clients
//! (100 streams a connection), enough to saturate the machine at a rate the server alone could
//! carry (BENCHMARKS.md, session 26).

use std::time::Duration;

/// Clock ticks per second of `/proc/<pid>/stat`'s times: USER_HZ, 100 on every Linux the bench
/// runs on (reading it through `sysconf` would need `unsafe`).
const TICKS_PER_SECOND: f64 = 100.0;

/// User plus system CPU time this process has used so far; `None` without `/proc`.
pub fn own() -> Option<Duration> {
    parse_stat(&std::fs::read_to_string("/proc/self/stat").ok()?)
}

/// utime + stime (fields 14 and 15) of a `/proc/<pid>/stat` line. The fields are counted after
/// the command name's closing parenthesis: the name itself may hold spaces and parentheses.
fn parse_stat(stat: &str) -> Option<Duration> {
    let after_name = stat.rsplit_once(')')?.1;
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_secs_f64(
        (user + system) as f64 / TICKS_PER_SECOND,
    ))
}

/// "the bench's own CPU: …" for a phase that used `cpu` over `seconds` and acked `acked`.
pub fn note(cpu: Duration, seconds: f64, acked: u64) -> String {
    let cores = cpu.as_secs_f64() / seconds.max(0.001);
    if acked == 0 {
        return format!("the bench's own CPU: {cores:.2} cores");
    }
    let per_message = cpu.as_secs_f64() * 1e6 / acked as f64;
    format!("the bench's own CPU: {cores:.2} cores, {per_message:.1} µs per acked message")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_user_and_system_time_after_a_name_with_spaces_and_parentheses() {
        let stat = "4242 (easy (chat) bench) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 9 0 100";
        assert_eq!(parse_stat(stat), Some(Duration::from_secs(3)));
    }

    #[test]
    fn a_truncated_line_reads_as_nothing() {
        assert_eq!(parse_stat("4242 (bench) S 1 2 3"), None);
        assert_eq!(parse_stat("garbage"), None);
    }

    /// The real file parses: a format change would make every note disappear silently.
    #[test]
    fn reads_this_process_from_proc() {
        assert!(own().is_some());
    }

    #[test]
    fn the_note_gives_cores_and_cost_per_message() {
        assert_eq!(
            note(Duration::from_secs(5), 10.0, 100_000),
            "the bench's own CPU: 0.50 cores, 50.0 µs per acked message"
        );
        assert_eq!(
            note(Duration::from_secs(1), 10.0, 0),
            "the bench's own CPU: 0.10 cores"
        );
    }
}
