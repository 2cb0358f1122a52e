#include "cli/workflow_commands.h"

#include <functional>
#include <iostream>
#include <map>
#include <memory>

#include "api/json_mapping.h"
#include "cli/runtime.h"
#include "core/id.h"
#include "service/coordination_service.h"
#include "service/coverage_service.h"
#include "service/operator.h"

namespace tallinn::cli {
namespace {

// What every workflow command takes: the database and the acting user.
struct Common {
  std::string db = kDefaultDatabase;
  std::string as;
};

// The services a command runs against, as the user named by --as.
struct Session {
  std::unique_ptr<Runtime> runtime;
  policy::Actor actor;
  service::Context& context() { return runtime->context(); }
};

// Service errors name input fields ("time_limit", "run"); on the command
// line they name the flag that carried the value.
Status with_flag_names(const Status& status, const std::map<std::string, std::string>& flags) {
  if (status.field().empty()) return status;
  std::string field = status.field();
  const auto bracket = field.find('[');
  const std::string base = field.substr(0, bracket);
  const auto flag = flags.find(base);
  if (flag == flags.end()) return status;
  return Status(status.code(), status.message(),
                flag->second + (bracket == std::string::npos ? "" : field.substr(bracket)));
}

using Flags = std::map<std::string, std::string>;

// Opens the database, finds the acting user, runs `use` and prints what it
// returns as JSON; errors go to stderr naming the flag at fault.
int run_as(const Common& common, const Flags& flags,
           const std::function<Result<nlohmann::json>(Session&)>& use) {
  Flags all = flags;
  all.emplace("as", "--as");
  if (common.as.empty()) return report_error(invalid("--as", "must name the acting user's email"));
  auto runtime = Runtime::open(common.db, /*migrate=*/false);
  if (!runtime.is_ok()) return report_error(runtime.status());
  Session session{std::move(*runtime), {}};
  auto actor = service::actor_by_email(session.context(), common.as);
  if (!actor.is_ok()) return report_error(with_flag_names(actor.status(), all));
  session.actor = *actor;
  Result<nlohmann::json> json = use(session);
  if (!json.is_ok()) {
    const Status& status = json.status();
    // Exactly as over HTTP: a record the user may not see is "not found".
    if (status.code() == ErrorCode::kForbidden) {
      return report_error(Status(status.code(), common.as + " may not do this", "--as"));
    }
    return report_error(with_flag_names(status, all));
  }
  std::cout << json->dump(2) << '\n';
  return 0;
}

template <typename T>
Result<nlohmann::json> as_json(const Result<T>& result) {
  if (!result.is_ok()) return result.status();
  return api::to_json(*result);
}

Status check_id(const std::string& flag, const std::string& value) {
  if (!is_id(value)) return invalid(flag, "must be a record id (32 hexadecimal digits)");
  return Status::ok();
}

void add_common(CLI::App* command, Common& common) {
  command->add_option("--as", common.as, "email of the user to act as")->required();
  command->add_option("--db", common.db, "database URL")->capture_default_str();
}

struct IdOptions {
  Common common;
  std::string id;
};

// `GROUP NAME ID --as EMAIL`: a command on one record of the workflow, run as
// call(coordination service, actor, id). Returns the command for more options.
template <typename Call>
CLI::App* add_id_command(CLI::App* group, const char* name, const char* help, int* exit_code,
                         const Flags& flags, Call call) {
  auto options = std::make_shared<IdOptions>();
  auto* command = group->add_subcommand(name, help);
  add_common(command, options->common);
  command->add_option("id", options->id, "the record's id")->required();
  command->callback([=] {
    *exit_code = run_as(options->common, flags, [&](Session& session) -> Result<nlohmann::json> {
      TALLINN_RETURN_IF_ERROR(check_id("id", options->id));
      service::CoordinationService work(session.context());
      return call(work, session.actor, options->id);
    });
  });
  return command;
}

struct RunOptions {
  Common common;
  double time_limit = 10;
};

void add_matching_run(CLI::App& app, int* exit_code) {
  auto* group = app.add_subcommand("matching-run", "matching runs (back office)");
  group->require_subcommand(1);
  auto options = std::make_shared<RunOptions>();
  auto* create = group->add_subcommand(
      "create", "run matching over the published needs and open offers; prints the run");
  add_common(create, options->common);
  create->add_option("--time-limit", options->time_limit, "seconds, more than 0, at most 60")
      ->capture_default_str();
  create->callback([=] {
    *exit_code = run_as(options->common, {{"time_limit", "--time-limit"}}, [&](Session& session) {
      service::CoordinationService work(session.context());
      return as_json(work.run_matching(session.actor, options->time_limit));
    });
  });
  add_id_command(group, "show", "print a stored run with its explanation", exit_code, {},
                 [](service::CoordinationService& work, const policy::Actor& actor, const Id& id) {
                   return as_json(work.run(actor, id));
                 });
}

struct ProposalOptions {
  Common common;
  std::string run;
};

void add_proposal(CLI::App& app, int* exit_code) {
  auto* group = app.add_subcommand("proposal", "proposals (back office)");
  group->require_subcommand(1);
  auto options = std::make_shared<ProposalOptions>();
  auto* create = group->add_subcommand("create", "turn a run into proposed allocations");
  add_common(create, options->common);
  create->add_option("--run", options->run, "the matching run's id")->required();
  create->callback([=] {
    *exit_code = run_as(options->common, {{"run", "--run"}},
                        [&](Session& session) -> Result<nlohmann::json> {
                          TALLINN_RETURN_IF_ERROR(check_id("--run", options->run));
                          service::CoordinationService work(session.context());
                          return as_json(work.propose(session.actor, options->run));
                        });
  });
}

struct AllocationOptions {
  Common common;
  std::string id;
  std::string need;
  std::string offer;
  std::string proposal;
  std::string run;
  std::string meeting;
  std::string decision;
  std::string reason;
  std::string corrects;
  int limit = 200;
  std::string cursor;
};

Status optional_id(const std::string& flag, const std::string& value, std::optional<Id>& target) {
  if (value.empty()) return Status::ok();
  TALLINN_RETURN_IF_ERROR(check_id(flag, value));
  target = value;
  return Status::ok();
}

void add_allocation(CLI::App& app, int* exit_code) {
  auto* group = app.add_subcommand("allocation", "allocations (as their readers may see them)");
  group->require_subcommand(1);
  auto options = std::make_shared<AllocationOptions>();

  auto* list = group->add_subcommand("list", "the allocations the user may see");
  add_common(list, options->common);
  list->add_option("--need", options->need, "only those of this need");
  list->add_option("--offer", options->offer, "only those of this offer");
  list->add_option("--proposal", options->proposal, "only those of this proposal");
  list->add_option("--run", options->run, "only those of this matching run");
  list->add_option("--limit", options->limit, "at most this many (1..200), as over HTTP")
      ->check(CLI::Range(1, 200));
  list->add_option("--cursor", options->cursor, "the page after the one whose next this was");
  list->callback([=] {
    *exit_code = run_as(
        options->common, {{"cursor", "--cursor"}}, [&](Session& session) -> Result<nlohmann::json> {
          store::AllocationFilter filter;
          TALLINN_RETURN_IF_ERROR(optional_id("--need", options->need, filter.need));
          TALLINN_RETURN_IF_ERROR(optional_id("--offer", options->offer, filter.offer));
          TALLINN_RETURN_IF_ERROR(optional_id("--proposal", options->proposal, filter.proposal));
          TALLINN_RETURN_IF_ERROR(optional_id("--run", options->run, filter.run));
          service::CoordinationService work(session.context());
          auto page = work.list_allocations(session.actor, filter,
                                            {.limit = options->limit, .cursor = options->cursor});
          if (!page.is_ok()) return page.status();
          return api::page_to_json(*page);
        });
  });

  add_id_command(group, "show", "one allocation", exit_code, {},
                 [](service::CoordinationService& work, const policy::Actor& actor, const Id& id) {
                   return as_json(work.allocation(actor, id));
                 });

  auto* decide = group->add_subcommand(
      "decide", "record the coordination group's decision (back office, meeting open)");
  add_common(decide, options->common);
  decide->add_option("id", options->id, "the allocation's id")->required();
  decide->add_option("--meeting", options->meeting, "the open meeting's id")->required();
  decide->add_option("--decision", options->decision, "approve, reject or defer")->required();
  decide->add_option("--reason", options->reason, "required to reject or defer");
  decide->add_option("--corrects", options->corrects, "the earlier decision this one corrects");
  decide->callback([=] {
    const Flags flags = {{"meeting", "--meeting"},
                         {"decision", "--decision"},
                         {"reason", "--reason"},
                         {"corrects", "--corrects"}};
    *exit_code = run_as(options->common, flags, [&](Session& session) -> Result<nlohmann::json> {
      TALLINN_RETURN_IF_ERROR(check_id("id", options->id));
      TALLINN_RETURN_IF_ERROR(check_id("--meeting", options->meeting));
      service::DecisionInput input;
      input.meeting = options->meeting;
      std::optional<DecisionKind> kind = parse_decision_kind(options->decision);
      if (!kind) return invalid("--decision", "must be approve, reject or defer");
      input.decision = *kind;
      input.reason = options->reason;
      TALLINN_RETURN_IF_ERROR(optional_id("--corrects", options->corrects, input.corrects));
      service::CoordinationService work(session.context());
      return as_json(work.decide(session.actor, options->id, input));
    });
  });
}

struct MeetingOptions {
  Common common;
  std::string title;
  std::string agenda;
  std::vector<std::string> attendance;
};

void add_meeting(CLI::App& app, int* exit_code) {
  auto* group = app.add_subcommand("meeting", "coordination-group meetings (back office)");
  group->require_subcommand(1);
  auto options = std::make_shared<MeetingOptions>();

  auto* create = group->add_subcommand("create", "plan a meeting; prints it");
  add_common(create, options->common);
  create->add_option("--title", options->title, "the meeting's title")->required();
  create->add_option("--agenda", options->agenda, "its agenda");
  create->add_option("--attend", options->attendance,
                     "an attending organisation's id (repeat for each)");
  create->callback([=] {
    const Flags flags = {{"title", "--title"}, {"agenda", "--agenda"}, {"attendance", "--attend"}};
    *exit_code = run_as(options->common, flags, [&](Session& session) {
      service::CoordinationService work(session.context());
      return as_json(work.create_meeting(
          session.actor, service::MeetingDraft{options->title, options->agenda, "",
                                               std::vector<Id>(options->attendance.begin(),
                                                               options->attendance.end())}));
    });
  });

  add_id_command(group, "open", "open a planned meeting", exit_code, {},
                 [](service::CoordinationService& work, const policy::Actor& actor, const Id& id) {
                   return as_json(work.open_meeting(actor, id));
                 });

  auto minutes = std::make_shared<std::optional<std::string>>();
  auto* close = add_id_command(
      group, "close", "close an open meeting; its decisions are final", exit_code,
      {{"minutes", "--minutes"}},
      [minutes](service::CoordinationService& work, const policy::Actor& actor, const Id& id) {
        return as_json(work.close_meeting(actor, id, {.minutes = *minutes}));
      });
  close->add_option("--minutes", *minutes, "the minutes to keep");

  add_id_command(group, "show", "one meeting", exit_code, {},
                 [](service::CoordinationService& work, const policy::Actor& actor, const Id& id) {
                   return as_json(work.meeting(actor, id));
                 });
}

struct CoverageOptions {
  Common common;
  std::string by = "sector";
};

void add_coverage(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<CoverageOptions>();
  auto* coverage = app.add_subcommand(
      "coverage", "coverage and gaps the user may see (suppressed for observers)");
  add_common(coverage, options->common);
  coverage->add_option("--by", options->by, "sector, region, category or priority")
      ->capture_default_str();
  coverage->callback([=] {
    *exit_code = run_as(options->common, {}, [&](Session& session) -> Result<nlohmann::json> {
      std::optional<service::CoverageBy> by = service::parse_coverage_by(options->by);
      if (!by) return invalid("--by", "must be sector, region, category or priority");
      service::CoverageService coverage(session.context());
      return as_json(coverage.coverage(session.actor, *by));
    });
  });
}

}  // namespace

void add_workflow_commands(CLI::App& app, int* exit_code) {
  add_matching_run(app, exit_code);
  add_proposal(app, exit_code);
  add_meeting(app, exit_code);
  add_allocation(app, exit_code);
  add_coverage(app, exit_code);
}

}  // namespace tallinn::cli
