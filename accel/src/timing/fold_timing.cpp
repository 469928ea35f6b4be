// SPDX-License-Identifier: MIT
#include "headroom/accel/timing.hpp"

namespace headroom::accel {

namespace {
std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }
}  // namespace

FoldTiming fold_timing(Dataflow dataflow, std::uint32_t rows, std::uint32_t cols, std::uint64_t m,
                       std::uint64_t n, std::uint64_t k) {
  FoldTiming t;
  const std::uint64_t r = rows;
  const std::uint64_t c = cols;
  switch (dataflow) {
    case Dataflow::OutputStationary:
      t.spatial_rows = m;
      t.spatial_cols = n;
      t.temporal = k;
      // Operands stream for K cycles; the skew across rows and columns adds R-1 + C-1.
      t.cycles_per_fold = k + r + c - 2;
      break;
    case Dataflow::WeightStationary:
      t.spatial_rows = k;
      t.spatial_cols = n;
      t.temporal = m;
      // R cycles to preload weights, M input rows stream, R-1 + C-1 skew; preload is not hidden.
      t.cycles_per_fold = 2 * r + c + m - 2;
      break;
    case Dataflow::InputStationary:
      t.spatial_rows = k;
      t.spatial_cols = m;
      t.temporal = n;
      t.cycles_per_fold = 2 * r + c + n - 2;
      break;
  }
  t.row_folds = ceil_div(t.spatial_rows, r);
  t.col_folds = ceil_div(t.spatial_cols, c);
  return t;
}

double mapping_efficiency(const FoldTiming& t, std::uint32_t rows, std::uint32_t cols) {
  if (t.folds() == 0) return 0.0;
  // Folds are a grid: full ones plus one partial row band and one partial column band.
  const double used = static_cast<double>(t.spatial_rows) * static_cast<double>(t.spatial_cols);
  return used / (static_cast<double>(t.folds()) * rows * cols);
}

}  // namespace headroom::accel
