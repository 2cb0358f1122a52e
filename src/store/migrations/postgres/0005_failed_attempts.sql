-- 0005: failed sign-in attempts, shared by every node on the database:
-- migrations/sqlite/0005_failed_attempts.sql in PostgreSQL. Encodings as in
-- 0001. Inserted and read outside the writers' advisory lock: each failure
-- is an INSERT of its own, so failures counted by several nodes at once are
-- all kept.
CREATE TABLE failed_attempts (
  attempt_key TEXT COLLATE "C" NOT NULL,
  failed_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX failed_attempts_by_key ON failed_attempts (attempt_key, failed_at);
CREATE INDEX failed_attempts_by_expiry ON failed_attempts (expires_at);
