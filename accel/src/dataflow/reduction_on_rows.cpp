// SPDX-License-Identifier: MIT
#include "dataflow/dataflow_strategy.hpp"

namespace headroom::accel {

TileWalks walk_reduction_on_rows(const WalkInput& in, const tiling::RowsGemm& g, bool s_is_filter) {
  const std::uint64_t s_cap = s_is_filter ? in.cap.filter : in.cap.ifmap;
  const std::uint64_t x_cap = s_is_filter ? in.cap.ifmap : in.cap.filter;
  const char* s_name = s_is_filter ? "filter" : "ifmap";
  const char* x_name = s_is_filter ? "ifmap" : "filter";
  TileWalks w;
  w.by_fold = tiling::plan_rows({g.k, g.d, g.t, g.rows_k, g.cols, g.fill, g.s_ratio, g.x_ratio,
                                 s_cap, x_cap, in.cap.ofmap, s_name, x_name, in.bpe},
                                w.shortfall);
  w.blocked = tiling::best_blocked_rows(g, in.bpe, in.caps, s_is_filter, in.bytes_per_cycle);
  if (w.blocked) {
    const tiling::Blocked b = *w.blocked;
    const std::uint64_t visits = tiling::ceil_div(g.t, b.chunk) * tiling::ceil_div(g.k, g.rows_k) *
                                 tiling::ceil_div(g.d, g.cols);
    w.by_block = tiling::Emitter{visits, 1, tiling::blocked_rows_steps(g, in.bpe, b)};
  }
  return w;
}

}  // namespace headroom::accel
