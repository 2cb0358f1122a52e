// The demo dataset: the Tallinn Mechanism's members, observers and offices,
// about forty fictional Ukrainian beneficiaries across oblasts and NIS2
// sectors, a few hundred needs in every state and marking, a few dozen
// offers, a few NIS2 assessments with the draft needs derived from their
// gaps, and one account of each role. Written through the services, so
// every record is checked and audited exactly as in real use.
#pragma once

#include <string>
#include <vector>

#include "service/context.h"

namespace tallinn::service {

struct DemoSignIn {
  std::string role;
  std::string email;
  std::string password;
  std::string organisation;
};

struct DemoSummary {
  int organisations = 0;
  int users = 0;
  int needs = 0;
  int offers = 0;
  int assessments = 0;
  std::vector<DemoSignIn> sign_ins;
};

// The password of every demo account. Demo data is for trying the platform
// on a laptop, never for a server others can reach. It holds no word of the
// demo accounts' emails or organisations, nor "tallinn" (V6.2.11).
inline constexpr const char* kDemoPassword = "demo-password-2026";

// The sign-in email of the demo account of `role`.
std::string demo_email(Role role);

// Loads the dataset into an empty, migrated database; kConflict when the
// database already holds organisations. The same `seed` gives the same
// content (ids still come from context.random).
Result<DemoSummary> load_demo(Context& context, unsigned seed = 2026);

}  // namespace tallinn::service
