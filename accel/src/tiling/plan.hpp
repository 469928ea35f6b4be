// SPDX-License-Identifier: MIT
// What the SystemC model executes: each trace op becomes a list of steps. A step is one tile
// (one chunk of one fold, on every array at once): the bytes the DMA must bring from DRAM
// before it, the cycles the array (or vector unit) is busy on it, the bytes written back after.
// Planning is pure C++ so tiling and reuse are tested without a kernel.
#pragma once

#include <cstdint>
#include <vector>

#include "headroom/accel/config.hpp"
#include "headroom/accel/stats.hpp"
#include "headroom/models/trace.hpp"

namespace headroom::accel {

struct Step {
  std::uint64_t read_bytes = 0;
  std::uint64_t compute_cycles = 0;
  std::uint64_t write_bytes = 0;
};

struct OpPlan {
  OpStats stats;  // everything known before timing: shape, MACs, folds, SRAM accesses, bytes
  std::vector<Step> steps;
  std::uint64_t vector_busy_cycles = 0;  // vector unit time, including any hidden behind a GEMM
};

// Capacities the planner may use, in bytes: half of each buffer, the other half being the
// double-buffering slot that the DMA fills while the array works.
struct BufferBudget {
  std::uint64_t ifmap = 0;
  std::uint64_t filter = 0;
  std::uint64_t ofmap = 0;
};

[[nodiscard]] BufferBudget buffer_budget(const SramConfig& sram);

// Plans one GEMM op. Throws InputError when a buffer cannot hold one tile.
[[nodiscard]] OpPlan plan_gemm(const AcceleratorConfig& config, const models::TraceOp& op,
                               Precision precision);

// Plans one vector op. When `fused`, it is pipelined behind the GEMM just before it, which
// keeps the array busy for `fused_after` cycles.
[[nodiscard]] OpPlan plan_vector(const AcceleratorConfig& config, const models::TraceOp& op,
                                 Precision precision, bool fused, std::uint64_t fused_after);

// Whether a vector op can be pipelined behind the GEMM just before it (see accelerator-model.md).
[[nodiscard]] bool fusable(models::VectorKind kind);

// Plans a whole trace; validates the config against the precision first.
[[nodiscard]] std::vector<OpPlan> plan_trace(const AcceleratorConfig& config,
                                             const models::Trace& trace, Precision precision);

}  // namespace headroom::accel
