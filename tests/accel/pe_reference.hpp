// SPDX-License-Identifier: MIT
// Test-only, cycle-by-cycle model of a systolic array: one state per PE, registers shifted every
// cycle, real operand values. It exists to prove accel::fold_timing() (a closed form) right,
// and it proves itself by computing the GEMM result that a naive matmul must agree with.
#pragma once

#include <cstdint>
#include <vector>

#include "headroom/accel/config.hpp"

namespace headroom::test {

// Row-major integer matrix; integers keep the numeric check exact.
struct Matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<std::int64_t> data;

  Matrix(std::size_t r, std::size_t c) : rows(r), cols(c), data(r * c, 0) {}
  std::int64_t& at(std::size_t r, std::size_t c) { return data[r * cols + c]; }
  [[nodiscard]] std::int64_t at(std::size_t r, std::size_t c) const { return data[r * cols + c]; }
};

struct PeRunResult {
  Matrix c{0, 0};            // the GEMM result the array produced (M x N)
  std::uint64_t cycles = 0;  // sum over folds of the cycles until the fold's last output left
  std::uint64_t folds = 0;
  std::uint64_t macs = 0;         // useful multiply-accumulates (padding excluded)
  double mapping_efficiency = 0;  // mean over folds of PEs holding real data / all PEs
};

// Runs C = A (M x K) * B (K x N) on a rows x cols array (each at most 16) fold after fold, in
// the given dataflow, with the schedule a fixed-function controller uses:
//   os: A rows enter from the left and B columns from the top, both skewed one cycle per
//       row/column; each PE keeps its sum; a finished PE puts its result on its column's output
//       bus, which leaves the array at the bottom edge (PEs of a column finish one cycle apart,
//       so one bus per column never collides).
//   ws: B is preloaded from the top, one array row per cycle (rows cycles); A rows then enter
//       from the left skewed by row; partial sums move down and leave at the bottom edge.
//   is: the same with A preloaded (K on rows, M on columns) and B streamed.
// Unused PEs of a partial fold receive padding (value 0, not counted as MACs) on the same
// schedule, as SCALE-Sim pads its demand matrices: the controller does not shorten a fold.
// Partial sums of different K-folds are added in the output buffer, outside the array.
[[nodiscard]] PeRunResult run_pe_reference(accel::Dataflow dataflow, std::uint32_t rows,
                                           std::uint32_t cols, const Matrix& a, const Matrix& b);

// The textbook triple loop, the independent check of what the array computed.
[[nodiscard]] Matrix naive_matmul(const Matrix& a, const Matrix& b);

}  // namespace headroom::test
