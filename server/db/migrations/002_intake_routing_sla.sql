-- Intake, routing and server-side SLA escalation (issue 7). None of these tables replicate to workstations.

-- Integration API keys: only the SHA-256 of the key is stored. `on_behalf_of` says for whom the integration may
-- raise requests: '*' any active requester, '@example.com' requesters with that email domain, or one exact email.
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  on_behalf_of text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);

-- One row per accepted intake request: (principal, idempotency key) → the ticket it created and the answer given,
-- written in the ticket's transaction, so a retried or double-clicked submission returns the same ticket. The row is
-- inserted first (a concurrent duplicate waits on its key, then replays), so the ticket reference is checked at commit.
CREATE TABLE intake_requests (
  principal text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  ticket_id text NOT NULL REFERENCES tickets (id) DEFERRABLE INITIALLY DEFERRED,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX intake_requests_created ON intake_requests (created_at);

-- Routing rules, ordered by (position, id); the first active rule whose conditions all hold decides.
CREATE TABLE routing_rules (
  id text PRIMARY KEY,
  position integer NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX routing_rules_position ON routing_rules (position, id);

-- Round-robin auto-assignment: the last agent given a ticket of each queue, so the turn survives restarts.
CREATE TABLE round_robin_state (
  queue_id text PRIMARY KEY,
  last_assignee_id text NOT NULL
);

-- Per SLA policy escalation actions that are not part of the replicated policy document.
CREATE TABLE sla_policy_actions (
  policy_id text PRIMARY KEY,
  raise_priority_on_breach boolean NOT NULL
);

-- The SLA scheduler's work list: when each ticket next needs evaluating (an escalation threshold, a warning or a
-- breach), in epoch ms; NULL when no clock is running. Only rows that are due are read, through the partial index.
CREATE TABLE sla_watch (
  ticket_id text PRIMARY KEY REFERENCES tickets (id),
  next_at bigint
);
CREATE INDEX sla_watch_due ON sla_watch (next_at) WHERE next_at IS NOT NULL;

-- The scheduler's progress through the change sequence (tickets changed after `cursor` are re-evaluated) and its
-- lease, so that with several server processes one evaluates at a time.
CREATE TABLE sla_scheduler_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  cursor bigint NOT NULL,
  lease_owner text NOT NULL,
  lease_until timestamptz NOT NULL
);
INSERT INTO sla_scheduler_state (id, cursor, lease_owner, lease_until) VALUES (true, 0, '', 'epoch');
