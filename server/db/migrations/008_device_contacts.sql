-- When each user's device was last in contact (a pull or a push), and when its latest silence began: the span in
-- which a ticket created offline on that device may keep its own creation time (server/sync/offline-span.ts).
CREATE TABLE device_contacts (
  user_id text NOT NULL,
  device_id text NOT NULL,
  last_seen_at timestamptz NOT NULL,
  offline_from timestamptz NOT NULL,
  PRIMARY KEY (user_id, device_id)
);
