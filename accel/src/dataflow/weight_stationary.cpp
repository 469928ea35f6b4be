// SPDX-License-Identifier: MIT
// Weight stationary: a K x N block of B (the filter) is preloaded into the PEs; A's rows stream
// through and partial sums flow down the columns.
#include "dataflow/dataflow_strategy.hpp"

namespace headroom::accel {

namespace {

using tiling::ceil_div;

class WeightStationary final : public DataflowStrategy {
 public:
  const char* name() const override { return "ws"; }
  const char* long_name() const override { return "weight_stationary"; }
  const char* scalesim_name() const override { return "ws"; }
  const char* stationary_buffer() const override { return "filter"; }

  FoldTiming fold_timing(std::uint64_t rows, std::uint64_t cols, std::uint64_t m, std::uint64_t n,
                         std::uint64_t k) const override {
    FoldTiming t;
    t.spatial_rows = k;
    t.spatial_cols = n;
    t.temporal = m;
    // R cycles to preload weights, M input rows stream, R-1 + C-1 skew; preload is not hidden.
    t.cycles_per_fold = 2 * rows + cols + m - 2;
    return t;
  }

  void count_sram(const models::GemmShape& g, std::uint32_t /*rows*/, std::uint32_t cols,
                  std::uint64_t row_k_folds, OpStats& s) const override {
    s.ifmap_sram_reads = ceil_div(g.n, cols) * g.m * g.k;
    s.filter_sram_reads = g.k * g.n;
    s.ofmap_sram_writes = row_k_folds * g.m * g.n;
    s.ofmap_sram_reads = (row_k_folds - 1) * g.m * g.n;
  }

  TileWalks walk(const WalkInput& in) const override {
    const models::GemmShape& g = in.gemm;
    // S = B (K x N) stationary, X = A (M x K) streamed.
    const tiling::RowsGemm rows{
        g.k, g.n, g.m, in.rows_k, in.cols, in.timing.cycles_per_fold - g.m, in.b_ratio, in.a_ratio};
    return walk_reduction_on_rows(in, rows, true);
  }
};

}  // namespace

const DataflowStrategy& weight_stationary() {
  static const WeightStationary instance;
  return instance;
}

}  // namespace headroom::accel
