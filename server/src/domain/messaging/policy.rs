//! The deployment's message policy (the `before_send` webhook): asked after EasyChat's own
//! checks passed, so it only sees messages that would be stored; it may refuse a message or
//! replace its content, which is then held to the same limits as the sender's.

use super::*;
use crate::domain::ports::{PolicyCheck, PolicyVerdict};
use crate::error::ErrorKind;

impl Messaging {
    /// The content to store for `check`: the sender's, or the policy's replacement.
    pub(super) async fn apply_policy(&self, check: PolicyCheck<'_>) -> Result<Option<Content>> {
        let Some(policy) = &self.policy else {
            return Ok(None);
        };
        let is_edit = check.edit_of.is_some();
        match policy.check(check).await? {
            PolicyVerdict::Allow => Ok(None),
            PolicyVerdict::Reject(reason) => Err(Error::precondition(
                Reason::RejectedByPolicy,
                format!("the message was refused by this server's message policy: {reason}"),
            )),
            PolicyVerdict::Replace(content) => {
                if is_edit && !matches!(content, Content::Text { .. }) {
                    return Err(unusable_replacement("an edit can only be replaced by text"));
                }
                validate_content(&content, &self.limits)
                    .map_err(|e| unusable_replacement(&e.message))?;
                Ok(Some(content))
            }
        }
    }
}

/// The policy answered with content that cannot be stored: a fault of the deployment's policy
/// service, reported like its being down (the sender may retry; the operator sees the log).
fn unusable_replacement(problem: &str) -> Error {
    tracing::warn!(
        problem,
        "the before_send webhook replaced a message with unusable content"
    );
    Error::new(
        ErrorKind::Unavailable,
        Reason::PolicyUnavailable,
        format!("the message policy answered with content that cannot be stored ({problem})"),
    )
}
