-- Cheaper search upkeep (issue 20): the profile of the embedded 1:1 peak put FTS5 at a quarter of
-- the instructions per message, most of it in the single writer's transactions. Two changes:
--
-- * Contentless: the index no longer keeps its own copy of every text (`content=''`); the
--   messages table has it. `contentless_delete=1` keeps edits and recalls able to remove a row.
--   A query shorter than a trigram reads the text from `messages` instead (store/sqlite/search.rs).
-- * Fewer, larger merges: every group commit flushes a small segment, and FTS5 merged them four
--   at a time (`automerge` 4), rewriting each posting once per level. Merging sixteen at a time
--   rewrites it half as often; `crisismerge` is raised above it so it does not cut in first.
--   Measured on the same machine: the index's CPU cost per message about 30 % lower, a search
--   on 200,000 messages 1–2 ms slower (BENCHMARKS.md, "Search upkeep").
DROP TABLE message_text;

CREATE VIRTUAL TABLE message_text USING fts5(
    text, tokenize = 'trigram', content = '', contentless_delete = 1
);
INSERT INTO message_text (message_text, rank) VALUES ('automerge', 16);
INSERT INTO message_text (message_text, rank) VALUES ('crisismerge', 64);

INSERT INTO message_text (rowid, text)
SELECT s.id, json_extract(m.content, '$.text')
FROM message_search_ids s JOIN messages m ON m.id = s.message_id;
