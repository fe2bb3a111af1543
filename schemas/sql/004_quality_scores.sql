-- Quality: every assessment of a stored record version (MQA score, rule
-- findings, checks beyond the MQA), kept per harvest run so that trends can
-- be drawn. A version is assessed when a harvest stores it and again when a
-- link check changes what its links say (run_id NULL then). A dataset's
-- current score is the newest row of its current version. Semantics:
-- docs/store.md and docs/quality.md.
CREATE TABLE quality_scores (
    id                INTEGER PRIMARY KEY,
    dataset_id        INTEGER NOT NULL REFERENCES datasets (id),
    version_id        INTEGER NOT NULL REFERENCES dataset_versions (id),
    run_id            INTEGER REFERENCES harvest_runs (id),
    scored_at         TEXT NOT NULL,
    total             INTEGER NOT NULL,
    rating            TEXT NOT NULL,
    findability       INTEGER NOT NULL,
    accessibility     INTEGER NOT NULL,
    interoperability  INTEGER NOT NULL,
    reusability       INTEGER NOT NULL,
    contextuality     INTEGER NOT NULL,
    violations        INTEGER NOT NULL,
    score             TEXT NOT NULL,
    findings          TEXT NOT NULL
) STRICT;
CREATE INDEX quality_scores_version ON quality_scores (version_id, id);
CREATE INDEX quality_scores_dataset ON quality_scores (dataset_id, id);
CREATE INDEX quality_scores_run ON quality_scores (run_id) WHERE run_id IS NOT NULL;
