// Civil and military stay apart. The mechanism is the civilian track; the
// military IT Coalition is a separate body whose data must never mix with
// it. Every database is stamped with its domain by migration 0004, and this
// build serves the civil domain only: it refuses a database, an export or a
// peer (a request declaring Tallinn-Domain) of any other.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "store/store.h"

namespace tallinn::service {

// The domain this build belongs to.
inline constexpr char kDomain[] = "civil";
// The header a peer or an export carries its domain in.
inline constexpr char kDomainHeader[] = "Tallinn-Domain";

// The stamp of the database behind `store` (kInternal when it has none: not
// migrated).
Result<std::string> database_domain(store::Store& store);

// OK when `declared` is this build's domain; kForbidden naming `field`
// otherwise (an import, an export read back, or a peer of another domain).
Status require_same_domain(std::string_view declared, std::string_view field = "domain");

// OK when the database is stamped with this build's domain.
Status require_own_database(store::Store& store);

}  // namespace tallinn::service
