//! Rate limit budgets: how much of each action a key (a user, a phone number) may do, as token
//! buckets built from the `[limits]` config. Every `RateLimiter` adapter applies the same budgets
//! and answers with the same error, so clients see one behaviour whatever the backend.

use std::time::Duration;

use super::ports::Action;
use crate::config::Limits;
use crate::error::{Error, Reason};

/// A token bucket: up to `capacity` requests at once, refilled at `per_sec`.
#[derive(Debug, Clone, PartialEq)]
pub struct Budget {
    pub capacity: f64,
    pub per_sec: f64,
    /// The limit in words, for the error message ("20 messages per second, bursts of 50").
    pub description: String,
}

impl Budget {
    /// The budget of `action`, or `None` when its limit is set to 0 (unlimited).
    pub fn of(limits: &Limits, action: Action) -> Option<Budget> {
        match action {
            Action::SendMessage => {
                let rate = limits.messages_per_second;
                // At least one message at once, and at least a second's worth.
                let burst = f64::from(limits.message_burst.max(1)).max(rate.ceil());
                (rate > 0.0).then(|| Budget {
                    capacity: burst,
                    per_sec: rate,
                    description: format!("{rate} messages per second, bursts of {burst}"),
                })
            }
            Action::FriendRequest => per_minute(
                limits.friend_requests_per_minute,
                "friend requests per minute",
            ),
            Action::Login => per_minute(
                limits.login_attempts_per_minute,
                "login attempts per minute for this phone number from this address",
            ),
            Action::LoginPerPhone => per_minute(
                limits.login_attempts_per_phone_per_minute,
                "login attempts per minute for this phone number",
            ),
            Action::Register => per_minute(
                limits.registrations_per_address_per_minute,
                "registrations per minute from this address",
            ),
            Action::Search => per_minute(limits.searches_per_minute, "searches per minute"),
            Action::MediaUpload => per_minute(limits.uploads_per_minute, "uploads per minute"),
            Action::Typing => {
                let rate = limits.typing_per_second;
                (rate > 0).then(|| Budget {
                    capacity: f64::from(rate),
                    per_sec: f64::from(rate),
                    description: format!("{rate} typing indicators per second and conversation"),
                })
            }
        }
    }

    /// The time until one more request fits, when `tokens` are left (fewer than one).
    pub fn wait_for_one(&self, tokens: f64) -> Duration {
        Duration::from_secs_f64(((1.0 - tokens).max(0.0) / self.per_sec).max(0.001))
    }

    /// How long an untouched bucket takes to refill completely: after that it is the same as
    /// no bucket at all, so adapters may forget it.
    pub fn idle_after(&self) -> Duration {
        Duration::from_secs_f64(self.capacity / self.per_sec)
    }

    /// The answer to a request over the budget.
    pub fn exceeded(&self, retry_after: Duration) -> Error {
        Error::exhausted(
            Reason::RateLimited,
            format!(
                "rate limit of {} reached: retry in {:.1} s",
                self.description,
                retry_after.as_secs_f64()
            ),
        )
        .retry_after(retry_after)
    }
}

fn per_minute(count: u32, what: &str) -> Option<Budget> {
    (count > 0).then(|| Budget {
        capacity: f64::from(count),
        per_sec: f64::from(count) / 60.0,
        description: format!("{count} {what}"),
    })
}

/// Every action's budget, looked up once.
#[derive(Debug, Clone)]
pub struct Budgets {
    send_message: Option<Budget>,
    friend_request: Option<Budget>,
    login: Option<Budget>,
    login_per_phone: Option<Budget>,
    register: Option<Budget>,
    search: Option<Budget>,
    typing: Option<Budget>,
    media_upload: Option<Budget>,
}

impl Budgets {
    pub fn new(limits: &Limits) -> Budgets {
        let of = |action| Budget::of(limits, action);
        Budgets {
            send_message: of(Action::SendMessage),
            friend_request: of(Action::FriendRequest),
            login: of(Action::Login),
            login_per_phone: of(Action::LoginPerPhone),
            register: of(Action::Register),
            search: of(Action::Search),
            typing: of(Action::Typing),
            media_upload: of(Action::MediaUpload),
        }
    }

    pub fn get(&self, action: Action) -> Option<&Budget> {
        match action {
            Action::SendMessage => self.send_message.as_ref(),
            Action::FriendRequest => self.friend_request.as_ref(),
            Action::Login => self.login.as_ref(),
            Action::LoginPerPhone => self.login_per_phone.as_ref(),
            Action::Register => self.register.as_ref(),
            Action::Search => self.search.as_ref(),
            Action::Typing => self.typing.as_ref(),
            Action::MediaUpload => self.media_upload.as_ref(),
        }
    }
}

/// A short stable name per action, for storage keys.
pub fn action_key(action: Action) -> &'static str {
    match action {
        Action::SendMessage => "send",
        Action::FriendRequest => "friend",
        Action::Login => "login",
        Action::LoginPerPhone => "login_phone",
        Action::Register => "register",
        Action::Search => "search",
        Action::Typing => "typing",
        Action::MediaUpload => "upload",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_disables_a_limit_and_burst_is_at_least_the_rate() {
        let limits = Limits {
            messages_per_second: 5.0,
            message_burst: 2,
            friend_requests_per_minute: 0,
            ..Limits::default()
        };
        let send = Budget::of(&limits, Action::SendMessage).expect("send budget");
        assert_eq!(send.capacity, 5.0);
        assert!(Budget::of(&limits, Action::FriendRequest).is_none());
    }

    #[test]
    fn a_fractional_rate_is_one_message_every_so_many_seconds() {
        let limits = Limits {
            messages_per_second: 0.5,
            message_burst: 0,
            ..Limits::default()
        };
        let send = Budget::of(&limits, Action::SendMessage).expect("send budget");
        assert_eq!(send.capacity, 1.0, "at least one message at once");
        assert_eq!(send.wait_for_one(0.0), Duration::from_secs(2));
        let error = send.exceeded(send.wait_for_one(0.0));
        assert!(error.message.contains("0.5 messages per second"), "{error}");
    }

    #[test]
    fn the_error_says_the_limit_and_when_to_retry() {
        let budget = Budget::of(&Limits::default(), Action::SendMessage).expect("budget");
        let error = budget.exceeded(budget.wait_for_one(0.5));
        assert_eq!(error.reason, Reason::RateLimited);
        assert!(error.message.contains("20 messages per second"), "{error}");
        assert_eq!(error.retry_after, Some(Duration::from_millis(25)));
    }
}
