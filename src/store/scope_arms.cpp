#include "store/scope_arms.h"

namespace tallinn::store {

std::vector<ScopeArm> scope_arms(const ReadScope& scope) {
  std::vector<ScopeArm> arms;
  bool has_org = !scope.org.empty();
  bool has_user = !scope.user.empty();
  for (int index = 0; index < kTlpCount; ++index) {
    const ReadScope::Clause& clause = scope.by_tlp[index];
    Tlp tlp = static_cast<Tlp>(index);
    if (clause.all) {
      arms.push_back({tlp, Relation::kAny});
      continue;
    }
    if (clause.owner_org && has_org) arms.push_back({tlp, Relation::kOwnerOrg});
    if (clause.creator && has_user) arms.push_back({tlp, Relation::kCreator});
    if (clause.granted_org && has_org) arms.push_back({tlp, Relation::kGrantedOrg});
    if (clause.named_user && has_user) arms.push_back({tlp, Relation::kNamedUser});
  }
  return arms;
}

}  // namespace tallinn::store
