//! One clock for the whole bench process, and the stamp every benchmark message carries.
//!
//! Sender and receiver of a message live in this same process, so end-to-end latency is the
//! receiver's `now_us()` minus the send time written into the message text: no clock sync
//! between machines is involved, and the server never has to cooperate.

use std::sync::OnceLock;
use std::time::Instant;

static EPOCH: OnceLock<Instant> = OnceLock::new();

/// Microseconds since the first call in this process, plus one: never 0, which the sessions'
/// send slots read as "nothing in flight" (a send stamped by the very first call would
/// otherwise get no latency sample).
pub fn now_us() -> u64 {
    let epoch = EPOCH.get_or_init(Instant::now);
    epoch.elapsed().as_micros() as u64 + 1
}

/// Text of a benchmark message sent at `sent_us` by session `sender`, padded with filler to
/// `size` bytes so every system carries the same payload.
pub fn stamp(sent_us: u64, sender: usize, size: usize) -> String {
    let mut text = format!("bench:{sent_us}:{sender}:");
    while text.len() < size {
        text.push('x');
    }
    text
}

/// The send time and sender of a benchmark message, or `None` for any other text.
pub fn parse_stamp(text: &str) -> Option<(u64, u64)> {
    let mut parts = text.strip_prefix("bench:")?.splitn(3, ':');
    let sent = parts.next()?.parse().ok()?;
    let sender = parts.next()?.parse().ok()?;
    Some((sent, sender))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_reads_back_and_has_the_requested_size() {
        let text = stamp(1_234_567, 42, 64);
        assert_eq!(text.len(), 64);
        assert_eq!(parse_stamp(&text), Some((1_234_567, 42)));
    }

    #[test]
    fn the_clock_never_reads_zero() {
        assert!(now_us() > 0, "0 means no send in flight");
    }

    #[test]
    fn other_texts_carry_no_stamp() {
        assert_eq!(parse_stamp("hello"), None);
        assert_eq!(parse_stamp("bench:abc:1:"), None);
        assert_eq!(parse_stamp("bench:12"), None);
    }
}
