//! Requests forwarded to the upstream Chat stream and not answered yet, kept so that a failover
//! can send them again to the next server.
//!
//! Sending again is safe: a send carries the client's frame id as its `client_msg_id`, so a send
//! the lost server had stored is answered with the stored original instead of being stored
//! twice; read marks only move forward; a recall of a recalled message changes nothing. Typing
//! and pings get no answer and are not kept: a lost one is not worth repeating.

use std::collections::VecDeque;

use easychat_proto::im::v1::{ChatRequest, chat_request};

#[derive(Debug)]
pub struct Unanswered {
    requests: VecDeque<ChatRequest>,
    limit: usize,
}

/// `limit` requests are waiting already.
#[derive(Debug)]
pub struct Full;

impl Unanswered {
    pub fn new(limit: usize) -> Unanswered {
        Unanswered {
            requests: VecDeque::new(),
            limit,
        }
    }

    /// Keeps a copy of `request` until its answer, if it gets one; true when kept.
    pub fn track(&mut self, request: &ChatRequest) -> Result<bool, Full> {
        if request.request_id.is_empty() || !expects_answer(request) {
            return Ok(false);
        }
        if self.requests.len() >= self.limit {
            return Err(Full);
        }
        self.requests.push_back(request.clone());
        Ok(true)
    }

    /// Forgets the request kept last (it could not be forwarded after all).
    pub fn forget_newest(&mut self) {
        self.requests.pop_back();
    }

    /// The upstream answered `request_id` (a result or an error): forget the oldest request
    /// with that id.
    pub fn answered(&mut self, request_id: &str) {
        if request_id.is_empty() {
            return;
        }
        if let Some(index) = self
            .requests
            .iter()
            .position(|request| request.request_id == request_id)
        {
            self.requests.remove(index);
        }
    }

    /// The requests still waiting, oldest first.
    pub fn pending(&self) -> impl Iterator<Item = &ChatRequest> {
        self.requests.iter()
    }

    /// Whether a send with this client message id is waiting: its message, if stored, reaches
    /// the client as the send's answer, not as a push.
    pub fn is_waiting_send(&self, client_msg_id: &str) -> bool {
        self.requests.iter().any(|request| match &request.frame {
            Some(chat_request::Frame::Send(send)) => send.client_msg_id == client_msg_id,
            _ => false,
        })
    }
}

fn expects_answer(request: &ChatRequest) -> bool {
    matches!(
        request.frame,
        Some(
            chat_request::Frame::Send(_)
                | chat_request::Frame::MarkRead(_)
                | chat_request::Frame::Recall(_)
                | chat_request::Frame::Edit(_)
                | chat_request::Frame::AddReaction(_)
                | chat_request::Frame::RemoveReaction(_)
                | chat_request::Frame::Pin(_)
                | chat_request::Frame::Unpin(_)
        )
    )
}

#[cfg(test)]
mod tests {
    use easychat_proto::im::v1 as im;

    use super::*;

    fn send(id: &str) -> ChatRequest {
        ChatRequest {
            request_id: id.to_owned(),
            frame: Some(chat_request::Frame::Send(im::SendMessageRequest {
                client_msg_id: id.to_owned(),
                ..Default::default()
            })),
        }
    }

    fn typing(id: &str) -> ChatRequest {
        ChatRequest {
            request_id: id.to_owned(),
            frame: Some(chat_request::Frame::Typing(im::SendTypingRequest::default())),
        }
    }

    fn ids(unanswered: &Unanswered) -> Vec<&str> {
        unanswered
            .pending()
            .map(|request| request.request_id.as_str())
            .collect()
    }

    #[test]
    fn requests_wait_in_order_until_answered() {
        let mut unanswered = Unanswered::new(10);
        for id in ["a", "b", "c"] {
            unanswered.track(&send(id)).expect("room");
        }
        unanswered.answered("b");
        assert_eq!(ids(&unanswered), vec!["a", "c"]);
        assert!(unanswered.is_waiting_send("a"));
        assert!(!unanswered.is_waiting_send("b"));
    }

    #[test]
    fn frames_without_an_answer_or_an_id_are_not_kept() {
        let mut unanswered = Unanswered::new(10);
        unanswered.track(&typing("t")).expect("room");
        unanswered.track(&send("")).expect("room");
        assert!(ids(&unanswered).is_empty());
    }

    #[test]
    fn past_the_limit_a_request_is_refused() {
        let mut unanswered = Unanswered::new(1);
        unanswered.track(&send("a")).expect("room");
        assert!(unanswered.track(&send("b")).is_err());
    }
}
