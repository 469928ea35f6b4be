// SPDX-License-Identifier: MIT
// The PE-level reference must first be right on its own: it computes the GEMM (checked against
// a triple loop), and its cycle counts match hand derivations and SCALE-Sim v2.
#include "accel/pe_reference.hpp"

#include <gtest/gtest.h>

#include <random>

namespace headroom::test {
namespace {

using accel::Dataflow;

Matrix random_matrix(std::size_t rows, std::size_t cols, std::mt19937& rng) {
  std::uniform_int_distribution<int> value(-9, 9);
  Matrix m(rows, cols);
  for (auto& x : m.data) x = value(rng);
  return m;
}

class PeReferenceTest : public ::testing::TestWithParam<Dataflow> {};

TEST_P(PeReferenceTest, ComputesTheGemmForRandomShapesAndArrays) {
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<std::uint32_t> side(1, 16), dim(1, 37);
  for (int trial = 0; trial < 60; ++trial) {
    const std::uint32_t rows = side(rng), cols = side(rng);
    const std::size_t m = dim(rng), n = dim(rng), k = dim(rng);
    const Matrix a = random_matrix(m, k, rng), b = random_matrix(k, n, rng);
    const PeRunResult r = run_pe_reference(GetParam(), rows, cols, a, b);
    SCOPED_TRACE(testing::Message()
                 << rows << "x" << cols << " M=" << m << " N=" << n << " K=" << k);
    EXPECT_EQ(r.c.data, naive_matmul(a, b).data);
    EXPECT_EQ(r.macs, m * n * k);  // padding never counts as useful work
  }
}

INSTANTIATE_TEST_SUITE_P(AllDataflows, PeReferenceTest, ::testing::ValuesIn(accel::dataflows()),
                         [](const auto& info) {
                           return std::string(accel::to_string(info.param));
                         });

TEST(PeReference, OutputStationaryTwoByTwoByHand) {
  // By hand: A[i][k] reaches PE(i,j) in cycle k+i+j and so does B[k][j]; the last MAC is at
  // PE(1,1) with k = 2 in cycle 2+1+1 = 4 (0-based), and its result leaves on the column bus
  // in that cycle: 5 cycles.
  Matrix a(2, 3), b(3, 2);
  a.data = {1, 2, 3, 4, 5, 6};
  b.data = {7, 8, 9, 10, 11, 12};
  const PeRunResult r = run_pe_reference(Dataflow::OutputStationary, 2, 2, a, b);
  EXPECT_EQ(r.cycles, 5u);
  EXPECT_EQ(r.c.data, (std::vector<std::int64_t>{58, 64, 139, 154}));  // by hand
}

TEST(PeReference, WeightStationaryTwoByTwoByHand) {
  // By hand: preload takes cycles 0-1; A[m][k] enters row k in cycle 2+m+k and moves right, so
  // the partial sum of (m = 2, column 1) passes PE(1,1) in cycle 2+2+1+1 = 6 and leaves the
  // bottom edge then: 7 cycles.
  Matrix a(3, 2), b(2, 2);
  a.data = {1, 2, 3, 4, 5, 6};
  b.data = {1, 0, 0, 1};
  const PeRunResult r = run_pe_reference(Dataflow::WeightStationary, 2, 2, a, b);
  EXPECT_EQ(r.cycles, 7u);
  EXPECT_EQ(r.c.data, a.data);  // times the identity
}

// SCALE-Sim v2 (22f88b1), test_mnk_input.csv (M=128, N=64, K=256) on 8x8, Total Cycles from
// tests/data/scalesim/test_mnk_input_8x8_<df>/COMPUTE_REPORT.csv; SCALE-Sim reports the 0-based
// index of the last cycle, so the count is that + 1 (its issues #60 and #125).
TEST(PeReference, MatchesScaleSimOnTestMnkInput) {
  std::mt19937 rng(7);
  const Matrix a = random_matrix(128, 256, rng), b = random_matrix(256, 64, rng);
  const Matrix expected = naive_matmul(a, b);
  const struct {
    Dataflow dataflow;
    std::uint64_t scalesim_total_cycles;
  } cases[] = {{Dataflow::OutputStationary, 34559},
               {Dataflow::WeightStationary, 38399},
               {Dataflow::InputStationary, 44031}};
  for (const auto& c : cases) {
    const PeRunResult r = run_pe_reference(c.dataflow, 8, 8, a, b);
    EXPECT_EQ(r.cycles, c.scalesim_total_cycles + 1) << accel::to_string(c.dataflow);
    EXPECT_EQ(r.c.data, expected.data) << accel::to_string(c.dataflow);
  }
}

// SCALE-Sim v2 (22f88b1) on a 5x7 array, tests/data/scalesim/odd_mnk_5x7_<df>/COMPUTE_REPORT.csv:
// shapes that leave partial folds in rows and columns. Total Cycles + 1 as above.
TEST(PeReference, MatchesScaleSimOnPartialFolds) {
  const std::size_t shapes[][3] = {{13, 9, 11}, {7, 20, 3}, {1, 6, 17}, {30, 1, 1}};  // M, N, K
  const struct {
    Dataflow dataflow;
    std::uint64_t scalesim_total_cycles[4];
  } cases[] = {{Dataflow::OutputStationary, {125, 77, 26, 65}},
               {Dataflow::WeightStationary, {167, 65, 63, 44}},
               {Dataflow::InputStationary, {143, 34, 83, 79}}};
  std::mt19937 rng(11);
  for (const auto& c : cases) {
    for (std::size_t i = 0; i < 4; ++i) {
      const Matrix a = random_matrix(shapes[i][0], shapes[i][2], rng);
      const Matrix b = random_matrix(shapes[i][2], shapes[i][1], rng);
      const PeRunResult r = run_pe_reference(c.dataflow, 5, 7, a, b);
      EXPECT_EQ(r.cycles, c.scalesim_total_cycles[i] + 1) << accel::to_string(c.dataflow) << i;
      EXPECT_EQ(r.c.data, naive_matmul(a, b).data);
    }
  }
}

}  // namespace
}  // namespace headroom::test
