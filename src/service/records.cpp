#include "service/records.h"

#include <algorithm>
#include <sstream>

namespace tallinn::service {
namespace {

// Builds "name=value\n" lines; values have '\\' and '\n' escaped so a value
// can never forge another line.
class StateWriter {
 public:
  StateWriter& field(const char* name, const std::string& value) {
    out_ << name << '=';
    for (char c : value) {
      if (c == '\\') {
        out_ << "\\\\";
      } else if (c == '\n') {
        out_ << "\\n";
      } else {
        out_ << c;
      }
    }
    out_ << '\n';
    return *this;
  }
  StateWriter& field(const char* name, std::string_view value) {
    return field(name, std::string(value));
  }
  StateWriter& field(const char* name, const char* value) {
    return field(name, std::string(value));
  }
  StateWriter& field(const char* name, int64_t value) { return field(name, std::to_string(value)); }
  StateWriter& field(const char* name, bool value) {
    return field(name, std::string(value ? "true" : "false"));
  }
  template <typename T, typename Format>
  StateWriter& list(const char* name, const std::vector<T>& values, Format format) {
    std::string joined;
    for (const auto& value : values) {
      if (!joined.empty()) joined += ',';
      joined += std::string(format(value));
    }
    return field(name, joined);
  }
  std::string text() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

std::string_view identity(const Id& id) { return id; }

// The policy facts every marked record (need, offer, assessment) shares.
template <typename Marked>
policy::Record marked_record(policy::RecordKind kind, const Marked& marked) {
  policy::Record record;
  record.kind = kind;
  record.id = marked.id;
  record.owner_org = marked.org;
  record.creator = marked.creator;
  record.tlp = marked.tlp;
  record.access = marked.access;
  return record;
}
std::string_view sector_name(Sector sector) { return to_string(sector); }
std::string_view category_name(Category category) { return to_string(category); }

}  // namespace

policy::Record policy_record(const Need& need) {
  policy::Record record = marked_record(policy::RecordKind::kNeed, need);
  record.need_status = need.status;
  return record;
}

policy::Record policy_record(const Offer& offer) {
  return marked_record(policy::RecordKind::kOffer, offer);
}

policy::Record policy_record(const Assessment& assessment) {
  return marked_record(policy::RecordKind::kAssessment, assessment);
}

policy::Record policy_record(const Organisation& organisation) {
  policy::Record record;
  record.kind = policy::RecordKind::kOrganisation;
  record.id = organisation.id;
  record.owner_org = organisation.id;
  record.tlp = Tlp::kGreen;
  return record;
}

policy::Record policy_record(const User& user) {
  policy::Record record;
  record.kind = policy::RecordKind::kUser;
  record.id = user.id;
  record.owner_org = user.org;
  record.creator = user.id;
  record.tlp = Tlp::kGreen;
  return record;
}

std::string canonical_state(const Need& need) {
  return StateWriter()
      .field("id", need.id)
      .field("org", need.org)
      .field("title", need.title)
      .field("description", need.description)
      .field("sector", to_string(need.sector))
      .field("region", region_code(need.region))
      .field("category", to_string(need.category))
      .field("amount", need.amount)
      .field("priority", static_cast<int64_t>(need.priority))
      .field("national_priority",
             need.national_priority ? std::to_string(*need.national_priority) : std::string())
      .field("divisible", need.divisible)
      .field("tlp", to_string(need.tlp))
      .field("status", to_string(need.status))
      .field("duplicate_of", need.duplicate_of.value_or(""))
      .field("assessment", need.assessment.value_or(""))
      .list("access.orgs", need.access.orgs, identity)
      .list("access.users", need.access.users, identity)
      .field("creator", need.creator)
      .field("version", need.version)
      .text();
}

std::string canonical_state(const Offer& offer) {
  return StateWriter()
      .field("id", offer.id)
      .field("org", offer.org)
      .field("title", offer.title)
      .field("description", offer.description)
      .field("budget", offer.budget)
      .field("currency", offer.currency)
      .list("sectors", offer.sectors, sector_name)
      .list("regions", offer.regions, region_code)
      .list("categories", offer.categories, category_name)
      .field("tlp", to_string(offer.tlp))
      .field("status", to_string(offer.status))
      .list("access.orgs", offer.access.orgs, identity)
      .list("access.users", offer.access.users, identity)
      .field("creator", offer.creator)
      .field("version", offer.version)
      .text();
}

std::string canonical_state(const Assessment& assessment) {
  StateWriter writer;
  writer.field("id", assessment.id)
      .field("org", assessment.org)
      .field("title", assessment.title)
      .field("sector", to_string(assessment.sector))
      .field("region", region_code(assessment.region))
      .field("criticality", static_cast<int64_t>(assessment.criticality));
  for (int index = 0; index < kMeasureCount; ++index) {
    std::string name(to_string(static_cast<Measure>(index)));
    writer.field((name + ".score").c_str(), static_cast<int64_t>(assessment.measures[index].score))
        .field((name + ".evidence").c_str(), assessment.measures[index].evidence);
  }
  return writer.field("tlp", to_string(assessment.tlp))
      .list("access.orgs", assessment.access.orgs, identity)
      .list("access.users", assessment.access.users, identity)
      .field("creator", assessment.creator)
      .field("version", assessment.version)
      .text();
}

std::string canonical_state(const Organisation& organisation) {
  return StateWriter()
      .field("id", organisation.id)
      .field("name", organisation.name)
      .field("kind", to_string(organisation.kind))
      .field("country", organisation.country)
      .field("version", organisation.version)
      .text();
}

std::string canonical_state(const User& user) {
  return StateWriter()
      .field("id", user.id)
      .field("org", user.org)
      .field("email", user.email)
      .field("role", to_string(user.role))
      .field("disabled", user.disabled)
      .field("version", user.version)
      .text();
}

Access allocation_access(const Need& need) {
  Access access = need.access;
  const bool named =
      std::find(access.users.begin(), access.users.end(), need.creator) != access.users.end();
  if (need.tlp == Tlp::kRed && !named) access.users.push_back(need.creator);
  return access;
}

policy::Record policy_record(const Allocation& allocation) {
  policy::Record record;
  record.kind = policy::RecordKind::kAllocation;
  record.id = allocation.id;
  record.owner_org = allocation.need_org;
  record.creator = allocation.creator;
  record.tlp = allocation.tlp;
  record.access = allocation.access;
  record.offer_org = allocation.offer_org;
  record.implementer_org = allocation.implementer_org;
  record.committing_org = allocation.committing_org;
  return record;
}

std::string canonical_state(const Allocation& allocation) {
  return StateWriter()
      .field("id", allocation.id)
      .field("proposal", allocation.proposal)
      .field("need", allocation.need)
      .field("offer", allocation.offer)
      .field("amount", allocation.amount)
      .field("currency", allocation.currency)
      .field("rate_micros", allocation.rate_micros)
      .field("offer_amount", allocation.offer_amount)
      .field("status", to_string(allocation.status))
      .field("implementer_org", allocation.implementer_org)
      .field("committing_org", allocation.committing_org)
      .field("percent", int64_t{allocation.percent})
      .field("tlp", to_string(allocation.tlp))
      .field("version", allocation.version)
      .text();
}

std::string canonical_state(const Meeting& meeting) {
  return StateWriter()
      .field("id", meeting.id)
      .field("title", meeting.title)
      .field("agenda", meeting.agenda)
      .field("minutes", meeting.minutes)
      .list("attendance", meeting.attendance, identity)
      .field("status", to_string(meeting.status))
      .field("version", meeting.version)
      .text();
}

}  // namespace tallinn::service
