-- Drill communication checks: a message to every point of contact of the chosen organisations,
-- each of whom must acknowledge through a personal link; who answered and how fast is recorded.

CREATE TABLE drill_comm_checks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  exercise_id uuid NOT NULL REFERENCES drill_exercises(id) ON DELETE CASCADE,
  title text NOT NULL,
  message text NOT NULL,
  organisation_ids uuid[] NOT NULL,
  -- The countries of the chosen organisations: national controllers see the checks of theirs.
  country_codes text[] NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX drill_comm_checks_exercise ON drill_comm_checks (exercise_id, created_at);

-- One row per point of contact reached: a copy of who it was when the check was sent (the
-- directory may change later; the record of who answered must not), the outbox state of its
-- e-mail (claimed with a lease like inject deliveries) and the acknowledgement.
CREATE TABLE drill_comm_check_contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  check_id uuid NOT NULL REFERENCES drill_comm_checks(id) ON DELETE CASCADE,
  exercise_id uuid NOT NULL REFERENCES drill_exercises(id) ON DELETE CASCADE,
  point_of_contact_id uuid NOT NULL,
  organisation_id uuid NOT NULL,
  organisation_name text NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  -- SHA-256 of the acknowledgement token; the token itself is only in the e-mail.
  token_hash text NOT NULL UNIQUE,
  -- The token until its e-mail has gone (or failed for good), so that a resend after a worker died
  -- mid-send carries the same link; cleared when the send settles.
  outbox_token text,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz DEFAULT now(),
  claimed_by text,
  claimed_until timestamptz,
  last_error text,
  sent_at timestamptz,
  acknowledged_at timestamptz,
  response_ms bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (check_id, point_of_contact_id)
);
CREATE INDEX drill_comm_check_contacts_check ON drill_comm_check_contacts (check_id);
CREATE INDEX drill_comm_check_contacts_work ON drill_comm_check_contacts (next_attempt_at) WHERE state IN ('pending', 'sending');
