#include "cli/directory_commands.h"

#include <iostream>
#include <iterator>
#include <memory>

#include "auth/password.h"
#include "cli/runtime.h"
#include "service/directory_service.h"

namespace tallinn::cli {
namespace {

struct OrgAddOptions {
  std::string db = kDefaultDatabase;
  std::string name;
  std::string kind;
  std::string country;
};

struct UserAddOptions {
  std::string db = kDefaultDatabase;
  std::string org;
  std::string email;
  bool password_stdin = false;
};

int run_org_add(const OrgAddOptions& options) {
  std::optional<Role> kind = parse_role(options.kind);
  if (!kind) {
    return report_error(invalid("--kind",
                                "must be one of beneficiary, front_office, back_office, "
                                "ua_authority, donor, observer, implementer, admin"));
  }
  auto runtime = Runtime::open(options.db, /*migrate=*/true);
  if (!runtime.is_ok()) return report_error(runtime.status());
  service::DirectoryService directory((*runtime)->context());
  auto organisation = directory.create_organisation(
      service::DirectoryService::command_line_operator(),
      service::OrganisationDraft{options.name, *kind, options.country});
  if (!organisation.is_ok()) return report_error(organisation.status());
  std::cout << organisation->id << '\n';
  return 0;
}

// Reads the whole of standard input, refusing more than a password can be
// before anything is hashed; one trailing newline (as `echo` adds) is not
// part of the password.
Result<std::string> read_password() {
  std::string password;
  char buffer[4096];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    password.append(buffer, static_cast<size_t>(std::cin.gcount()));
    if (password.size() > auth::kMaxPasswordBytes + 2) {
      return Status(ErrorCode::kTooLarge, "password is too long", "password");
    }
  }
  if (!password.empty() && password.back() == '\n') password.pop_back();
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

int run_user_add(const UserAddOptions& options) {
  if (!options.password_stdin) {
    return report_error(invalid("--password-stdin", "is required: passwords never go in argv"));
  }
  auto password = read_password();
  if (!password.is_ok()) return report_error(password.status());
  auto runtime = Runtime::open(options.db, /*migrate=*/true);
  if (!runtime.is_ok()) return report_error(runtime.status());
  service::DirectoryService directory((*runtime)->context());
  auto user = directory.create_user(service::DirectoryService::command_line_operator(),
                                    service::UserDraft{options.org, options.email, *password});
  if (!user.is_ok()) return report_error(user.status());
  std::cout << user->id << '\n';
  return 0;
}

}  // namespace

void add_directory_commands(CLI::App& app, int* exit_code) {
  auto* org = app.add_subcommand("org", "organisations");
  org->require_subcommand(1);
  auto org_options = std::make_shared<OrgAddOptions>();
  auto* org_add = org->add_subcommand("add", "add an organisation; prints its id");
  org_add->add_option("--name", org_options->name, "the organisation's name")->required();
  org_add->add_option("--kind", org_options->kind, "its kind, which is its users' role")
      ->required();
  org_add->add_option("--country", org_options->country, "ISO 3166-1 alpha-2 code");
  org_add->add_option("--db", org_options->db, "database URL")->capture_default_str();
  org_add->callback([=] { *exit_code = run_org_add(*org_options); });

  auto* user = app.add_subcommand("user", "user accounts");
  user->require_subcommand(1);
  auto user_options = std::make_shared<UserAddOptions>();
  auto* user_add = user->add_subcommand("add", "add a user; prints its id");
  user_add->add_option("--org", user_options->org, "the user's organisation id")->required();
  user_add->add_option("--email", user_options->email, "the sign-in email")->required();
  user_add->add_flag("--password-stdin", user_options->password_stdin,
                     "read the password from standard input");
  user_add->add_option("--db", user_options->db, "database URL")->capture_default_str();
  user_add->callback([=] { *exit_code = run_user_add(*user_options); });
}

}  // namespace tallinn::cli
