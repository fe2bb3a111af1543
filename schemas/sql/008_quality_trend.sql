-- Quality trend: the catalogue's and each publisher's quality figures as they
-- stood when a harvest run finished (datasets, scored, mean MQA score, rating
-- bands, mean points per dimension), so that the dashboard draws the score
-- over the last runs without assessing anything again. One row for the whole
-- catalogue (catalogue = 1, publisher '') and one per publisher (catalogue =
-- 0; '' for records without publisher) per run. Semantics: docs/dashboard.md.
CREATE TABLE quality_trend (
    run_id            INTEGER NOT NULL REFERENCES harvest_runs (id),
    catalogue         INTEGER NOT NULL,
    publisher         TEXT NOT NULL,
    recorded          TEXT NOT NULL,
    datasets          INTEGER NOT NULL,
    scored            INTEGER NOT NULL,
    mean              REAL NOT NULL,
    excellent         INTEGER NOT NULL,
    good              INTEGER NOT NULL,
    sufficient        INTEGER NOT NULL,
    bad               INTEGER NOT NULL,
    findability       REAL NOT NULL,
    accessibility     REAL NOT NULL,
    interoperability  REAL NOT NULL,
    reusability       REAL NOT NULL,
    contextuality     REAL NOT NULL,
    PRIMARY KEY (run_id, catalogue, publisher)
) STRICT;
CREATE INDEX quality_trend_group ON quality_trend (catalogue, publisher, run_id);
