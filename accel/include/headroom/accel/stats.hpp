// SPDX-License-Identifier: MIT
// What a simulation counted: cycles, accesses and bytes per trace op, as integers.
// Energy and seconds are derived from these afterwards (accel/tech, sim/), never stored here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "headroom/models/trace.hpp"

namespace headroom::accel {

struct OpStats {
  std::string layer;
  models::Phase phase = models::Phase::Forward;
  models::TraceOp::Kind kind = models::TraceOp::Kind::Gemm;
  std::uint64_t m = 0, n = 0, k = 0, count = 1;  // GEMM shape (0 for vector ops)
  std::uint64_t macs = 0;
  std::uint64_t vector_ops = 0;
  std::uint64_t folds = 0;

  std::uint64_t compute_cycles = 0;  // array (or vector unit) busy
  std::uint64_t stall_cycles = 0;    // compute waiting for memory
  std::uint64_t total_cycles = 0;    // compute + stall (+ exposed write-back)
  double utilization = 0;            // macs / (total_cycles x PEs x MACs per PE per cycle)
  double mapping_efficiency = 0;     // SCALE-Sim's definition, for GEMMs

  // SRAM accesses in words of the element size (SCALE-Sim counts the same way).
  std::uint64_t ifmap_sram_reads = 0;
  std::uint64_t filter_sram_reads = 0;
  std::uint64_t ofmap_sram_writes = 0;
  std::uint64_t ofmap_sram_reads = 0;  // partial sums read back for accumulation
  std::uint64_t dram_read_bytes = 0;
  std::uint64_t dram_write_bytes = 0;
  // Inter-layer reuse (models::TraceOp): the input came from, or the output stayed in, the
  // on-chip buffer, so DRAM moved only the rest (weights, a residual operand).
  bool input_on_chip = false;
  bool output_on_chip = false;
  // A depth-first chain (models::TraceOp::DepthFirst): its number (0: none), the band of output
  // rows it runs in and how many times the op's weights came from DRAM.
  std::uint32_t depth_first_chain = 0;
  std::uint64_t band_rows = 0;
  std::uint64_t weight_passes = 0;
  // A vector op pipelined behind the GEMM before it (its input never left the chip).
  bool behind_gemm = false;
  // A GEMM whose weights stay in the parameter cache across inferences (sram.parameter_cache):
  // in steady state DRAM moves none of them.
  bool weights_cached = false;

  [[nodiscard]] std::uint64_t sram_reads() const {
    return ifmap_sram_reads + filter_sram_reads + ofmap_sram_reads;
  }
  [[nodiscard]] std::uint64_t sram_writes() const { return ofmap_sram_writes; }
};

struct RunStats {
  std::vector<OpStats> ops;
  std::uint64_t total_cycles = 0;  // wall-clock cycles of the whole trace (overlap accounted)
  std::uint64_t compute_cycles = 0;
  std::uint64_t stall_cycles = 0;
  // The last write-back draining after the array finished: compute + stall + this = total.
  std::uint64_t writeback_cycles = 0;
  std::uint64_t vector_cycles = 0;
  std::uint64_t macs = 0;
  std::uint64_t vector_ops = 0;
  std::uint64_t sram_reads = 0;
  std::uint64_t sram_writes = 0;
  std::uint64_t dram_read_bytes = 0;
  std::uint64_t dram_write_bytes = 0;
  // The parameter cache (sram.parameter_cache; 0 without one). The counts above are the steady
  // state, cached weights already on chip; the first (cold) inference also reads
  // cached_weight_bytes from DRAM to fill it.
  std::uint64_t parameter_cache_bytes = 0;
  std::uint64_t cached_weight_bytes = 0;
  std::uint64_t weight_bytes = 0;  // every GEMM's weights in the trace
};

}  // namespace headroom::accel
