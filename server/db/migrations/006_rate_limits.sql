-- Rate limits every server process shares (server/http/rate-limit-store.ts): hits per key in the current window, and
-- when the window (or the back-off after too many hits) ends. Rows whose window has ended are swept away.
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  resets_at timestamptz NOT NULL
);
CREATE INDEX rate_limits_resets ON rate_limits (resets_at);
