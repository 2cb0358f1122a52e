#include "api/json_input.h"

#include "core/ascii.h"
#include "core/id.h"
#include "core/money.h"
#include "http/json.h"

namespace tallinn::api {
namespace {

using nlohmann::json;

// An optional vocabulary value: absent -> nullopt, unknown spelling -> 422.
template <typename T, typename Parse>
Result<std::optional<T>> optional_word(const json& body, const char* name, Parse parse,
                                       const char* expected) {
  TALLINN_ASSIGN_OR_RETURN(auto text, http::optional_string_field(body, name));
  if (!text) return std::optional<T>();
  std::optional<T> value = parse(*text);
  if (!value) return invalid(name, std::string("must be ") + expected);
  return std::optional<T>(*value);
}

template <typename T, typename Parse>
Result<T> required_word(const json& body, const char* name, Parse parse, const char* expected) {
  TALLINN_ASSIGN_OR_RETURN(auto value, optional_word<T>(body, name, parse, expected));
  if (!value) return invalid(name, "is required");
  return *value;
}

template <typename T, typename Parse>
Result<std::optional<std::vector<T>>> optional_word_list(const json& body, const char* name,
                                                         Parse parse, const char* expected) {
  TALLINN_ASSIGN_OR_RETURN(auto texts, http::optional_string_array_field(body, name));
  if (!texts) return std::optional<std::vector<T>>();
  std::vector<T> values;
  for (size_t i = 0; i < texts->size(); ++i) {
    std::optional<T> value = parse((*texts)[i]);
    if (!value) {
      return invalid(std::string(name) + "[" + std::to_string(i) + "]",
                     std::string("must be ") + expected);
    }
    if (std::find(values.begin(), values.end(), *value) != values.end()) {
      return invalid(std::string(name) + "[" + std::to_string(i) + "]", "is listed twice");
    }
    values.push_back(*value);
  }
  return std::optional<std::vector<T>>(std::move(values));
}

constexpr const char* kSectorWords = "a NIS2 sector such as \"energy\"";
constexpr const char* kRegionWords = "an ISO 3166-2:UA code such as \"UA-30\"";
constexpr const char* kCategoryWords = "a category such as \"equipment\"";
constexpr const char* kTlpWords = "one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED";
constexpr const char* kRoleWords =
    "one of beneficiary, front_office, back_office, ua_authority, donor, observer, implementer, "
    "admin";

Result<std::optional<Sector>> sector_field(const json& body, const char* name) {
  return optional_word<Sector>(body, name, parse_sector, kSectorWords);
}
Result<std::optional<Region>> region_field(const json& body, const char* name) {
  return optional_word<Region>(body, name, parse_region, kRegionWords);
}
Result<std::optional<Category>> category_field(const json& body, const char* name) {
  return optional_word<Category>(body, name, parse_category, kCategoryWords);
}
Result<std::optional<Tlp>> tlp_field(const json& body) {
  return optional_word<Tlp>(body, "tlp", parse_tlp, kTlpWords);
}

Result<std::optional<Cents>> money_field(const json& body, const char* name) {
  TALLINN_ASSIGN_OR_RETURN(auto euros, http::optional_number_field(body, name));
  if (!euros) return std::optional<Cents>();
  TALLINN_ASSIGN_OR_RETURN(Cents cents, cents_from_euros(*euros, name));
  return std::optional<Cents>(cents);
}

Result<std::optional<int>> priority_field(const json& body, const char* name) {
  TALLINN_ASSIGN_OR_RETURN(auto value, http::optional_integer_field(body, name));
  if (!value) return std::optional<int>();
  if (*value < 1 || *value > 5) return invalid(name, "must be an integer 1..5");
  return std::optional<int>(static_cast<int>(*value));
}

Result<std::optional<Id>> id_field(const json& body, const char* name) {
  TALLINN_ASSIGN_OR_RETURN(auto text, http::optional_string_field(body, name));
  if (!text) return std::optional<Id>();
  if (!is_id(*text)) return invalid(name, "must be an id");
  return std::optional<Id>(*text);
}

Result<std::optional<Access>> access_field(const json& body) {
  if (!body.contains("access")) return std::optional<Access>();
  const json& access = body["access"];
  if (!access.is_object()) return invalid("access", "must be an object with orgs and users");
  for (const auto& item : access.items()) {
    if (item.key() != "orgs" && item.key() != "users") {
      return invalid("access." + item.key(), "is not a field of access");
    }
  }
  Access result;
  TALLINN_ASSIGN_OR_RETURN(auto orgs, http::optional_string_array_field(access, "orgs"));
  TALLINN_ASSIGN_OR_RETURN(auto users, http::optional_string_array_field(access, "users"));
  if (orgs) result.orgs = *orgs;
  if (users) result.users = *users;
  return std::optional<Access>(std::move(result));
}

// Assigns the value of an optional reader to `target` when present.
template <typename T, typename U>
void assign(const std::optional<T>& value, U& target) {
  if (value) target = *value;
}

Result<int64_t> version_field(const json& body) {
  TALLINN_ASSIGN_OR_RETURN(auto version, http::optional_integer_field(body, "version"));
  if (!version) return invalid("version", "is required: send the version you read");
  if (*version < 1) return invalid("version", "must be a positive integer");
  return *version;
}

// A nested reader's refusal, its field named from the top of the body.
Status within(const std::string& prefix, const Status& status) {
  if (status.code() != ErrorCode::kInvalid || status.field().empty()) return status;
  return invalid(prefix + "." + status.field(), status.message());
}

Result<MeasureScore> measure_from_json(const json& body, const std::string& field) {
  if (!body.is_object()) return invalid(field, "must be an object with score and evidence");
  MeasureScore measure;
  Status read = [&]() -> Status {
    TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(body, {"score", "evidence"}));
    TALLINN_ASSIGN_OR_RETURN(int64_t score, http::integer_field(body, "score"));
    if (score < 0 || score > kMaxMeasureScore) return invalid("score", "must be an integer 0..5");
    measure.score = static_cast<int>(score);
    TALLINN_ASSIGN_OR_RETURN(auto evidence, http::optional_string_field(body, "evidence"));
    assign(evidence, measure.evidence);
    return Status::ok();
  }();
  if (!read.is_ok()) return within(field, read);
  return measure;
}

Result<std::array<MeasureScore, kMeasureCount>> measures_from_json(const json& body) {
  if (!body.contains("measures")) return invalid("measures", "is required");
  const json& measures = body["measures"];
  if (!measures.is_object()) return invalid("measures", "must be an object keyed by measure");
  for (const auto& item : measures.items()) {
    if (!parse_measure(item.key())) {
      return invalid("measures." + item.key(), "is not a NIS2 Art. 21(2) measure");
    }
  }
  std::array<MeasureScore, kMeasureCount> scores{};
  for (int index = 0; index < kMeasureCount; ++index) {
    std::string name(to_string(static_cast<Measure>(index)));
    std::string field = "measures." + name;
    if (!measures.contains(name)) return invalid(field, "is required");
    TALLINN_ASSIGN_OR_RETURN(scores[index], measure_from_json(measures[name], field));
  }
  return scores;
}

}  // namespace

Result<service::AssessmentDraft> assessment_draft_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(
      body, {"org", "title", "sector", "region", "criticality", "measures", "tlp", "access"}));
  service::AssessmentDraft draft;
  TALLINN_ASSIGN_OR_RETURN(draft.org, id_field(body, "org"));
  TALLINN_ASSIGN_OR_RETURN(draft.title, http::string_field(body, "title"));
  TALLINN_ASSIGN_OR_RETURN(draft.sector,
                           required_word<Sector>(body, "sector", parse_sector, kSectorWords));
  TALLINN_ASSIGN_OR_RETURN(draft.region,
                           required_word<Region>(body, "region", parse_region, kRegionWords));
  TALLINN_ASSIGN_OR_RETURN(auto criticality, priority_field(body, "criticality"));
  if (!criticality) return invalid("criticality", "is required");
  draft.criticality = *criticality;
  TALLINN_ASSIGN_OR_RETURN(draft.measures, measures_from_json(body));
  TALLINN_ASSIGN_OR_RETURN(draft.tlp, tlp_field(body));
  TALLINN_ASSIGN_OR_RETURN(auto access, access_field(body));
  assign(access, draft.access);
  return draft;
}

Result<service::NeedDraft> need_draft_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(
      body, {"org", "title", "description", "sector", "region", "category", "amount", "priority",
             "divisible", "tlp", "access"}));
  service::NeedDraft draft;
  TALLINN_ASSIGN_OR_RETURN(draft.org, id_field(body, "org"));
  TALLINN_ASSIGN_OR_RETURN(draft.title, http::string_field(body, "title"));
  TALLINN_ASSIGN_OR_RETURN(auto description, http::optional_string_field(body, "description"));
  assign(description, draft.description);
  TALLINN_ASSIGN_OR_RETURN(draft.sector,
                           required_word<Sector>(body, "sector", parse_sector, kSectorWords));
  TALLINN_ASSIGN_OR_RETURN(draft.region,
                           required_word<Region>(body, "region", parse_region, kRegionWords));
  TALLINN_ASSIGN_OR_RETURN(
      draft.category, required_word<Category>(body, "category", parse_category, kCategoryWords));
  TALLINN_ASSIGN_OR_RETURN(auto amount, money_field(body, "amount"));
  if (!amount) return invalid("amount", "is required");
  draft.amount = *amount;
  TALLINN_ASSIGN_OR_RETURN(auto priority, priority_field(body, "priority"));
  if (!priority) return invalid("priority", "is required");
  draft.priority = *priority;
  TALLINN_ASSIGN_OR_RETURN(auto divisible, http::optional_bool_field(body, "divisible"));
  assign(divisible, draft.divisible);
  TALLINN_ASSIGN_OR_RETURN(auto tlp, tlp_field(body));
  assign(tlp, draft.tlp);
  TALLINN_ASSIGN_OR_RETURN(auto access, access_field(body));
  assign(access, draft.access);
  return draft;
}

Result<service::NeedPatch> need_patch_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(
      body, {"version", "title", "description", "sector", "region", "category", "amount",
             "priority", "national_priority", "divisible", "tlp", "access", "reason"}));
  service::NeedPatch patch;
  TALLINN_ASSIGN_OR_RETURN(patch.version, version_field(body));
  TALLINN_ASSIGN_OR_RETURN(patch.title, http::optional_string_field(body, "title"));
  TALLINN_ASSIGN_OR_RETURN(patch.description, http::optional_string_field(body, "description"));
  TALLINN_ASSIGN_OR_RETURN(patch.sector, sector_field(body, "sector"));
  TALLINN_ASSIGN_OR_RETURN(patch.region, region_field(body, "region"));
  TALLINN_ASSIGN_OR_RETURN(patch.category, category_field(body, "category"));
  TALLINN_ASSIGN_OR_RETURN(patch.amount, money_field(body, "amount"));
  TALLINN_ASSIGN_OR_RETURN(patch.priority, priority_field(body, "priority"));
  if (body.contains("national_priority")) {
    if (body["national_priority"].is_null()) {
      patch.national_priority = std::optional<int>();
    } else {
      TALLINN_ASSIGN_OR_RETURN(auto national, priority_field(body, "national_priority"));
      patch.national_priority = national;
    }
  }
  TALLINN_ASSIGN_OR_RETURN(patch.divisible, http::optional_bool_field(body, "divisible"));
  TALLINN_ASSIGN_OR_RETURN(patch.tlp, tlp_field(body));
  TALLINN_ASSIGN_OR_RETURN(patch.access, access_field(body));
  TALLINN_ASSIGN_OR_RETURN(auto reason, http::optional_string_field(body, "reason"));
  assign(reason, patch.reason);
  return patch;
}

Result<service::NeedMove> need_move_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(body, {"to", "reason", "duplicate_of"}));
  service::NeedMove move;
  TALLINN_ASSIGN_OR_RETURN(
      move.to, required_word<NeedStatus>(body, "to", parse_need_status, "a need state"));
  TALLINN_ASSIGN_OR_RETURN(auto reason, http::optional_string_field(body, "reason"));
  assign(reason, move.reason);
  TALLINN_ASSIGN_OR_RETURN(move.duplicate_of, id_field(body, "duplicate_of"));
  return move;
}

Result<service::OfferDraft> offer_draft_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(
      http::reject_unknown_fields(body, {"org", "title", "description", "budget", "currency",
                                         "sectors", "regions", "categories", "tlp", "access"}));
  service::OfferDraft draft;
  TALLINN_ASSIGN_OR_RETURN(draft.org, id_field(body, "org"));
  TALLINN_ASSIGN_OR_RETURN(draft.title, http::string_field(body, "title"));
  TALLINN_ASSIGN_OR_RETURN(auto description, http::optional_string_field(body, "description"));
  assign(description, draft.description);
  TALLINN_ASSIGN_OR_RETURN(auto budget, money_field(body, "budget"));
  if (!budget) return invalid("budget", "is required");
  draft.budget = *budget;
  TALLINN_ASSIGN_OR_RETURN(auto currency, http::optional_string_field(body, "currency"));
  assign(currency, draft.currency);
  TALLINN_ASSIGN_OR_RETURN(auto sectors,
                           optional_word_list<Sector>(body, "sectors", parse_sector, kSectorWords));
  assign(sectors, draft.sectors);
  TALLINN_ASSIGN_OR_RETURN(auto regions,
                           optional_word_list<Region>(body, "regions", parse_region, kRegionWords));
  assign(regions, draft.regions);
  TALLINN_ASSIGN_OR_RETURN(
      auto categories,
      optional_word_list<Category>(body, "categories", parse_category, kCategoryWords));
  assign(categories, draft.categories);
  TALLINN_ASSIGN_OR_RETURN(auto tlp, tlp_field(body));
  assign(tlp, draft.tlp);
  TALLINN_ASSIGN_OR_RETURN(auto access, access_field(body));
  assign(access, draft.access);
  return draft;
}

Result<service::OfferPatch> offer_patch_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(
      body, {"version", "title", "description", "budget", "sectors", "regions", "categories",
             "status", "tlp", "access", "reason"}));
  service::OfferPatch patch;
  TALLINN_ASSIGN_OR_RETURN(patch.version, version_field(body));
  TALLINN_ASSIGN_OR_RETURN(patch.title, http::optional_string_field(body, "title"));
  TALLINN_ASSIGN_OR_RETURN(patch.description, http::optional_string_field(body, "description"));
  TALLINN_ASSIGN_OR_RETURN(patch.budget, money_field(body, "budget"));
  TALLINN_ASSIGN_OR_RETURN(patch.sectors,
                           optional_word_list<Sector>(body, "sectors", parse_sector, kSectorWords));
  TALLINN_ASSIGN_OR_RETURN(patch.regions,
                           optional_word_list<Region>(body, "regions", parse_region, kRegionWords));
  TALLINN_ASSIGN_OR_RETURN(
      patch.categories,
      optional_word_list<Category>(body, "categories", parse_category, kCategoryWords));
  TALLINN_ASSIGN_OR_RETURN(patch.status, optional_word<OfferStatus>(
                                             body, "status", parse_offer_status, "open or closed"));
  TALLINN_ASSIGN_OR_RETURN(patch.tlp, tlp_field(body));
  TALLINN_ASSIGN_OR_RETURN(patch.access, access_field(body));
  TALLINN_ASSIGN_OR_RETURN(auto reason, http::optional_string_field(body, "reason"));
  assign(reason, patch.reason);
  return patch;
}

Result<service::OrganisationDraft> organisation_draft_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(body, {"name", "kind", "country"}));
  service::OrganisationDraft draft;
  TALLINN_ASSIGN_OR_RETURN(draft.name, http::string_field(body, "name"));
  TALLINN_ASSIGN_OR_RETURN(draft.kind, required_word<Role>(body, "kind", parse_role, kRoleWords));
  TALLINN_ASSIGN_OR_RETURN(auto country, http::optional_string_field(body, "country"));
  assign(country, draft.country);
  return draft;
}

Result<service::OrganisationPatch> organisation_patch_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(body, {"version", "name", "country"}));
  service::OrganisationPatch patch;
  TALLINN_ASSIGN_OR_RETURN(patch.version, version_field(body));
  TALLINN_ASSIGN_OR_RETURN(patch.name, http::optional_string_field(body, "name"));
  TALLINN_ASSIGN_OR_RETURN(patch.country, http::optional_string_field(body, "country"));
  return patch;
}

Result<service::UserDraft> user_draft_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(body, {"org", "email", "password"}));
  service::UserDraft draft;
  TALLINN_ASSIGN_OR_RETURN(auto org, id_field(body, "org"));
  if (!org) return invalid("org", "is required");
  draft.org = *org;
  TALLINN_ASSIGN_OR_RETURN(draft.email, http::string_field(body, "email"));
  TALLINN_ASSIGN_OR_RETURN(draft.password, http::string_field(body, "password"));
  return draft;
}

Result<service::UserPatch> user_patch_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(
      http::reject_unknown_fields(body, {"version", "disabled", "password", "totp"}));
  service::UserPatch patch;
  TALLINN_ASSIGN_OR_RETURN(patch.version, version_field(body));
  if (body.contains("totp")) {
    // Only removal: a secret is never set by someone other than its holder.
    if (!body["totp"].is_null()) {
      return invalid("totp", "only null, which removes the enrolled authenticator");
    }
    patch.reset_second_factor = true;
  }
  TALLINN_ASSIGN_OR_RETURN(patch.disabled, http::optional_bool_field(body, "disabled"));
  TALLINN_ASSIGN_OR_RETURN(patch.password, http::optional_string_field(body, "password"));
  return patch;
}

Result<store::PageRequest> page_from_query(const http::Request& request, int default_limit) {
  store::PageRequest page{.limit = default_limit, .cursor = {}};
  if (auto limit = request.query_param("limit")) {
    int value = 0;
    bool digits_only = !limit->empty() && limit->size() <= 3 &&
                       std::all_of(limit->begin(), limit->end(), is_ascii_digit);
    if (digits_only) value = std::stoi(std::string(*limit));
    if (!digits_only || value < 1 || value > 200) {
      return invalid("limit", "must be an integer 1..200");
    }
    page.limit = value;
  }
  if (auto cursor = request.query_param("cursor")) page.cursor = std::string(*cursor);
  return page;
}

namespace {

template <typename T, typename Parse>
Status query_word(const http::Request& request, const char* name, Parse parse, const char* expected,
                  std::optional<T>& target) {
  auto text = request.query_param(name);
  if (!text) return Status::ok();
  target = parse(*text);
  if (!target) return invalid(name, std::string("must be ") + expected);
  return Status::ok();
}

Status query_id(const http::Request& request, std::optional<Id>& target, const char* name = "org") {
  auto text = request.query_param(name);
  if (!text) return Status::ok();
  if (!is_id(*text)) return invalid(name, "must be an id");
  target = std::string(*text);
  return Status::ok();
}

}  // namespace

Result<store::NeedFilter> need_filter_from_query(const http::Request& request) {
  store::NeedFilter filter;
  TALLINN_RETURN_IF_ERROR(
      query_word(request, "status", parse_need_status, "a need state", filter.status));
  TALLINN_RETURN_IF_ERROR(query_word(request, "sector", parse_sector, kSectorWords, filter.sector));
  TALLINN_RETURN_IF_ERROR(query_word(request, "region", parse_region, kRegionWords, filter.region));
  TALLINN_RETURN_IF_ERROR(
      query_word(request, "category", parse_category, kCategoryWords, filter.category));
  TALLINN_RETURN_IF_ERROR(query_id(request, filter.org));
  TALLINN_RETURN_IF_ERROR(query_id(request, filter.assessment, "assessment"));
  if (auto text = request.query_param("q")) filter.text = std::string(*text);
  return filter;
}

Result<store::AssessmentFilter> assessment_filter_from_query(const http::Request& request) {
  store::AssessmentFilter filter;
  TALLINN_RETURN_IF_ERROR(query_id(request, filter.org));
  return filter;
}

Result<store::OfferFilter> offer_filter_from_query(const http::Request& request) {
  store::OfferFilter filter;
  TALLINN_RETURN_IF_ERROR(
      query_word(request, "status", parse_offer_status, "open or closed", filter.status));
  TALLINN_RETURN_IF_ERROR(query_id(request, filter.org));
  if (auto text = request.query_param("q")) filter.text = std::string(*text);
  return filter;
}

Result<double> time_limit_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(body, {"time_limit"}));
  TALLINN_ASSIGN_OR_RETURN(auto seconds, http::optional_number_field(body, "time_limit"));
  return seconds.value_or(10.0);
}

Result<Id> run_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(body, {"run"}));
  TALLINN_ASSIGN_OR_RETURN(auto run, id_field(body, "run"));
  if (!run) return invalid("run", "is required");
  return *run;
}

Result<service::MeetingDraft> meeting_draft_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(
      http::reject_unknown_fields(body, {"title", "agenda", "minutes", "attendance"}));
  service::MeetingDraft draft;
  TALLINN_ASSIGN_OR_RETURN(draft.title, http::string_field(body, "title"));
  TALLINN_ASSIGN_OR_RETURN(auto agenda, http::optional_string_field(body, "agenda"));
  assign(agenda, draft.agenda);
  TALLINN_ASSIGN_OR_RETURN(auto minutes, http::optional_string_field(body, "minutes"));
  assign(minutes, draft.minutes);
  TALLINN_ASSIGN_OR_RETURN(auto attendance, http::optional_string_array_field(body, "attendance"));
  if (attendance) {
    for (size_t index = 0; index < attendance->size(); ++index) {
      if (!is_id((*attendance)[index])) {
        return invalid("attendance[" + std::to_string(index) + "]", "must be an id");
      }
    }
    draft.attendance = *attendance;
  }
  return draft;
}

Result<service::MeetingClose> meeting_close_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(body, {"minutes"}));
  service::MeetingClose close;
  TALLINN_ASSIGN_OR_RETURN(close.minutes, http::optional_string_field(body, "minutes"));
  return close;
}

Result<service::DecisionInput> decision_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(
      http::reject_unknown_fields(body, {"meeting", "decision", "reason", "corrects"}));
  service::DecisionInput input;
  TALLINN_ASSIGN_OR_RETURN(auto meeting, id_field(body, "meeting"));
  if (!meeting) return invalid("meeting", "is required");
  input.meeting = *meeting;
  TALLINN_ASSIGN_OR_RETURN(input.decision,
                           required_word<DecisionKind>(body, "decision", parse_decision_kind,
                                                       "approve, reject or defer"));
  TALLINN_ASSIGN_OR_RETURN(auto reason, http::optional_string_field(body, "reason"));
  assign(reason, input.reason);
  TALLINN_ASSIGN_OR_RETURN(input.corrects, id_field(body, "corrects"));
  return input;
}

Result<Id> implementer_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(http::reject_unknown_fields(body, {"implementer"}));
  TALLINN_ASSIGN_OR_RETURN(auto implementer, id_field(body, "implementer"));
  if (!implementer) return invalid("implementer", "is required");
  return *implementer;
}

Result<service::ReportInput> report_from_json(const json& body) {
  TALLINN_RETURN_IF_ERROR(
      http::reject_unknown_fields(body, {"percent", "note", "milestone", "attachment"}));
  service::ReportInput input;
  TALLINN_ASSIGN_OR_RETURN(int64_t percent, http::integer_field(body, "percent"));
  if (percent < 0 || percent > 100) return invalid("percent", "must be 0 to 100");
  input.percent = static_cast<int>(percent);
  TALLINN_ASSIGN_OR_RETURN(auto note, http::optional_string_field(body, "note"));
  assign(note, input.note);
  TALLINN_ASSIGN_OR_RETURN(auto milestone, http::optional_string_field(body, "milestone"));
  assign(milestone, input.milestone);
  if (body.contains("attachment")) {
    const json& attachment = body.at("attachment");
    if (!attachment.is_object()) return invalid("attachment", "must be an object");
    Status known = http::reject_unknown_fields(attachment, {"name", "content_type", "data"});
    if (!known.is_ok()) return invalid("attachment." + known.field(), known.message());
    Attachment value;
    auto name = http::string_field(attachment, "name");
    if (!name.is_ok()) return invalid("attachment.name", "is required");
    auto type = http::string_field(attachment, "content_type");
    if (!type.is_ok()) return invalid("attachment.content_type", "is required");
    auto data = http::string_field(attachment, "data");
    if (!data.is_ok()) return invalid("attachment.data", "is required");
    value.name = *name;
    value.content_type = *type;
    value.base64 = *data;
    input.attachment = std::move(value);
  }
  return input;
}

Result<store::AllocationFilter> allocation_filter_from_query(const http::Request& request) {
  store::AllocationFilter filter;
  const auto id_param = [&](std::string_view name, std::optional<Id>& target) -> Status {
    std::optional<std::string_view> value = request.query_param(name);
    if (!value) return Status::ok();
    if (!is_id(*value)) return invalid(std::string(name), "must be an id");
    target = std::string(*value);
    return Status::ok();
  };
  TALLINN_RETURN_IF_ERROR(id_param("need", filter.need));
  TALLINN_RETURN_IF_ERROR(id_param("offer", filter.offer));
  TALLINN_RETURN_IF_ERROR(id_param("proposal", filter.proposal));
  TALLINN_RETURN_IF_ERROR(id_param("run", filter.run));
  return filter;
}

Result<service::CoverageBy> coverage_by_from_query(const http::Request& request) {
  std::optional<service::CoverageBy> by =
      service::parse_coverage_by(request.query_param("by").value_or("sector"));
  if (!by) return invalid("by", "must be sector, region, category or priority");
  return *by;
}

}  // namespace tallinn::api
