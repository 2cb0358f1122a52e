// The PostgreSQL repositories: one namespace per kind of record, each
// function running inside the caller's transaction on `connection`. The
// contracts are those of the SQLite repositories (sqlite/*_repository.h) and
// of store/store.h.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/audit_record.h"
#include "core/domain.h"
#include "core/read_scope.h"
#include "store/postgres/connection.h"
#include "store/postgres/queries.h"
#include "store/store.h"

namespace tallinn::store::postgres {

namespace organisations {
Status insert(Connection& connection, const Organisation& organisation);
Result<Organisation> find(Connection& connection, const Id& id);
Result<Page<Organisation>> list(Connection& connection, const PageRequest& page);
Status update(Connection& connection, const Organisation& organisation, int64_t expected_version);
Result<int64_t> count(Connection& connection);
}  // namespace organisations

namespace users {
// kConflict when the id or the email (compared case-insensitively) exists,
// or when org names no organisation.
Status insert(Connection& connection, const User& user, const std::string& password_hash);
Result<User> find(Connection& connection, const Id& id);
Result<Credentials> credentials_by_email(Connection& connection, const std::string& email);
Result<Page<User>> list(Connection& connection, const std::optional<Id>& org,
                        const PageRequest& page);
Status update(Connection& connection, const User& user, int64_t expected_version);
Status set_password_hash(Connection& connection, const Id& user, const std::string& password_hash);
Status insert_session(Connection& connection, const Session& session);
Result<Session> session(Connection& connection, const std::string& token_hash);
Status delete_session(Connection& connection, const std::string& token_hash);
Status delete_sessions_of(Connection& connection, const Id& user);
Status touch_session(Connection& connection, const std::string& token_hash, int64_t last_seen_at);
Result<SecondFactor> second_factor(Connection& connection, const Id& user);
Status set_second_factor(Connection& connection, const Id& user, const SecondFactor& factor);
Status replace_recovery_codes(Connection& connection, const Id& user,
                              const std::vector<std::string>& code_hashes);
// kNotFound when the code is unknown or already used.
Status use_recovery_code(Connection& connection, const Id& user, const std::string& code_hash,
                         int64_t used_at);
Result<std::optional<std::string>> setting(Connection& connection, const std::string& key);
Status set_setting(Connection& connection, const std::string& key, const std::string& value);
}  // namespace users

namespace needs {
Status insert(Connection& connection, const Need& need);
Result<Need> find(Connection& connection, const Id& id);
Status update(Connection& connection, const Need& need, int64_t expected_version);
Result<Page<Need>> list(Connection& connection, const ReadScope& scope, const NeedFilter& filter,
                        const PageRequest& page);
// As list(), without reading the needs' grants
// (Transaction::list_needs_without_access).
Result<Page<Need>> list_without_access(Connection& connection, const ReadScope& scope,
                                       const NeedFilter& filter, const PageRequest& page);
// As list(), with conditions on the need as `r` instead of a filter.
Result<Page<Need>> list_where(Connection& connection, const ReadScope& scope,
                              const std::vector<Condition>& conditions, const PageRequest& page);
Result<int64_t> count(Connection& connection, const ReadScope& scope, const NeedFilter& filter);
// Transaction::coverage_groups and Transaction::needs_of_priority.
Result<std::vector<CoverageGroup>> coverage_groups(Connection& connection, const ReadScope& scope,
                                                   CoverageBy by);
Result<std::vector<NeedMoney>> of_priority(Connection& connection, const ReadScope& scope,
                                           int priority);
}  // namespace needs

namespace offers {
Status insert(Connection& connection, const Offer& offer);
Result<Offer> find(Connection& connection, const Id& id);
Status update(Connection& connection, const Offer& offer, int64_t expected_version);
Result<Page<Offer>> list(Connection& connection, const ReadScope& scope, const OfferFilter& filter,
                         const PageRequest& page);
Result<int64_t> count(Connection& connection, const ReadScope& scope, const OfferFilter& filter);
Result<std::vector<OfferMoney>> money(Connection& connection, const ReadScope& scope,
                                      const OfferFilter& filter);
}  // namespace offers

namespace audit {
Result<std::optional<AuditEntry>> last(Connection& connection);
Status append(Connection& connection, const AuditEntry& entry);
Result<Page<AuditEntry>> list(Connection& connection, const PageRequest& page);
Result<Page<AuditEntry>> list_for_record(Connection& connection, const std::string& record_type,
                                         const Id& record_id, bool include_refused,
                                         const PageRequest& page);
Status scan(Connection& connection, const std::function<Status(const AuditEntry&)>& visit);
}  // namespace audit

namespace coordination {
Status insert_run(Connection& connection, const MatchingRun& run);
Result<MatchingRun> find_run(Connection& connection, const Id& id);
Status insert_proposal(Connection& connection, const Proposal& proposal);
Status insert_allocation(Connection& connection, const Allocation& allocation);
Result<Allocation> find_allocation(Connection& connection, const Id& id);
Status update_allocation(Connection& connection, const Allocation& allocation,
                         int64_t expected_version);
Result<std::vector<Allocation>> list_allocations(Connection& connection,
                                                 const AllocationFilter& filter);
Result<Page<Allocation>> page_allocations(Connection& connection, const AllocationFilter& filter,
                                          const PageRequest& page);
Status insert_meeting(Connection& connection, const Meeting& meeting);
Result<Meeting> find_meeting(Connection& connection, const Id& id);
Status update_meeting(Connection& connection, const Meeting& meeting, int64_t expected_version);
Status insert_decision(Connection& connection, const AllocationDecision& decision);
Result<AllocationDecision> find_decision(Connection& connection, const Id& id);
Result<std::vector<AllocationDecision>> decisions_of(Connection& connection, const Id& allocation);
Status insert_report(Connection& connection, const DeliveryReport& report);
Result<std::vector<DeliveryReport>> reports_of(Connection& connection, const Id& allocation);
Result<std::optional<Id>> idempotent_allocation(Connection& connection, const Id& user,
                                                const std::string& key, const std::string& action);
Status insert_idempotency_key(Connection& connection, const Id& user, const std::string& key,
                              const std::string& action, const Id& allocation, int64_t created_at);
}  // namespace coordination

namespace assessments {
Status insert(Connection& connection, const Assessment& assessment);
Result<Assessment> find(Connection& connection, const Id& id);
Result<Page<Assessment>> list(Connection& connection, const ReadScope& scope,
                              const AssessmentFilter& filter, const PageRequest& page);
}  // namespace assessments

// Candidates by SQL under the reader's ReadScope; text similarity from
// PostgreSQL's full-text search with the tallinn_text configuration (the
// share of the subject's words each candidate's title or description
// contains, as SQLite's FTS5 index gives it).
namespace duplicates {
Result<std::vector<TextMatch>> candidates(Connection& connection, const ReadScope& scope,
                                          const Need& subject, int limit);
Status replace(Connection& connection, const Id& need, const std::vector<DuplicateMatch>& matches);
Result<std::vector<DuplicateMatch>> of(Connection& connection, const Id& need);
}  // namespace duplicates

namespace notifications {
Result<std::vector<Id>> active_users(Connection& connection, const std::optional<Id>& org,
                                     const std::optional<Role>& role);
Status insert(Connection& connection, const Notification& notification);
Result<Notification> find(Connection& connection, const Id& id);
Result<Page<Notification>> list(Connection& connection, const Id& user, const PageRequest& page);
Status mark_read(Connection& connection, const Id& id, int64_t read_at);
}  // namespace notifications

// Failed sign-in attempts (Store::record_failed_attempt and the two after
// it): each function is one statement, run on a pooled connection outside
// any transaction.
namespace failed_attempts {
Status record(Connection& connection, const std::string& key, int64_t at_ms, int64_t expires_at_ms);
Result<std::vector<int64_t>> newest(Connection& connection, const std::string& key,
                                    int64_t after_ms, int limit);
Result<int64_t> forget(Connection& connection, int64_t now_ms);
}  // namespace failed_attempts

}  // namespace tallinn::store::postgres
