// SPDX-License-Identifier: MIT
// What a dataflow decides, behind one interface: its names, the closed-form timing of a fold,
// SCALE-Sim's SRAM access counts, and how a GEMM's tiles are walked through the buffers. Each
// dataflow implements it in its own file here; registry.cpp maps the enum to them.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "headroom/accel/dataflow.hpp"
#include "headroom/accel/stats.hpp"
#include "headroom/accel/timing.hpp"
#include "headroom/models/trace.hpp"
#include "tiling/gemm_tiles.hpp"

namespace headroom::accel {

// Everything a tile walk needs about one GEMM on one array.
struct WalkInput {
  const models::GemmShape& gemm;
  std::uint64_t p;       // MACs per PE per cycle
  std::uint64_t kp;      // K as the array sees it: ceil(K / p)
  std::uint64_t rows_k;  // K elements one row fold covers: rows x p
  std::uint32_t rows, cols;
  const FoldTiming& timing;
  double a_ratio, b_ratio;  // unique / im2col elements of A and B
  ElementSize bpe;          // bytes of n elements: bpe.bytes(n) (INT4 packs two to a byte)
  const BufferBudget& cap;
  const std::vector<BufferBudget>& caps;  // unified-buffer splits to try
  double bytes_per_cycle;                 // DRAM; 0 = ideal
};

// The candidate plans of one GEMM: fold by fold (absent when a tile cannot fit; `shortfall`
// says which) and blocked (absent when no split fits).
struct TileWalks {
  std::optional<tiling::Orders> by_fold;
  tiling::Shortfall shortfall;
  std::optional<tiling::Blocked> blocked;
  std::optional<tiling::Emitter> by_block;
};

class DataflowStrategy {
 public:
  virtual ~DataflowStrategy() = default;
  [[nodiscard]] virtual const char* name() const = 0;
  [[nodiscard]] virtual const char* long_name() const = 0;
  [[nodiscard]] virtual const char* scalesim_name() const = 0;
  [[nodiscard]] virtual const char* stationary_buffer() const = 0;
  // Sets the spatial and temporal extents and cycles per fold; the caller counts the folds.
  [[nodiscard]] virtual FoldTiming fold_timing(std::uint64_t rows, std::uint64_t cols,
                                               std::uint64_t m, std::uint64_t n,
                                               std::uint64_t k) const = 0;
  // SCALE-Sim's SRAM accesses of one repetition of `g` (peers/scalesim/README.md §5);
  // `row_k_folds` = ceil(K / p / rows).
  virtual void count_sram(const models::GemmShape& g, std::uint32_t rows, std::uint32_t cols,
                          std::uint64_t row_k_folds, OpStats& s) const = 0;
  [[nodiscard]] virtual TileWalks walk(const WalkInput& in) const = 0;
  // SRAM traffic the blocked plan adds over the fold-by-fold one, once it is chosen.
  virtual void count_blocked_sram(const models::GemmShape& /*g*/, const tiling::Blocked& /*b*/,
                                  OpStats& /*s*/) const {}
};

// The strategy of a dataflow (registry.cpp).
[[nodiscard]] const DataflowStrategy& strategy(Dataflow d);

// The walks ws and is share: reduction K on the array rows, `g.d` on its columns, `g.t` streamed
// (reduction_on_rows.cpp). `s_is_filter`: the stationary operand is the filter (ws).
[[nodiscard]] TileWalks walk_reduction_on_rows(const WalkInput& in, const tiling::RowsGemm& g,
                                               bool s_is_filter);

}  // namespace headroom::accel
