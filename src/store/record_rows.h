// Records read from result rows, the same for both backends. A Row offers
// text(column), int64(column), boolean(column), optional_int64(column) and
// optional_text(column) (sqlite::StatementRow, postgres::Row). Each reader
// expects the columns in the order of its k*Columns list, which every
// backend's schema has.
#pragma once

#include <optional>
#include <string_view>

#include "core/audit_record.h"
#include "core/domain.h"
#include "core/status.h"
#include "core/vocabulary.h"

namespace tallinn::store::rows {

inline constexpr char kOrganisationColumns[] =
    "id, name, kind, country, version, created_at, updated_at";
inline constexpr char kUserColumns[] =
    "id, org, email, role, disabled, version, created_at, updated_at";
inline constexpr char kSessionColumns[] = "token_hash, user_id, created_at, expires_at";
// Needs and offers are read as r in scoped lists.
inline constexpr char kNeedColumns[] =
    "r.id, r.org, r.title, r.description, r.sector, r.region, r.category, r.amount_cents, "
    "r.priority, r.national_priority, r.divisible, r.tlp, r.status, r.duplicate_of, r.creator, "
    "r.version, r.created_at, r.updated_at";
inline constexpr char kOfferColumns[] =
    "r.id, r.org, r.title, r.description, r.budget_cents, r.tlp, r.status, r.creator, "
    "r.version, r.created_at, r.updated_at";
inline constexpr char kAuditColumns[] =
    "sequence, time, actor_user, actor_org, action, record_type, record_id, outcome, "
    "changed_fields, state_digest, previous_hash, hash";

// The value that `parse` (a parse_* function of core/vocabulary.h) makes of
// the text in `column`. Text it refuses was never written by this store, so
// it is kInternal, not bad input.
template <typename T, typename Row>
Result<T> parse_column(const Row& row, int column, std::optional<T> (*parse)(std::string_view)) {
  std::optional<T> value = parse(row.text(column));
  if (!value) return internal_error();
  return *value;
}

template <typename Row>
Result<Organisation> organisation(const Row& row) {
  Organisation organisation;
  organisation.id = row.text(0);
  organisation.name = row.text(1);
  TALLINN_ASSIGN_OR_RETURN(organisation.kind, parse_column(row, 2, parse_role));
  organisation.country = row.text(3);
  organisation.version = row.int64(4);
  organisation.created_at = row.int64(5);
  organisation.updated_at = row.int64(6);
  return organisation;
}

template <typename Row>
Result<User> user(const Row& row) {
  User user;
  user.id = row.text(0);
  user.org = row.text(1);
  user.email = row.text(2);
  TALLINN_ASSIGN_OR_RETURN(user.role, parse_column(row, 3, parse_role));
  user.disabled = row.boolean(4);
  user.version = row.int64(5);
  user.created_at = row.int64(6);
  user.updated_at = row.int64(7);
  return user;
}

template <typename Row>
Result<Session> session(const Row& row) {
  return Session{row.text(0), row.text(1), row.int64(2), row.int64(3)};
}

// Without its grants, which live in another table.
template <typename Row>
Result<Need> need(const Row& row) {
  Need need;
  need.id = row.text(0);
  need.org = row.text(1);
  need.title = row.text(2);
  need.description = row.text(3);
  TALLINN_ASSIGN_OR_RETURN(need.sector, parse_column(row, 4, parse_sector));
  TALLINN_ASSIGN_OR_RETURN(need.region, parse_column(row, 5, parse_region));
  TALLINN_ASSIGN_OR_RETURN(need.category, parse_column(row, 6, parse_category));
  need.amount = row.int64(7);
  need.priority = static_cast<int>(row.int64(8));
  if (std::optional<int64_t> national = row.optional_int64(9)) {
    need.national_priority = static_cast<int>(*national);
  }
  need.divisible = row.boolean(10);
  TALLINN_ASSIGN_OR_RETURN(need.tlp, parse_column(row, 11, parse_tlp));
  TALLINN_ASSIGN_OR_RETURN(need.status, parse_column(row, 12, parse_need_status));
  need.duplicate_of = row.optional_text(13);
  need.creator = row.text(14);
  need.version = row.int64(15);
  need.created_at = row.int64(16);
  need.updated_at = row.int64(17);
  return need;
}

// Without its targets and grants, which live in other tables.
template <typename Row>
Result<Offer> offer(const Row& row) {
  Offer offer;
  offer.id = row.text(0);
  offer.org = row.text(1);
  offer.title = row.text(2);
  offer.description = row.text(3);
  offer.budget = row.int64(4);
  TALLINN_ASSIGN_OR_RETURN(offer.tlp, parse_column(row, 5, parse_tlp));
  TALLINN_ASSIGN_OR_RETURN(offer.status, parse_column(row, 6, parse_offer_status));
  offer.creator = row.text(7);
  offer.version = row.int64(8);
  offer.created_at = row.int64(9);
  offer.updated_at = row.int64(10);
  return offer;
}

// One target (kind, value, in columns `first` and `first` + 1) of an offer,
// added to its list of that kind.
template <typename Row>
Status add_target(const Row& row, Offer& offer, int first = 0) {
  std::string kind = row.text(first);
  int value = first + 1;
  if (kind == "sector") {
    TALLINN_ASSIGN_OR_RETURN(offer.sectors.emplace_back(), parse_column(row, value, parse_sector));
  } else if (kind == "region") {
    TALLINN_ASSIGN_OR_RETURN(offer.regions.emplace_back(), parse_column(row, value, parse_region));
  } else {
    TALLINN_ASSIGN_OR_RETURN(offer.categories.emplace_back(),
                             parse_column(row, value, parse_category));
  }
  return Status::ok();
}

template <typename Row>
AuditEntry audit_entry(const Row& row) {
  AuditEntry entry;
  entry.sequence = row.int64(0);
  entry.time = row.int64(1);
  entry.actor_user = row.text(2);
  entry.actor_org = row.text(3);
  entry.action = row.text(4);
  entry.record_type = row.text(5);
  entry.record_id = row.text(6);
  entry.outcome = row.text(7);
  entry.changed_fields = row.text(8);
  entry.state_digest = row.text(9);
  entry.previous_hash = row.text(10);
  entry.hash = row.text(11);
  return entry;
}

}  // namespace tallinn::store::rows
