import { fromJson } from '../store/local-schemas';

/** Readable text for a stored JSON value in the sync panel. */
export function showJson(text: string): string {
  const value = fromJson(text);
  if (value === undefined || value === null || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The fields a refused local document changed compared with what it was based on. */
export function changedFields(localJson: string, baseJson: string): string[] {
  const local = (fromJson(localJson) ?? {}) as Record<string, unknown>;
  const base = (fromJson(baseJson) ?? {}) as Record<string, unknown>;
  const skip = new Set([
    'updatedAt',
    '_meta',
    '_rev',
    '_attachments',
    '_deleted',
    'updatedSort',
    'numberKey',
    'sla',
    'slaDueAt',
  ]);
  return Object.keys(local).filter((k) => !skip.has(k) && JSON.stringify(local[k]) !== JSON.stringify(base[k]));
}
