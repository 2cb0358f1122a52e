#include "cli/database_commands.h"

#include <iostream>
#include <memory>

#include "cli/runtime.h"
#include "store/store.h"
#include "service/audit_service.h"
#include "service/demo.h"

namespace tallinn::cli {
namespace {

struct DatabaseOption {
  std::string url = kDefaultDatabase;
  bool if_empty = false;
};

void print_sign_ins() {
  std::cout << "demo sign-ins (password for all: " << service::kDemoPassword << "):\n";
  for (int i = 0; i < kRoleCount; ++i) {
    std::string role(to_string(static_cast<Role>(i)));
    std::cout << "  " << role << std::string(16 - role.size(), ' ')
              << service::demo_email(static_cast<Role>(i)) << '\n';
  }
  std::cout << "second factor: optional in this demo database only; accounts that enrol "
               "(POST /api/v1/session/totp) must use it\n";
}

void add_db_option(CLI::App* command, DatabaseOption& option) {
  command->add_option("--db", option.url, "database URL (sqlite://PATH or postgresql://...)")->capture_default_str();
}

int run_migrate(const DatabaseOption& option) {
  auto runtime = Runtime::open(option.url, /*migrate=*/true);
  if (!runtime.is_ok()) return report_error(runtime.status());
  std::cout << "migrated " << store::redacted_url(option.url) << '\n';
  return 0;
}

int run_demo(const DatabaseOption& option) {
  auto runtime = Runtime::open(option.url, /*migrate=*/true);
  if (!runtime.is_ok()) return report_error(runtime.status());
  auto summary = service::load_demo((*runtime)->context());
  if (!summary.is_ok() && option.if_empty && summary.status().code() == ErrorCode::kConflict) {
    std::cout << "the database already holds data; demo data not loaded again\n";
    print_sign_ins();
    return 0;
  }
  if (!summary.is_ok()) return report_error(summary.status());
  std::cout << "demo data loaded: " << summary->organisations << " organisations, "
            << summary->users << " users, " << summary->needs << " needs, " << summary->offers
            << " offers, " << summary->assessments << " assessments\n";
  print_sign_ins();
  return 0;
}

int run_audit_verify(const DatabaseOption& option, const std::string& checkpoint_text) {
  std::optional<audit::Checkpoint> checkpoint;
  if (!checkpoint_text.empty()) {
    auto parsed = audit::parse_checkpoint(checkpoint_text);
    if (!parsed.is_ok()) return report_error(parsed.status());
    checkpoint = *parsed;
  }
  auto runtime = Runtime::open(option.url, /*migrate=*/false);
  if (!runtime.is_ok()) return report_error(runtime.status());
  service::AuditService audit((*runtime)->context());
  auto report = audit.verify(checkpoint);
  if (!report.is_ok()) {
    std::cerr << "tallinn: audit trail is NOT intact: " << report.status().to_string() << '\n';
    return 1;
  }
  std::cout << "audit trail intact: " << report->entries << " entries, head "
            << (report->head_hash.empty() ? "(empty)" : report->head_hash) << '\n';
  return 0;
}

// Verifies the trail first: a checkpoint of a broken trail would vouch for it.
int run_audit_checkpoint(const DatabaseOption& option) {
  auto runtime = Runtime::open(option.url, /*migrate=*/false);
  if (!runtime.is_ok()) return report_error(runtime.status());
  service::AuditService audit((*runtime)->context());
  auto report = audit.verify();
  if (!report.is_ok()) {
    std::cerr << "tallinn: audit trail is NOT intact: " << report.status().to_string() << '\n';
    return 1;
  }
  std::string head = report->head_hash.empty() ? std::string(audit::kGenesisHash) : report->head_hash;
  std::cout << audit::format_checkpoint({report->entries, head}) << '\n';
  return 0;
}

}  // namespace

void add_database_commands(CLI::App& app, int* exit_code) {
  auto migrate_option = std::make_shared<DatabaseOption>();
  auto* migrate = app.add_subcommand("migrate", "create or upgrade the schema; safe to run twice");
  add_db_option(migrate, *migrate_option);
  migrate->callback([=] { *exit_code = run_migrate(*migrate_option); });

  auto demo_option = std::make_shared<DatabaseOption>();
  auto* demo = app.add_subcommand("demo", "load the demo dataset into an empty database");
  add_db_option(demo, *demo_option);
  demo->add_flag("--if-empty", demo_option->if_empty,
                 "succeed without loading when the database already holds data");
  demo->callback([=] { *exit_code = run_demo(*demo_option); });

  auto audit_option = std::make_shared<DatabaseOption>();
  auto* audit = app.add_subcommand("audit", "the audit trail");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "re-check the hash chain; exit 0 only if intact");
  add_db_option(verify, *audit_option);
  auto checkpoint_text = std::make_shared<std::string>();
  verify->add_option("--checkpoint", *checkpoint_text,
                     "HASH:COUNT printed earlier by `audit checkpoint`; the trail must reach it "
                     "unchanged");
  verify->callback([=] { *exit_code = run_audit_verify(*audit_option, *checkpoint_text); });

  auto checkpoint_option = std::make_shared<DatabaseOption>();
  auto* checkpoint = audit->add_subcommand(
      "checkpoint", "print HASH:COUNT of the intact trail's head, to keep outside the database");
  add_db_option(checkpoint, *checkpoint_option);
  checkpoint->callback([=] { *exit_code = run_audit_checkpoint(*checkpoint_option); });
}

}  // namespace tallinn::cli
