// SPDX-License-Identifier: MIT
// Plans the trace (pure C++), then runs the plan on a freshly elaborated SystemC model and turns
// the time stamps it leaves into per-op cycles.
#include "headroom/accel/simulator.hpp"

#include <memory>

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

namespace {

struct Timeline {
  std::vector<std::uint64_t> op_end_cycles;
  std::uint64_t end_cycles = 0;  // last write-back included
};

Timeline simulate(const AcceleratorConfig& config, const std::vector<OpPlan>& plans) {
  sc::ScopedContext context;
  Timeline t;
  {
    // Destroyed before the context, even when sc_start throws.
    sc::AcceleratorTop top("top", config, plans);
    sc_core::sc_start();  // ends by starvation once the last write-back is done
    for (const auto& end : top.buffers().op_end) t.op_end_cycles.push_back(sc::time_to_cycles(end));
    t.end_cycles = sc::time_to_cycles(std::max(top.buffers().writes_end, sc_core::sc_time_stamp()));
  }
  return t;
}

}  // namespace

RunStats Simulator::run(const AcceleratorConfig& config, const models::Trace& trace,
                        Precision precision) {
  const std::vector<OpPlan> plans = plan_trace(config, trace, precision);
  const Timeline t = simulate(config, plans);
  const std::uint64_t pes = std::uint64_t{config.array.rows} * config.array.cols *
                            config.array.count * config.array.macs_per_pe_per_cycle.at(precision);

  RunStats r;
  r.ops.reserve(plans.size());
  std::uint64_t previous_end = 0;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    OpStats s = plans[i].stats;
    s.total_cycles = t.op_end_cycles[i] - previous_end;
    s.stall_cycles = s.total_cycles - s.compute_cycles;
    previous_end = t.op_end_cycles[i];
    // Write-backs still draining after the array finished show up in the last op.
    if (i + 1 == plans.size()) s.total_cycles += t.end_cycles - previous_end;
    if (s.total_cycles > 0)
      s.utilization = static_cast<double>(s.macs) / (static_cast<double>(s.total_cycles) * pes);
    r.compute_cycles += s.compute_cycles;
    r.stall_cycles += s.stall_cycles;
    r.vector_cycles += plans[i].vector_busy_cycles;
    r.macs += s.macs;
    r.vector_ops += s.vector_ops;
    r.sram_reads += s.sram_reads();
    r.sram_writes += s.sram_writes();
    r.dram_read_bytes += s.dram_read_bytes;
    r.dram_write_bytes += s.dram_write_bytes;
    r.ops.push_back(std::move(s));
  }
  r.total_cycles = t.end_cycles;
  return r;
}

}  // namespace headroom::accel
