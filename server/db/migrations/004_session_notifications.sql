-- Servers remember sessions between requests (server/auth/session-cache.ts). Any change to a session (sign-out,
-- expiry moved, deleted) or to a user (role, queues, deactivation, deletion), however it is made, notifies every
-- server process so it forgets what it remembered: 't:<token hash>' or 'u:<user id>' on the channel itsm_sessions,
-- suffixed with the schema outside `public` as db/pg.ts names channels, so servers in different schemas of one
-- database stay apart.
CREATE FUNCTION notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE channel text := 'itsm_sessions' || CASE WHEN current_schema() = 'public' THEN '' ELSE '_' || current_schema() END; BEGIN IF TG_TABLE_NAME = 'sessions' THEN PERFORM pg_notify(channel, 't:' || OLD.token_hash); ELSE PERFORM pg_notify(channel, 'u:' || OLD.id); END IF; RETURN NULL; END $$;

CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION notify_session_change();
