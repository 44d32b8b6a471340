-- EasyChat embedded schema (SQLite). Times are milliseconds since the Unix epoch.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    phone         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    nickname      TEXT NOT NULL,
    avatar        TEXT NOT NULL DEFAULT '',
    sex           INTEGER NOT NULL DEFAULT 0,
    token_version INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);
CREATE INDEX users_by_nickname ON users (nickname);

CREATE TABLE revoked_tokens (
    token_id   TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
);

-- pending_pair is "<lower id>|<higher id>" while the request is pending and NULL after, so the
-- unique index allows one pending request per pair in either direction (NULLs never collide).
CREATE TABLE friend_requests (
    id             TEXT PRIMARY KEY,
    from_user      TEXT NOT NULL,
    to_user        TEXT NOT NULL,
    message        TEXT NOT NULL,
    state          INTEGER NOT NULL,
    handle_message TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    handled_at     INTEGER,
    pending_pair   TEXT UNIQUE
);
CREATE INDEX friend_requests_by_target ON friend_requests (to_user, created_at);
CREATE INDEX friend_requests_by_sender ON friend_requests (from_user, created_at);

-- One row per direction: (user, friend) holds the user's remark for the friend.
CREATE TABLE friendships (
    user_id    TEXT NOT NULL,
    friend_id  TEXT NOT NULL,
    remark     TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, friend_id)
);

CREATE TABLE chat_groups (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    icon        TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    notice      TEXT NOT NULL DEFAULT '',
    join_policy INTEGER NOT NULL,
    owner_id    TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX chat_groups_by_name ON chat_groups (name);

CREATE TABLE group_members (
    group_id    TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    role        INTEGER NOT NULL,
    muted_until INTEGER,
    joined_at   INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_by_user ON group_members (user_id, joined_at);

-- pending_key is "<group>|<user>" while pending: one pending request per user and group.
CREATE TABLE group_requests (
    id          TEXT PRIMARY KEY,
    group_id    TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    inviter_id  TEXT,
    source      INTEGER NOT NULL,
    message     TEXT NOT NULL,
    state       INTEGER NOT NULL,
    handler_id  TEXT,
    created_at  INTEGER NOT NULL,
    handled_at  INTEGER,
    pending_key TEXT UNIQUE
);
CREATE INDEX group_requests_by_group ON group_requests (group_id, created_at);

CREATE TABLE conversations (
    id         TEXT PRIMARY KEY,
    kind       INTEGER NOT NULL,
    max_seq    INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);

CREATE TABLE user_conversations (
    user_id         TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    read_seq        INTEGER NOT NULL DEFAULT 0,
    cleared_seq     INTEGER NOT NULL DEFAULT 0,
    hidden_at_seq   INTEGER,
    pinned          INTEGER NOT NULL DEFAULT 0,
    muted           INTEGER NOT NULL DEFAULT 0,
    opened_at       INTEGER NOT NULL,
    PRIMARY KEY (user_id, conversation_id)
);
CREATE INDEX user_conversations_by_conversation ON user_conversations (conversation_id);

-- content is the JSON of domain::model::Content, NULL once recalled.
CREATE TABLE messages (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    sender_id       TEXT NOT NULL,
    client_msg_id   TEXT NOT NULL,
    content         TEXT,
    sent_at         INTEGER NOT NULL,
    recalled_by     TEXT,
    recalled_at     INTEGER,
    UNIQUE (conversation_id, seq),
    UNIQUE (sender_id, client_msg_id)
);

CREATE TABLE deleted_messages (
    user_id         TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    PRIMARY KEY (user_id, message_id)
);
