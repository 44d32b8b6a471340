//! Moving a connection to another upstream when its server goes away: what the client got and
//! what it asked (`delivered`, `unanswered`, kept as frames pass), the next upstream and the
//! catch-up of what the client missed (`catch_up`), and the switch itself.

use std::time::Duration;

use easychat_proto::im::v1::{self as im, ChatResponse, ServerEvent, chat_response, server_event};
use tokio::time::Instant;
use tonic::Status;
use tonic_types::StatusExt;

use super::{End, Session, Turn, Upstream, answers_a_request};
use crate::catch_up::{self, CatchUpError, Since};
use crate::error::ClientError;
use crate::push;
use crate::upstream::{UpstreamSession, server_went_away};

/// First pause between failover attempts when no upstream could take the connection; it
/// doubles up to `MAX_FAILOVER_PAUSE`.
const FIRST_FAILOVER_PAUSE: Duration = Duration::from_millis(100);
const MAX_FAILOVER_PAUSE: Duration = Duration::from_secs(2);

/// Why a failover attempt did not move the connection.
enum Setback {
    /// No upstream could take it now; another attempt may succeed.
    Retry(String),
    /// The answer ends the connection (the token expired meanwhile, too much was missed).
    Fatal(ClientError),
}

impl Session<'_> {
    /// Records what `response` delivers or answers; false when it pushes a message the client
    /// already has, or one of the client's own sends that is still to be answered.
    pub(super) fn record_response(&mut self, response: &ChatResponse) -> bool {
        match &response.frame {
            Some(chat_response::Frame::SendResult(result)) => {
                if let Some(message) = &result.message {
                    self.delivered.record(&message.conversation_id, message.seq);
                }
            }
            Some(chat_response::Frame::Event(event)) if !self.record_event(event) => return false,
            _ => {}
        }
        if answers_a_request(response) {
            self.unanswered.answered(&response.request_id);
        }
        true
    }

    /// Notes a pushed message as delivered; false when the client must not see it (again).
    pub(super) fn record_event(&mut self, event: &ServerEvent) -> bool {
        let Some(server_event::Event::Message(message)) = &event.event else {
            return true;
        };
        let first_time = self.delivered.record(&message.conversation_id, message.seq);
        // A send made through the lost server and stored after it died is pushed to every
        // session of the conversation, this one included; the client hears of it once, as the
        // answer to the send (sent again after the move).
        let own_send_waiting = message.sender_id == self.user_id
            && self.unanswered.is_waiting_send(&message.client_msg_id);
        first_time && !own_send_waiting
    }

    /// The upstream stream ended, with `status` or without. A server that went away is
    /// replaced by another; an end the server chose (token expired or revoked, slow consumer)
    /// ends the connection with its reason.
    pub(super) async fn on_upstream_end(&mut self, status: Option<Status>) -> Turn {
        let went_away = status.as_ref().is_none_or(server_went_away);
        let error = match &status {
            // A broken connection's status (no reason, "h2 protocol error") helps no client.
            Some(status) if !went_away || status.get_details_error_info().is_some() => {
                ClientError::from_status(status)
            }
            _ => ClientError::UpstreamEnded,
        };
        let Some(timeout) = self
            .config
            .failover_timeout()
            .filter(|_| went_away && self.failover)
        else {
            return Err(End::error(error));
        };
        tracing::warn!(
            upstream = %self.upstream.uri,
            error = %error,
            "the upstream went away; moving the connection"
        );
        let deadline = Instant::now() + timeout;
        let mut pause = FIRST_FAILOVER_PAUSE;
        loop {
            let attempt = tokio::select! {
                // Boxed: inline, the attempt would add its size to every connection's task.
                attempt = Box::pin(self.next_upstream()) => attempt,
                () = self.shared.shutdown.cancelled() => {
                    return Err(End::error(ClientError::ShuttingDown));
                }
            };
            let reason = match attempt {
                Ok((upstream, missed)) => return self.move_to(upstream, missed),
                Err(Setback::Fatal(error)) => return Err(End::error(error)),
                Err(Setback::Retry(reason)) => reason,
            };
            if Instant::now() + pause >= deadline {
                return Err(End::error(ClientError::UpstreamUnavailable(reason)));
            }
            tracing::debug!(%reason, "no upstream took the connection yet");
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                () = self.shared.shutdown.cancelled() => {
                    return Err(End::error(ClientError::ShuttingDown));
                }
            }
            pause = (pause * 2).min(MAX_FAILOVER_PAUSE);
        }
    }

    /// Opens a Chat stream on another upstream (the lost one last) and reads what the client
    /// missed. Nothing changes in the session until both succeeded.
    async fn next_upstream(&self) -> Result<(UpstreamSession, Vec<im::Message>), Setback> {
        let opened = self
            .shared
            .upstreams
            .open(&self.token, Some(&self.upstream.uri))
            .await;
        let upstream = opened.map_err(|error| match error {
            ClientError::UpstreamUnavailable(reason) | ClientError::UpstreamNotReady(reason) => {
                Setback::Retry(reason)
            }
            other => Setback::Fatal(other),
        })?;
        let own_send_waiting = |message: &im::Message| {
            message.sender_id == self.user_id
                && self.unanswered.is_waiting_send(&message.client_msg_id)
        };
        // Half the client's queue, so the catch-up cannot overflow it on its own.
        let limit = self.config.queue() / 2;
        let since = Since {
            began_ms: self.began_ms,
            delivered: &self.delivered,
            skip: &own_send_waiting,
            limit,
        };
        match catch_up::missed(&upstream.calls, &since).await {
            Ok(missed) => Ok((upstream, missed)),
            Err(CatchUpError::TooMany(limit)) => {
                Err(Setback::Fatal(ClientError::CatchUpTooLarge(limit)))
            }
            Err(CatchUpError::Upstream(status)) if server_went_away(&status) => {
                Err(Setback::Retry(status.message().to_owned()))
            }
            Err(CatchUpError::Upstream(status)) => {
                Err(Setback::Fatal(ClientError::from_status(&status)))
            }
        }
    }

    /// Makes `upstream` the connection's stream: pushes what the client missed, then sends the
    /// unanswered requests again. The lost stream is dropped here.
    fn move_to(&mut self, upstream: UpstreamSession, missed: Vec<im::Message>) -> Turn {
        tracing::info!(
            upstream = %upstream.upstream,
            session_id = %upstream.session_id,
            missed = missed.len(),
            resent = self.unanswered.pending().count(),
            "the connection moved to another upstream"
        );
        self.upstream = Upstream::from(upstream);
        for message in missed {
            if self.delivered.record(&message.conversation_id, message.seq) {
                self.send(&push::message_frame(message))?;
            }
        }
        for request in self.unanswered.pending() {
            // The new stream's queue holds as many as `unanswered` keeps, so this cannot fail
            // for room; a closed stream reports its end next.
            let _ = self.upstream.requests.try_send(request.clone());
        }
        self.last_upstream = Instant::now();
        Ok(())
    }
}
