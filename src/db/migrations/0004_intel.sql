-- Intelligence: STIX 2.1 objects in TAXII collections, every version kept, with the sharing facts
-- (TLP, communities, addressees) the server enforces on every read path.

CREATE TABLE intel_collections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- 'real' for day-to-day intelligence, 'exercise' for drill data; they never mix.
  api_root text NOT NULL CHECK (api_root IN ('real', 'exercise')),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  alias text,
  owner_organisation_id uuid REFERENCES organisations(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE intel_collection_access (
  collection_id uuid NOT NULL REFERENCES intel_collections(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  can_read boolean NOT NULL DEFAULT true,
  can_write boolean NOT NULL DEFAULT false,
  PRIMARY KEY (collection_id, organisation_id)
);

CREATE TABLE intel_objects (
  pk bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  collection_id uuid NOT NULL REFERENCES intel_collections(id),
  stix_id text NOT NULL,
  type text NOT NULL,
  spec_version text NOT NULL,
  -- The TAXII version: `modified`, else `created`, else the time it was added (unversioned SCOs).
  version timestamptz NOT NULL,
  -- Microsecond precision; with pk it orders every page of objects and manifests.
  date_added timestamptz NOT NULL,
  owner_organisation_id uuid REFERENCES organisations(id),
  tlp text NOT NULL CHECK (tlp IN ('clear', 'green', 'amber', 'amber+strict', 'red')),
  -- Set for objects made inside a drill; real queries exclude them.
  exercise_id uuid,
  object jsonb NOT NULL,
  UNIQUE (collection_id, stix_id, version)
);
CREATE INDEX intel_objects_page ON intel_objects (collection_id, date_added, pk);
CREATE INDEX intel_objects_stix_id ON intel_objects (stix_id, version);
CREATE INDEX intel_objects_type ON intel_objects (type);
-- The object page lists relationships and sightings of an object; these find them without a scan.
CREATE INDEX intel_objects_source_ref ON intel_objects ((object->>'source_ref')) WHERE type = 'relationship';
CREATE INDEX intel_objects_target_ref ON intel_objects ((object->>'target_ref')) WHERE type = 'relationship';
CREATE INDEX intel_objects_sighting_of ON intel_objects ((object->>'sighting_of_ref')) WHERE type = 'sighting';

-- Who an object is shared with, by STIX id (all versions): communities for GREEN, organisations for
-- AMBER and AMBER+STRICT, people (users) for RED.
CREATE TABLE intel_sharing (
  stix_id text NOT NULL,
  community_id uuid REFERENCES communities(id),
  organisation_id uuid REFERENCES organisations(id),
  user_id uuid REFERENCES users(id),
  CHECK (num_nonnulls(community_id, organisation_id, user_id) = 1)
);
CREATE UNIQUE INDEX intel_sharing_unique ON intel_sharing (stix_id, COALESCE(community_id, organisation_id, user_id));
CREATE INDEX intel_sharing_community ON intel_sharing (community_id) WHERE community_id IS NOT NULL;
CREATE INDEX intel_sharing_organisation ON intel_sharing (organisation_id) WHERE organisation_id IS NOT NULL;
CREATE INDEX intel_sharing_user ON intel_sharing (user_id) WHERE user_id IS NOT NULL;

-- Observable values found in indicator patterns and cyber-observable objects, for correlation.
CREATE TABLE intel_observables (
  object_pk bigint NOT NULL REFERENCES intel_objects(pk) ON DELETE CASCADE,
  kind text NOT NULL,
  value text NOT NULL
);
CREATE INDEX intel_observables_value ON intel_observables (kind, value);
CREATE INDEX intel_observables_object ON intel_observables (object_pk);

-- TAXII status resources, one per POST, kept at least 24 hours (rows older than 48 hours are
-- removed when a new one is written).
CREATE TABLE taxii_status (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  api_root text NOT NULL,
  collection_id uuid NOT NULL REFERENCES intel_collections(id),
  requested_by uuid REFERENCES users(id),
  status text NOT NULL CHECK (status IN ('pending', 'complete')),
  request_timestamp timestamptz NOT NULL DEFAULT now(),
  total_count integer NOT NULL,
  success_count integer NOT NULL,
  failure_count integer NOT NULL,
  pending_count integer NOT NULL,
  successes jsonb NOT NULL DEFAULT '[]'::jsonb,
  failures jsonb NOT NULL DEFAULT '[]'::jsonb,
  pendings jsonb NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX taxii_status_time ON taxii_status (request_timestamp);
