-- 0001: organisations, users, sessions, needs, offers, their grants and the
-- audit trail.
--
-- Encoding: enums as their API spelling (core/vocabulary.h to_string), regions
-- as ISO 3166-2:UA codes ("UA-30"), money as INTEGER cents, times as INTEGER
-- Unix milliseconds, booleans as 0/1. Lists are newest first, (created_at DESC,
-- id DESC), so every list index ends in (created_at, id).

CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  country TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX organisations_by_created ON organisations (created_at, id);

-- NOCASE folds ASCII letters only, which is what email local parts and
-- domains use in practice.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  org TEXT NOT NULL REFERENCES organisations (id),
  email TEXT NOT NULL COLLATE NOCASE,
  role TEXT NOT NULL,
  disabled INTEGER NOT NULL,
  password_hash TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX users_by_email ON users (email COLLATE NOCASE);
CREATE INDEX users_by_created ON users (created_at, id);
CREATE INDEX users_by_org ON users (org, created_at, id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- rid is the stable rowid that needs_fts refers to.
CREATE TABLE needs (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  org TEXT NOT NULL REFERENCES organisations (id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  sector TEXT NOT NULL,
  region TEXT NOT NULL,
  category TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  priority INTEGER NOT NULL,
  national_priority INTEGER,
  divisible INTEGER NOT NULL,
  tlp TEXT NOT NULL,
  status TEXT NOT NULL,
  duplicate_of TEXT,
  creator TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- One index per clause of a ReadScope, so each arm of a list's UNION reads
-- only the rows it returns.
CREATE INDEX needs_by_tlp ON needs (tlp, created_at, id);
CREATE INDEX needs_by_org ON needs (org, tlp, created_at, id);
CREATE INDEX needs_by_creator ON needs (creator, tlp, created_at, id);
CREATE INDEX needs_by_status ON needs (status, tlp, created_at, id);

-- access.orgs (kind 'org') and access.users (kind 'user'), in their order.
-- record_created_at copies the need's created_at, which never changes, so a
-- grantee's records page by index.
CREATE TABLE need_grants (
  record TEXT NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('org', 'user')),
  position INTEGER NOT NULL,
  grantee TEXT NOT NULL,
  record_created_at INTEGER NOT NULL,
  PRIMARY KEY (record, kind, position)
) WITHOUT ROWID;
CREATE INDEX need_grants_by_grantee ON need_grants (kind, grantee, record_created_at, record);

CREATE VIRTUAL TABLE needs_fts USING fts5 (
  title, description, content = 'needs', content_rowid = 'rid',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER needs_fts_insert AFTER INSERT ON needs BEGIN
  INSERT INTO needs_fts (rowid, title, description) VALUES (new.rid, new.title, new.description);
END;
CREATE TRIGGER needs_fts_delete AFTER DELETE ON needs BEGIN
  INSERT INTO needs_fts (needs_fts, rowid, title, description)
    VALUES ('delete', old.rid, old.title, old.description);
END;
CREATE TRIGGER needs_fts_update AFTER UPDATE OF title, description ON needs BEGIN
  INSERT INTO needs_fts (needs_fts, rowid, title, description)
    VALUES ('delete', old.rid, old.title, old.description);
  INSERT INTO needs_fts (rowid, title, description) VALUES (new.rid, new.title, new.description);
END;

CREATE TABLE offers (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  org TEXT NOT NULL REFERENCES organisations (id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  budget_cents INTEGER NOT NULL,
  tlp TEXT NOT NULL,
  status TEXT NOT NULL,
  creator TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX offers_by_tlp ON offers (tlp, created_at, id);
CREATE INDEX offers_by_org ON offers (org, tlp, created_at, id);
CREATE INDEX offers_by_creator ON offers (creator, tlp, created_at, id);
CREATE INDEX offers_by_status ON offers (status, tlp, created_at, id);

-- An offer's sectors, regions and categories, in their order; none of a kind
-- means "any". Indexed by value for matching.
CREATE TABLE offer_targets (
  offer TEXT NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('sector', 'region', 'category')),
  position INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (offer, kind, position)
) WITHOUT ROWID;
CREATE INDEX offer_targets_by_value ON offer_targets (kind, value, offer);

CREATE TABLE offer_grants (
  record TEXT NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('org', 'user')),
  position INTEGER NOT NULL,
  grantee TEXT NOT NULL,
  record_created_at INTEGER NOT NULL,
  PRIMARY KEY (record, kind, position)
) WITHOUT ROWID;
CREATE INDEX offer_grants_by_grantee ON offer_grants (kind, grantee, record_created_at, record);

CREATE VIRTUAL TABLE offers_fts USING fts5 (
  title, description, content = 'offers', content_rowid = 'rid',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER offers_fts_insert AFTER INSERT ON offers BEGIN
  INSERT INTO offers_fts (rowid, title, description) VALUES (new.rid, new.title, new.description);
END;
CREATE TRIGGER offers_fts_delete AFTER DELETE ON offers BEGIN
  INSERT INTO offers_fts (offers_fts, rowid, title, description)
    VALUES ('delete', old.rid, old.title, old.description);
END;
CREATE TRIGGER offers_fts_update AFTER UPDATE OF title, description ON offers BEGIN
  INSERT INTO offers_fts (offers_fts, rowid, title, description)
    VALUES ('delete', old.rid, old.title, old.description);
  INSERT INTO offers_fts (rowid, title, description) VALUES (new.rid, new.title, new.description);
END;

-- The audit trail. The store only appends; the triggers refuse anything else
-- as defence in depth, and refuse a sequence that does not follow the last.
CREATE TABLE audit (
  sequence INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  actor_user TEXT NOT NULL,
  actor_org TEXT NOT NULL,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  changed_fields TEXT NOT NULL,
  state_digest TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_sequence_follows BEFORE INSERT ON audit
WHEN new.sequence IS NOT (SELECT coalesce(max(sequence), 0) + 1 FROM audit)
BEGIN
  SELECT RAISE(ABORT, 'audit sequence must follow the last entry');
END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;
