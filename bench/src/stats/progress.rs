//! The progress line: once a second, the rates of the last second and the live gauges, on
//! stderr so that stdout keeps only the summary.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::meter::Meter;

/// The running progress line; it stops when this guard is dropped.
pub struct Progress {
    task: tokio::task::JoinHandle<()>,
}

impl Progress {
    pub fn start(label: String, meter: Arc<Meter>) -> Progress {
        let task = tokio::spawn(async move {
            let started = Instant::now();
            let mut last = meter.counts();
            let mut ticker = tokio::time::interval(Duration::from_secs(1));
            ticker.tick().await;
            loop {
                ticker.tick().await;
                let now = meter.counts();
                let delta = now.since(&last);
                last = now;
                eprintln!(
                    "[{label}] {:>4}s  sent {:>7}/s  acked {:>7}/s  delivered {:>8}/s  sessions {:>5}  tcp {:>5}  errors {}",
                    started.elapsed().as_secs(),
                    delta.sent,
                    delta.acked,
                    delta.delivered,
                    now.sessions,
                    now.transports,
                    now.errors,
                );
            }
        });
        Progress { task }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.task.abort();
    }
}
