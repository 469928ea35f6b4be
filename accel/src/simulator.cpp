// SPDX-License-Identifier: MIT
// Runs the trace on a freshly elaborated SystemC model that plans each op (pure C++) as it gets
// to it, and turns the time stamps it leaves into per-op cycles.
#include "headroom/accel/simulator.hpp"

#include <algorithm>
#include <exception>
#include <memory>
#include <string>

#include "headroom/models/error.hpp"
#include "sc/accelerator_top.hpp"
#include "sc/report_handler.hpp"
#include "sc/scoped_context.hpp"
#include "sc/sim_time.hpp"
#include "tiling/plan.hpp"

namespace headroom::accel {

// Nothing persists between runs: each elaborates its own model in its own kernel context.
struct Simulator::Impl {};

Simulator::Simulator() : impl_(std::make_unique<Impl>()) { sc::install_report_handler(); }

Simulator::~Simulator() = default;

RunStats Simulator::run(const AcceleratorConfig& config, const models::Trace& trace,
                        Precision precision) {
  // A GEMM with an empty dimension (a convolution whose kernel exceeds its padded input, from a
  // hand-built network or a model file) is a malformed layer; the planner divides by its sizes.
  for (const auto& op : trace.ops) {
    const auto& g = op.gemm;
    if (op.kind == models::TraceOp::Kind::Gemm &&
        (g.m == 0 || g.n == 0 || g.k == 0 || g.count == 0))
      throw InputError(input_error_message(
          trace.network, 0, "layer " + op.layer,
          "a GEMM whose every dimension is at least 1 (a layer with a non-empty output)",
          "M " + std::to_string(g.m) + ", N " + std::to_string(g.n) + ", K " + std::to_string(g.k) +
              " x " + std::to_string(g.count)));
  }
  TracePlanner planner(config, trace, precision);
  if (progress_) planner.on_progress(progress_);
  std::vector<OpStats> ops;
  std::vector<std::uint64_t> op_end_cycles, vector_busy;
  std::uint64_t end_cycles = 0;  // last write-back included
  {
    sc::ScopedContext context;
    // Destroyed before the context, even when sc_start throws.
    sc::AcceleratorTop top("top", config, planner);
    sc_core::sc_start();  // ends by starvation once the last write-back is done
    const sc::DoubleBuffers& b = top.buffers();
    if (b.error) std::rethrow_exception(b.error);
    for (const auto& end : b.op_end) op_end_cycles.push_back(sc::time_to_cycles(end));
    end_cycles = sc::time_to_cycles(std::max(b.writes_end, b.now()));
    ops = b.op_stats;
    vector_busy = b.op_vector_busy;
  }
  // Peak MACs per cycle: a slowed precision's MAC takes cycles_per_mac cycles.
  const double pes =
      static_cast<double>(std::uint64_t{config.array.rows} * config.array.cols *
                          config.array.count * config.array.macs_per_pe_per_cycle.at(precision)) /
      cycles_per_mac(config.array, precision);

  RunStats r;
  std::uint64_t previous_end = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    OpStats& s = ops[i];
    s.total_cycles = op_end_cycles[i] - previous_end;
    s.stall_cycles = s.total_cycles - s.compute_cycles;
    previous_end = op_end_cycles[i];
    // Write-backs still draining after the array finished show up in the last op.
    if (i + 1 == ops.size()) s.total_cycles += end_cycles - previous_end;
    if (s.total_cycles > 0)
      s.utilization = static_cast<double>(s.macs) / (static_cast<double>(s.total_cycles) * pes);
    r.compute_cycles += s.compute_cycles;
    r.stall_cycles += s.stall_cycles;
    r.vector_cycles += vector_busy[i];
    r.macs += s.macs;
    r.vector_ops += s.vector_ops;
    r.sram_reads += s.sram_reads();
    r.sram_writes += s.sram_writes();
    r.dram_read_bytes += s.dram_read_bytes;
    r.dram_write_bytes += s.dram_write_bytes;
  }
  r.ops = std::move(ops);
  r.parameter_cache_bytes = planner.parameter_cache().capacity_bytes;
  r.cached_weight_bytes = planner.parameter_cache().cached_bytes;
  r.weight_bytes = planner.parameter_cache().weight_bytes;
  r.total_cycles = end_cycles;
  r.writeback_cycles = end_cycles - previous_end;
  return r;
}

}  // namespace headroom::accel
