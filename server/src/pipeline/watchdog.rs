//! Replaces this node's Kafka clients when they stop moving messages while the broker answers.
//!
//! librdkafka 2.12.1 can leave a partition without a leader in a client for good after a broker
//! restart (its bug 5430: a leader of -1 in a response's leader hints is never replaced by what
//! later metadata says). Every send to that partition then times out, and a consumer can stop
//! fetching it, until the process restarts (RELIABILITY.md, "Known failure"). The watchdog
//! notices such a stall from what the clients report, and when the broker itself names a leader
//! for every partition of the messages topic, so Kafka is up and only the client is stuck, it
//! replaces the producer and the consumer with new ones. While Kafka is really down nothing is
//! replaced: new clients would not help, and the old ones reconnect by themselves.
//!
//! Replacing the clients loses nothing: a send that failed was answered UNAVAILABLE and is
//! retried by its client with the same client_msg_id; the old consumer stops between batches
//! (a batch it was storing stays uncommitted and is stored again, idempotently by message id);
//! the new consumer joins the group and starts each of its partitions from the last commit.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How long a stall must last before the clients are replaced: three store timeouts
/// (`backends.kafka.store_timeout_ms`, 10 s by default), longer than a broker restart (a few
/// seconds) and the consumer group's rebalance after it (about one session timeout, 10 s) take
/// to heal by themselves (the fault soak's slowest send after a broker restart: 25.6 s).
pub(super) const STALL_AFTER: Duration = Duration::from_secs(30);
/// How often the watchdog looks (and measures the consumer lag).
pub(super) const CHECK_INTERVAL: Duration = Duration::from_secs(5);
/// A stall is current only while failures keep coming: one whose last failure is older than
/// this is over (nothing was tried since, e.g. the senders of an outage gave up, and the clients
/// may well work again).
const STILL_FAILING: Duration = Duration::from_secs(15);

/// Since when a client has been failing without one success in between, and its latest
/// failure; `None` while it works.
#[derive(Debug, Default)]
pub(super) struct Stall {
    failing: Option<Failing>,
}

#[derive(Debug)]
struct Failing {
    since: Instant,
    latest: Instant,
}

impl Stall {
    /// The client moved a message: whatever failed before is over.
    pub(super) fn progressed(&mut self) {
        self.failing = None;
    }

    /// The client failed to move a message at `now`; a stall starts at its first failure.
    pub(super) fn failed(&mut self, now: Instant) {
        match &mut self.failing {
            Some(failing) => failing.latest = now,
            None => {
                self.failing = Some(Failing {
                    since: now,
                    latest: now,
                })
            }
        }
    }

    /// How long the client has been failing with no success, as of `now`; zero when it has not
    /// failed within `STILL_FAILING`.
    pub(super) fn stalled_for(&self, now: Instant) -> Duration {
        match &self.failing {
            Some(failing) if now.saturating_duration_since(failing.latest) <= STILL_FAILING => {
                now.saturating_duration_since(failing.since)
            }
            _ => Duration::ZERO,
        }
    }
}

/// The sends' stalls, one per partition of the messages topic. librdkafka's bug leaves only the
/// partitions whose leader hint was -1 without a leader, so sends to those fail for good while
/// sends to the others go through; one stall for every send was reset by each of those
/// successes and never lasted (the fault soak of 6 December 2026: four of eight partitions
/// stuck on one node for the rest of the run, its clients never replaced).
#[derive(Debug, Default)]
pub(super) struct SendStalls {
    by_partition: HashMap<i32, Stall>,
}

impl SendStalls {
    /// A send to `partition` was produced and stored: that partition's stall is over.
    pub(super) fn progressed(&mut self, partition: i32) {
        self.by_partition.remove(&partition);
    }

    /// A send to `partition` failed at `now` (-1: one the producer could not give a partition).
    pub(super) fn failed(&mut self, partition: i32, now: Instant) {
        self.by_partition.entry(partition).or_default().failed(now);
    }

    /// New clients: every stall starts over.
    pub(super) fn clear(&mut self) {
        self.by_partition.clear();
    }

    /// The longest stall of any partition, as of `now` (`Stall::stalled_for`).
    pub(super) fn stalled_for(&self, now: Instant) -> Duration {
        self.by_partition
            .values()
            .map(|stall| stall.stalled_for(now))
            .max()
            .unwrap_or(Duration::ZERO)
    }
}

/// What the watchdog saw of the consumer at one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ConsumerCheck {
    /// Records received from Kafka so far (a counter the consumer keeps).
    pub received: u64,
    /// Whether the consumer is storing a batch (a slow or unavailable store is not a stuck
    /// client: the consumer retries it and fetches again when it is done).
    pub storing: bool,
    /// Records waiting in its partitions, or `None` when the lag could not be measured (the
    /// watermark query goes to each partition's leader, which a stuck client may not know).
    pub lag: Option<i64>,
}

/// Tells whether the consumer is stuck from its successive checks: records wait (or the lag
/// cannot be measured) and it received none since the last check, while not storing.
#[derive(Debug, Default)]
pub(super) struct ConsumerWatch {
    last_received: Option<u64>,
    pub(super) stall: Stall,
}

impl ConsumerWatch {
    pub(super) fn check(&mut self, now: Instant, seen: ConsumerCheck) {
        let received_since = self.last_received.is_none_or(|last| seen.received != last);
        self.last_received = Some(seen.received);
        let waiting = seen.lag.is_none_or(|lag| lag > 0);
        if received_since || seen.storing || !waiting {
            self.stall.progressed();
        } else {
            self.stall.failed(now);
        }
    }
}

/// Whether one of the clients has stalled for `STALL_AFTER` (the producer on any one partition).
pub(super) fn stalled(sends: &SendStalls, consumer: &Stall, now: Instant) -> bool {
    sends.stalled_for(now) >= STALL_AFTER || consumer.stalled_for(now) >= STALL_AFTER
}

/// Confirms that the broker is up before the stalled clients are replaced: it must have named a
/// leader for every partition at two checks in a row. Clients that merely waited for a broker
/// coming back reconnect within a second or two (`reconnect.backoff.max.ms`), well inside the
/// `CHECK_INTERVAL` between the two, and so are not replaced.
#[derive(Debug, Default)]
pub(super) struct BrokerUp {
    at_last_check: bool,
}

impl BrokerUp {
    /// Notes this check's answer; true when this and the previous check both found it up.
    pub(super) fn confirmed(&mut self, up_now: bool) -> bool {
        let confirmed = self.at_last_check && up_now;
        self.at_last_check = up_now;
        confirmed
    }

    /// No stall at this check: the next one starts over.
    pub(super) fn reset(&mut self) {
        self.at_last_check = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(start: Instant, secs: u64) -> Instant {
        start + Duration::from_secs(secs)
    }

    #[test]
    fn a_stall_lasts_from_the_first_failure_until_a_success() {
        let start = Instant::now();
        let mut stall = Stall::default();
        assert_eq!(stall.stalled_for(at(start, 100)), Duration::ZERO);
        stall.failed(at(start, 10));
        stall.failed(at(start, 20));
        stall.failed(at(start, 30));
        assert_eq!(
            stall.stalled_for(at(start, 40)),
            Duration::from_secs(30),
            "measured from the first failure, not the latest"
        );
        stall.progressed();
        assert_eq!(stall.stalled_for(at(start, 50)), Duration::ZERO);
        stall.failed(at(start, 60));
        assert_eq!(stall.stalled_for(at(start, 65)), Duration::from_secs(5));
    }

    #[test]
    fn a_stall_with_no_recent_failure_is_over() {
        let start = Instant::now();
        let mut stall = Stall::default();
        stall.failed(start);
        stall.failed(at(start, 20));
        assert_eq!(stall.stalled_for(at(start, 35)), Duration::from_secs(35));
        assert_eq!(
            stall.stalled_for(at(start, 36)),
            Duration::ZERO,
            "nothing failed for 16 s: nothing was tried, so nothing is known to be stuck"
        );
    }

    #[test]
    fn replacing_takes_a_stall_of_stall_after_in_either_client() {
        let start = Instant::now();
        let mut sends = SendStalls::default();
        let mut consumer = Stall::default();
        for secs in (0..=30).step_by(10) {
            sends.failed(3, at(start, secs));
        }
        let just_before = start + STALL_AFTER - Duration::from_millis(1);
        assert!(!stalled(&sends, &consumer, just_before));
        assert!(stalled(&sends, &consumer, start + STALL_AFTER));
        sends.progressed(3);
        assert!(!stalled(&sends, &consumer, start + STALL_AFTER));
        consumer.failed(start);
        consumer.failed(start + STALL_AFTER);
        assert!(stalled(&sends, &consumer, start + STALL_AFTER));
    }

    #[test]
    fn one_partition_failing_throughout_is_a_stall_while_the_others_go_through() {
        let start = Instant::now();
        let mut sends = SendStalls::default();
        for secs in (0..=30).step_by(5) {
            sends.failed(1, at(start, secs));
            // Sends to the partitions that kept their leader are produced and stored.
            sends.failed(2, at(start, secs));
            sends.progressed(2);
            sends.progressed(5);
        }
        assert_eq!(sends.stalled_for(start + STALL_AFTER), STALL_AFTER);
        assert!(stalled(&sends, &Stall::default(), start + STALL_AFTER));
        sends.clear();
        assert_eq!(sends.stalled_for(start + STALL_AFTER), Duration::ZERO);
    }

    #[test]
    fn the_broker_must_be_up_at_two_checks_in_a_row() {
        let mut broker = BrokerUp::default();
        assert!(!broker.confirmed(true), "one answer is not enough");
        assert!(broker.confirmed(true));
        assert!(!broker.confirmed(false));
        assert!(!broker.confirmed(true), "down in between: start over");
        broker.reset();
        assert!(!broker.confirmed(true), "a check with no stall starts over");
    }

    fn check(received: u64, storing: bool, lag: Option<i64>) -> ConsumerCheck {
        ConsumerCheck {
            received,
            storing,
            lag,
        }
    }

    #[test]
    fn a_consumer_with_records_waiting_that_receives_none_is_stalled() {
        let start = Instant::now();
        let mut watch = ConsumerWatch::default();
        watch.check(start, check(5, false, Some(3)));
        assert_eq!(
            watch.stall.stalled_for(at(start, 5)),
            Duration::ZERO,
            "the first check has nothing to compare with"
        );
        watch.check(at(start, 5), check(5, false, Some(3)));
        watch.check(at(start, 40), check(5, false, Some(3)));
        assert_eq!(
            watch.stall.stalled_for(at(start, 40)),
            Duration::from_secs(35)
        );
        watch.check(at(start, 45), check(6, false, Some(3)));
        assert_eq!(
            watch.stall.stalled_for(at(start, 45)),
            Duration::ZERO,
            "it received a record: moving"
        );
    }

    #[test]
    fn an_unmeasurable_lag_counts_as_records_waiting() {
        let start = Instant::now();
        let mut watch = ConsumerWatch::default();
        watch.check(start, check(5, false, None));
        watch.check(at(start, 5), check(5, false, None));
        assert_eq!(
            watch.stall.stalled_for(at(start, 10)),
            Duration::from_secs(5)
        );
    }

    #[test]
    fn an_idle_or_storing_consumer_is_not_stalled() {
        let start = Instant::now();
        let mut watch = ConsumerWatch::default();
        watch.check(start, check(5, false, Some(0)));
        watch.check(at(start, 60), check(5, false, Some(0)));
        assert_eq!(
            watch.stall.stalled_for(at(start, 60)),
            Duration::ZERO,
            "nothing waits: idle, not stuck"
        );
        watch.check(at(start, 65), check(5, true, Some(100)));
        watch.check(at(start, 120), check(5, true, Some(100)));
        assert_eq!(
            watch.stall.stalled_for(at(start, 120)),
            Duration::ZERO,
            "retrying a slow store: the store's problem, not the client's"
        );
    }
}
