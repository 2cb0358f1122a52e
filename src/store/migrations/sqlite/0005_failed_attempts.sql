-- 0005: failed sign-in attempts (a wrong password or second factor), kept
-- in the database so that every `tallinn serve` on it enforces one limit
-- (service/rate_limiter.h). One row per failure: a sliding window counts the
-- rows newer than its start, and concurrent failures are separate INSERTs,
-- so none is lost. attempt_key is a SHA-256 (hex) of the limiter and its key
-- (an email and a client address): no address or email is stored in clear.
-- Expired rows are deleted by the limiters as they go.
CREATE TABLE failed_attempts (
  attempt_key TEXT NOT NULL,
  failed_at INTEGER NOT NULL,  -- ms since the epoch
  -- When the row may go: the end of the longest window that counts it.
  expires_at INTEGER NOT NULL
);
CREATE INDEX failed_attempts_by_key ON failed_attempts (attempt_key, failed_at);
CREATE INDEX failed_attempts_by_expiry ON failed_attempts (expires_at);
