import { changedFields } from '../canonical';
import { FIXED_PRESET_FIELDS, type Preset } from '../domain/preset';
import { isStaff } from '../domain/user';
import type { Refusal, Writer } from './write-rules';

const FIXED = new Set<string>(FIXED_PRESET_FIELDS);

/**
 * Who may write a preset (a saved view): its owner alone, and only staff keep presets (requesters use the portal).
 * The server applies this to every pushed preset; the workstation's store applies it before writing, with the same
 * reasons. `before` is the server's copy (null for a create), `after` the new state (null for a delete).
 */
export function checkPresetWrite(
  actor: Pick<Writer, 'id' | 'role'>,
  before: Preset | null,
  after: Preset | null,
): Refusal | null {
  if (!isStaff(actor.role)) return { code: 'forbidden', message: 'Only staff keep saved views' };
  if (before && before.ownerId !== actor.id) {
    return { code: 'forbidden', message: 'This saved view belongs to someone else' };
  }
  if (after && after.ownerId !== actor.id) {
    return { code: 'forbidden', message: 'ownerId: saved views can only be made for yourself' };
  }
  const fixed = before && after ? changedFields(before, after).filter((field) => FIXED.has(field)) : [];
  if (fixed.length > 0) return { code: 'immutable', message: `${fixed.join(', ')}: cannot change once made` };
  return null;
}
