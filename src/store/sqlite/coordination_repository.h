// Matching runs, proposals, allocations, meetings, decisions, delivery
// reports and idempotency keys in SQLite (migration 0002). Functions run
// inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/coordination.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace tallinn::store::sqlite::coordination {

Status insert_run(Connection& connection, const MatchingRun& run);
Result<MatchingRun> find_run(Connection& connection, const Id& id);
Status insert_proposal(Connection& connection, const Proposal& proposal);

Status insert_allocation(Connection& connection, const Allocation& allocation);
Result<Allocation> find_allocation(Connection& connection, const Id& id);
// Stores every mutable field; version becomes expected_version + 1.
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

}  // namespace tallinn::store::sqlite::coordination
