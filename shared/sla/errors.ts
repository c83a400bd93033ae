/**
 * A calendar or policy the SLA engine cannot compute with (unknown time zone, no working time, no policy for a queue).
 * The message is meant for an administrator: it names the calendar or queue and says what to fix.
 */
export class SlaConfigError extends Error {
  override readonly name = 'SlaConfigError';
}
