export { slaAlertsFor } from './alerts';
export {
  addBusinessMs,
  businessMsBetween,
  type CalendarRules,
  checkCalendar,
  type Interval,
  isWorkingInstant,
  workingIntervals,
} from './calendar-time';
export {
  type ClockEvaluation,
  type ClockState,
  evaluateSla,
  isRunning,
  type SlaEvaluation,
  type SlaInput,
  type SlaPolicyRules,
  type SlaTicket,
} from './engine';
export { SlaConfigError } from './errors';
export { applyStatusChange, isPausingStatus } from './pauses';
export { policyFor, recomputeSla, type SlaReference } from './recompute';
export {
  breachedByChange,
  type ClockStatus,
  clockStatus,
  evaluateTicket,
  headlineClock,
  type SlaRules,
  type SlaStatus,
  type TicketSlaStatus,
  ticketSlaStatus,
} from './status';
export { choosePolicy, computeTicketSla, crossedEscalations, type TicketSlaFields } from './ticket-sla';
