// SPDX-License-Identifier: MIT
// The parameter cache (sram.parameter_cache, docs/accelerator-model.md "Parameter cache"): the
// weights of the first layers, in execution order, stay in a reserved part of the SRAM across
// inferences, so a steady stream of inferences reads only the rest from DRAM. A planner step of
// its own, applied after inter-layer reuse (reuse_plan.cpp), which it does not change.
#include <algorithm>

#include "headroom/models/checked.hpp"
#include "headroom/models/trace_maps.hpp"
#include "tiling/plan.hpp"

namespace headroom::accel {

namespace {

std::uint64_t weight_bytes(const models::TraceOp& op, Precision precision) {
  return checked_bytes_for(models::weight_elements(op), precision, "weight bytes");
}

}  // namespace

AcceleratorConfig tiling_config(const AcceleratorConfig& config, const ParameterCache& cache) {
  AcceleratorConfig t = config;
  if (cache.capacity_bytes > 0) t.sram = tiling_sram(config.sram);
  return t;
}

ParameterCache plan_parameter_cache(const AcceleratorConfig& config, const models::Trace& trace,
                                    Precision precision) {
  ParameterCache c;
  c.cached.assign(trace.ops.size(), false);
  for (const models::TraceOp& op : trace.ops)
    c.weight_bytes =
        models::checked_add(c.weight_bytes, weight_bytes(op, precision), "weight bytes");
  // A training step rewrites its weights every step: nothing is kept across steps, so nothing
  // is reserved and tiles get the whole SRAM.
  const bool inference = std::all_of(trace.ops.begin(), trace.ops.end(), [](const auto& op) {
    return op.phase == models::Phase::Forward;
  });
  if (!inference) return c;
  c.capacity_bytes = config.sram.parameter_cache_bytes;
  if (c.capacity_bytes == 0) return c;
  // In execution order, whole layers, until the first that does not fit (an assumption: the
  // Edge TPU compiler does not publish its choice; docs/accelerator-model.md).
  for (std::size_t i = 0; i < trace.ops.size(); ++i) {
    const std::uint64_t w = weight_bytes(trace.ops[i], precision);
    if (w == 0) continue;
    if (w > c.capacity_bytes - c.cached_bytes) break;
    c.cached[i] = true;
    c.cached_bytes += w;
  }
  return c;
}

void apply_parameter_cache(OpPlan& plan, const models::TraceOp& op, bool cached) {
  if (!cached) return;
  // plan_gemm planned the op with its weights on chip (no DRAM byte of them); what inter-layer
  // reuse left of its reads when the input came on chip was those weights, so nothing is left.
  plan.stats.weights_cached = true;
  if (!op.input_on_chip) return;
  for (Step& st : plan.steps) st.read_bytes = 0;
  plan.stats.dram_read_bytes = 0;
}

}  // namespace headroom::accel
