#include "core/suppression.h"

#include <gtest/gtest.h>

namespace tallinn {
namespace {

CoverageCell cell(std::string key, int64_t count, Cents needed = 100) {
  CoverageCell result;
  result.key = std::move(key);
  result.count = count;
  result.needed = needed;
  return result;
}

TEST(Suppression, CellsOfThreeOrMoreStay) {
  std::vector<CoverageCell> cells = {cell("a", 3), cell("b", 7)};
  suppress_small_cells(cells);
  EXPECT_FALSE(cells[0].suppressed);
  EXPECT_FALSE(cells[1].suppressed);
}

TEST(Suppression, EmptyCellsRevealNothingAndStay) {
  std::vector<CoverageCell> cells = {cell("a", 0), cell("b", 4), cell("c", 5)};
  suppress_small_cells(cells);
  EXPECT_FALSE(cells[0].suppressed);
}

TEST(Suppression, ALoneSmallCellTakesTheSmallestOtherWithIt) {
  std::vector<CoverageCell> cells = {cell("a", 9), cell("b", 2), cell("c", 4), cell("d", 6)};
  suppress_small_cells(cells);
  EXPECT_FALSE(cells[0].suppressed);
  EXPECT_TRUE(cells[1].suppressed);
  EXPECT_TRUE(cells[2].suppressed);  // complementary: total minus the rest no longer gives b
  EXPECT_FALSE(cells[3].suppressed);
}

TEST(Suppression, TwoSmallCellsNeedNoComplement) {
  std::vector<CoverageCell> cells = {cell("a", 1), cell("b", 2), cell("c", 4)};
  suppress_small_cells(cells);
  EXPECT_TRUE(cells[0].suppressed);
  EXPECT_TRUE(cells[1].suppressed);
  EXPECT_FALSE(cells[2].suppressed);
}

TEST(Suppression, ALoneCellWithNoOtherStaysSuppressed) {
  std::vector<CoverageCell> cells = {cell("a", 1), cell("b", 0)};
  suppress_small_cells(cells);
  EXPECT_TRUE(cells[0].suppressed);
  EXPECT_FALSE(cells[1].suppressed);
}

}  // namespace
}  // namespace tallinn
