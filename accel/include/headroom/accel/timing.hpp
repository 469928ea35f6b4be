// SPDX-License-Identifier: MIT
// Closed-form timing of one GEMM on a systolic array. Exact against a PE-level model
// (tests/accel) and against SCALE-Sim v2 (../shared/peers/scalesim, README §1-3).
#pragma once

#include <cstdint>

#include "headroom/accel/config.hpp"

namespace headroom::accel {

struct FoldTiming {
  std::uint64_t spatial_rows = 0;  // Sr: GEMM extent mapped onto array rows
  std::uint64_t spatial_cols = 0;  // Sc: GEMM extent mapped onto array columns
  std::uint64_t temporal = 0;      // T: GEMM extent streamed through time
  std::uint64_t row_folds = 0;     // ceil(Sr / rows)
  std::uint64_t col_folds = 0;     // ceil(Sc / cols)
  std::uint64_t cycles_per_fold = 0;

  [[nodiscard]] std::uint64_t folds() const { return row_folds * col_folds; }
  // Cycles for all folds run back to back on one array (no overlap of fill and drain).
  [[nodiscard]] std::uint64_t cycles() const { return folds() * cycles_per_fold; }
};

// Mapping of a single (M, N, K) GEMM onto a rows x cols array for a dataflow:
//   os: Sr = M, Sc = N, T = K; L = K + rows + cols - 2
//   ws: Sr = K, Sc = N, T = M; L = 2 rows + cols + M - 2
//   is: Sr = K, Sc = M, T = N; L = 2 rows + cols + N - 2
[[nodiscard]] FoldTiming fold_timing(Dataflow dataflow, std::uint32_t rows, std::uint32_t cols,
                                     std::uint64_t m, std::uint64_t n, std::uint64_t k);

// Mean over folds of (used rows x used cols) / (rows x cols): SCALE-Sim's mapping efficiency.
[[nodiscard]] double mapping_efficiency(const FoldTiming& t, std::uint32_t rows,
                                        std::uint32_t cols);

}  // namespace headroom::accel
