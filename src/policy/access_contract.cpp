#include "policy/access_contract.h"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

namespace tallinn::policy::testing {

namespace {

constexpr std::array<std::pair<Action, const char*>, kActionCount> kActionNames = {{
    {Action::kRead, "read"},
    {Action::kCreateNeed, "create_need"},
    {Action::kEditNeed, "edit_need"},
    {Action::kSubmitNeed, "submit_need"},
    {Action::kValidateNeed, "validate_need"},
    {Action::kPublishNeed, "publish_need"},
    {Action::kAdvanceNeed, "advance_need"},
    {Action::kRejectNeed, "reject_need"},
    {Action::kMarkDuplicate, "mark_duplicate"},
    {Action::kWithdrawNeed, "withdraw_need"},
    {Action::kVerifyDelivery, "verify_delivery"},
    {Action::kSetNationalPriority, "set_national_priority"},
    {Action::kCreateOffer, "create_offer"},
    {Action::kEditOffer, "edit_offer"},
    {Action::kRaiseMarking, "raise_marking"},
    {Action::kLowerMarking, "lower_marking"},
    {Action::kChangeAccess, "change_access"},
    {Action::kRunMatching, "run_matching"},
    {Action::kMakeProposal, "make_proposal"},
    {Action::kRecordDecision, "record_decision"},
    {Action::kManageMeetings, "manage_meetings"},
    {Action::kCommitAllocation, "commit_allocation"},
    {Action::kAssignImplementer, "assign_implementer"},
    {Action::kReportDelivery, "report_delivery"},
    {Action::kReadAudit, "read_audit"},
    {Action::kManageOrganisations, "manage_organisations"},
    {Action::kManageUsers, "manage_users"},
}};

const std::set<std::string> kRelationTokens = {"owner", "granted",  "named",      "creator",
                                               "self",  "assigned", "committing", "offer"};

std::vector<std::string> split_fields(const std::string& line) {
  std::istringstream stream(line.substr(0, line.find('#')));
  std::vector<std::string> fields;
  for (std::string field; stream >> field;) fields.push_back(field);
  return fields;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::istringstream stream(text);
  for (std::string part; std::getline(stream, part, ',');) parts.push_back(part);
  return parts;
}

bool is_known_token(const std::string& token) {
  if (token == "anyone" || token == "signed_in" || token == "office" || token == "marking") {
    return true;
  }
  if (kRelationTokens.count(token) || parse_role(token)) return true;
  size_t at = token.find('@');
  return at != std::string::npos && parse_role(token.substr(0, at)) &&
         kRelationTokens.count(token.substr(at + 1));
}

// The fields from `from` on, each a token of a "who" list; a misspelt token
// is an error rather than a silent "nobody".
Result<Who> who_from(const std::vector<std::string>& fields, size_t from) {
  Who who(fields.begin() + static_cast<std::ptrdiff_t>(from), fields.end());
  for (const std::string& token : who) {
    if (!is_known_token(token)) return invalid("who", "unknown token " + token);
  }
  return who;
}

std::optional<NeedStatus> parse_status(const std::string& text) { return parse_need_status(text); }

}  // namespace

std::string kind_name(RecordKind kind) {
  switch (kind) {
    case RecordKind::kNeed:
      return "need";
    case RecordKind::kOffer:
      return "offer";
    case RecordKind::kAllocation:
      return "allocation";
    case RecordKind::kAssessment:
      return "assessment";
    case RecordKind::kOrganisation:
      return "organisation";
    case RecordKind::kUser:
      return "user";
    case RecordKind::kAudit:
      return "audit";
  }
  return "?";
}

std::string action_name(Action action) { return kActionNames[static_cast<int>(action)].second; }

Result<AccessContract> AccessContract::load(const std::string& path) {
  std::ifstream file(path);
  if (!file) return invalid("path", "cannot open " + path);
  AccessContract contract;
  int number = 0;
  for (std::string line; std::getline(file, line);) {
    ++number;
    std::vector<std::string> fields = split_fields(line);
    if (fields.empty()) continue;
    Status status = contract.parse_line(fields);
    if (!status.is_ok()) {
      return invalid(path + ":" + std::to_string(number), status.message());
    }
  }
  return contract;
}

Status AccessContract::parse_line(const std::vector<std::string>& fields) {
  const std::string& keyword = fields[0];
  if (keyword == "see" && fields.size() >= 3) {
    std::optional<Tlp> tlp = parse_tlp(fields[1]);
    if (!tlp) return invalid("see", "unknown marking " + fields[1]);
    TALLINN_ASSIGN_OR_RETURN(marking_[*tlp], who_from(fields, 2));
  } else if (keyword == "reads" && fields.size() >= 3) {
    std::optional<Tlp> only_for = parse_tlp(fields[2]);
    TALLINN_ASSIGN_OR_RETURN(Who who, who_from(fields, only_for ? 3 : 2));
    reads_[fields[1]].push_back({only_for, std::move(who)});
  } else if (keyword == "before-validation") {
    for (size_t i = 1; i < fields.size(); ++i) {
      std::optional<NeedStatus> status = parse_status(fields[i]);
      if (!status) return invalid("before-validation", "unknown state " + fields[i]);
      before_validation_.insert(*status);
    }
  } else if (keyword == "may" && fields.size() >= 4) {
    TALLINN_ASSIGN_OR_RETURN(Who who, who_from(fields, 3));
    may_.push_back({fields[1], split_commas(fields[2]), std::move(who)});
  } else if (keyword == "refuse" && fields.size() >= 3) {
    TALLINN_ASSIGN_OR_RETURN(refuse_[fields[1]], who_from(fields, 2));
  } else if (keyword == "create" && fields.size() == 2) {
    creates_.insert(fields[1]);
  } else if (keyword == "open") {
    for (size_t i = 1; i < fields.size(); ++i) {
      std::optional<NeedStatus> status = parse_status(fields[i]);
      if (!status) return invalid("open", "unknown state " + fields[i]);
      open_.push_back(*status);
    }
  } else if (keyword == "move" && fields.size() == 4) {
    std::optional<NeedStatus> to = parse_status(fields[2]);
    if (!to) return invalid("move", "unknown state " + fields[2]);
    if (fields[1] == "open") {
      for (NeedStatus from : open_) moves_[{from, *to}] = fields[3];
    } else {
      std::optional<NeedStatus> from = parse_status(fields[1]);
      if (!from) return invalid("move", "unknown state " + fields[1]);
      moves_[{*from, *to}] = fields[3];
    }
  } else {
    return invalid(keyword, "unknown or incomplete line");
  }
  return Status::ok();
}

bool AccessContract::admits_token(const std::string& token, const Situation& situation) const {
  if (token == "anyone") return true;
  if (token == "marking") {
    auto rule = marking_.find(situation.tlp);
    return rule != marking_.end() && admits(rule->second, situation);
  }
  if (!situation.signed_in) return false;
  if (token == "signed_in") return true;
  if (token == "office") {
    return admits_token("front_office", situation) || admits_token("back_office", situation) ||
           admits_token("ua_authority", situation);
  }
  if (kRelationTokens.count(token)) return situation.relations.count(token) > 0;
  size_t at = token.find('@');
  if (at != std::string::npos) {
    return admits_token(token.substr(0, at), situation) &&
           admits_token(token.substr(at + 1), situation);
  }
  std::optional<Role> role = parse_role(token);
  return role && *role == situation.role;
}

bool AccessContract::admits(const Who& who, const Situation& situation) const {
  for (const std::string& token : who) {
    if (admits_token(token, situation)) return true;
  }
  return false;
}

bool AccessContract::sees(const Situation& situation) const {
  auto lines = reads_.find(kind_name(situation.kind));
  if (lines == reads_.end()) return false;
  for (const ReadLine& line : lines->second) {
    if (line.only_for && *line.only_for != situation.tlp) continue;
    if (!admits(line.who, situation)) return false;
  }
  return true;
}

bool AccessContract::kind_matches(const std::string& kind, const Situation& situation) const {
  if (kind == "*") return true;
  const std::string name = kind_name(situation.kind);
  if (kind == name) return true;
  const bool before = situation.need_status && before_validation_.count(*situation.need_status);
  return (kind == name + ":before" && before) || (kind == name + ":after" && !before);
}

Verdict AccessContract::expected(const Situation& situation, const std::string& action) const {
  if (!creates_.count(action) && !sees(situation)) return Verdict::kHidden;
  if (action == "read") return Verdict::kAllow;
  for (const std::string& refused_for : {std::string("*"), action}) {
    auto refusal = refuse_.find(refused_for);
    if (refusal != refuse_.end() && admits(refusal->second, situation)) return Verdict::kForbidden;
  }
  for (const MayLine& line : may_) {
    if (line.action != action) continue;
    for (const std::string& kind : line.kinds) {
      if (kind_matches(kind, situation) && admits(line.who, situation)) return Verdict::kAllow;
    }
  }
  return Verdict::kForbidden;
}

std::optional<std::string> AccessContract::action_for_move(NeedStatus from, NeedStatus to) const {
  auto move = moves_.find({from, to});
  if (move == moves_.end()) return std::nullopt;
  return move->second;
}

std::set<std::string> AccessContract::actions_named() const {
  std::set<std::string> names;
  for (const MayLine& line : may_) names.insert(line.action);
  return names;
}

}  // namespace tallinn::policy::testing
