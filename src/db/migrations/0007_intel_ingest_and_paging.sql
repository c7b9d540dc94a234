-- Speed of TAXII paging and bulk ingest (issue 3 targets), measured on PostgreSQL and PGlite.

-- A page with match[version]=last (TAXII's default) or =first asks, for every row, whether another
-- version the reader may see comes after (or before) it: an index probe per row, a third of the
-- page's time. Most objects have one version in a collection; this flag, set on every version of
-- an object once a collection holds two, lets a page skip the probe for the rest. A flag left set
-- after versions are deleted only costs the probe.
ALTER TABLE intel_objects ADD COLUMN other_versions boolean NOT NULL DEFAULT false;
UPDATE intel_objects o SET other_versions = true
 WHERE EXISTS (SELECT 1 FROM intel_objects y WHERE y.collection_id = o.collection_id AND y.stix_id = o.stix_id AND y.pk <> o.pk);

-- Foreign keys on the two bulk tables cost a trigger per row: a quarter of storing 1,000 objects
-- (measured: 20 of 70 ms) and half of storing their observables. Only the intel store writes these
-- rows, with a collection and an owner it has just read; collections and organisations are never
-- deleted; and the store deletes an object's observables with it (objects.store deleteRows).
ALTER TABLE intel_objects DROP CONSTRAINT intel_objects_collection_id_fkey;
ALTER TABLE intel_objects DROP CONSTRAINT intel_objects_owner_organisation_id_fkey;
ALTER TABLE intel_observables DROP CONSTRAINT intel_observables_object_pk_fkey;

-- One index fewer to keep up on every insert: the uniqueness of (collection, id, version) and the
-- lookups by STIX id (across collections, and every version probe) share one index led by the id.
ALTER TABLE intel_objects DROP CONSTRAINT intel_objects_collection_id_stix_id_version_key;
CREATE UNIQUE INDEX intel_objects_version ON intel_objects (stix_id, version, collection_id);
DROP INDEX intel_objects_stix_id;
