-- 0001: organisations, users, sessions, needs, offers, their grants and the
-- audit trail: the tables of migrations/sqlite/0001_init.sql in PostgreSQL.
--
-- Encoding: enums as their API spelling (core/vocabulary.h to_string), regions
-- as ISO 3166-2:UA codes ("UA-30"), money as BIGINT cents, times as BIGINT
-- Unix milliseconds. Ids compare byte-wise (COLLATE "C"), as in SQLite, so
-- keyset cursors mean the same on both backends. Lists are newest first,
-- (created_at DESC, id DESC), so every list index ends in (created_at, id).

-- Text search folds case and, like SQLite's unicode61 remove_diacritics, drops
-- the accents of Latin letters ("cafe" finds "Café"). unaccent is a trusted
-- extension: the database owner may create it, or an operator beforehand.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION tallinn_text (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION tallinn_text
  ALTER MAPPING FOR word, hword, hword_part, numword, numhword, hword_numpart
  WITH unaccent, simple;

CREATE TABLE organisations (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  country TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX organisations_by_created ON organisations (created_at, id);

-- Emails are unique compared case-insensitively: lookups use lower(email).
CREATE TABLE users (
  id TEXT COLLATE "C" PRIMARY KEY,
  org TEXT COLLATE "C" NOT NULL REFERENCES organisations (id),
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  disabled BOOLEAN NOT NULL,
  password_hash TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_by_email ON users (lower(email));
CREATE INDEX users_by_created ON users (created_at, id);
CREATE INDEX users_by_org ON users (org, created_at, id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE needs (
  id TEXT COLLATE "C" PRIMARY KEY,
  org TEXT COLLATE "C" NOT NULL REFERENCES organisations (id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  sector TEXT NOT NULL,
  region TEXT NOT NULL,
  category TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,
  priority INTEGER NOT NULL,
  national_priority INTEGER,
  divisible BOOLEAN NOT NULL,
  tlp TEXT NOT NULL,
  status TEXT NOT NULL,
  duplicate_of TEXT COLLATE "C",
  creator TEXT COLLATE "C" NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- One index per clause of a ReadScope, so each arm of a list's UNION reads
-- only the rows it returns.
CREATE INDEX needs_by_tlp ON needs (tlp, created_at, id);
CREATE INDEX needs_by_org ON needs (org, tlp, created_at, id);
CREATE INDEX needs_by_creator ON needs (creator, tlp, created_at, id);
CREATE INDEX needs_by_status ON needs (status, tlp, created_at, id);
-- NeedFilter.text: every word in the title or the description. The
-- expression must match the one in postgres/marked_query.cpp.
CREATE INDEX needs_by_text ON needs
  USING gin (to_tsvector('tallinn_text'::regconfig, title || ' ' || description));

-- access.orgs (kind 'org') and access.users (kind 'user'), in their order.
-- record_created_at copies the need's created_at, which never changes, so a
-- grantee's records page by index.
CREATE TABLE need_grants (
  record TEXT COLLATE "C" NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('org', 'user')),
  position INTEGER NOT NULL,
  grantee TEXT COLLATE "C" NOT NULL,
  record_created_at BIGINT NOT NULL,
  PRIMARY KEY (record, kind, position)
);
CREATE INDEX need_grants_by_grantee ON need_grants (kind, grantee, record_created_at, record);

CREATE TABLE offers (
  id TEXT COLLATE "C" PRIMARY KEY,
  org TEXT COLLATE "C" NOT NULL REFERENCES organisations (id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  budget_cents BIGINT NOT NULL,
  tlp TEXT NOT NULL,
  status TEXT NOT NULL,
  creator TEXT COLLATE "C" NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX offers_by_tlp ON offers (tlp, created_at, id);
CREATE INDEX offers_by_org ON offers (org, tlp, created_at, id);
CREATE INDEX offers_by_creator ON offers (creator, tlp, created_at, id);
CREATE INDEX offers_by_status ON offers (status, tlp, created_at, id);
CREATE INDEX offers_by_text ON offers
  USING gin (to_tsvector('tallinn_text'::regconfig, title || ' ' || description));

-- An offer's sectors, regions and categories, in their order; none of a kind
-- means "any". Indexed by value for matching.
CREATE TABLE offer_targets (
  offer TEXT COLLATE "C" NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('sector', 'region', 'category')),
  position INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (offer, kind, position)
);
CREATE INDEX offer_targets_by_value ON offer_targets (kind, value, offer);

CREATE TABLE offer_grants (
  record TEXT COLLATE "C" NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('org', 'user')),
  position INTEGER NOT NULL,
  grantee TEXT COLLATE "C" NOT NULL,
  record_created_at BIGINT NOT NULL,
  PRIMARY KEY (record, kind, position)
);
CREATE INDEX offer_grants_by_grantee ON offer_grants (kind, grantee, record_created_at, record);

-- The audit trail. The store only appends; the triggers refuse anything else
-- as defence in depth, and refuse a sequence that does not follow the last.
CREATE TABLE audit (
  sequence BIGINT PRIMARY KEY,
  time BIGINT NOT NULL,
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

CREATE FUNCTION audit_sequence_follows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.sequence IS DISTINCT FROM
     (SELECT coalesce(max(sequence), 0) + 1 FROM audit) THEN
    RAISE EXCEPTION 'audit sequence must follow the last entry'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_sequence_follows BEFORE INSERT ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_sequence_follows();

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit rows are append-only'
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
