-- A paged RDF feed names its next page inside the page (Hydra). An unchanged
-- page (304, or the same bytes) is skipped without parsing, so its memo keeps
-- the next page's URL.
ALTER TABLE page_memos ADD COLUMN next_url TEXT NOT NULL DEFAULT '';
