//! The `before_send` webhook as the domain's `SendPolicy`: every message and edit that passed
//! EasyChat's checks is POSTed to the deployment's endpoint, which answers `allow`, `reject`
//! (with a reason for the sender) or `replace` (with new content). An endpoint that fails is
//! ignored (`fail_open`) or refuses the send (UNAVAILABLE/POLICY_UNAVAILABLE).

use std::time::Duration;

use async_trait::async_trait;
use serde::Deserialize;
use serde_json::json;

use super::events::{content_json, conversation_type, event};
use super::json::from_json;
use super::signing;
use crate::config::BeforeSendConfig;
use crate::domain::ports::{PolicyCheck, PolicyVerdict, SendPolicy};
use crate::error::{Error, ErrorKind, Reason, Result};
use crate::wire;

/// Longest `reject` reason passed on to the sender.
const MAX_REASON_CHARS: usize = 200;

pub struct HttpPolicy {
    config: BeforeSendConfig,
    client: reqwest::Client,
}

impl HttpPolicy {
    pub fn new(config: BeforeSendConfig, client: reqwest::Client) -> HttpPolicy {
        HttpPolicy { config, client }
    }

    async fn ask(&self, check: &PolicyCheck<'_>) -> std::result::Result<PolicyVerdict, String> {
        let request = event(
            "before_send",
            json!({
                "sender_id": check.sender_id,
                "conversation_id": check.conversation_id,
                "conversation_type": conversation_type(check.kind),
                "client_msg_id": check.client_msg_id,
                "edit_of_message_id": check.edit_of,
                "content": content_json(check.content),
            }),
        );
        let timestamp = request.created_at / 1000;
        let response = self
            .client
            .post(&self.config.url)
            .timeout(Duration::from_millis(self.config.timeout_ms))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(signing::EVENT_TYPE_HEADER, "before_send")
            .header(signing::EVENT_ID_HEADER, &request.event_id)
            .header(signing::TIMESTAMP_HEADER, timestamp)
            .header(
                signing::SIGNATURE_HEADER,
                signing::signature(&self.config.secret, timestamp, &request.body),
            )
            .body(request.body)
            .send()
            .await
            .map_err(|e| format!("no answer: {e}"))?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("answered HTTP {status}"));
        }
        let body = response
            .bytes()
            .await
            .map_err(|e| format!("reading the answer: {e}"))?;
        verdict(&body)
    }
}

/// Reads the endpoint's answer: `{"action": "allow" | "reject" | "replace", "reason",
/// "content"}`; an empty body allows.
fn verdict(body: &[u8]) -> std::result::Result<PolicyVerdict, String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Answer {
        action: String,
        #[serde(default)]
        reason: String,
        content: Option<serde_json::Value>,
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(PolicyVerdict::Allow);
    }
    let answer: Answer =
        serde_json::from_slice(body).map_err(|e| format!("an unreadable answer: {e}"))?;
    match answer.action.as_str() {
        "allow" => Ok(PolicyVerdict::Allow),
        "reject" => {
            let reason: String = answer.reason.chars().take(MAX_REASON_CHARS).collect();
            let reason = if reason.trim().is_empty() {
                "no reason given".to_owned()
            } else {
                reason
            };
            Ok(PolicyVerdict::Reject(reason))
        }
        "replace" => {
            let content = answer.content.ok_or("a replace answer without content")?;
            let content = from_json(&content, "easychat.im.v1.MessageContent")
                .map_err(|e| format!("replacement content: {e}"))?;
            match wire::content_from_proto(Some(content)) {
                Ok(Some(content)) => Ok(PolicyVerdict::Replace(content)),
                Ok(None) => Err("empty replacement content".to_owned()),
                Err(e) => Err(format!("replacement content: {}", e.message)),
            }
        }
        other => Err(format!("an unknown action {other:?}")),
    }
}

#[async_trait]
impl SendPolicy for HttpPolicy {
    async fn check(&self, check: PolicyCheck<'_>) -> Result<PolicyVerdict> {
        match self.ask(&check).await {
            Ok(verdict) => Ok(verdict),
            Err(problem) if self.config.fail_open => {
                tracing::warn!(%problem, url = %self.config.url, "before_send webhook failed; sending anyway (fail_open)");
                Ok(PolicyVerdict::Allow)
            }
            Err(problem) => {
                tracing::warn!(%problem, url = %self.config.url, "before_send webhook failed; refusing the send");
                Err(Error::new(
                    ErrorKind::Unavailable,
                    Reason::PolicyUnavailable,
                    "the message policy service did not answer; nothing was sent, retry later",
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Content;

    #[test]
    fn reads_every_action() {
        assert_eq!(verdict(b"").unwrap(), PolicyVerdict::Allow);
        assert_eq!(
            verdict(br#"{"action":"allow"}"#).unwrap(),
            PolicyVerdict::Allow
        );
        assert_eq!(
            verdict(br#"{"action":"reject","reason":"spam"}"#).unwrap(),
            PolicyVerdict::Reject("spam".into())
        );
        assert_eq!(
            verdict(br#"{"action":"replace","content":{"text":{"text":"***"}}}"#).unwrap(),
            PolicyVerdict::Replace(Content::Text { text: "***".into() })
        );
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        for body in [
            &br#"{"action":"maybe"}"#[..],
            br#"{"action":"replace"}"#,
            br#"{"action":"replace","content":{"nope":1}}"#,
            br#"{"action":"allow","extra":1}"#,
            b"not json",
        ] {
            assert!(verdict(body).is_err(), "{}", String::from_utf8_lossy(body));
        }
    }
}
