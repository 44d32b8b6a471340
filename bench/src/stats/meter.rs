//! Counters and latency histograms shared by every connection of a run.
//!
//! Counters are atomics (read once a second by the progress line); histograms sit behind a
//! mutex each: recording is a few nanoseconds, and with two cores the lock is rarely contended.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};

/// Highest latency recorded, in microseconds (a minute); slower samples are clamped.
const MAX_LATENCY_US: u64 = 60_000_000;

#[derive(Default)]
pub struct Meter {
    pub sent: AtomicU64,
    pub acked: AtomicU64,
    pub delivered: AtomicU64,
    /// Frames answered with an error, streams that ended unexpectedly, failed connects.
    pub errors: AtomicU64,
    /// Live sessions (gRPC streams or WebSockets).
    pub sessions: AtomicU64,
    /// Live transport connections (TCP): fewer than sessions when HTTP/2 multiplexes.
    pub transports: AtomicU64,
    ack: Latency,
    delivery: Latency,
}

/// A point-in-time copy of the counters.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Counts {
    pub sent: u64,
    pub acked: u64,
    pub delivered: u64,
    pub errors: u64,
    pub sessions: u64,
    pub transports: u64,
}

impl Counts {
    /// What happened between `earlier` and `self` (gauges keep their current value).
    pub fn since(&self, earlier: &Counts) -> Counts {
        Counts {
            sent: self.sent - earlier.sent,
            acked: self.acked - earlier.acked,
            delivered: self.delivered - earlier.delivered,
            errors: self.errors - earlier.errors,
            sessions: self.sessions,
            transports: self.transports,
        }
    }
}

/// p50, p99 and p99.9 of a latency distribution, in milliseconds.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Percentiles {
    pub samples: u64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub p999_ms: f64,
    pub max_ms: f64,
}

impl Meter {
    pub fn counts(&self) -> Counts {
        Counts {
            sent: self.sent.load(Ordering::Relaxed),
            acked: self.acked.load(Ordering::Relaxed),
            delivered: self.delivered.load(Ordering::Relaxed),
            errors: self.errors.load(Ordering::Relaxed),
            sessions: self.sessions.load(Ordering::Relaxed),
            transports: self.transports.load(Ordering::Relaxed),
        }
    }

    pub fn count_error(&self) {
        self.errors.fetch_add(1, Ordering::Relaxed);
    }

    pub fn record_ack(&self, latency_us: u64) {
        self.ack.record(latency_us);
    }

    pub fn record_delivery(&self, latency_us: u64) {
        self.delivery.record(latency_us);
    }

    /// Forgets the latencies recorded so far (the start of a measured phase).
    pub fn reset_latencies(&self) {
        self.ack.reset();
        self.delivery.reset();
    }

    pub fn ack_latency(&self) -> Option<Percentiles> {
        self.ack.percentiles()
    }

    pub fn delivery_latency(&self) -> Option<Percentiles> {
        self.delivery.percentiles()
    }
}

struct Latency(Mutex<Histogram<u64>>);

impl Default for Latency {
    fn default() -> Self {
        // Three significant digits from 1 µs to a minute: about 200 KB, once per metric.
        let histogram =
            Histogram::new_with_bounds(1, MAX_LATENCY_US, 3).expect("valid histogram bounds");
        Latency(Mutex::new(histogram))
    }
}

impl Latency {
    fn record(&self, us: u64) {
        let mut histogram = self.0.lock().unwrap_or_else(|p| p.into_inner());
        histogram.saturating_record(us.clamp(1, MAX_LATENCY_US));
    }

    fn reset(&self) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).reset();
    }

    fn percentiles(&self) -> Option<Percentiles> {
        let histogram = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if histogram.is_empty() {
            return None;
        }
        let ms = |us: u64| us as f64 / 1000.0;
        Some(Percentiles {
            samples: histogram.len(),
            p50_ms: ms(histogram.value_at_quantile(0.50)),
            p99_ms: ms(histogram.value_at_quantile(0.99)),
            p999_ms: ms(histogram.value_at_quantile(0.999)),
            max_ms: ms(histogram.max()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_come_from_recorded_latencies() {
        let meter = Meter::default();
        assert!(meter.ack_latency().is_none());
        for us in 1..=1000 {
            meter.record_ack(us * 10);
        }
        let p = meter.ack_latency().expect("samples");
        assert_eq!(p.samples, 1000);
        assert!((p.p50_ms - 5.0).abs() < 0.05, "{p:?}");
        assert!((p.p99_ms - 9.9).abs() < 0.05, "{p:?}");
        meter.reset_latencies();
        assert!(meter.ack_latency().is_none());
    }
}
