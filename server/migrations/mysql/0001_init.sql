-- EasyChat schema for MySQL 8 / MariaDB 10.6+: users, token revocations and the social graph.
-- Messages and conversations are not here (the message store is a separate backend).
--
-- Times are milliseconds since the Unix epoch (BIGINT). Ids are canonical lowercase UUIDs.
-- Text is utf8mb4 (nicknames carry emoji) with utf8mb4_unicode_520_ci: it tells supplementary
-- characters apart (unicode_ci and general_ci weigh every emoji the same) and, unlike the *_bin
-- collations, gives text columns no BINARY flag, so the driver decodes them as strings. Searches
-- are therefore case-insensitive; lists that must order exactly like the embedded store sort with
-- COLLATE utf8mb4_bin in the query.
-- Column widths are in characters and leave room above the domain's limits.

CREATE TABLE users (
    id            VARCHAR(36)   NOT NULL,
    phone         VARCHAR(32)   NOT NULL,
    password_hash VARCHAR(255)  NOT NULL,
    nickname      VARCHAR(64)   NOT NULL,
    avatar        VARCHAR(1024) NOT NULL DEFAULT '',
    sex           TINYINT       NOT NULL DEFAULT 0,
    token_version BIGINT        NOT NULL DEFAULT 0,
    created_at    BIGINT        NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY users_by_phone (phone),
    KEY users_by_nickname (nickname)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

CREATE TABLE revoked_tokens (
    token_id   VARCHAR(36) NOT NULL,
    expires_at BIGINT      NOT NULL,
    PRIMARY KEY (token_id),
    KEY revoked_tokens_by_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- pending_pair is "<lower id>|<higher id>" while the request is pending and NULL after, so the
-- unique key allows one pending request per pair in either direction (NULLs never collide).
CREATE TABLE friend_requests (
    id             VARCHAR(36)  NOT NULL,
    from_user      VARCHAR(36)  NOT NULL,
    to_user        VARCHAR(36)  NOT NULL,
    message        VARCHAR(512) NOT NULL,
    state          TINYINT      NOT NULL,
    handle_message VARCHAR(512) NOT NULL DEFAULT '',
    created_at     BIGINT       NOT NULL,
    handled_at     BIGINT       NULL,
    pending_pair   VARCHAR(80)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY friend_requests_one_pending (pending_pair),
    KEY friend_requests_by_target (to_user, created_at),
    KEY friend_requests_by_sender (from_user, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- One row per direction: (user, friend) holds the user's remark for the friend.
CREATE TABLE friendships (
    user_id    VARCHAR(36) NOT NULL,
    friend_id  VARCHAR(36) NOT NULL,
    remark     VARCHAR(64) NOT NULL DEFAULT '',
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (user_id, friend_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Not `groups`: GROUPS is a reserved word in MySQL 8.
CREATE TABLE chat_groups (
    id          VARCHAR(36)   NOT NULL,
    name        VARCHAR(128)  NOT NULL,
    icon        VARCHAR(1024) NOT NULL DEFAULT '',
    description VARCHAR(1024) NOT NULL DEFAULT '',
    notice      VARCHAR(2048) NOT NULL DEFAULT '',
    join_policy TINYINT       NOT NULL,
    owner_id    VARCHAR(36)   NOT NULL,
    created_at  BIGINT        NOT NULL,
    PRIMARY KEY (id),
    KEY chat_groups_by_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- The primary key allows one membership per user and group.
CREATE TABLE group_members (
    group_id    VARCHAR(36) NOT NULL,
    user_id     VARCHAR(36) NOT NULL,
    role        TINYINT     NOT NULL,
    muted_until BIGINT      NULL,
    joined_at   BIGINT      NOT NULL,
    PRIMARY KEY (group_id, user_id),
    KEY group_members_by_user (user_id, joined_at),
    KEY group_members_by_role (group_id, role, joined_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- pending_key is "<group>|<user>" while pending: one pending request per user and group.
CREATE TABLE group_requests (
    id          VARCHAR(36)  NOT NULL,
    group_id    VARCHAR(36)  NOT NULL,
    user_id     VARCHAR(36)  NOT NULL,
    inviter_id  VARCHAR(36)  NULL,
    source      TINYINT      NOT NULL,
    message     VARCHAR(512) NOT NULL,
    state       TINYINT      NOT NULL,
    handler_id  VARCHAR(36)  NULL,
    created_at  BIGINT       NOT NULL,
    handled_at  BIGINT       NULL,
    pending_key VARCHAR(80)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY group_requests_one_pending (pending_key),
    KEY group_requests_by_group (group_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
