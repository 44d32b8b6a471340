-- Blocks: one row per direction, (user, blocked) when the user blocked the other. A block leaves
-- any friendship in place; the domain refuses single-chat messages and friend requests between
-- the two while a row exists either way.
CREATE TABLE blocks (
    user_id    VARCHAR(36) NOT NULL,
    blocked_id VARCHAR(36) NOT NULL,
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (user_id, blocked_id),
    -- A user's list, newest first.
    KEY blocks_by_user (user_id, created_at),
    -- Who blocked a user: their group messages are not pushed to them.
    KEY blocks_by_blocked (blocked_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
