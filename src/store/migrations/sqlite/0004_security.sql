-- 0004: second factor (TOTP, recovery codes), idle session timeout, and the
-- database's settings, among them the domain stamp that keeps the civilian
-- mechanism's data apart from the military IT Coalition's.

-- totp_secret: the confirmed authenticator's secret in base32 (NULL: not enrolled).
-- totp_pending: a secret handed out by enrolment, confirmed by the first
-- sign-in that proves it. totp_last_step: the last time step whose code was
-- accepted, so each code works once.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

-- SHA-256 of each single-use recovery code; used_at NULL until spent.
CREATE TABLE recovery_codes (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at INTEGER,
  PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;

-- When the session last served a request (idle timeout); sessions older
-- than this migration count from their creation.
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;

-- Settings of this database. 'domain' is stamped here once; the store's
-- set_setting() refuses to change it. Every tallinn binary is built for one
-- domain and refuses a database, an export or a peer of another.
-- 'totp_enforcement' is absent (= 'required') except in a demo database.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO settings (key, value) VALUES ('domain', 'civil');
