-- Replicated collections: each document as jsonb, plus the columns scope checks and pull need.
-- `seq` is the server-wide change sequence of the document's last change (see server/sync/seq.ts).

CREATE TABLE change_seq (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  value bigint NOT NULL
);
INSERT INTO change_seq (id, value) VALUES (true, 0);

CREATE SEQUENCE ticket_number_seq START 1001;

CREATE TABLE users (
  id text PRIMARY KEY,
  email text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL,
  queue_ids text[] NOT NULL,
  active boolean NOT NULL,
  doc jsonb NOT NULL,
  seq bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE INDEX users_seq ON users (seq);

CREATE TABLE queues (id text PRIMARY KEY, doc jsonb NOT NULL, seq bigint NOT NULL, deleted boolean NOT NULL DEFAULT false);
CREATE INDEX queues_seq ON queues (seq);
CREATE TABLE sla_policies (id text PRIMARY KEY, doc jsonb NOT NULL, seq bigint NOT NULL, deleted boolean NOT NULL DEFAULT false);
CREATE INDEX sla_policies_seq ON sla_policies (seq);
CREATE TABLE calendars (id text PRIMARY KEY, doc jsonb NOT NULL, seq bigint NOT NULL, deleted boolean NOT NULL DEFAULT false);
CREATE INDEX calendars_seq ON calendars (seq);
CREATE TABLE catalog (id text PRIMARY KEY, doc jsonb NOT NULL, seq bigint NOT NULL, deleted boolean NOT NULL DEFAULT false);
CREATE INDEX catalog_seq ON catalog (seq);

CREATE TABLE tickets (
  id text PRIMARY KEY,
  number integer NOT NULL UNIQUE,
  queue_id text NOT NULL,
  assignee_id text NOT NULL,
  requester_id text NOT NULL,
  doc jsonb NOT NULL,
  seq bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX tickets_seq ON tickets (seq);
CREATE INDEX tickets_queue_seq ON tickets (queue_id, seq);
CREATE INDEX tickets_assignee_seq ON tickets (assignee_id, seq);
CREATE INDEX tickets_requester_seq ON tickets (requester_id, seq);

CREATE TABLE comments (
  id text PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets (id),
  author_id text NOT NULL,
  visibility text NOT NULL,
  doc jsonb NOT NULL,
  seq bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX comments_seq ON comments (seq);
CREATE INDEX comments_ticket ON comments (ticket_id);
CREATE INDEX comments_author_seq ON comments (author_id, seq);

-- One row per change that moved a ticket's queue, assignee or requester: who could see it before. Pull turns these
-- into tombstones for users who could see the ticket before and cannot now.
CREATE TABLE ticket_scope_exits (
  seq bigint PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets (id),
  old_queue_id text NOT NULL,
  old_assignee_id text NOT NULL,
  old_requester_id text NOT NULL
);
CREATE INDEX ticket_scope_exits_ticket ON ticket_scope_exits (ticket_id, seq);

-- Everyone a ticket was ever assigned to: they may still add comments after it was reassigned (field work offline).
CREATE TABLE ticket_assignees (
  ticket_id text NOT NULL REFERENCES tickets (id),
  user_id text NOT NULL,
  PRIMARY KEY (ticket_id, user_id)
);

CREATE TABLE audit_events (
  id text PRIMARY KEY,
  seq bigint NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  ticket_id text,
  action text NOT NULL,
  actor_id text NOT NULL,
  device_id text NOT NULL,
  at timestamptz NOT NULL,
  changes jsonb NOT NULL
);
CREATE INDEX audit_events_ticket ON audit_events (ticket_id, seq);
CREATE INDEX audit_events_entity ON audit_events (entity, entity_id, seq);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  device_id text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);
