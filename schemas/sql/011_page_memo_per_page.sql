-- The page size a feed's first page showed: its hydra:itemsPerPage, or the
-- number of datasets on it (-1: unknown). An unchanged first page is skipped
-- without parsing, and the bound that totalItems sets on the number of pages
-- needs the page size just the same.
ALTER TABLE page_memos ADD COLUMN per_page INTEGER NOT NULL DEFAULT -1;
