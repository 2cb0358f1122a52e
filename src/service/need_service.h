// Use cases on needs: create, read, list, count, edit and move through the
// lifecycle. Every call decides access with policy::decide() and every write
// (or refused attempt) is audited. Transport-free: http and cli both call it.
#pragma once

#include <optional>
#include <string>

#include "core/domain.h"
#include "policy/access.h"
#include "service/context.h"

namespace tallinn::service {

// A need as its author states it. Status, creator, version and times are the
// platform's to set.
struct NeedDraft {
  std::optional<Id> org;  // a beneficiary may leave it out: its own organisation
  std::string title;
  std::string description;
  Sector sector = Sector::kEnergy;
  Region region = 0;
  Category category = Category::kEquipment;
  Cents amount = 0;
  int priority = 3;
  bool divisible = true;
  Tlp tlp = Tlp::kAmber;  // access.md: new needs default to AMBER
  Access access;
};

// A partial edit. `version` is the version the editor read (optimistic
// concurrency). Lowering the marking needs a `reason`.
struct NeedPatch {
  int64_t version = 0;
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<Sector> sector;
  std::optional<Region> region;
  std::optional<Category> category;
  std::optional<Cents> amount;
  std::optional<int> priority;
  std::optional<bool> divisible;
  std::optional<std::optional<int>> national_priority;
  std::optional<Tlp> tlp;
  std::optional<Access> access;
  std::string reason;
};

struct NeedMove {
  NeedStatus to = NeedStatus::kSubmitted;
  std::string reason;
  std::optional<Id> duplicate_of;  // required when `to` is duplicate
};

// A need names the need it duplicates and the assessment it came from; a
// reader who may not see that record gets the link blanked, so a need it
// may see never reveals that an invisible record exists (found by the leak
// oracle, tests/leak/: a GREEN duplicate of a RED need named it).
Status hide_invisible_links(store::Transaction& transaction, const policy::Actor& reader,
                            Need& need);

class NeedService {
 public:
  explicit NeedService(Context& context) : context_(context) {}

  Result<Need> create(const policy::Actor& actor, const NeedDraft& draft);
  // kNotFound when absent or invisible, alike.
  Result<Need> get(const policy::Actor& actor, const Id& id);
  Result<store::Page<Need>> list(const policy::Actor& actor, const store::NeedFilter& filter,
                                 const store::PageRequest& page);
  Result<int64_t> count(const policy::Actor& actor, const store::NeedFilter& filter);
  // kConflict when `patch.version` is stale.
  Result<Need> update(const policy::Actor& actor, const Id& id, const NeedPatch& patch);
  // kConflict when the move does not exist from the need's current state.
  Result<Need> move(const policy::Actor& actor, const Id& id, const NeedMove& move);

 private:
  Context& context_;
};

}  // namespace tallinn::service
