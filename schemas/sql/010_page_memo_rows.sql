-- A page memo keeps the keys of every dataset on its page, about 54 KB for a
-- page of 1,000. In a WITHOUT ROWID table a row lives in the primary key's
-- B-tree, and SQLite reads a row that spills onto overflow pages in full for
-- every key it compares on the way: looking up one page's memo took 2 to 3 ms.
-- In an ordinary table the look-up compares short index entries and then
-- reads the one row.
CREATE TABLE page_memos_rows (
    source_id      INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    url            TEXT NOT NULL,
    etag           TEXT NOT NULL DEFAULT '',
    last_modified  TEXT NOT NULL DEFAULT '',
    body_hash      TEXT NOT NULL DEFAULT '',
    keys           TEXT NOT NULL DEFAULT '[]',
    total          INTEGER NOT NULL DEFAULT -1,
    updated        TEXT NOT NULL,
    next_url       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source_id, url)
) STRICT;
INSERT INTO page_memos_rows (source_id, url, etag, last_modified, body_hash, keys, total, updated, next_url)
    SELECT source_id, url, etag, last_modified, body_hash, keys, total, updated, next_url FROM page_memos;
DROP TABLE page_memos;
ALTER TABLE page_memos_rows RENAME TO page_memos;
