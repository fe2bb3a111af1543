-- Forwarding (docs/forwarding.md). The verdict of a forward profile
-- (`govdata`) on each dataset's current version, so that a feed page with
-- ?profile=govdata and the held-back report read them instead of checking
-- the catalogue again. Before verdicts are read they are brought up to date
-- (catalog/forward_profile.cpp): every dataset that is not withdrawn then has
-- a verdict on its current version, and withdrawn ones have none.
-- profile_states remembers the state of the catalogue the verdicts were last
-- brought up to date for.
CREATE TABLE profile_verdicts (
    profile     TEXT NOT NULL,
    dataset_id  INTEGER NOT NULL REFERENCES datasets (id),
    version_id  INTEGER NOT NULL,
    qualifies   INTEGER NOT NULL,
    reasons     TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (profile, dataset_id)
) STRICT, WITHOUT ROWID;
-- A profile's feed pages and counts read this index alone.
CREATE INDEX profile_verdicts_qualifying ON profile_verdicts (profile, qualifies, dataset_id);
CREATE TABLE profile_states (
    profile  TEXT PRIMARY KEY,
    state    TEXT NOT NULL
) STRICT;

-- What each forward target accepted: the downstream CKAN's package id and
-- name of a catalogue dataset, and the hash of the package dict sent, so a
-- record unchanged since the last push is not sent again. A row is written
-- only when the downstream accepted the package, and removed when it
-- accepted its deletion.
CREATE TABLE forward_pushes (
    target      TEXT NOT NULL,
    dataset_id  INTEGER NOT NULL REFERENCES datasets (id),
    package_id  TEXT NOT NULL,
    name        TEXT NOT NULL,
    dict_hash   TEXT NOT NULL,
    pushed_at   TEXT NOT NULL,
    PRIMARY KEY (target, dataset_id),
    UNIQUE (target, name)
) STRICT;
