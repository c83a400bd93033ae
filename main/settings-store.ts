import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { DEFAULT_NOTIFICATION_SETTINGS, NotificationSettingsSchema, ServerUrlSchema } from '../shared/ipc/contract';
import { SavedWindowSchema } from './window-state';

/** Main's small settings file (JSON in userData). */
export const DesktopSettingsSchema = z.object({
  window: SavedWindowSchema.nullable(),
  serverUrl: ServerUrlSchema.nullable(),
  notifications: NotificationSettingsSchema,
  /** Closing the window keeps the app in the tray, so SLA notifications keep coming. */
  closeToTray: z.boolean(),
});
export type DesktopSettings = z.infer<typeof DesktopSettingsSchema>;

/** Reading: every field falls back to its default on its own, so one bad value never loses the others. */
const LenientSettingsSchema = z.object({
  window: DesktopSettingsSchema.shape.window.catch(null),
  serverUrl: DesktopSettingsSchema.shape.serverUrl.catch(null),
  notifications: DesktopSettingsSchema.shape.notifications.catch(DEFAULT_NOTIFICATION_SETTINGS),
  closeToTray: DesktopSettingsSchema.shape.closeToTray.catch(true),
});

export interface StoreSchemas<T> {
  /** What may be written: an invalid change throws instead of being quietly replaced by a default. */
  strict: z.ZodType<T>;
  /** How a file is read: defaults for whatever is missing or damaged. Must accept `{}`. */
  lenient: z.ZodType<T>;
}

/** A JSON file read once and rewritten atomically (temp file + rename, owner-only) on every change. */
export class JsonFileStore<T extends object> {
  #value: T;
  readonly #path: string;
  readonly #schemas: StoreSchemas<T>;
  readonly #warn: (message: string) => void;

  constructor(path: string, schemas: StoreSchemas<T>, warn: (message: string) => void) {
    this.#path = path;
    this.#schemas = schemas;
    this.#warn = warn;
    this.#value = this.#load();
  }

  get(): T {
    return this.#value;
  }

  update(change: (current: T) => T): T {
    const next = this.#schemas.strict.parse(change(this.#value));
    this.#value = next;
    try {
      mkdirSync(dirname(this.#path), { recursive: true });
      const temp = `${this.#path}.tmp`;
      writeFileSync(temp, JSON.stringify(next, null, 2), { mode: 0o600 });
      renameSync(temp, this.#path);
    } catch (error) {
      this.#warn(`Could not save ${this.#path}: ${String(error)}`);
    }
    return next;
  }

  #load(): T {
    let raw: unknown = {};
    try {
      raw = JSON.parse(readFileSync(this.#path, 'utf8'));
    } catch (error) {
      // fs errors carry a code; anything but a missing file is worth a warning
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.#warn(`Ignoring unreadable ${this.#path}: ${String(error)}`);
    }
    const parsed = this.#schemas.lenient.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.#warn(`Ignoring invalid ${this.#path}`);
    return this.#schemas.lenient.parse({});
  }
}

export const createSettingsStore = (path: string, warn: (message: string) => void) =>
  new JsonFileStore<DesktopSettings>(path, { strict: DesktopSettingsSchema, lenient: LenientSettingsSchema }, warn);

/** The SLA alerts already notified (scheduler keys), so a restart does not notify them again. */
const NotifiedAlertsSchema = z.object({ keys: z.array(z.string().max(200)) });
export const createNotifiedStore = (path: string, warn: (message: string) => void) =>
  new JsonFileStore<{ keys: string[] }>(
    path,
    { strict: NotifiedAlertsSchema, lenient: z.object({ keys: NotifiedAlertsSchema.shape.keys.catch([]) }) },
    warn,
  );
