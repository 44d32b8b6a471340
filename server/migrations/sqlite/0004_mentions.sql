-- Mentions (issue 16). mentions is the JSON of domain::model::Mentions, NULL for none.
ALTER TABLE messages ADD COLUMN mentions TEXT;

-- One row per (conversation, mentioned user, seq), user_id '*' for "everyone": whether a
-- conversation mentions a user after their read seq is one look-up on this key.
CREATE TABLE mentions (
    conversation_id TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, user_id, seq)
) WITHOUT ROWID;
