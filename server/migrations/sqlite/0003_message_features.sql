-- Replies, edits and reactions (issue 16).

-- reply_to is the JSON of domain::model::Quote: the quoted message as it was when the reply was
-- sent (the domain refreshes its snippet and recall from the original on reads).
ALTER TABLE messages ADD COLUMN reply_to TEXT;
ALTER TABLE messages ADD COLUMN edited_at INTEGER;

-- Who reacted with what: the key starts with (message, user) so a user's reactions on a page of
-- messages are a prefix lookup.
CREATE TABLE reactions (
    message_id TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    emoji      TEXT NOT NULL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (message_id, user_id, emoji)
) WITHOUT ROWID;

-- One count per (message, emoji), changed in the same transaction as `reactions`: a page of
-- history reads these, never one row per reacting user.
CREATE TABLE reaction_counts (
    message_id TEXT NOT NULL,
    emoji      TEXT NOT NULL,
    count      INTEGER NOT NULL,
    first_at   INTEGER NOT NULL,
    PRIMARY KEY (message_id, emoji)
) WITHOUT ROWID;
