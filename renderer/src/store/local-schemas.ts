import type { RejectionCode, SyncCollection } from '../../../shared/sync/protocol';

/**
 * Schemas of the collections that exist only on this workstation and never replicate:
 * - `conflicts`: local values a merge did not keep (shown to the user, who may re-apply or dismiss them);
 * - `rejections`: local states the server refused, with its reason (editable, retryable, discardable);
 * - `outbox`: which documents have local changes the server has not confirmed yet (the pending count).
 */

export interface ConflictRecord {
  id: string;
  collectionName: SyncCollection;
  docId: string;
  /** A ticket field, or `formData.<key>`. */
  field: string;
  rule: string;
  /** JSON of the base, local and master values ('' for undefined). */
  baseJson: string;
  localJson: string;
  masterJson: string;
  createdAt: string;
}

export interface RejectionRecord {
  id: string;
  collectionName: SyncCollection;
  docId: string;
  /** `create` when the server never had the document: retrying inserts it again. */
  kind: 'create' | 'update';
  code: RejectionCode;
  message: string;
  /** JSON of the refused local document (without local-only fields). */
  localJson: string;
  /** JSON of the state the refused edit was based on, or '' for a create. */
  baseJson: string;
  /** JSON of the server's state when it refused, or '' when it has none. */
  masterJson: string;
  createdAt: string;
}

export interface OutboxEntry {
  /** `<collection>:<docId>` */
  id: string;
  collectionName: SyncCollection;
  docId: string;
  at: string;
}

const str = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const json = { type: 'string' } as const;

export const LOCAL_SCHEMA_VERSIONS = { conflicts: 0, rejections: 0, outbox: 0 } as const;

export const CONFLICT_SCHEMA = {
  title: 'conflicts',
  version: LOCAL_SCHEMA_VERSIONS.conflicts,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: str(64),
    collectionName: str(32),
    docId: str(64),
    field: str(80),
    rule: str(32),
    baseJson: json,
    localJson: json,
    masterJson: json,
    createdAt: str(40),
  },
  required: ['id', 'collectionName', 'docId', 'field', 'rule', 'baseJson', 'localJson', 'masterJson', 'createdAt'],
  indexes: [['createdAt']],
} as const;

export const REJECTION_SCHEMA = {
  title: 'rejections',
  version: LOCAL_SCHEMA_VERSIONS.rejections,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: str(64),
    collectionName: str(32),
    docId: str(64),
    kind: { type: 'string', enum: ['create', 'update'] },
    code: str(32),
    message: { type: 'string', maxLength: 2000 },
    localJson: json,
    baseJson: json,
    masterJson: json,
    createdAt: str(40),
  },
  required: [
    'id',
    'collectionName',
    'docId',
    'kind',
    'code',
    'message',
    'localJson',
    'baseJson',
    'masterJson',
    'createdAt',
  ],
  indexes: [['createdAt']],
} as const;

export const OUTBOX_SCHEMA = {
  title: 'outbox',
  version: LOCAL_SCHEMA_VERSIONS.outbox,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: str(100),
    collectionName: str(32),
    docId: str(64),
    at: str(40),
  },
  required: ['id', 'collectionName', 'docId', 'at'],
} as const;

export const toJson = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value));
export const fromJson = (text: string): unknown => (text === '' ? undefined : JSON.parse(text));
