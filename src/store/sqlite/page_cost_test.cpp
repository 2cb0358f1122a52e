// A page costs O(page), not O(table): the work of a list, counted in SQLite
// virtual-machine steps (never in time), does not grow when the table grows
// tenfold around the same few visible records.
#include <sqlite3.h>

#include <set>
#include <sstream>

#include "store/sqlite/store_test_support.h"

namespace tallinn::store::sqlite::testing {
namespace {

constexpr int kVisible = 50;
constexpr int kPageSize = 10;

// A beneficiary's view: public and signed-in markings, its own AMBER and
// AMBER+STRICT records, AMBER records granted to it, RED ones naming it or
// created by it.
ReadScope member_scope(const Id& org, const Id& user) {
  ReadScope scope;
  scope.org = org;
  scope.user = user;
  scope.by_tlp[static_cast<int>(Tlp::kClear)] = {.all = true};
  scope.by_tlp[static_cast<int>(Tlp::kGreen)] = {.all = true};
  scope.by_tlp[static_cast<int>(Tlp::kAmber)] = {.owner_org = true, .granted_org = true};
  scope.by_tlp[static_cast<int>(Tlp::kAmberStrict)] = {.owner_org = true};
  scope.by_tlp[static_cast<int>(Tlp::kRed)] = {.named_user = true, .creator = true};
  return scope;
}

// Shapes the n-th need as one the member sees, through one of its relations.
void make_visible(Need& need, int n, const Id& org, const Id& user) {
  switch (n % 6) {
    case 0:
      need.tlp = Tlp::kClear;
      break;
    case 1:
      need.tlp = Tlp::kGreen;
      break;
    case 2:
      need.org = org;
      need.tlp = n % 4 == 0 ? Tlp::kAmberStrict : Tlp::kAmber;
      break;
    case 3:
      need.access.orgs = {org};
      break;
    case 4:
      need.tlp = Tlp::kRed;
      need.access.users = {user};
      break;
    default:
      need.tlp = Tlp::kRed;
      need.creator = user;
      break;
  }
}

class PageCostTest : public ::testing::Test {
 protected:
  struct Cost {
    int64_t first_page = 0;
    int64_t deep_page = 0;
    std::string plan;  // EXPLAIN QUERY PLAN of the list's queries, one step a line
  };

  // Fills a fresh database with `total` needs, kVisible of them visible to
  // the member and evenly spread in time, and measures two pages.
  Cost measure(int total) {
    TempDir dir;
    std::string path = (dir.path() / "cost.db").string();
    int64_t steps = 0;
    std::set<std::string> list_sql;
    Cost cost;
    SqliteOptions options = logging_options();
    options.hooks.observe = [&](std::string_view sql, int64_t vm_steps) {
      steps += vm_steps;
      if (sql.find("ORDER BY") != std::string_view::npos ||
          sql.find("r.rid = :rid") != std::string_view::npos)
        list_sql.emplace(sql);
    };
    Result<std::unique_ptr<Store>> store = open_sqlite_store(path, options);
    EXPECT_TRUE(store.is_ok());
    EXPECT_TRUE((*store)->migrate().is_ok());
    fill(**store, total);
    ReadScope scope = member_scope(make_organisation(0).id, make_user(0, "").id);

    auto tx = std::move((*store)->begin(TransactionMode::kRead)).value();
    PageRequest page{kPageSize, ""};
    std::vector<Id> seen;
    for (int index = 0; index < 4; ++index) {
      steps = 0;
      Result<Page<Need>> listed = tx->list_needs(scope, {}, page);
      EXPECT_TRUE(listed.is_ok()) << listed.status().to_string();
      if (index == 0) cost.first_page = steps;
      if (index == 3) cost.deep_page = steps;
      for (const Need& need : listed->items) seen.push_back(need.id);
      page.cursor = listed->next;
    }
    EXPECT_EQ(seen.size(), static_cast<size_t>(4 * kPageSize));
    for (const std::string& sql : list_sql) cost.plan += query_plan(path, sql);
    return cost;
  }

  static std::string query_plan(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* explain = nullptr;
    std::string query = "EXPLAIN QUERY PLAN " + sql;
    EXPECT_EQ(sqlite3_prepare_v2(db, query.c_str(), -1, &explain, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    std::string plan;
    while (sqlite3_step(explain) == SQLITE_ROW) {
      plan += reinterpret_cast<const char*>(sqlite3_column_text(explain, 3));
      plan += "\n";
    }
    sqlite3_finalize(explain);
    sqlite3_close(db);
    return plan;
  }

  void fill(Store& store, int total) {
    Organisation mine = make_organisation(0);
    Organisation other = make_organisation(1);
    User me = make_user(0, mine.id);
    User someone = make_user(1, other.id);
    auto tx = std::move(store.begin(TransactionMode::kWrite)).value();
    ASSERT_OK(tx->insert_organisation(mine));
    ASSERT_OK(tx->insert_organisation(other));
    ASSERT_OK(tx->insert_user(me, "h"));
    ASSERT_OK(tx->insert_user(someone, "h"));
    int spacing = total / kVisible;
    for (int n = 0; n < total; ++n) {
      // Hidden from the member: another organisation's, granted to nobody.
      Need need = make_need(n, other.id, someone.id);
      need.created_at = n;
      need.tlp = static_cast<Tlp>(2 + n % 3);
      need.access = {};
      if (n % spacing == 0) make_visible(need, n / spacing, mine.id, me.id);
      ASSERT_OK(tx->insert_need(need));
    }
    ASSERT_OK(tx->commit());
  }
};

TEST_F(PageCostTest, PagesCostTheSameAtTenTimesTheRows) {
  Cost small = measure(2'000);
  Cost large = measure(20'000);
  std::cerr << "steps at 2k: " << small.first_page << ", " << small.deep_page
            << "; at 20k: " << large.first_page << ", " << large.deep_page << "\n";
  EXPECT_LE(large.first_page, small.first_page + small.first_page / 10);
  EXPECT_LE(large.deep_page, small.deep_page + small.deep_page / 10);
  // Far fewer steps than rows.
  EXPECT_LT(large.first_page, 5'000);
  EXPECT_LT(large.deep_page, 5'000);
}

// Every arm of the list and the read of each record search an index; none
// scans a table.
TEST_F(PageCostTest, EveryArmSearchesAnIndex) {
  Cost cost = measure(500);
  std::istringstream lines(cost.plan);
  std::string line;
  int searches = 0;
  while (std::getline(lines, line)) {
    EXPECT_EQ(line.find("SCAN r"), std::string::npos) << line;
    EXPECT_EQ(line.find("SCAN g"), std::string::npos) << line;
    if (line.find("SEARCH") != std::string::npos) ++searches;
  }
  EXPECT_GE(searches, 8);  // one per arm (7), one for reading a record
}

}  // namespace
}  // namespace tallinn::store::sqlite::testing
