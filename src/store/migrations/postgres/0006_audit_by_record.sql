-- 0006: a record's history (GET /api/v1/{needs,offers,allocations}/{id}/history)
-- reads the audit entries about one record, newest first; this index makes
-- that a range scan instead of a walk over the whole trail. The trail is
-- append-only, so the index only ever grows at its end per record.
CREATE INDEX audit_by_record ON audit (record_type, record_id, sequence);
