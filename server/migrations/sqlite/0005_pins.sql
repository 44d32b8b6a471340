-- Pinned messages (issue 16): a conversation's pins, listed newest first.
CREATE TABLE pinned_messages (
    conversation_id TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    pinned_by       TEXT NOT NULL,
    pinned_at       INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, message_id)
) WITHOUT ROWID;
