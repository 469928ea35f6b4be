// SPDX-License-Identifier: MIT
// Input stationary: a K x M block of A (the ifmap, transposed) is preloaded into the PEs; B's
// columns stream through and partial sums flow down the columns.
#include "dataflow/dataflow_strategy.hpp"

namespace headroom::accel {

namespace {

using tiling::ceil_div;

class InputStationary final : public DataflowStrategy {
 public:
  const char* name() const override { return "is"; }
  const char* long_name() const override { return "input_stationary"; }
  const char* scalesim_name() const override { return "is"; }
  const char* stationary_buffer() const override { return "ifmap"; }

  FoldTiming fold_timing(std::uint64_t rows, std::uint64_t cols, std::uint64_t m, std::uint64_t n,
                         std::uint64_t k) const override {
    FoldTiming t;
    t.spatial_rows = k;
    t.spatial_cols = m;
    t.temporal = n;
    t.cycles_per_fold = 2 * rows + cols + n - 2;
    return t;
  }

  void count_sram(const models::GemmShape& g, std::uint32_t /*rows*/, std::uint32_t cols,
                  std::uint64_t row_k_folds, OpStats& s) const override {
    s.ifmap_sram_reads = g.m * g.k;
    s.filter_sram_reads = ceil_div(g.m, cols) * g.k * g.n;
    s.ofmap_sram_writes = row_k_folds * g.m * g.n;
    s.ofmap_sram_reads = (row_k_folds - 1) * g.m * g.n;
  }

  TileWalks walk(const WalkInput& in) const override {
    const models::GemmShape& g = in.gemm;
    // S = A (K x M) stationary, X = B (N x K) streamed.
    const tiling::RowsGemm rows{
        g.k, g.m, g.n, in.rows_k, in.cols, in.timing.cycles_per_fold - g.n, in.a_ratio, in.b_ratio};
    return walk_reduction_on_rows(in, rows, false);
  }
};

}  // namespace

const DataflowStrategy& input_stationary() {
  static const InputStationary instance;
  return instance;
}

}  // namespace headroom::accel
