// Organisations and user accounts: the admin's work (access.md, "manage
// organisations and users"), plus what every signed-in user may read.
#pragma once

#include <optional>
#include <string>

#include "core/domain.h"
#include "policy/access.h"
#include "service/context.h"

namespace tallinn::service {

struct OrganisationDraft {
  std::string name;
  Role kind = Role::kBeneficiary;
  std::string country;
};

struct OrganisationPatch {
  int64_t version = 0;
  std::optional<std::string> name;
  std::optional<std::string> country;
};

struct UserDraft {
  Id org;
  std::string email;
  std::string password;
};

struct UserPatch {
  int64_t version = 0;
  std::optional<bool> disabled;
  std::optional<std::string> password;
  // Removes the enrolled authenticator and the recovery codes (a lost
  // device): the user enrols again at the next sign-in.
  bool reset_second_factor = false;
};

class DirectoryService {
 public:
  explicit DirectoryService(Context& context) : context_(context) {}

  // The operator at the host's command line acts as this actor: the CLI
  // (`tallinn org add`, `user add`) has the admin's rights over accounts.
  static policy::Actor command_line_operator();

  Result<Organisation> create_organisation(const policy::Actor& actor,
                                           const OrganisationDraft& draft);
  Result<Organisation> organisation(const policy::Actor& actor, const Id& id);
  Result<store::Page<Organisation>> list_organisations(const policy::Actor& actor,
                                                       const store::PageRequest& page);
  Result<Organisation> update_organisation(const policy::Actor& actor, const Id& id,
                                           const OrganisationPatch& patch);

  // The role is the organisation's kind. A second account with the same
  // email (case-insensitively) is kConflict.
  Result<User> create_user(const policy::Actor& actor, const UserDraft& draft);
  Result<User> user(const policy::Actor& actor, const Id& id);
  // Admins and the offices list every account; others their own organisation's.
  Result<store::Page<User>> list_users(const policy::Actor& actor, const std::optional<Id>& org,
                                       const store::PageRequest& page);
  // Disabling an account or changing its password ends all its sessions.
  Result<User> update_user(const policy::Actor& actor, const Id& id, const UserPatch& patch);
  // Ends every session of the account at once (ASVS V7.4.5), leaving it
  // enabled and its password as it is: an administrator's answer to a
  // stolen or forgotten session. The same decision as update_user
  // (kManageUsers); audited as user.sessions_revoke. kNotFound for an
  // unknown id.
  Status revoke_sessions(const policy::Actor& actor, const Id& id);

 private:
  Context& context_;
};

}  // namespace tallinn::service
