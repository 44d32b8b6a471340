//! Counts what the domain publishes, on its way to the session hub: every stored message is
//! published exactly once (a retried send gets the original ack and publishes nothing), so the
//! message counter is "messages sent", whichever path they came by (unary, Chat, WebSocket).

use std::sync::Arc;

use super::metrics::{EventLabels, MessageLabels, Metrics};
use crate::domain::ids::ConversationKind;
use crate::domain::ports::{Event, EventSink};

/// An [`EventSink`] that counts each event, then hands it to `inner`.
pub struct CountingSink {
    inner: Arc<dyn EventSink>,
    metrics: Arc<Metrics>,
}

impl CountingSink {
    pub fn new(inner: Arc<dyn EventSink>, metrics: Arc<Metrics>) -> CountingSink {
        CountingSink { inner, metrics }
    }
}

impl EventSink for CountingSink {
    fn publish(&self, recipients: &[String], event: Event, origin: Option<&str>) {
        let kind = match &event {
            Event::Message(message) => {
                let conversation = match message.kind {
                    ConversationKind::Single => "single",
                    ConversationKind::Group => "group",
                };
                self.metrics
                    .messages_sent
                    .get_or_create(&MessageLabels { conversation })
                    .inc();
                "message"
            }
            Event::ReadReceipt { .. } => "read_receipt",
            Event::Recall(_) => "recall",
            Event::Edit(_) => "edit",
            Event::Reaction { .. } => "reaction",
            Event::Pin { .. } => "pin",
            Event::Typing { .. } => "typing",
            Event::Presence { .. } => "presence",
        };
        self.metrics
            .events_published
            .get_or_create(&EventLabels { event: kind })
            .inc();
        self.inner.publish(recipients, event, origin);
    }
}
