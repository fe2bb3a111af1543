-- ernte catalogue, schema version 1.
-- Times are ISO 8601 UTC with seconds (2026-11-22T02:00:00Z); text comparison orders them.
-- Semantics of the tables: docs/store.md.

-- A configured source (portal). Rows are kept when a source leaves the config.
CREATE TABLE sources (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    type      TEXT NOT NULL,
    url       TEXT NOT NULL,
    priority  INTEGER NOT NULL DEFAULT 0,
    created   TEXT NOT NULL
) STRICT;

-- One harvest of one source. `pid` and `host` identify the process so that a
-- run left `running` by a process that died can be marked interrupted.
CREATE TABLE harvest_runs (
    id                  INTEGER PRIMARY KEY,
    source_id           INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    mode                TEXT NOT NULL CHECK (mode IN ('full', 'incremental')),
    status              TEXT NOT NULL
                        CHECK (status IN ('running', 'succeeded', 'partial', 'failed', 'interrupted')),
    started             TEXT NOT NULL,
    finished            TEXT,
    since               TEXT NOT NULL DEFAULT '',
    pid                 INTEGER NOT NULL,
    host                TEXT NOT NULL,
    added               INTEGER NOT NULL DEFAULT 0,
    updated             INTEGER NOT NULL DEFAULT 0,
    unchanged           INTEGER NOT NULL DEFAULT 0,
    deleted             INTEGER NOT NULL DEFAULT 0,
    deletions_withheld  INTEGER NOT NULL DEFAULT 0,
    errors              INTEGER NOT NULL DEFAULT 0,
    pages               INTEGER NOT NULL DEFAULT 0,
    message             TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX harvest_runs_source ON harvest_runs (source_id, id);
CREATE INDEX harvest_runs_running ON harvest_runs (source_id) WHERE status = 'running';

-- A per-object failure of a run (one record, one page), with the offending
-- input truncated to 4 KiB.
CREATE TABLE harvest_errors (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES harvest_runs(id) ON DELETE CASCADE,
    stage      TEXT NOT NULL,
    object_id  TEXT NOT NULL DEFAULT '',
    url        TEXT NOT NULL DEFAULT '',
    place      TEXT NOT NULL DEFAULT '',
    message    TEXT NOT NULL,
    fragment   TEXT NOT NULL DEFAULT '',
    created    TEXT NOT NULL
) STRICT;
CREATE INDEX harvest_errors_run ON harvest_errors (run_id, id);

-- One catalogue dataset. The record itself lives in dataset_versions
-- (version_id: the version of the winning provenance link); the columns here
-- are copies of the winner's fields for lookups and filters. Rows are never
-- deleted: a dataset that left all its sources is deprecated, then withdrawn.
CREATE TABLE datasets (
    id              INTEGER PRIMARY KEY,
    iri             TEXT UNIQUE,
    identifier      TEXT,
    name            TEXT,
    title           TEXT NOT NULL DEFAULT '',
    publisher_name  TEXT,
    publisher_iri   TEXT,
    modified        TEXT NOT NULL DEFAULT '',
    -- OR rather than IN: SQLite builds a temporary table per insert for an IN list of three.
    status          TEXT NOT NULL DEFAULT 'active'
                    CHECK (status = 'active' OR status = 'deprecated' OR status = 'withdrawn'),
    deprecated_at   TEXT,
    withdrawn_at    TEXT,
    first_seen      TEXT NOT NULL,
    last_changed    TEXT NOT NULL,
    version_id      INTEGER REFERENCES dataset_versions(id)
) STRICT;
CREATE INDEX datasets_name ON datasets (name);
CREATE INDEX datasets_publisher_name ON datasets (publisher_name);
CREATE INDEX datasets_publisher_iri ON datasets (publisher_iri);
CREATE INDEX datasets_status ON datasets (status, deprecated_at);

-- Each distinct record of a dataset from a source, stored once (keyed by its
-- content hash): the normalized record as JSON and the raw source fragment.
CREATE TABLE dataset_versions (
    id            INTEGER PRIMARY KEY,
    dataset_id    INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    content_hash  TEXT NOT NULL,
    record        TEXT NOT NULL,
    raw           TEXT NOT NULL DEFAULT '',
    run_id        INTEGER REFERENCES harvest_runs(id) ON DELETE SET NULL,
    created       TEXT NOT NULL,
    UNIQUE (dataset_id, source_id, content_hash)
) STRICT;

-- Provenance: which source delivered which record under which key. iri and
-- identifier are the record's own, for finding the dataset a new record joins.
-- `modified` is the record's dct:modified in a sortable UTC form (winner rule).
CREATE TABLE dataset_sources (
    id                INTEGER PRIMARY KEY,
    dataset_id        INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    source_id         INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    source_key        TEXT NOT NULL,
    iri               TEXT,
    identifier        TEXT,
    content_hash      TEXT NOT NULL,
    modified          TEXT NOT NULL DEFAULT '',
    state             TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'gone')),
    first_seen_run    INTEGER NOT NULL,
    last_seen_run     INTEGER NOT NULL,
    last_changed_run  INTEGER NOT NULL,
    gone_run          INTEGER,
    version_id        INTEGER NOT NULL REFERENCES dataset_versions(id),
    UNIQUE (source_id, source_key)
) STRICT;
CREATE INDEX dataset_sources_dataset ON dataset_sources (dataset_id, state);
CREATE INDEX dataset_sources_source_state ON dataset_sources (source_id, state);
CREATE INDEX dataset_sources_iri ON dataset_sources (iri) WHERE iri IS NOT NULL;
CREATE INDEX dataset_sources_identifier ON dataset_sources (identifier, source_id) WHERE identifier IS NOT NULL;

-- Indexed columns of the distributions of each dataset's current record
-- (link checks, facets). Rebuilt only when the current record changes.
CREATE TABLE distributions (
    dataset_id    INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    iri           TEXT,
    access_url    TEXT,
    download_url  TEXT,
    format        TEXT,
    media_type    TEXT,
    licence       TEXT,
    PRIMARY KEY (dataset_id, position)
) STRICT, WITHOUT ROWID;

-- What a listing page looked like when last fetched: validators for
-- conditional GET, the keys it listed (JSON array) and the collection size it
-- announced (-1: unknown).
CREATE TABLE page_memos (
    source_id      INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    url            TEXT NOT NULL,
    etag           TEXT NOT NULL DEFAULT '',
    last_modified  TEXT NOT NULL DEFAULT '',
    body_hash      TEXT NOT NULL DEFAULT '',
    keys           TEXT NOT NULL DEFAULT '[]',
    total          INTEGER NOT NULL DEFAULT -1,
    updated        TEXT NOT NULL,
    PRIMARY KEY (source_id, url)
) STRICT, WITHOUT ROWID;
