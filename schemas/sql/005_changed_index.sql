-- Feeds and APIs ask for the datasets changed since a time
-- (`/catalog.ttl?modified_since=`); the catalogue record's last_changed moves
-- with every change of content or status.
CREATE INDEX datasets_last_changed ON datasets (last_changed);
