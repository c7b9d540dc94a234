-- Drills: scenarios (reusable MSELs), exercises (one run each, a deep copy of a scenario), teams,
-- injects and expectations, the exercise clock, deliveries per inject × team, what teams answer,
-- evaluations, and an exercise event log for the controllers' live view.

CREATE TABLE drill_scenarios (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Built-in scenarios ship with the product and are installed by key; custom ones have no key.
  builtin_key text UNIQUE,
  -- Hash of the built-in's definition, so that a newer product version replaces an older copy.
  content_hash text,
  name text NOT NULL,
  summary text NOT NULL DEFAULT '',
  owner_organisation_id uuid REFERENCES organisations(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE drill_exercises (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scenario_id uuid REFERENCES drill_scenarios(id) ON DELETE SET NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- The lead organisation's controllers run the exercise (HiCON).
  lead_organisation_id uuid NOT NULL REFERENCES organisations(id),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'running', 'paused', 'finished', 'cancelled')),
  -- The clock state of src/modules/drills/clock, stored as the plain JSON it is. Every clock command
  -- rewrites it and recomputes the due time of each inject that has not fired (drill_injects.due_at),
  -- so the worker only ever compares due_at with the time. status and speed repeat what the JSON
  -- says, for queries.
  clock jsonb NOT NULL DEFAULT '{"status":"scheduled","speed":1}'::jsonb,
  speed double precision NOT NULL DEFAULT 1 CHECK (speed > 0 AND speed <= 10000),
  planned_start_at timestamptz,
  started_at timestamptz,
  ended_at timestamptz,
  -- Rehearsals: simulated teams answer, and the worker finishes the exercise after the last deadline.
  simulated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX drill_exercises_lead ON drill_exercises (lead_organisation_id);
CREATE INDEX drill_exercises_running ON drill_exercises (status) WHERE status IN ('running', 'paused');

-- The MSEL of a scenario or of an exercise (exactly one owner). `ref` is the inject's stable name
-- inside its MSEL (conditions point at refs, so a deep copy keeps them valid).
CREATE TABLE drill_injects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scenario_id uuid REFERENCES drill_scenarios(id) ON DELETE CASCADE,
  exercise_id uuid REFERENCES drill_exercises(id) ON DELETE CASCADE,
  ref text NOT NULL,
  offset_ms bigint NOT NULL CHECK (offset_ms >= 0),
  title text NOT NULL,
  content text NOT NULL DEFAULT '',
  channel text NOT NULL DEFAULT 'inbox' CHECK (channel IN ('inbox', 'email', 'webhook')),
  -- {everyone?, teams?, sites?, organisations?, countries?, organisationTypes?}
  targets jsonb NOT NULL DEFAULT '{"everyone":true}'::jsonb,
  -- {inject: ref, on: fired|met|missed, expectation?: ref} or null
  condition jsonb,
  attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
  tags jsonb NOT NULL DEFAULT '[]'::jsonb,
  added_live boolean NOT NULL DEFAULT false,
  -- Run state (exercise injects only).
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'fired', 'skipped', 'condition_unmet')),
  due_at timestamptz,
  fired_at timestamptz,
  fired_ms bigint,
  fired_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(scenario_id, exercise_id) = 1),
  UNIQUE (scenario_id, ref),
  UNIQUE (exercise_id, ref)
);
-- The worker's hot path: the next due injects.
CREATE INDEX drill_injects_due ON drill_injects (due_at) WHERE state = 'pending' AND due_at IS NOT NULL;
CREATE INDEX drill_injects_exercise ON drill_injects (exercise_id, offset_ms) WHERE exercise_id IS NOT NULL;

CREATE TABLE drill_expectations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inject_id uuid NOT NULL REFERENCES drill_injects(id) ON DELETE CASCADE,
  ref text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('acknowledge', 'report', 'indicators', 'flag', 'manual')),
  description text NOT NULL DEFAULT '',
  -- Relative to the moment the inject fires, in exercise time.
  deadline_ms bigint NOT NULL,
  score integer NOT NULL DEFAULT 0 CHECK (score >= 0),
  per text NOT NULL DEFAULT 'any' CHECK (per IN ('any', 'every')),
  flag_mode text CHECK (flag_mode IN ('exact', 'case_insensitive', 'regex')),
  flag_value text,
  max_attempts integer CHECK (max_attempts > 0),
  -- Indicator values (IPs, domains…) a submission must include to count as met.
  expected_indicators jsonb NOT NULL DEFAULT '[]'::jsonb,
  UNIQUE (inject_id, ref)
);
CREATE INDEX drill_expectations_inject ON drill_expectations (inject_id);

CREATE TABLE drill_teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  exercise_id uuid NOT NULL REFERENCES drill_exercises(id) ON DELETE CASCADE,
  name text NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  site_id uuid REFERENCES sites(id),
  email text,
  webhook_url text,
  -- HMAC-SHA256 key for this team's webhook; shown once when set.
  webhook_secret text,
  simulated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (exercise_id, name)
);
CREATE INDEX drill_teams_exercise ON drill_teams (exercise_id);

CREATE TABLE drill_team_players (
  exercise_id uuid NOT NULL REFERENCES drill_exercises(id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES drill_teams(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id),
  -- A player plays in one team per exercise.
  UNIQUE (exercise_id, user_id)
);
CREATE INDEX drill_team_players_user ON drill_team_players (user_id);

-- One row per inject × target team. The idempotency key (exercise:inject:team) makes a second
-- attempt to create it a no-op; external sends carry it so receivers can drop repeats.
CREATE TABLE drill_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  exercise_id uuid NOT NULL REFERENCES drill_exercises(id) ON DELETE CASCADE,
  inject_id uuid NOT NULL REFERENCES drill_injects(id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES drill_teams(id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('inbox', 'email', 'webhook')),
  idempotency_key text NOT NULL UNIQUE,
  state text NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  -- A worker's lease on an external send; after claimed_until another worker may take it over.
  claimed_by text,
  claimed_until timestamptz,
  last_error text,
  -- Rendered for this team (variables filled in) when the inject fired.
  title text NOT NULL,
  content text NOT NULL,
  due_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  UNIQUE (inject_id, team_id)
);
CREATE INDEX drill_deliveries_team ON drill_deliveries (team_id, seq);
CREATE INDEX drill_deliveries_exercise ON drill_deliveries (exercise_id, inject_id);
CREATE INDEX drill_deliveries_work ON drill_deliveries (next_attempt_at) WHERE state IN ('pending', 'sending');

CREATE TABLE drill_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  exercise_id uuid NOT NULL REFERENCES drill_exercises(id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES drill_teams(id) ON DELETE CASCADE,
  inject_id uuid NOT NULL REFERENCES drill_injects(id) ON DELETE CASCADE,
  -- Null for acknowledgements (they answer the inject, and meet its acknowledge expectations).
  expectation_id uuid REFERENCES drill_expectations(id) ON DELETE CASCADE,
  -- Null for simulated teams and for answers a facilitator records for a room.
  user_id uuid REFERENCES users(id),
  recorded_by text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ack', 'report', 'indicators', 'flag', 'manual')),
  body text NOT NULL DEFAULT '',
  correct boolean,
  indicators jsonb NOT NULL DEFAULT '[]'::jsonb,
  files jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- Exercise time of the answer: deadlines are in exercise time.
  exercise_ms bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX drill_responses_team ON drill_responses (team_id, inject_id);
CREATE INDEX drill_responses_expectation ON drill_responses (expectation_id, team_id);
CREATE UNIQUE INDEX drill_responses_one_ack ON drill_responses (inject_id, team_id, COALESCE(user_id, '00000000-0000-0000-0000-000000000000'::uuid))
  WHERE kind = 'ack';

CREATE TABLE drill_response_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  response_id uuid NOT NULL REFERENCES drill_responses(id) ON DELETE CASCADE,
  name text NOT NULL,
  media_type text NOT NULL,
  size integer NOT NULL,
  content bytea NOT NULL
);
CREATE INDEX drill_response_files_response ON drill_response_files (response_id);

-- The decided outcome of one expectation for one team (automatic checks and evaluators' verdicts).
-- "missed" for expectations nobody decided is computed when read, from the deadline.
CREATE TABLE drill_evaluations (
  expectation_id uuid NOT NULL REFERENCES drill_expectations(id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES drill_teams(id) ON DELETE CASCADE,
  exercise_id uuid NOT NULL REFERENCES drill_exercises(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('met', 'late', 'missed')),
  score integer NOT NULL DEFAULT 0,
  satisfied_ms bigint,
  decided_by text NOT NULL,
  note text NOT NULL DEFAULT '',
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (expectation_id, team_id)
);
CREATE INDEX drill_evaluations_exercise ON drill_evaluations (exercise_id);

-- What happened in an exercise, in order: the controllers' live log and the SSE replay source.
CREATE TABLE drill_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  exercise_id uuid NOT NULL REFERENCES drill_exercises(id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  kind text NOT NULL,
  actor text NOT NULL,
  team_id uuid,
  inject_id uuid,
  data jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX drill_events_exercise ON drill_events (exercise_id, seq);
