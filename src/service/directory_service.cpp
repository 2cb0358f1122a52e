#include "service/directory_service.h"

#include "auth/breached_passwords.h"
#include "auth/password.h"
#include "auth/password_policy.h"
#include "core/validation.h"
#include "service/patch.h"
#include "service/write.h"

namespace tallinn::service {

policy::Actor DirectoryService::command_line_operator() {
  policy::Actor actor;
  actor.role = Role::kAdmin;
  actor.signed_in = true;
  return actor;
}

Result<Organisation> DirectoryService::create_organisation(const policy::Actor& actor,
                                                           const OrganisationDraft& draft) {
  AuditEvent event{.action = "organisation.create", .record_type = "organisation"};
  return run_write<Organisation>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<Organisation> {
        Organisation organisation;
        organisation.id = new_id(context_.random);
        event.record_id = organisation.id;
        organisation.name = draft.name;
        organisation.kind = draft.kind;
        organisation.country = draft.country;
        organisation.created_at = organisation.updated_at = context_.clock.now_ms();
        TALLINN_RETURN_IF_ERROR(policy::check(actor, policy::Action::kManageOrganisations,
                                              policy_record(organisation)));
        TALLINN_RETURN_IF_ERROR(validate_organisation(organisation));
        TALLINN_RETURN_IF_ERROR(transaction.insert_organisation(organisation));
        event.state = canonical_state(organisation);
        return organisation;
      });
}

Result<Organisation> DirectoryService::organisation(const policy::Actor& actor, const Id& id) {
  return read_visible<Organisation>(context_, actor, [&](store::Transaction& transaction) {
    return transaction.organisation(id);
  });
}

Result<store::Page<Organisation>> DirectoryService::list_organisations(
    const policy::Actor& actor, const store::PageRequest& page) {
  if (!actor.signed_in) return Status(ErrorCode::kUnauthenticated, "sign in first");
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  return transaction->list_organisations(page);
}

Result<Organisation> DirectoryService::update_organisation(const policy::Actor& actor, const Id& id,
                                                           const OrganisationPatch& patch) {
  AuditEvent event{.action = "organisation.update", .record_type = "organisation", .record_id = id};
  return run_write<Organisation>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<Organisation> {
        TALLINN_ASSIGN_OR_RETURN(Organisation organisation, transaction.organisation(id));
        TALLINN_RETURN_IF_ERROR(policy::check(actor, policy::Action::kManageOrganisations,
                                              policy_record(organisation)));
        if (patch.version != organisation.version) {
          return conflict("the organisation was changed by someone else");
        }
        patch_field(patch.name, organisation.name, "name", event.changed_fields);
        patch_field(patch.country, organisation.country, "country", event.changed_fields);
        TALLINN_RETURN_IF_ERROR(validate_organisation(organisation));
        if (event.changed_fields.empty()) return organisation;
        organisation.updated_at = context_.clock.now_ms();
        TALLINN_RETURN_IF_ERROR(transaction.update_organisation(organisation, patch.version));
        organisation.version = patch.version + 1;
        event.state = canonical_state(organisation);
        return organisation;
      });
}

Result<User> DirectoryService::create_user(const policy::Actor& actor, const UserDraft& draft) {
  // Refused before any hashing: a huge password must cost nothing.
  TALLINN_RETURN_IF_ERROR(auth::check_new_password(draft.password));
  TALLINN_RETURN_IF_ERROR(auth::check_not_breached(context_.breached_passwords, draft.password));
  AuditEvent event{.action = "user.create", .record_type = "user"};
  return run_write<User>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<User> {
        User user;
        user.id = new_id(context_.random);
        event.record_id = user.id;
        user.org = draft.org;
        user.email = draft.email;
        user.created_at = user.updated_at = context_.clock.now_ms();
        TALLINN_RETURN_IF_ERROR(
            policy::check(actor, policy::Action::kManageUsers, policy_record(user)));
        TALLINN_RETURN_IF_ERROR(validate_email(user.email));
        Result<Organisation> organisation = transaction.organisation(user.org);
        if (!organisation.is_ok()) {
          if (organisation.status().code() != ErrorCode::kNotFound) return organisation.status();
          return invalid("org", "must be the id of an organisation");
        }
        user.role = organisation->kind;
        TALLINN_RETURN_IF_ERROR(auth::check_password_context(
            draft.password, {.email = user.email, .organisation_name = organisation->name}));
        TALLINN_ASSIGN_OR_RETURN(std::string hash, auth::hash_password(draft.password));
        Status inserted = transaction.insert_user(user, hash);
        if (inserted.code() == ErrorCode::kConflict) {
          return Status(ErrorCode::kConflict, "an account with this email already exists", "email");
        }
        TALLINN_RETURN_IF_ERROR(inserted);
        event.state = canonical_state(user);
        return user;
      });
}

Result<User> DirectoryService::user(const policy::Actor& actor, const Id& id) {
  return read_visible<User>(context_, actor,
                            [&](store::Transaction& transaction) { return transaction.user(id); });
}

Result<store::Page<User>> DirectoryService::list_users(const policy::Actor& actor,
                                                       const std::optional<Id>& org,
                                                       const store::PageRequest& page) {
  if (!actor.signed_in) return Status(ErrorCode::kUnauthenticated, "sign in first");
  std::optional<Id> visible_org = org;
  bool sees_everyone = actor.role == Role::kAdmin || is_office(actor.role);
  if (!sees_everyone) {
    // Anyone else sees their own organisation's accounts and nobody else's.
    if (org && *org != actor.org) return store::Page<User>{};
    visible_org = actor.org;
  }
  TALLINN_ASSIGN_OR_RETURN(auto transaction, context_.store.begin(store::TransactionMode::kRead));
  return transaction->list_users(visible_org, page);
}

Result<User> DirectoryService::update_user(const policy::Actor& actor, const Id& id,
                                           const UserPatch& patch) {
  if (patch.password) {
    TALLINN_RETURN_IF_ERROR(auth::check_new_password(*patch.password));
    TALLINN_RETURN_IF_ERROR(auth::check_not_breached(context_.breached_passwords, *patch.password));
  }
  AuditEvent event{.action = "user.update", .record_type = "user", .record_id = id};
  return run_write<User>(
      context_, actor, event,
      [&](store::Transaction& transaction, AuditEvent& event) -> Result<User> {
        TALLINN_ASSIGN_OR_RETURN(User user, transaction.user(id));
        TALLINN_RETURN_IF_ERROR(
            policy::check(actor, policy::Action::kManageUsers, policy_record(user)));
        if (patch.version != user.version) return conflict("the user was changed by someone else");
        patch_field(patch.disabled, user.disabled, "disabled", event.changed_fields);
        if (patch.password) {
          TALLINN_ASSIGN_OR_RETURN(Organisation organisation, transaction.organisation(user.org));
          TALLINN_RETURN_IF_ERROR(auth::check_password_context(
              *patch.password, {.email = user.email, .organisation_name = organisation.name}));
          TALLINN_ASSIGN_OR_RETURN(std::string hash, auth::hash_password(*patch.password));
          TALLINN_RETURN_IF_ERROR(transaction.set_password_hash(user.id, hash));
          event.changed_fields.push_back("password");
        }
        if (patch.reset_second_factor) {
          TALLINN_RETURN_IF_ERROR(transaction.set_second_factor(user.id, SecondFactor{}));
          TALLINN_RETURN_IF_ERROR(transaction.replace_recovery_codes(user.id, {}));
          event.changed_fields.push_back("totp");
        }
        if (event.changed_fields.empty()) return user;
        TALLINN_RETURN_IF_ERROR(transaction.delete_sessions_of(user.id));
        user.updated_at = context_.clock.now_ms();
        TALLINN_RETURN_IF_ERROR(transaction.update_user(user, patch.version));
        user.version = patch.version + 1;
        event.state = canonical_state(user);
        return user;
      });
}

Status DirectoryService::revoke_sessions(const policy::Actor& actor, const Id& id) {
  AuditEvent event{.action = "user.sessions_revoke", .record_type = "user", .record_id = id};
  return run_write<User>(context_, actor, event,
                         [&](store::Transaction& transaction, AuditEvent&) -> Result<User> {
                           TALLINN_ASSIGN_OR_RETURN(User user, transaction.user(id));
                           TALLINN_RETURN_IF_ERROR(policy::check(
                               actor, policy::Action::kManageUsers, policy_record(user)));
                           TALLINN_RETURN_IF_ERROR(transaction.delete_sessions_of(user.id));
                           return user;
                         })
      .status();
}

}  // namespace tallinn::service
