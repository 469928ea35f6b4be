// SPDX-License-Identifier: MIT
// accel::fold_timing() is a closed form; the PE-level reference (pe_reference.hpp) moves every
// operand cycle by cycle. They must agree exactly, for every dataflow and every shape.
#include <gtest/gtest.h>

#include <random>

#include "accel/pe_reference.hpp"
#include "headroom/accel/timing.hpp"

namespace headroom::test {
namespace {

using accel::Dataflow;

Matrix ones(std::size_t rows, std::size_t cols) {
  Matrix m(rows, cols);
  for (auto& x : m.data) x = 1;
  return m;
}

void expect_same(Dataflow df, std::uint32_t rows, std::uint32_t cols, std::size_t m, std::size_t n,
                 std::size_t k) {
  SCOPED_TRACE(testing::Message() << accel::to_string(df) << " " << rows << "x" << cols
                                  << " M=" << m << " N=" << n << " K=" << k);
  const PeRunResult ref = run_pe_reference(df, rows, cols, ones(m, k), ones(k, n));
  const accel::FoldTiming t = accel::fold_timing(df, rows, cols, m, n, k);
  EXPECT_EQ(t.cycles(), ref.cycles);
  EXPECT_EQ(t.folds(), ref.folds);
  // The reference averages fold by fold, the closed form divides once: rounding differs.
  EXPECT_NEAR(accel::mapping_efficiency(t, rows, cols), ref.mapping_efficiency, 1e-12);
}

class FoldTimingTest : public ::testing::TestWithParam<Dataflow> {};

TEST_P(FoldTimingTest, EqualsPeReferenceOnEverySmallShape) {
  // Every shape up to 5 on arrays up to 3x4: all edge cases of partial folds in rows and columns.
  for (std::uint32_t rows = 1; rows <= 3; ++rows)
    for (std::uint32_t cols = 1; cols <= 4; ++cols)
      for (std::size_t m = 1; m <= 5; ++m)
        for (std::size_t n = 1; n <= 5; ++n)
          for (std::size_t k = 1; k <= 5; ++k) expect_same(GetParam(), rows, cols, m, n, k);
}

TEST_P(FoldTimingTest, EqualsPeReferenceOnRandomShapes) {
  std::mt19937 rng(424242);
  std::uniform_int_distribution<std::uint32_t> side(1, 16), dim(1, 50);
  for (int trial = 0; trial < 80; ++trial)
    expect_same(GetParam(), side(rng), side(rng), dim(rng), dim(rng), dim(rng));
}

INSTANTIATE_TEST_SUITE_P(AllDataflows, FoldTimingTest, ::testing::ValuesIn(accel::dataflows()),
                         [](const auto& info) {
                           return std::string(accel::to_string(info.param));
                         });

}  // namespace
}  // namespace headroom::test
