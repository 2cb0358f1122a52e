// Acting as a named user from the command line: an operator who scripts the
// workflow (tallinn matching-run, proposal, meeting, allocation, coverage)
// names the account with --as EMAIL, and every service then decides, writes
// and audits exactly as for that user signed in over HTTP. There is no
// operator bypass: a command can do only what the named user may do.
#pragma once

#include <string>

#include "policy/access.h"
#include "service/context.h"

namespace tallinn::service {

// The actor of the active account with this email (compared as sign-in
// compares it). kNotFound when no account has it, kForbidden when the
// account is disabled.
Result<policy::Actor> actor_by_email(Context& context, const std::string& email);

}  // namespace tallinn::service
