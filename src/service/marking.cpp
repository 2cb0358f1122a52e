#include "service/marking.h"

#include "core/validation.h"

namespace tallinn::service {

Status apply_marking_change(const policy::Actor& actor, const policy::Record& before,
                            const MarkingChange& change, Tlp& tlp, Access& access,
                            std::vector<std::string>& changed_fields) {
  Tlp new_tlp = change.tlp.value_or(before.tlp);
  if (auto action = policy::marking_action(before.tlp, new_tlp)) {
    TALLINN_RETURN_IF_ERROR(policy::check(actor, *action, before));
    if (*action == policy::Action::kLowerMarking && change.reason.empty()) {
      return invalid("reason", "lowering a marking needs a reason");
    }
    changed_fields.push_back("tlp");
  }
  Access new_access = change.access.value_or(before.access);
  if (new_access != before.access) {
    TALLINN_RETURN_IF_ERROR(validate_access(new_access));
    TALLINN_RETURN_IF_ERROR(policy::check(actor, policy::Action::kChangeAccess, before));
    if (new_access.orgs != before.access.orgs) changed_fields.push_back("access.orgs");
    if (new_access.users != before.access.users) changed_fields.push_back("access.users");
  }
  TALLINN_RETURN_IF_ERROR(policy::check_grants(new_tlp, before.owner_org, new_access));
  tlp = new_tlp;
  access = std::move(new_access);
  return Status::ok();
}

}  // namespace tallinn::service
