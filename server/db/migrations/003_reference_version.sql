-- The reference data's version (server/sync/reference.ts): every statement that changes queues, SLA policies,
-- calendars or the catalog bumps it in its own transaction, so a server can keep these small tables in memory and
-- notice, with one cheap read inside a push's transaction, any committed change, whoever made it. Values come from a
-- sequence, which never hands a number out twice: a rolled-back change's version is never reused by a later one.
CREATE SEQUENCE reference_version_seq;
CREATE TABLE reference_version (value bigint NOT NULL);
INSERT INTO reference_version (value) VALUES (0);

CREATE FUNCTION bump_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE reference_version SET value = nextval('reference_version_seq'); RETURN NULL; END $$;

CREATE TRIGGER queues_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON queues FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
CREATE TRIGGER sla_policies_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sla_policies FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
CREATE TRIGGER calendars_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendars FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
CREATE TRIGGER catalog_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
