-- Live streams per session across server processes (server/sync/stream-leases.ts): one row per open stream, numbered
-- in the order streams opened (under the session's lock), naming its session and its server process. A session's
-- rows beyond the cap are given up, oldest first; rows a process stopped marking as seen are dropped. UNLOGGED: leases
-- need no durability (a database crash ends the connections too).
CREATE UNLOGGED TABLE stream_leases (
  stream_id text PRIMARY KEY,
  n bigint GENERATED ALWAYS AS IDENTITY,
  token_hash text NOT NULL,
  process_id text NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stream_leases_session ON stream_leases (token_hash, n);
CREATE INDEX stream_leases_process ON stream_leases (process_id);
