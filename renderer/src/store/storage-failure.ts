/**
 * Failures of the workstation's own storage (IndexedDB under RxDB): the disk or the browser's storage quota is full,
 * or the disk failed. The browser's DOMException arrives wrapped: Dexie turns an aborted transaction into an
 * AbortError whose `inner` is the cause, RxDB wraps write errors in its own (`parameters.writeError`, `errors`), and
 * error events carry theirs in `error`.
 * The cause is looked for through all of those.
 */

export type StorageFailure = 'full' | 'failed';

/** IndexedDB's names: QuotaExceededError (disk or quota full), UnknownError (the disk or database file failed). */
const FAILURES: Record<string, StorageFailure> = { QuotaExceededError: 'full', UnknownError: 'failed' };
const MAX_DEPTH = 6;

/** What kind of storage failure `error` is (or wraps), or null when it is something else. */
export function storageFailureOf(error: unknown, depth = 0): StorageFailure | null {
  if (error === null || typeof error !== 'object' || depth > MAX_DEPTH) return null;
  const e = error as Record<string, unknown>;
  const direct = typeof e.name === 'string' ? FAILURES[e.name] : undefined;
  if (direct) return direct;
  // Dexie's AbortError says which error aborted the transaction in its message when `inner` is missing.
  if (e.name === 'AbortError' && typeof e.message === 'string') {
    const named = Object.keys(FAILURES).find((name) => (e.message as string).includes(name));
    if (named) return FAILURES[named] ?? null;
  }
  const parameters = (e.parameters ?? {}) as Record<string, unknown>;
  const nested = [e.inner, e.cause, e.error, parameters.writeError, parameters.error, ...asList(parameters.errors)];
  for (const candidate of nested) {
    const found = storageFailureOf(candidate, depth + 1);
    if (found) return found;
  }
  return null;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** For a user's edit that could not be written: said instead of the browser's bare exception name. */
export const STORAGE_EDIT_TEXT: Record<StorageFailure, string> = {
  full: "This computer's storage is full: the change was not saved. Free some disk space and try again.",
  failed: 'The local database could not be written (a disk error): the change was not saved. Try again.',
};

/** What a user is told when their edit could not be written: a storage failure in words, else the error's message. */
export function messageOf(error: unknown): string {
  const storage = storageFailureOf(error);
  if (storage) return STORAGE_EDIT_TEXT[storage];
  return error instanceof Error ? error.message : String(error);
}
