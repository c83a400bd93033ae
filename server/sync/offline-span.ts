/**
 * The creation time a ticket pushed by a workstation may keep.
 *
 * Tickets are created offline, so a new ticket carries the time its device made it; but a client must not backdate
 * one (a ticket dated years ago is stored already breached and escalates at once). The server cannot see a device
 * go offline; it sees when the device was last in contact. So for each user's device (X-Device-Id) it keeps when it
 * last pulled or pushed and when its latest silence began: a gap of more than SILENCE_MS between two contacts is an
 * offline span, and a ticket created on that device may carry a time from the start of its latest span, at most
 * MAX_OFFLINE_SPAN_MS ago, up to now. A device never seen before, or a request without a device id, has no span:
 * server time. A claim outside the span is moved to its nearest end (nothing is refused, so a technician's work is
 * never lost) and the claim is kept in the ticket's creation audit event.
 *
 * Bounded: a client can backdate at most as far as its device really stayed silent, and never more than 72 hours.
 */
import type { Queryable } from '../db/database';

export const SILENCE_MS = 5 * 60_000;
export const MAX_OFFLINE_SPAN_MS = 72 * 3_600_000;
/** A process records a device's contact at most this often (well below SILENCE_MS, so no gap goes unseen). */
const RECORD_EVERY_MS = 60_000;
const MAX_REMEMBERED = 10_000;

export interface CreationTime {
  createdAt: string;
  /** The time the client claimed, when it was moved into the span. */
  claimed: string | null;
}

/** `claimed` moved into [earliest, now]. */
export function creationTime(claimed: string, earliest: Date, now: Date): CreationTime {
  const at = Date.parse(claimed);
  const from = Math.min(Math.max(earliest.getTime(), now.getTime() - MAX_OFFLINE_SPAN_MS), now.getTime());
  if (at > now.getTime()) return { createdAt: now.toISOString(), claimed };
  if (at < from) return { createdAt: new Date(from).toISOString(), claimed };
  return { createdAt: claimed, claimed: null };
}

/**
 * Records a device's contacts and answers since when it may claim to have created tickets offline. Each process
 * remembers what it recorded last, so a busy device costs one statement a minute, not one per request.
 */
export class DeviceContacts {
  private readonly recorded = new Map<string, { at: number; offlineFrom: Date }>();

  /** Records a contact at `now`; returns the start of the device's latest offline span (`now` if it has none). */
  async touch(db: Queryable, userId: string, deviceId: string, now: Date): Promise<Date> {
    if (deviceId === '') return now;
    const key = `${userId}\u0000${deviceId}`;
    const remembered = this.recorded.get(key);
    if (remembered && now.getTime() - remembered.at < RECORD_EVERY_MS && now.getTime() >= remembered.at) {
      return remembered.offlineFrom;
    }
    const result = await db.query<{ offline_from: Date | string }>(
      `INSERT INTO device_contacts AS d (user_id, device_id, last_seen_at, offline_from) VALUES ($1, $2, $3, $3)
       ON CONFLICT (user_id, device_id) DO UPDATE SET
         offline_from = CASE WHEN EXCLUDED.last_seen_at > d.last_seen_at + $4 * interval '1 millisecond'
                             THEN d.last_seen_at ELSE d.offline_from END,
         last_seen_at = greatest(d.last_seen_at, EXCLUDED.last_seen_at)
       RETURNING offline_from`,
      [userId, deviceId, now.toISOString(), SILENCE_MS],
    );
    const offlineFrom = new Date(result.rows[0]?.offline_from ?? now);
    if (this.recorded.size >= MAX_REMEMBERED) this.recorded.clear();
    this.recorded.set(key, { at: now.getTime(), offlineFrom });
    return offlineFrom;
  }
}
