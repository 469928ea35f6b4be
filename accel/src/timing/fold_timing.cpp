// SPDX-License-Identifier: MIT
#include "dataflow/dataflow_strategy.hpp"
#include "headroom/accel/timing.hpp"

namespace headroom::accel {

namespace {
std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }
}  // namespace

FoldTiming fold_timing(Dataflow dataflow, std::uint32_t rows, std::uint32_t cols, std::uint64_t m,
                       std::uint64_t n, std::uint64_t k) {
  FoldTiming t = strategy(dataflow).fold_timing(rows, cols, m, n, k);
  t.row_folds = ceil_div(t.spatial_rows, rows);
  t.col_folds = ceil_div(t.spatial_cols, cols);
  return t;
}

double mapping_efficiency(const FoldTiming& t, std::uint32_t rows, std::uint32_t cols) {
  if (t.folds() == 0) return 0.0;
  // Folds are a grid: full ones plus one partial row band and one partial column band.
  const double used = static_cast<double>(t.spatial_rows) * static_cast<double>(t.spatial_cols);
  return used / (static_cast<double>(t.folds()) * rows * cols);
}

}  // namespace headroom::accel
