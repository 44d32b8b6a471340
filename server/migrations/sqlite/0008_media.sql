-- Media uploads (docs/media.md) and the conversations each was sent to (whose members may
-- download it).
CREATE TABLE media (
    media_id    TEXT    PRIMARY KEY,
    kind        TEXT    NOT NULL,
    mime_type   TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT    NOT NULL,
    file_name   TEXT    NOT NULL,
    width       INTEGER NOT NULL DEFAULT 0,
    height      INTEGER NOT NULL DEFAULT 0,
    uploader_id TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    completed   INTEGER NOT NULL DEFAULT 0
);

-- The quota sums a user's uploads.
CREATE INDEX media_by_uploader ON media (uploader_id, created_at);

CREATE TABLE media_conversations (
    media_id        TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    PRIMARY KEY (media_id, conversation_id)
) WITHOUT ROWID;
