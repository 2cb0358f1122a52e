// The arms of a scoped list: a ReadScope's visibility is an OR of clauses (a
// marking together with one relation), and each backend reads every clause
// through its own index, keyset-limited to one page, then merges the arms
// (see sqlite/marked_query.h and postgres/marked_query.h).
#pragma once

#include <vector>

#include "core/read_scope.h"
#include "core/vocabulary.h"

namespace tallinn::store {

// How one arm relates the reader to a record.
enum class Relation {
  kAny,         // every record with the marking
  kOwnerOrg,    // record.org == scope.org
  kCreator,     // record.creator == scope.user
  kGrantedOrg,  // scope.org is in record.access.orgs
  kNamedUser,   // scope.user is in record.access.users
};

struct ScopeArm {
  Tlp tlp;
  Relation relation;
};

// One arm per clause that can reveal anything, in marking order. A clause
// with `all` set makes the marking's other relations redundant; relations
// on an empty scope.org or scope.user are left out. Empty when the scope
// reveals nothing.
std::vector<ScopeArm> scope_arms(const ReadScope& scope);

}  // namespace tallinn::store
