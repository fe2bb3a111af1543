-- Link checks: the last known state of every URL checked (the access and
-- download URLs of the catalogue's distributions), shared by all datasets
-- that name it. Semantics: docs/store.md and docs/link-checks.md.
--
-- `checked` is the time of the last check that reached a verdict (`ok` 1 or
-- 0); NULL: never. The verdict's columns (status, content_type, size,
-- final_url, failure, error) are those of that check. `first_failure` starts
-- the current failure streak (NULL while the URL works), `last_success` is
-- the last check that passed, `consecutive_failures` counts the streak.
-- An attempt that could not check the URL (robots.txt disallows it, or the
-- host's robots.txt could not be read) leaves the verdict alone and sets
-- `not_checked` to the reason; the next verdict clears it. `attempted` is the
-- last attempt of either kind.
CREATE TABLE link_checks (
    id                    INTEGER PRIMARY KEY,
    url                   TEXT NOT NULL UNIQUE,
    checked               TEXT,
    ok                    INTEGER NOT NULL DEFAULT 0 CHECK (ok = 0 OR ok = 1),
    status                INTEGER NOT NULL DEFAULT 0,
    content_type          TEXT NOT NULL DEFAULT '',
    size                  INTEGER,
    final_url             TEXT NOT NULL DEFAULT '',
    failure               TEXT NOT NULL DEFAULT '',
    error                 TEXT NOT NULL DEFAULT '',
    first_failure         TEXT,
    last_success          TEXT,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    not_checked           TEXT NOT NULL DEFAULT '',
    attempted             TEXT NOT NULL
) STRICT;
