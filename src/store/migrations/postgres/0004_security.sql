-- 0004: second factor (TOTP, recovery codes), idle session timeout, and the
-- database's settings, among them the domain stamp that keeps the civilian
-- mechanism's data apart from the military IT Coalition's:
-- migrations/sqlite/0004_security.sql in PostgreSQL. Encodings as in 0001.

-- totp_secret: the confirmed authenticator's secret in base32 (NULL: not enrolled).
-- totp_pending: a secret handed out by enrolment, confirmed by the first
-- sign-in that proves it. totp_last_step: the last time step whose code was
-- accepted, so each code works once (write transactions are serialised by
-- their advisory lock, so the check-then-set of a sign-in cannot interleave).
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- SHA-256 of each single-use recovery code; used_at NULL until spent.
CREATE TABLE recovery_codes (
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT COLLATE "C" NOT NULL,
  used_at BIGINT,
  PRIMARY KEY (user_id, code_hash)
);

-- When the session last served a request (idle timeout); sessions older
-- than this migration count from their creation.
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;

-- Settings of this database. 'domain' is stamped here once; the store's
-- set_setting() refuses to change it. 'totp_enforcement' is absent
-- (= 'required') except in a demo database.
CREATE TABLE settings (
  key TEXT COLLATE "C" PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('domain', 'civil');
