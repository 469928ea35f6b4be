// SPDX-License-Identifier: MIT
// On-chip-only designs (`dram: none`): the network must live in the SRAM, or the run is refused.
#include <string>

#include "headroom/models/checked.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/trace_maps.hpp"
#include "tiling/plan.hpp"

namespace headroom::accel {

namespace {

using models::checked_add;
using models::checked_mul;
using models::output_elements;
using models::TraceOp;
using models::weight_elements;

std::uint64_t input_elements(const TraceOp& op) {
  return op.kind == TraceOp::Kind::Gemm
             ? checked_mul(op.gemm.a_elements(), op.gemm.count, "GEMM inputs")
             : op.vector.input_elements;  // a residual add's second operand included
}

// The operand a residual add reads besides its own map (0 for any other op).
std::uint64_t second_operand(const TraceOp& op) {
  return models::reads_second_operand(op) ? op.vector.input_elements - op.vector.elements : 0;
}

std::string bytes_text(std::uint64_t b) { return std::to_string(b) + " B"; }

}  // namespace

void check_on_chip_fits(const AcceleratorConfig& config, const models::Trace& trace,
                        Precision precision) {
  const std::uint64_t capacity = sram_capacity(config.sram);
  const std::string where = config.source_file.empty() ? config.name : config.source_file;
  const auto refuse = [&](const TraceOp& op, const std::string& need) {
    throw InputError(input_error_message(
        where, 0, "dram",
        "a network that fits the on-chip memory of an on-chip-only design (dram: none): " +
            bytes_text(capacity) + " of SRAM",
        "layer " + op.layer + " needing " + need));
  };
  // Weights stay resident: nothing could bring them back. Named at the layer they overflow at.
  std::uint64_t weights = 0;
  for (const TraceOp& op : trace.ops) {
    weights = checked_add(
        weights, checked_bytes_for(weight_elements(op), precision, "weight bytes"), "weight bytes");
    if (weights > capacity)
      refuse(op, bytes_text(weights) + " for the weights of the layers up to it");
  }
  // Each op's input and output maps besides them, and the skip map of the next residual add,
  // held from the previous add (or the start) on: conservative by at most one map where the
  // skip is itself the map an op reads.
  std::uint64_t pending_skip = 0;
  std::size_t skip_until = 0;  // ops before this index hold pending_skip
  for (std::size_t i = 0; i < trace.ops.size(); ++i) {
    const TraceOp& op = trace.ops[i];
    if (i >= skip_until) {
      pending_skip = 0;
      skip_until = trace.ops.size();
      for (std::size_t j = i; j < trace.ops.size(); ++j)
        if (second_operand(trace.ops[j]) > 0) {
          pending_skip = second_operand(trace.ops[j]);
          skip_until = j;  // the add itself counts its skip among its inputs
          break;
        }
    }
    // A fused op works on its GEMM's results as they drain: no map of its own.
    if (op.fused) continue;
    const std::uint64_t maps =
        checked_add(checked_add(input_elements(op), output_elements(op), "map elements"),
                    i < skip_until ? pending_skip : 0, "map elements");
    const std::uint64_t map_bytes = checked_bytes_for(maps, precision, "map bytes");
    const std::uint64_t need = checked_add(weights, map_bytes, "on-chip bytes");
    if (need > capacity)
      refuse(op, bytes_text(need) + " (" + bytes_text(weights) + " of weights + " +
                     bytes_text(map_bytes) + " of input, output and held residual maps)");
  }
}

void keep_all_on_chip(OpPlan& plan) {
  for (Step& st : plan.steps) st.read_bytes = st.write_bytes = 0;
  plan.stats.dram_read_bytes = 0;
  plan.stats.dram_write_bytes = 0;
}

}  // namespace headroom::accel
