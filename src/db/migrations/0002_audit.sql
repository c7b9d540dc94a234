-- The audit log: append-only, each entry chained to the one before by a SHA-256 hash, so that an
-- edited, removed or reordered entry is found by `kizuna audit verify`.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_user_id uuid,
  actor text NOT NULL,
  organisation_id uuid,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  summary jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);
CREATE INDEX audit_log_organisation ON audit_log (organisation_id, seq);
