// The PostgreSQL schema migrations, embedded at build time from
// store/migrations/postgres/NNNN_name.sql (see embed_migrations.cmake).
#pragma once

#include <vector>

namespace tallinn::store::postgres {

struct Migration {
  int version;       // NNNN of the file name
  const char* name;  // the file name without ".sql"
  const char* sql;   // the file's statements
};

// In ascending version order.
const std::vector<Migration>& migrations();

}  // namespace tallinn::store::postgres
