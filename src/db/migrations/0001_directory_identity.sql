-- Directory and identity: who is in the network and what they may do.
-- Ids are uuids made by the database so that every store (PGlite, PostgreSQL) agrees.

CREATE TABLE countries (
  code char(2) PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  short_name text,
  type text NOT NULL CHECK (type IN ('national_cert','ministry','agency','province','city','hospital','other')),
  sector text,
  country_code char(2) NOT NULL REFERENCES countries(code),
  parent_id uuid REFERENCES organisations(id),
  -- The STIX identity that stands for this organisation as created_by_ref.
  stix_identity_id text NOT NULL UNIQUE,
  -- Demo and import keys make loading the same directory twice a no-op.
  external_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX organisations_country ON organisations (country_code);
CREATE INDEX organisations_parent ON organisations (parent_id);
CREATE INDEX organisations_name ON organisations (lower(name));

CREATE TABLE sites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL,
  city text,
  time_zone text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('online','in_person')),
  external_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sites_organisation ON sites (organisation_id);
CREATE INDEX sites_name ON sites (lower(name));

CREATE TABLE people (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  full_name text NOT NULL,
  job_title text,
  email text,
  external_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_organisation ON people (organisation_id);

CREATE TABLE points_of_contact (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  person_id uuid REFERENCES people(id),
  label text NOT NULL,
  phone_24x7 text,
  email text NOT NULL,
  pgp_key text,
  external_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX points_of_contact_organisation ON points_of_contact (organisation_id);

CREATE TABLE communities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  description text NOT NULL DEFAULT '',
  external_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE community_members (
  community_id uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, organisation_id)
);
CREATE INDEX community_members_organisation ON community_members (organisation_id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  full_name text NOT NULL DEFAULT '',
  password_hash text,
  locale text NOT NULL DEFAULT 'en',
  time_zone text,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE memberships (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  role text NOT NULL CHECK (role IN ('node_admin','org_admin','controller','evaluator','player','analyst','observer','peer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, organisation_id, role)
);
CREATE INDEX memberships_organisation ON memberships (organisation_id);

-- Only hashes of session ids and tokens are stored: a copy of the database logs no one in.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL DEFAULT '',
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE setup_links (
  token_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Failed log-ins per account and per address, shared by every process on the database.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz
);
