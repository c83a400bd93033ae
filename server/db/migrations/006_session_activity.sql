-- Sessions end after a time without use as well as at their expiry (server/auth/session-cache.ts). Servers record
-- each session's last request in batches (server/auth/session-activity.ts); recording it is no change servers must
-- hear of, so the sessions trigger of migration 004 now fires only for changes to who a session belongs to, when it
-- expires and whether it was signed out.
ALTER TABLE sessions ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now();

DROP TRIGGER sessions_changed ON sessions;
CREATE TRIGGER sessions_changed AFTER UPDATE OF user_id, expires_at, revoked_at OR DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION notify_session_change();
