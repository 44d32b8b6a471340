-- Messages shaped for appends (issue 20). The profile of the embedded 1:1 peak put the batch's
-- INSERT at three quarters of the writer's time: every message went into the table, its three
-- keys (id, (conversation, seq), (sender, client_msg_id)), then into `message_search_ids` (a
-- table and a unique index, found again by a look-up) only to get a stable integer key for the
-- search index. Now the table's own rowid is that key: `n INTEGER PRIMARY KEY` is an alias of
-- the rowid, which SQLite never renumbers (not even on VACUUM), and it grows with every insert,
-- so the table is appended at its end. Two writes and a look-up fewer per message, and the
-- same keys for dedup ((sender, client_msg_id), exact) and reads ((conversation, seq), id).
CREATE TABLE messages_by_n (
    n               INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    conversation_id TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    sender_id       TEXT NOT NULL,
    client_msg_id   TEXT NOT NULL,
    content         TEXT,
    sent_at         INTEGER NOT NULL,
    recalled_by     TEXT,
    recalled_at     INTEGER,
    reply_to        TEXT,
    edited_at       INTEGER,
    mentions        TEXT,
    UNIQUE (conversation_id, seq),
    UNIQUE (sender_id, client_msg_id)
);

INSERT INTO messages_by_n (id, conversation_id, seq, sender_id, client_msg_id, content, sent_at,
                           recalled_by, recalled_at, reply_to, edited_at, mentions)
SELECT id, conversation_id, seq, sender_id, client_msg_id, content, sent_at,
       recalled_by, recalled_at, reply_to, edited_at, mentions
FROM messages ORDER BY rowid;

DROP TRIGGER messages_search_insert;
DROP TRIGGER messages_search_update;
DROP TABLE messages;
ALTER TABLE messages_by_n RENAME TO messages;
DROP TABLE message_search_ids;

-- The search index again, keyed by `n` (as migration 0009 made it: contentless, sixteen-way
-- merges).
DROP TABLE message_text;
CREATE VIRTUAL TABLE message_text USING fts5(
    text, tokenize = 'trigram', content = '', contentless_delete = 1
);
INSERT INTO message_text (message_text, rank) VALUES ('automerge', 16);
INSERT INTO message_text (message_text, rank) VALUES ('crisismerge', 64);
INSERT INTO message_text (rowid, text)
SELECT n, json_extract(content, '$.text') FROM messages
WHERE json_extract(content, '$.kind') = 'text';

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages
WHEN json_extract(NEW.content, '$.kind') = 'text'
BEGIN
    INSERT INTO message_text (rowid, text) VALUES (NEW.n, json_extract(NEW.content, '$.text'));
END;

-- An edit replaces the text; a recall (content NULL) removes it. Only a text message is in the
-- index, so only one is removed.
CREATE TRIGGER messages_search_update AFTER UPDATE OF content ON messages
BEGIN
    DELETE FROM message_text
    WHERE rowid = OLD.n AND json_extract(OLD.content, '$.kind') = 'text';
    INSERT INTO message_text (rowid, text)
    SELECT NEW.n, json_extract(NEW.content, '$.text')
    WHERE json_extract(NEW.content, '$.kind') = 'text';
END;
