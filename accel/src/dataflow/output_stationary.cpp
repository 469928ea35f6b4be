// SPDX-License-Identifier: MIT
// Output stationary: each PE keeps one output; A streams along the rows, B down the columns.
#include "dataflow/dataflow_strategy.hpp"

namespace headroom::accel {

namespace {

using tiling::ceil_div;

class OutputStationary final : public DataflowStrategy {
 public:
  const char* name() const override { return "os"; }
  const char* long_name() const override { return "output_stationary"; }
  const char* scalesim_name() const override { return "os"; }
  const char* stationary_buffer() const override { return "ofmap"; }

  FoldTiming fold_timing(std::uint64_t rows, std::uint64_t cols, std::uint64_t m, std::uint64_t n,
                         std::uint64_t k) const override {
    FoldTiming t;
    t.spatial_rows = m;
    t.spatial_cols = n;
    t.temporal = k;
    // Operands stream for K cycles; the skew across rows and columns adds R-1 + C-1.
    t.cycles_per_fold = k + rows + cols - 2;
    return t;
  }

  void count_sram(const models::GemmShape& g, std::uint32_t rows, std::uint32_t cols,
                  std::uint64_t /*row_k_folds*/, OpStats& s) const override {
    s.ifmap_sram_reads = ceil_div(g.n, cols) * g.m * g.k;
    s.filter_sram_reads = ceil_div(g.m, rows) * g.k * g.n;
    s.ofmap_sram_writes = g.m * g.n;
  }

  TileWalks walk(const WalkInput& in) const override {
    const models::GemmShape& g = in.gemm;
    const tiling::OsGemm os{
        g.m,        g.n,        g.k,   in.p, in.rows, in.cols, in.timing.cycles_per_fold - in.kp,
        in.a_ratio, in.b_ratio, in.bpe};
    TileWalks w;
    w.by_fold = tiling::plan_os(os, in.cap, w.shortfall);
    w.blocked = tiling::best_blocked_os(os, in.caps, in.bytes_per_cycle);
    if (w.blocked) {
      const tiling::Blocked b = *w.blocked;
      w.by_block = tiling::Emitter{in.timing.folds() * ceil_div(g.k, b.chunk), 1,
                                   tiling::blocked_os_steps(os, b)};
    }
    return w;
  }

  // A fold revisited for its next K chunk first swaps its partial sums out of the array and
  // back in through the ofmap buffer.
  void count_blocked_sram(const models::GemmShape& g, const tiling::Blocked& b,
                          OpStats& s) const override {
    const std::uint64_t revisits = ceil_div(g.k, b.chunk) - 1;
    s.ofmap_sram_writes += revisits * g.m * g.n * g.count;
    s.ofmap_sram_reads += revisits * g.m * g.n * g.count;
  }
};

}  // namespace

const DataflowStrategy& output_stationary() {
  static const OutputStationary instance;
  return instance;
}

}  // namespace headroom::accel
