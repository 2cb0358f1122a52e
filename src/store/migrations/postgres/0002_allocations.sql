-- 0002: the coordination workflow: matching runs, proposals, allocations,
-- coordination-group meetings and their decisions, delivery reports and the
-- idempotency keys of commitments: migrations/sqlite/0002_allocations.sql in
-- PostgreSQL. Encodings as in 0001.

-- The currency an offer is pledged in (ISO 4217; EUR, USD, GBP, CAD, DKK,
-- SEK or PLN). Budgets stay integer cents of that currency.
ALTER TABLE offers ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';

-- A run keeps what went in and what came out as matching.md JSON, so it
-- can be run again with `tallinn match`. objective and bound are stored as
-- their shortest round-trip decimal text, as in SQLite.
CREATE TABLE matching_runs (
  id TEXT COLLATE "C" PRIMARY KEY,
  creator TEXT COLLATE "C" NOT NULL,
  engine_version TEXT NOT NULL,
  time_limit_seconds TEXT NOT NULL,
  status TEXT NOT NULL,
  objective TEXT NOT NULL,
  bound TEXT NOT NULL,
  input_json TEXT NOT NULL,
  input_sha256 TEXT NOT NULL,
  result_json TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE proposals (
  id TEXT COLLATE "C" PRIMARY KEY,
  run TEXT COLLATE "C" NOT NULL REFERENCES matching_runs (id),
  creator TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL
);

-- need_org and offer_org copy the parties so lists filter by them; access
-- lists are space-separated ids (ids never contain spaces), as in SQLite.
CREATE TABLE allocations (
  id TEXT COLLATE "C" PRIMARY KEY,
  proposal TEXT COLLATE "C" NOT NULL REFERENCES proposals (id),
  run TEXT COLLATE "C" NOT NULL REFERENCES matching_runs (id),
  need TEXT COLLATE "C" NOT NULL REFERENCES needs (id),
  offer TEXT COLLATE "C" NOT NULL REFERENCES offers (id),
  need_org TEXT COLLATE "C" NOT NULL,
  offer_org TEXT COLLATE "C" NOT NULL,
  implementer_org TEXT COLLATE "C" NOT NULL,
  committing_org TEXT COLLATE "C" NOT NULL,
  amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
  currency TEXT NOT NULL,
  rate_micros BIGINT NOT NULL,
  offer_amount_cents BIGINT NOT NULL,
  percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  status TEXT NOT NULL,
  tlp TEXT NOT NULL,
  access_orgs TEXT NOT NULL,
  access_users TEXT NOT NULL,
  creator TEXT COLLATE "C" NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX allocations_by_created ON allocations (created_at, id);
CREATE INDEX allocations_by_need ON allocations (need, status);
CREATE INDEX allocations_by_offer ON allocations (offer, status);
CREATE INDEX allocations_by_need_org ON allocations (need_org, created_at, id);
CREATE INDEX allocations_by_offer_org ON allocations (offer_org, created_at, id);
CREATE INDEX allocations_by_implementer_org ON allocations (implementer_org, created_at, id);
CREATE INDEX allocations_by_proposal ON allocations (proposal);

-- attendance: space-separated organisation ids.
CREATE TABLE meetings (
  id TEXT COLLATE "C" PRIMARY KEY,
  title TEXT NOT NULL,
  agenda TEXT NOT NULL,
  minutes TEXT NOT NULL,
  attendance TEXT NOT NULL,
  status TEXT NOT NULL,
  creator TEXT COLLATE "C" NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Decisions and reports list oldest first, ties in the order they were
-- written: SQLite orders by rowid, PostgreSQL by this identity column.
CREATE TABLE allocation_decisions (
  id TEXT COLLATE "C" PRIMARY KEY,
  allocation TEXT COLLATE "C" NOT NULL REFERENCES allocations (id),
  meeting TEXT COLLATE "C" NOT NULL REFERENCES meetings (id),
  decision TEXT NOT NULL,
  reason TEXT NOT NULL,
  corrects TEXT COLLATE "C" REFERENCES allocation_decisions (id),
  creator TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL,
  written BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX allocation_decisions_by_allocation
  ON allocation_decisions (allocation, created_at, written);

CREATE TABLE delivery_reports (
  id TEXT COLLATE "C" PRIMARY KEY,
  allocation TEXT COLLATE "C" NOT NULL REFERENCES allocations (id),
  percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  note TEXT NOT NULL,
  milestone TEXT NOT NULL,
  attachment_name TEXT,
  attachment_type TEXT,
  attachment_base64 TEXT,
  creator TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL,
  written BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX delivery_reports_by_allocation ON delivery_reports (allocation, created_at, written);

CREATE TABLE idempotency_keys (
  user_id TEXT COLLATE "C" NOT NULL,
  key TEXT NOT NULL,
  action TEXT NOT NULL,
  allocation TEXT COLLATE "C" NOT NULL REFERENCES allocations (id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, key)
);
