// SPDX-License-Identifier: MIT
// The fields of one trace op (the per-layer CSV columns and JSON `layers` objects) and of one
// phase (JSON `phases`).
#include <fmt/format.h>

#include "report/field_builders.hpp"

namespace headroom::sim {

namespace {

using namespace fields;
using F = Field<OpRecord>;

const accel::OpStats& op(const OpRecord& o) { return o.result.stats.ops.at(o.index); }

// Why an op moves the DRAM bytes it does (issue 16: the per-layer report says what must move).
std::string dram_traffic(const accel::OpStats& s, bool on_chip_only) {
  if (on_chip_only) return "none: on-chip only (dram: none)";
  if (s.depth_first_chain != 0) {
    // A depth-first chain (accelerator-model.md): its maps live in row-band line buffers.
    const std::string weights =
        s.weights_cached      ? std::string("weights cached on chip")
        : s.weight_passes > 1 ? fmt::format("weights once per band ({} times)", s.weight_passes)
                              : std::string("weights once");
    return fmt::format("depth-first chain {}, band {} rows: {}{}; {}", s.depth_first_chain,
                       s.band_rows, s.input_on_chip ? "reads " : "reads input once, ", weights,
                       s.output_on_chip ? "output in a line buffer" : "writes output once");
  }
  if (s.kind == models::TraceOp::Kind::Gemm) {
    const std::string reads =
        s.weights_cached
            ? (s.input_on_chip ? "reads nothing (input on chip, weights cached on chip)"
                               : "reads input (weights cached on chip)")
        : s.input_on_chip ? "reads weights (input on chip)"
                          : "reads input, weights";
    return reads + (s.output_on_chip ? "; output kept on chip" : "; writes output");
  }
  if (s.behind_gemm)
    return s.dram_read_bytes > 0 ? "in the GEMM's output stage; reads the second operand"
                                 : "in the GEMM's output stage";
  const std::string reads =
      s.input_on_chip
          ? (s.dram_read_bytes > 0 ? "reads the second operand (input on chip)" : "input on chip")
          : "reads input";
  return reads + (s.output_on_chip ? "; output kept on chip" : "; writes output");
}

template <class Get>
F count(std::string name, std::string unit, std::string description, Get get) {
  std::string key = name;
  return integer<OpRecord>(std::move(name), std::move(unit), std::move(key), std::move(description),
                           [get](const OpRecord& o) { return FieldValue(get(op(o))); });
}

// The op's share of a component of the run's energy: 0 where the op has none of it, missing when
// the run has no such component (so the per-layer columns follow the run's).
FieldValue op_energy_of(const OpRecord& o, std::string_view component) {
  const auto& e = o.result.energy;
  if (!e || o.index >= e->per_op_components.size()) return {};
  bool in_run = false;
  for (const auto& c : e->total.components) in_run = in_run || c.name == component;
  if (!in_run) return {};
  double j = 0;
  for (const auto& c : e->per_op_components[o.index])
    if (c.name == component) j += c.energy.value();
  return j;
}

std::vector<F> declare() {
  std::vector<F> out{
      text<OpRecord>("name", "name", "layer name", [](const OpRecord& o) { return op(o).layer; }),
      text<OpRecord>("phase", "phase", "forward, backward_data, backward_weight or update",
                     [](const OpRecord& o) { return std::string(models::to_string(op(o).phase)); }),
      text<OpRecord>("kind", "kind", "gemm (on the array) or vector (on the vector unit)",
                     [](const OpRecord& o) {
                       return std::string(op(o).kind == models::TraceOp::Kind::Gemm ? "gemm"
                                                                                    : "vector");
                     }),
      count("M", "1", "GEMM rows (0 for vector ops)", [](const accel::OpStats& s) { return s.m; }),
      count("N", "1", "GEMM columns (0 for vector ops)",
            [](const accel::OpStats& s) { return s.n; }),
      count("K", "1", "GEMM reduction depth (0 for vector ops)",
            [](const accel::OpStats& s) { return s.k; }),
      count("count", "1", "times the GEMM repeats (e.g. groups, heads)",
            [](const accel::OpStats& s) { return s.count; }),
      count("macs", "MAC", "multiply-accumulates", [](const accel::OpStats& s) { return s.macs; }),
      count("vector_ops", "op", "vector-unit element operations",
            [](const accel::OpStats& s) { return s.vector_ops; }),
      count("folds", "1", "array folds (tiles mapped one after another)",
            [](const accel::OpStats& s) { return s.folds; }),
      count("compute_cycles", "cycles", "cycles the array or vector unit computed",
            [](const accel::OpStats& s) { return s.compute_cycles; }),
      count("stall_cycles", "cycles", "cycles waiting for memory",
            [](const accel::OpStats& s) { return s.stall_cycles; }),
      count("total_cycles", "cycles",
            "cycles from the previous op's end to this one's (the last op adds the exposed "
            "write-back)",
            [](const accel::OpStats& s) { return s.total_cycles; }),
      real<OpRecord>("latency_s", "s", "latency_s", "total cycles / clock",
                     [](const OpRecord& o) { return o.result.op_latency_s(op(o)); }),
      real<OpRecord>(
          "utilization", "1", "utilization", "MACs / (total cycles x peak MACs per cycle)",
          [](const OpRecord& o) { return op(o).utilization; }, kShare),
      real<OpRecord>(
          "mapping_efficiency", "1", "mapping_efficiency",
          "share of the PEs the GEMM's folds occupy (SCALE-Sim's definition)",
          [](const OpRecord& o) { return op(o).mapping_efficiency; }, kShare),
      count("sram_reads", "words", "SRAM reads in elements",
            [](const accel::OpStats& s) { return s.sram_reads(); }),
      count("sram_writes", "words", "SRAM writes in elements",
            [](const accel::OpStats& s) { return s.sram_writes(); }),
      count("dram_read_bytes", "bytes", "bytes read from DRAM",
            [](const accel::OpStats& s) { return s.dram_read_bytes; }),
      count("dram_write_bytes", "bytes", "bytes written to DRAM",
            [](const accel::OpStats& s) { return s.dram_write_bytes; }),
      text<OpRecord>("dram_traffic", "dram_traffic",
                     "what the op's DRAM bytes are: reads (input, weights, a second operand) and "
                     "writes (output), less what stayed on chip (maps kept, weights cached); for a "
                     "depth-first chain its number, band of output rows and weight passes",
                     [](const OpRecord& o) { return dram_traffic(op(o), o.result.on_chip_only); }),
      real<OpRecord>("energy_j", "J", "energy_j", "energy of the op alone (technology model)",
                     [](const OpRecord& o) {
                       const auto& e = o.result.energy;
                       return e && o.index < e->per_op.size()
                                  ? FieldValue(e->per_op[o.index].value())
                                  : FieldValue();
                     }),
  };
  for (const auto name : energy_component_names())
    out.push_back(real<OpRecord>(
        fmt::format("energy_{}_j", name), "J", fmt::format("energy_components.{}_j", name),
        fmt::format("the op's {} energy (see the run field energy_{}_j)", name, name),
        [name](const OpRecord& o) { return op_energy_of(o, name); }));
  return out;
}

}  // namespace

const std::vector<Field<PhaseTotals>>& phase_fields() {
  using P = PhaseTotals;
  static const std::vector<Field<P>> all{
      text<P>("phase", "phase", "forward, backward_data, backward_weight or update",
              [](const P& p) { return std::string(models::to_string(p.phase)); }),
      integer<P>("ops", "1", "ops", "trace ops in the phase", [](const P& p) { return p.ops; }),
      integer<P>("macs", "MAC", "macs", "multiply-accumulates", [](const P& p) { return p.macs; }),
      integer<P>("vector_ops", "op", "vector_ops", "vector-unit element operations",
                 [](const P& p) { return p.vector_ops; }),
      integer<P>("total_cycles", "cycles", "total_cycles", "sum of the phase's ops' cycles",
                 [](const P& p) { return p.total_cycles; }),
  };
  return all;
}

const std::vector<Field<OpRecord>>& layer_fields() {
  static const std::vector<F> all = declare();
  return all;
}

}  // namespace headroom::sim
