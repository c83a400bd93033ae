-- Presets (shared/domain/preset.ts): saved views now, macros and the like later, each row one user's. Replicated like
-- the other collections (`seq` from change_seq); pull sends a user only their own rows (owner_id), and a deleted
-- preset stays as a row with `deleted` so its owner's other workstations receive the tombstone.
CREATE TABLE presets (
  id text PRIMARY KEY,
  kind text NOT NULL,
  owner_id text NOT NULL REFERENCES users (id),
  doc jsonb NOT NULL,
  seq bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX presets_owner_seq ON presets (owner_id, seq);
