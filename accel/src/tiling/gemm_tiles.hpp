// SPDX-License-Identifier: MIT
// Pieces the GEMM tiling plans share (docs/accelerator-model.md, "Tiling and reuse").
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tiling/plan.hpp"
#include "tiling/step_tree.hpp"

namespace headroom::accel::tiling {

inline std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

// im2col repeats input pixels: DRAM delivers only the unique ones, spread evenly over tiles.
// Each transfer is whole bytes (a tile of an odd number of INT4 values rounds up).
inline std::uint64_t dram_bytes(std::uint64_t words, double unique_ratio, ElementSize bpe) {
  return bpe.bytes(
      static_cast<std::uint64_t>(std::ceil(static_cast<double>(words) * unique_ratio)));
}

// A plan's folds in run order, as a tree of repeats (step_tree.hpp): `folds` folds of
// `per_fold` steps each, one array's work per fold.
struct Emitter {
  std::uint64_t folds = 0, per_fold = 0;
  SeqPtr tree;
};

// What a plan costs, for choosing between plans: array cycles and DRAM bytes.
struct PlanCost {
  std::uint64_t cycles = 0;
  std::uint64_t bytes = 0;
};

[[nodiscard]] PlanCost cost_of(const Emitter& plan);

// Whether plan a is expected to finish sooner than b when DRAM moves `bytes_per_cycle` (0 =
// ideal memory), the fewer bytes deciding a tie. Double buffering overlaps transfers with
// compute, so the estimate is the larger of the two times.
[[nodiscard]] bool faster(PlanCost a, PlanCost b, double bytes_per_cycle);

// Output-stationary GEMM: M on the rows, N on the columns, K streamed.
struct OsGemm {
  std::uint64_t m, n, k, p;  // p: MACs per PE per cycle (reduction elements per cycle)
  std::uint64_t rows, cols, fill;
  double a_ratio, b_ratio;
  ElementSize bpe;
};

// Weight- or input-stationary GEMM: reduction K on the rows (rows_k elements per row fold), D on
// the columns, T streamed; S (K x D) stationary, X (T x K) streamed.
struct RowsGemm {
  std::uint64_t k, d, t, rows_k, cols, fill;
  double s_ratio, x_ratio;
};

// The first tile a fold-by-fold plan cannot fit: the buffer and the bytes it needed.
struct Shortfall {
  const char* buffer = nullptr;
  std::uint64_t need = 0;
  explicit operator bool() const { return buffer != nullptr; }
};

// Weight- and input-stationary, fold by fold: S's buffer share s_cap, X's x_cap, outputs o_cap.
struct ReductionOnRows {
  std::uint64_t k, d, t, rows_k, cols, fill;  // rows_k = K elements one row fold covers
  double s_ratio, x_ratio;
  std::uint64_t s_cap, x_cap, o_cap;
  const char *s_name, *x_name;
  ElementSize bpe;
};

// A plan with its cost.
struct Costed {
  Emitter plan;
  PlanCost cost;
};

// The two loop orders of a fold-by-fold plan (same tiles; they differ in what they re-read).
struct Orders {
  Emitter a, b;
  [[nodiscard]] Costed fewer_bytes() const;
};

// Fold-by-fold plans (fold_plan.cpp): nothing when a tile cannot fit (`shortfall` says which).
[[nodiscard]] std::optional<Orders> plan_rows(const ReductionOnRows& g, Shortfall& shortfall);
[[nodiscard]] std::optional<Orders> plan_os(const OsGemm& g, const BufferBudget& cap,
                                            Shortfall& shortfall);

// A blocked plan: one step per visit of a fold. The outputs of a block of
// folds stay on chip while the reduction is streamed through in chunks, so an operand chunk is
// reused by every fold of the block.
struct Blocked {
  BufferBudget cap;
  std::uint64_t block_rows = 1, block_cols = 1;  // folds per block (os: rows x cols; rows: 1 x D)
  std::uint64_t chunk = 0;                       // os: K per chunk; ws/is: T per chunk
  PlanCost cost;
};

[[nodiscard]] std::optional<Blocked> best_blocked_os(const OsGemm& g,
                                                     const std::vector<BufferBudget>& caps,
                                                     double bytes_per_cycle);
[[nodiscard]] SeqPtr blocked_os_steps(const OsGemm& g, const Blocked& b);

[[nodiscard]] std::optional<Blocked> best_blocked_rows(const RowsGemm& g, ElementSize bpe,
                                                       const std::vector<BufferBudget>& caps,
                                                       bool s_is_filter, double bytes_per_cycle);
[[nodiscard]] SeqPtr blocked_rows_steps(const RowsGemm& g, ElementSize bpe, const Blocked& b);

}  // namespace headroom::accel::tiling
