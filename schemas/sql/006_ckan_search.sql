-- The CKAN-compatible API (/api/3/action/) and the catalogue search: per
-- dataset what package_search filters, sorts and counts by, kept in indexed
-- rows written with the catalogue record (Store::upsert), never computed per
-- request. Rows of datasets stored before this migration are filled when the
-- store is opened (their ids are UUIDv5 of the IRI, computed in C++).

-- One row per catalogue dataset. package_id and name are given once and kept
-- (a CKAN client stores them); a name already taken gets a suffix ("-2").
CREATE TABLE ckan_packages (
    dataset_id  INTEGER PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
    package_id  TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE,
    org_name    TEXT,            -- ckan_organization_name of the publisher; NULL: none
    org_title   TEXT,
    licence_id  TEXT             -- license_id of the package dict
) STRICT;
CREATE INDEX ckan_packages_org ON ckan_packages (org_name);
CREATE INDEX ckan_packages_licence ON ckan_packages (licence_id);

-- The many-valued fields: field is 'tags', 'res_format' or 'groups'.
CREATE TABLE ckan_values (
    dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (field, value, dataset_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX ckan_values_dataset ON ckan_values (dataset_id);

-- Full text of title, description and keywords (rowid = dataset id). The
-- texts are stored folded for German (ä -> ae, ö -> oe, ü -> ue, ß -> ss, see
-- catalog/search.hpp) and unicode61 removes the remaining diacritics, so
-- "Strasse" finds "Straße"; queries are folded the same way.
CREATE VIRTUAL TABLE ckan_text USING fts5 (
    title, notes, tags,
    tokenize = 'unicode61 remove_diacritics 2'
);
