-- Webhook events waiting for delivery (docs/webhooks.md), in the order they happened, and how
-- far each endpoint has delivered them. Events every endpoint is past are deleted.
CREATE TABLE webhook_events (
    pos        INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id   TEXT    NOT NULL,
    event_type TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    body       BLOB    NOT NULL
);

CREATE TABLE webhook_cursors (
    endpoint TEXT    PRIMARY KEY,
    pos      INTEGER NOT NULL
);
