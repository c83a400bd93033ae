-- Tickets carry `slaWarnAt` (shared/domain/ticket.ts): the earliest warning instant of a running SLA clock, which
-- replicas index for "breaching soon". Rows written before it get their due time as a stand-in (so they are never
-- listed as breaching soon too early), and the SLA scheduler's cursor goes back to the start: its next run evaluates
-- every ticket with the engine and writes the real value through the normal write path, so replicas pull it.
UPDATE tickets SET doc = jsonb_set(doc, '{slaWarnAt}', doc -> 'slaDueAt')
  WHERE doc ? 'slaDueAt' AND NOT (doc ? 'slaWarnAt');
UPDATE sla_scheduler_state SET cursor = 0;
