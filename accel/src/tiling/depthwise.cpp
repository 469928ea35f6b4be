// SPDX-License-Identifier: MIT
// Depthwise channels packed side by side on the array (docs/accelerator-model.md, "Depthwise
// convolutions").
#include <algorithm>

#include "tiling/gemm_tiles.hpp"
#include "tiling/plan.hpp"

namespace headroom::accel {

MappedGemm mapped_gemm(const ArrayConfig& array, const models::GemmShape& g,
                       std::uint32_t macs_per_pe) {
  if (!array.depthwise_packed || !g.depthwise || g.count < 2) return {g, 1};
  // Channel c's K taps take their own rows (a PE consumes macs_per_pe of them per cycle, and a
  // channel starts on a PE of its own); under WS its N filters also take their own columns,
  // under IS they stream. OS is refused by validate().
  const std::uint64_t rows_per_channel = tiling::ceil_div(g.k, macs_per_pe);
  std::uint64_t fit = array.rows / rows_per_channel;
  if (array.dataflow == Dataflow::WeightStationary)
    fit = std::min<std::uint64_t>(fit, array.cols / g.n);
  fit = std::min(fit, g.count);
  if (fit < 2) return {g, 1};
  // Balanced passes: ceil(groups / fit) of them, each with at most ceil(groups / passes)
  // channels; a pass's fold takes as long with fewer channels, so timing is exact. Per pass the
  // DRAM sees the average share of the unique inputs and weights (the block's zeros are not
  // stored), so totals stay within passes - 1 elements of the channel-by-channel ones.
  const std::uint64_t passes = tiling::ceil_div(g.count, fit);
  const std::uint64_t channels = tiling::ceil_div(g.count, passes);
  models::GemmShape p = g;
  p.k = g.k * channels;
  p.n = g.n * channels;
  p.count = passes;
  p.a_unique_elements = tiling::ceil_div(g.a_elements() * g.count, passes);
  p.b_unique_elements = tiling::ceil_div(g.b_elements() * g.count, passes);
  return {p, channels};
}

}  // namespace headroom::accel
