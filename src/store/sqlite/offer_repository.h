// Offers in SQLite: the offers table, their targets (sectors, regions,
// categories), their grants and their text index.
// Functions run inside the caller's transaction on `connection`.
#pragma once

#include "core/domain.h"
#include "core/read_scope.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace tallinn::store::sqlite::offers {

// kConflict when the id exists, or when org names no organisation.
Status insert(Connection& connection, const Offer& offer);
Result<Offer> find(Connection& connection, const Id& id);
// Stores every field but id and created_at; version becomes
// expected_version + 1.
Status update(Connection& connection, const Offer& offer, int64_t expected_version);
Result<Page<Offer>> list(Connection& connection, const ReadScope& scope, const OfferFilter& filter,
                         const PageRequest& page);
Result<int64_t> count(Connection& connection, const ReadScope& scope, const OfferFilter& filter);
Result<std::vector<OfferMoney>> money(Connection& connection, const ReadScope& scope,
                                      const OfferFilter& filter);

}  // namespace tallinn::store::sqlite::offers
