-- Blocks: one row per direction, (user, blocked) when the user blocked the other. A block leaves
-- any friendship in place; the domain refuses single-chat messages and friend requests between
-- the two while a row exists either way.
CREATE TABLE blocks (
    user_id    TEXT NOT NULL,
    blocked_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, blocked_id)
);
-- A user's list, newest first.
CREATE INDEX blocks_by_user ON blocks (user_id, created_at);
-- Who blocked a user: their group messages are not pushed to them.
CREATE INDEX blocks_by_blocked ON blocks (blocked_id);
