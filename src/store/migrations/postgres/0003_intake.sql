-- 0003: assessments (NIS2 Art. 21(2) a-j), the link from a need to the
-- assessment that produced it, duplicate candidates kept at submission, and
-- notifications: migrations/sqlite/0003_intake.sql in PostgreSQL. Encodings
-- as in 0001.

-- The indexes mirror needs, so assessments list through the same ReadScope
-- arms (store/postgres/marked_query.h). Assessments have no text search.
CREATE TABLE assessments (
  id TEXT COLLATE "C" PRIMARY KEY,
  org TEXT COLLATE "C" NOT NULL REFERENCES organisations (id),
  title TEXT NOT NULL,
  sector TEXT NOT NULL,
  region TEXT NOT NULL,
  criticality INTEGER NOT NULL,
  tlp TEXT NOT NULL,
  creator TEXT COLLATE "C" NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX assessments_by_tlp ON assessments (tlp, created_at, id);
CREATE INDEX assessments_by_org ON assessments (org, tlp, created_at, id);
CREATE INDEX assessments_by_creator ON assessments (creator, tlp, created_at, id);

-- One row per measure, keyed by its API spelling ("risk-analysis", ...).
CREATE TABLE assessment_measures (
  assessment TEXT COLLATE "C" NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  measure TEXT NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 5),
  evidence TEXT NOT NULL,
  PRIMARY KEY (assessment, measure)
);

CREATE TABLE assessment_grants (
  record TEXT COLLATE "C" NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('org', 'user')),
  position INTEGER NOT NULL,
  grantee TEXT COLLATE "C" NOT NULL,
  record_created_at BIGINT NOT NULL,
  PRIMARY KEY (record, kind, position)
);
CREATE INDEX assessment_grants_by_grantee
  ON assessment_grants (kind, grantee, record_created_at, record);

ALTER TABLE needs ADD COLUMN assessment TEXT COLLATE "C" REFERENCES assessments (id);
CREATE INDEX needs_by_assessment ON needs (assessment) WHERE assessment IS NOT NULL;

-- The best candidates found when a need was submitted, whoever submitted
-- it; readers see only the pairs they may see both sides of.
CREATE TABLE need_duplicate_candidates (
  need TEXT COLLATE "C" NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  candidate TEXT COLLATE "C" NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  score_permille INTEGER NOT NULL CHECK (score_permille BETWEEN 0 AND 1000),
  PRIMARY KEY (need, candidate)
);

-- A notification names a record and never copies its content: titles are
-- rendered from the record's current state, and only when its reader may
-- still see it.
CREATE TABLE notifications (
  id TEXT COLLATE "C" PRIMARY KEY,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX notifications_by_user ON notifications (user_id, created_at, id);
