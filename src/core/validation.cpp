#include "core/validation.h"

#include <algorithm>

#include "core/ascii.h"
#include "core/assessment.h"

namespace tallinn {
namespace {

Status check_text(const std::string& value, const char* field, size_t max_bytes, bool required) {
  if (required && value.empty()) return invalid(field, "must not be empty");
  if (value.size() > max_bytes) {
    return invalid(field, "must be at most " + std::to_string(max_bytes) + " bytes");
  }
  if (!is_clean_text(value)) return invalid(field, "must be text without control characters");
  return Status::ok();
}

Status check_unique_ids(const std::vector<Id>& ids, const std::string& field) {
  if (ids.size() > kMaxGrants) {
    return invalid(field, "must list at most " + std::to_string(kMaxGrants) + " ids");
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    std::string element = field + "[" + std::to_string(i) + "]";
    if (!is_id(ids[i])) return invalid(element, "must be an id");
    if (std::find(ids.begin(), ids.begin() + i, ids[i]) != ids.begin() + i) {
      return invalid(element, "is listed twice");
    }
  }
  return Status::ok();
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    size_t length = byte < 0x80           ? 1
                    : (byte >> 5) == 0x6  ? 2
                    : (byte >> 4) == 0xe  ? 3
                    : (byte >> 3) == 0x1e ? 4
                                          : 0;
    if (length == 0 || i + length > text.size()) return false;
    uint32_t code_point = length == 1 ? byte : byte & (0x7f >> length);
    for (size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3f);
    }
    static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kMinimum[length] || code_point > 0x10ffff ||
        (code_point >= 0xd800 && code_point <= 0xdfff)) {
      return false;
    }
    i += length;
  }
  return true;
}

bool is_clean_text(const std::string& text) {
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) return false;
  }
  return is_valid_utf8(text);
}

Status validate_access(const Access& access) {
  TALLINN_RETURN_IF_ERROR(check_unique_ids(access.orgs, "access.orgs"));
  return check_unique_ids(access.users, "access.users");
}

Status validate_need(const Need& need) {
  TALLINN_RETURN_IF_ERROR(check_text(need.title, "title", kMaxTitleBytes, true));
  TALLINN_RETURN_IF_ERROR(check_text(need.description, "description", kMaxDescriptionBytes, false));
  if (need.amount <= 0) return invalid("amount", "must be greater than 0");
  if (need.amount > kMaxCents) return invalid("amount", "must be at most 1000000000.00 EUR");
  if (need.priority < 1 || need.priority > 5) {
    return invalid("priority", "must be an integer 1..5");
  }
  if (need.national_priority && (*need.national_priority < 1 || *need.national_priority > 5)) {
    return invalid("national_priority", "must be an integer 1..5");
  }
  return validate_access(need.access);
}

Status validate_offer(const Offer& offer) {
  TALLINN_RETURN_IF_ERROR(check_text(offer.title, "title", kMaxTitleBytes, true));
  TALLINN_RETURN_IF_ERROR(
      check_text(offer.description, "description", kMaxDescriptionBytes, false));
  if (offer.budget < 0) return invalid("budget", "must not be negative");
  if (offer.budget > kMaxCents) return invalid("budget", "must be at most 1000000000.00 EUR");
  return validate_access(offer.access);
}

Status validate_assessment(const Assessment& assessment) {
  TALLINN_RETURN_IF_ERROR(check_text(assessment.title, "title", kMaxTitleBytes, true));
  if (assessment.criticality < 1 || assessment.criticality > 5) {
    return invalid("criticality", "must be an integer 1..5");
  }
  for (int index = 0; index < kMeasureCount; ++index) {
    const MeasureScore& scored = assessment.measures[index];
    std::string field = "measures." + std::string(to_string(static_cast<Measure>(index)));
    if (scored.score < 0 || scored.score > kMaxMeasureScore) {
      return invalid(field + ".score", "must be an integer 0..5");
    }
    std::string evidence_field = field + ".evidence";
    TALLINN_RETURN_IF_ERROR(
        check_text(scored.evidence, evidence_field.c_str(), kMaxEvidenceBytes, false));
  }
  return validate_access(assessment.access);
}

Status validate_organisation(const Organisation& organisation) {
  TALLINN_RETURN_IF_ERROR(check_text(organisation.name, "name", kMaxNameBytes, true));
  const std::string& country = organisation.country;
  bool country_ok = country.empty() || (country.size() == 2 && is_ascii_upper(country[0]) &&
                                        is_ascii_upper(country[1]));
  if (!country_ok) return invalid("country", "must be an ISO 3166-1 alpha-2 code such as EE");
  return Status::ok();
}

Status validate_email(const std::string& email) {
  if (email.size() > kMaxEmailBytes || !is_clean_text(email)) {
    return invalid("email", "must be an email address");
  }
  size_t at = email.find('@');
  bool shaped = at != std::string::npos && at > 0 && at + 1 < email.size() &&
                email.find('@', at + 1) == std::string::npos &&
                email.find(' ') == std::string::npos;
  if (!shaped) return invalid("email", "must be an email address");
  return Status::ok();
}

}  // namespace tallinn
