-- Done tickets stay in replicas 30 days by default (issue 21), now that a workstation can bring an older one back to
-- work on it (migration 013). A desk whose admin never set the days (no audited change of the setting) moves from
-- the whole history to 30; one whose admin chose keeps the choice, 0 included. The working-set job then moves the
-- older done tickets out of the working set, 500 per transaction, and replicas drop them on their next pull.
UPDATE working_set SET days = 30
 WHERE days = 0
   AND NOT EXISTS (SELECT 1 FROM audit_events WHERE entity = 'setting' AND entity_id = 'working-set');
