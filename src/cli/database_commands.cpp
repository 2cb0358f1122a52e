#include "cli/database_commands.h"

#include <iostream>
#include <memory>

#include "cli/runtime.h"
#include "service/audit_service.h"
#include "service/demo.h"
#include "store/backup.h"
#include "store/store.h"

namespace tallinn::cli {
namespace {

struct DatabaseOption {
  std::string url = kDefaultDatabase;
  bool if_empty = false;
};

struct CopyOptions {
  std::string url = kDefaultDatabase;
  std::string file;
  bool force = false;
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

void add_db_option(CLI::App* command, std::string& url) {
  command->add_option("--db", url, "database URL (sqlite://PATH or postgresql://...)")
      ->capture_default_str();
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
  std::string head =
      report->head_hash.empty() ? std::string(audit::kGenesisHash) : report->head_hash;
  std::cout << audit::format_checkpoint({report->entries, head}) << '\n';
  return 0;
}

int run_backup(const CopyOptions& options) {
  auto pages = store::backup(options.url, options.file, options.force);
  if (!pages.is_ok()) return report_error(pages.status());
  std::cout << "backed up " << store::redacted_url(options.url) << " to " << options.file << " ("
            << *pages << " pages)\n";
  return 0;
}

// A restore counts only when the restored trail verifies: the copy is
// checked page by page by SQLite, and its content by the hash chain.
int run_restore(const CopyOptions& options) {
  auto pages = store::restore(options.file, options.url, options.force);
  if (!pages.is_ok()) return report_error(pages.status());
  std::cout << "restored " << options.file << " into " << store::redacted_url(options.url) << " ("
            << *pages << " pages)\n";
  return run_audit_verify(DatabaseOption{.url = options.url}, "");
}

}  // namespace

void add_database_commands(CLI::App& app, int* exit_code) {
  auto migrate_option = std::make_shared<DatabaseOption>();
  auto* migrate = app.add_subcommand("migrate", "create or upgrade the schema; safe to run twice");
  add_db_option(migrate, migrate_option->url);
  migrate->callback([=] { *exit_code = run_migrate(*migrate_option); });

  auto demo_option = std::make_shared<DatabaseOption>();
  auto* demo = app.add_subcommand("demo", "load the demo dataset into an empty database");
  add_db_option(demo, demo_option->url);
  demo->add_flag("--if-empty", demo_option->if_empty,
                 "succeed without loading when the database already holds data");
  demo->callback([=] { *exit_code = run_demo(*demo_option); });

  auto audit_option = std::make_shared<DatabaseOption>();
  auto* audit = app.add_subcommand("audit", "the audit trail");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "re-check the hash chain; exit 0 only if intact");
  add_db_option(verify, audit_option->url);
  auto checkpoint_text = std::make_shared<std::string>();
  verify->add_option("--checkpoint", *checkpoint_text,
                     "HASH:COUNT printed earlier by `audit checkpoint`; the trail must reach it "
                     "unchanged");
  verify->callback([=] { *exit_code = run_audit_verify(*audit_option, *checkpoint_text); });

  auto checkpoint_option = std::make_shared<DatabaseOption>();
  auto* checkpoint = audit->add_subcommand(
      "checkpoint", "print HASH:COUNT of the intact trail's head, to keep outside the database");
  add_db_option(checkpoint, checkpoint_option->url);
  checkpoint->callback([=] { *exit_code = run_audit_checkpoint(*checkpoint_option); });

  auto backup_options = std::make_shared<CopyOptions>();
  auto* backup = app.add_subcommand(
      "backup", "copy the database to a file while the server runs (SQLite online backup)");
  add_db_option(backup, backup_options->url);
  backup->add_option("--to", backup_options->file, "the backup file to write")->required();
  backup->add_flag("--force", backup_options->force, "replace an existing backup file");
  backup->callback([=] { *exit_code = run_backup(*backup_options); });

  auto restore_options = std::make_shared<CopyOptions>();
  auto* restore = app.add_subcommand(
      "restore", "copy a backup into an empty database, then verify its audit trail");
  restore->add_option("--from", restore_options->file, "the backup file to read")->required();
  add_db_option(restore, restore_options->url);
  restore->add_flag("--force", restore_options->force,
                    "replace a database that already holds data");
  restore->callback([=] { *exit_code = run_restore(*restore_options); });
}

}  // namespace tallinn::cli
