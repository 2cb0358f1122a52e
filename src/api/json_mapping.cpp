#include "api/json_mapping.h"

#include "core/money.h"
#include "core/random.h"

namespace tallinn::api {
namespace {

template <typename T, typename Format>
nlohmann::json names(const std::vector<T>& values, Format format) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& value : values) out.push_back(std::string(format(value)));
  return out;
}

nlohmann::json optional_text(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

}  // namespace

nlohmann::json to_json(const Access& access) {
  return {{"orgs", access.orgs}, {"users", access.users}};
}

nlohmann::json to_json(const Need& need) {
  return {
      {"id", need.id},
      {"org", need.org},
      {"title", need.title},
      {"description", need.description},
      {"sector", to_string(need.sector)},
      {"region", region_code(need.region)},
      {"category", to_string(need.category)},
      {"amount", euros_from_cents(need.amount)},
      {"priority", need.priority},
      {"national_priority",
       need.national_priority ? nlohmann::json(*need.national_priority) : nlohmann::json(nullptr)},
      {"divisible", need.divisible},
      {"tlp", to_string(need.tlp)},
      {"status", to_string(need.status)},
      {"duplicate_of",
       need.duplicate_of ? nlohmann::json(*need.duplicate_of) : nlohmann::json(nullptr)},
      {"access", to_json(need.access)},
      {"creator", need.creator},
      {"version", need.version},
      {"created_at", format_timestamp(need.created_at)},
      {"updated_at", format_timestamp(need.updated_at)},
  };
}

nlohmann::json to_json(const Offer& offer) {
  return {
      {"id", offer.id},
      {"org", offer.org},
      {"title", offer.title},
      {"description", offer.description},
      {"budget", euros_from_cents(offer.budget)},
      {"sectors", names(offer.sectors, [](Sector s) { return to_string(s); })},
      {"regions", names(offer.regions, region_code)},
      {"categories", names(offer.categories, [](Category c) { return to_string(c); })},
      {"tlp", to_string(offer.tlp)},
      {"status", to_string(offer.status)},
      {"access", to_json(offer.access)},
      {"creator", offer.creator},
      {"version", offer.version},
      {"created_at", format_timestamp(offer.created_at)},
      {"updated_at", format_timestamp(offer.updated_at)},
  };
}

nlohmann::json to_json(const Organisation& organisation) {
  return {
      {"id", organisation.id},
      {"name", organisation.name},
      {"kind", to_string(organisation.kind)},
      {"country", optional_text(organisation.country)},
      {"version", organisation.version},
      {"created_at", format_timestamp(organisation.created_at)},
      {"updated_at", format_timestamp(organisation.updated_at)},
  };
}

nlohmann::json to_json(const User& user) {
  return {
      {"id", user.id},
      {"org", user.org},
      {"email", user.email},
      {"role", to_string(user.role)},
      {"disabled", user.disabled},
      {"version", user.version},
      {"created_at", format_timestamp(user.created_at)},
      {"updated_at", format_timestamp(user.updated_at)},
  };
}

nlohmann::json to_json(const AuditEntry& entry) {
  return {
      {"sequence", entry.sequence},
      {"time", format_timestamp(entry.time)},
      {"actor_user", optional_text(entry.actor_user)},
      {"actor_org", optional_text(entry.actor_org)},
      {"action", entry.action},
      {"record_type", optional_text(entry.record_type)},
      {"record_id", optional_text(entry.record_id)},
      {"outcome", entry.outcome},
      {"changed_fields", entry.changed_fields},
      {"state_digest", optional_text(entry.state_digest)},
      {"previous_hash", entry.previous_hash},
      {"hash", entry.hash},
  };
}

}  // namespace tallinn::api
