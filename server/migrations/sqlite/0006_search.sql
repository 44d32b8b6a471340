-- Message search (issue 16): the text of every live text message in an FTS5 table with the
-- trigram tokenizer, which finds any substring of 3 characters or more through the index (any
-- script: Chinese needs no word segmentation) and shorter ones by scanning it. Triggers keep it
-- in the same transaction as the message's insert, edit or recall.
--
-- message_search_ids gives each indexed message a stable integer key (the FTS rowid): the rowids
-- of `messages` itself are not stable (it has a TEXT primary key, and VACUUM may renumber them).
CREATE TABLE message_search_ids (
    id         INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE message_text USING fts5(text, tokenize = 'trigram');

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages
WHEN json_extract(NEW.content, '$.kind') = 'text'
BEGIN
    INSERT INTO message_search_ids (message_id) VALUES (NEW.id);
    INSERT INTO message_text (rowid, text)
    SELECT id, json_extract(NEW.content, '$.text') FROM message_search_ids WHERE message_id = NEW.id;
END;

-- An edit replaces the text; a recall (content NULL) removes it.
CREATE TRIGGER messages_search_update AFTER UPDATE OF content ON messages
BEGIN
    DELETE FROM message_text
    WHERE rowid = (SELECT id FROM message_search_ids WHERE message_id = OLD.id);
    DELETE FROM message_search_ids WHERE message_id = OLD.id;
    INSERT INTO message_search_ids (message_id)
    SELECT NEW.id WHERE json_extract(NEW.content, '$.kind') = 'text';
    INSERT INTO message_text (rowid, text)
    SELECT id, json_extract(NEW.content, '$.text') FROM message_search_ids
    WHERE message_id = NEW.id AND json_extract(NEW.content, '$.kind') = 'text';
END;

-- What was stored before this migration.
INSERT INTO message_search_ids (message_id)
SELECT id FROM messages WHERE json_extract(content, '$.kind') = 'text' ORDER BY rowid;
INSERT INTO message_text (rowid, text)
SELECT s.id, json_extract(m.content, '$.text')
FROM message_search_ids s JOIN messages m ON m.id = s.message_id;
