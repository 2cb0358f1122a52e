// Test support: access.md as transcribed in tests/cases/access/rules.txt,
// and the verdict that transcription expects. Deliberately independent of
// policy/access.cpp: it reads its own table and never calls the
// implementation's rules, so the two can only agree by both following the
// contract. See rules.txt for the format.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "policy/access.h"

namespace tallinn::policy::testing {

// Tokens any of which admits an actor (rules.txt, "who" lists).
using Who = std::vector<std::string>;

// The facts the contract talks about: who acts and how they relate to the
// record ("owner", "granted", "named", "creator", "self", "offer",
// "assigned", "committing").
struct Situation {
  bool signed_in = false;
  Role role = Role::kObserver;
  std::set<std::string> relations;
  RecordKind kind = RecordKind::kNeed;
  Tlp tlp = Tlp::kAmber;
  std::optional<NeedStatus> need_status;
};

class AccessContract {
 public:
  // Parses the rules file; kInvalid naming the line when it does not parse.
  static Result<AccessContract> load(const std::string& path);

  // The verdict access.md expects for `action` ("read", "edit_need", ...).
  Verdict expected(const Situation& situation, const std::string& action) const;

  // The action the contract names for a move, or nullopt when it is none.
  std::optional<std::string> action_for_move(NeedStatus from, NeedStatus to) const;

  // Every action named by a "may" line.
  std::set<std::string> actions_named() const;

 private:
  struct ReadLine {
    std::optional<Tlp> only_for;
    Who who;
  };
  struct MayLine {
    std::string action;
    std::vector<std::string> kinds;  // "need", "need:before", "*", ...
    Who who;
  };

  Status parse_line(const std::vector<std::string>& fields);
  bool admits(const Who& who, const Situation& situation) const;
  bool admits_token(const std::string& token, const Situation& situation) const;
  bool sees(const Situation& situation) const;
  bool kind_matches(const std::string& kind, const Situation& situation) const;

  std::map<Tlp, Who> marking_;
  std::map<std::string, std::vector<ReadLine>> reads_;  // by kind name
  std::set<NeedStatus> before_validation_;
  std::vector<MayLine> may_;
  std::map<std::string, Who> refuse_;  // by action name, "*" for every one
  std::set<std::string> creates_;
  std::vector<NeedStatus> open_;
  std::map<std::pair<NeedStatus, NeedStatus>, std::string> moves_;
};

// Names as rules.txt spells them.
std::string kind_name(RecordKind kind);
std::string action_name(Action action);

}  // namespace tallinn::policy::testing
