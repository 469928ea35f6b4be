// SPDX-License-Identifier: MIT
// The fields of one run (JSON `config`, `workload`, `totals`, `energy`, `area`; one sweep row).
#include <fmt/format.h>

#include "headroom/accel/units.hpp"
#include "report/field_builders.hpp"

namespace headroom::sim {

namespace {

using namespace fields;
using F = Field<Result>;
using U = std::uint64_t;

// accel/src/tech/energy.cpp's components. Fixed, so a sweep table keeps its columns whether or
// not a run has them (split or unified SRAM, with or without a technology model).
struct Component {
  std::string_view name;
  std::string_view description;
};
constexpr Component kEnergyComponents[] = {
    {"mac", "the array's multiply-accumulates"},
    {"pe_registers", "PE pipeline registers latching both operands of every MAC"},
    {"vector", "vector-unit operations"},
    {"sram_ifmap", "input-feature-map buffer accesses (split buffers)"},
    {"sram_filter", "filter (weight) buffer accesses (split buffers)"},
    {"sram_ofmap", "output buffer writes and partial-sum reads (split buffers)"},
    {"sram_unified", "unified-buffer accesses (one shared buffer)"},
    {"sram_dram_transfer", "buffer side of every DRAM transfer"},
    {"dram", "DRAM reads and writes"},
    {"static", "leakage of the whole die over the run, or its measured idle power (energy.idle_w)"},
};
// accel/src/tech/area.cpp's components.
constexpr Component kAreaComponents[] = {
    {"array", "the PE array (widest MAC and its operand registers per PE)"},
    {"sram", "the on-chip buffers"},
    {"vector", "the vector unit"},
    {"overhead", "control, NoC, clock and I/O (a fraction of the rest)"},
};

FieldValue energy_of(const Result& r, std::string_view component) {
  if (!r.energy) return {};
  for (const auto& c : r.energy->total.components)
    if (c.name == component) return c.energy.value();
  return {};
}

FieldValue area_of(const Result& r, std::string_view component) {
  if (!r.area) return {};
  for (const auto& c : r.area->components)
    if (c.name == component) return units::to_mm2(c.area);
  return {};
}

// A --rate figure: absent (no JSON key) on runs without one.
template <class Get>
F battery_field(const std::string& name, const std::string& unit, const std::string& description,
                Get get) {
  return real<Result>(name, unit, "battery." + name, description, [get](const Result& r) {
    return r.battery ? FieldValue(get(*r.battery)) : FieldValue();
  });
}

// A parameter-cache figure (sram.parameter_cache): absent (no JSON key) on runs without one, so
// their output is unchanged.
template <class Get>
F cache_field(const std::string& name, const std::string& description, Get get) {
  return integer<Result>(name, "bytes", "totals." + name, description, [get](const Result& r) {
    return r.stats.parameter_cache_bytes > 0 ? FieldValue(get(r.stats)) : FieldValue();
  });
}

std::vector<F> identity() {
  return {
      text<Result>("config_name", "config.name", "accelerator config name",
                   [](const Result& r) { return r.config_name; }),
      text<Result>("config_file", "config.file", "accelerator config file as given",
                   [](const Result& r) { return r.config_file; }),
      real<Result>("clock_hz", "Hz", "config.clock_hz", "array clock",
                   [](const Result& r) { return r.clock.value(); }),
      integer<Result>("peak_macs_per_cycle", "MAC/cycle", "config.peak_macs_per_cycle",
                      "rows x cols x arrays x MACs per PE per cycle in the run's precision",
                      [](const Result& r) { return r.peak_macs_per_cycle; }),
      text<Result>(
          "memory", "config.memory",
          "dram, or on_chip_only (dram: none: every weight and map in the SRAM, no "
          "DRAM bytes or energy)",
          [](const Result& r) { return std::string(r.on_chip_only ? "on_chip_only" : "dram"); }),
      text<Result>("network", "workload.network", "zoo network or topology file",
                   [](const Result& r) { return r.network; }),
      integer<Result>("batch", "1", "workload.batch", "examples per inference or step",
                      [](const Result& r) { return r.batch; }),
      text<Result>("precision", "workload.precision", "compute precision, e.g. int8, bf16",
                   [](const Result& r) { return std::string(accel::to_string(r.precision)); }),
      text<Result>(
          "mode", "workload.mode", "inference or training_step",
          [](const Result& r) { return std::string(r.training ? "training_step" : "inference"); }),
      text<Result>("graph", "workload.graph",
                   "fused (the deployment graph: BatchNorm folded, element-wise ops in GEMM "
                   "output stages) or as_written (--no-fuse, training, topologies)",
                   [](const Result& r) { return std::string(r.fusion ? "fused" : "as_written"); }),
      integer<Result>("batchnorms_folded", "1", "workload.batchnorms_folded",
                      "BatchNorms folded into the preceding convolution or dense layer",
                      [](const Result& r) { return r.fusion ? r.fusion->batchnorms_folded : 0; }),
      integer<Result>("ops_fused", "1", "workload.ops_fused",
                      "activation, bias and residual-add ops done in a GEMM's output stage",
                      [](const Result& r) { return r.fusion ? r.fusion->ops_fused : 0; }),
      integer<Result>("pools_fused", "1", "workload.pools_fused",
                      "poolings right after a GEMM, done in its output stage where the "
                      "hardware has a pooling stage (post_processing.pooling)",
                      [](const Result& r) { return r.fusion ? r.fusion->pools_fused : 0; }),
      integer<Result>("maps_kept_on_chip", "1", "workload.maps_kept_on_chip",
                      "outputs handed to the next layer in the on-chip buffer instead of DRAM",
                      [](const Result& r) { return r.fusion ? r.fusion->maps_kept_on_chip : 0; }),
      text<Result>("depth_first", "workload.depth_first",
                   "on (chains of convolutions whose maps do not fit whole run in row bands), "
                   "off (--no-depth-first) or none (graph as written)",
                   [](const Result& r) {
                     return std::string(!r.fusion ? "none" : r.fusion->depth_first ? "on" : "off");
                   }),
      integer<Result>("depth_first_chains", "1", "workload.depth_first_chains",
                      "chains of convolutions run depth-first in bands of output rows",
                      [](const Result& r) { return r.fusion ? r.fusion->depth_first_chains : 0; }),
      integer<Result>(
          "maps_in_bands", "1", "workload.maps_in_bands",
          "maps inside depth-first chains: held a band of rows at a time, never in DRAM",
          [](const Result& r) { return r.fusion ? r.fusion->maps_in_bands : 0; }),
      battery_field("rate_per_s", "1/s", "inferences per second asked for (--rate)",
                    [](const BatteryReport& b) { return b.duty.rate_per_s; }),
      battery_field("max_rate_per_s", "1/s", "inferences per second back to back (batch / latency)",
                    [](const BatteryReport& b) { return b.max_rate_per_s; }),
      battery_field("average_power_w", "W",
                    "average power at --rate, idle time included (leakage or wake-ups)",
                    [](const BatteryReport& b) { return b.average_power_w; }),
      battery_field("energy_per_inference_uj", "uJ",
                    "average power / rate: one inference's share with the idle time",
                    [](const BatteryReport& b) { return b.energy_per_inference_j * 1e6; }),
      battery_field("active_energy_per_inference_uj", "uJ", "the run's energy / batch",
                    [](const BatteryReport& b) { return b.active_energy_per_inference_j * 1e6; }),
      battery_field("inferences_per_j", "1/J", "inferences per joule at --rate",
                    [](const BatteryReport& b) { return b.inferences_per_j; }),
      real<Result>(
          "battery_hours", "h", "battery.battery_hours", "hours a --battery lasts at --rate",
          [](const Result& r) {
            return r.battery && r.battery->battery_hours ? FieldValue(*r.battery->battery_hours)
                                                         : FieldValue();
          }),
      boolean<Result>("over_power_budget", "battery.over_power_budget",
                      "average power while running above the config's power_budget",
                      [](const Result& r) {
                        return r.battery && r.battery->power_budget_w
                                   ? FieldValue(r.battery->over_budget)
                                   : FieldValue();
                      }),
  };
}

std::vector<F> totals() {
  return {
      integer<Result>("total_cycles", "cycles", "totals.total_cycles",
                      "wall-clock cycles of the whole trace, overlap accounted",
                      [](const Result& r) { return r.stats.total_cycles; }),
      integer<Result>("compute_cycles", "cycles", "totals.compute_cycles",
                      "cycles the array or vector unit computed on the critical path",
                      [](const Result& r) { return r.stats.compute_cycles; }),
      integer<Result>("stall_cycles", "cycles", "totals.stall_cycles",
                      "cycles compute waited for memory",
                      [](const Result& r) { return r.stats.stall_cycles; }),
      integer<Result>("writeback_cycles", "cycles", "totals.writeback_cycles",
                      "cycles the last write-back drained after the array finished; "
                      "compute + stall + write-back = total",
                      [](const Result& r) { return r.stats.writeback_cycles; }),
      integer<Result>("vector_cycles", "cycles", "totals.vector_cycles",
                      "cycles the vector unit was busy (overlaps the others)",
                      [](const Result& r) { return r.stats.vector_cycles; }),
      integer<Result>("macs", "MAC", "totals.macs", "multiply-accumulates",
                      [](const Result& r) { return r.stats.macs; }),
      integer<Result>("flops", "FLOP", "totals.flops", "2 x MACs (integer ops for int8)",
                      [](const Result& r) { return U{kFlopsPerMac * r.stats.macs}; }),
      integer<Result>("vector_ops", "op", "totals.vector_ops", "vector-unit element operations",
                      [](const Result& r) { return r.stats.vector_ops; }),
      real<Result>("latency_s", "s", "totals.latency_s", "total cycles / clock",
                   [](const Result& r) { return r.latency_s(); }),
      real<Result>("throughput_examples_per_s", "1/s", "totals.throughput_examples_per_s",
                   "batch / latency", [](const Result& r) { return r.examples_per_s(); }),
      real<Result>("throughput_tflops", "TFLOP/s", "totals.throughput_tflops",
                   "achieved FLOPs / latency", [](const Result& r) { return r.achieved_tflops(); }),
      real<Result>("peak_tflops", "TFLOP/s", "totals.peak_tflops",
                   "2 x peak MACs per cycle x clock",
                   [](const Result& r) { return r.peak_tflops(); }),
      real<Result>(
          "utilization", "1", "totals.utilization", "MACs / (total cycles x peak MACs per cycle)",
          [](const Result& r) { return r.utilization(); }, kShare),
      real<Result>(
          "stall_share", "1", "totals.stall_share", "stall cycles / total cycles",
          [](const Result& r) { return r.stall_share(); }, kShare),
      integer<Result>("sram_reads", "words", "totals.sram_reads",
                      "SRAM reads in elements (ifmap, filter, partial sums)",
                      [](const Result& r) { return r.stats.sram_reads; }),
      integer<Result>("sram_writes", "words", "totals.sram_writes", "SRAM writes in elements",
                      [](const Result& r) { return r.stats.sram_writes; }),
      integer<Result>("dram_read_bytes", "bytes", "totals.dram_read_bytes", "bytes read from DRAM",
                      [](const Result& r) { return r.stats.dram_read_bytes; }),
      integer<Result>("dram_write_bytes", "bytes", "totals.dram_write_bytes",
                      "bytes written to DRAM",
                      [](const Result& r) { return r.stats.dram_write_bytes; }),
      cache_field("parameter_cache_bytes",
                  "SRAM reserved for weights kept on chip across inferences "
                  "(sram.parameter_cache); tiles and maps get the rest",
                  [](const accel::RunStats& s) { return s.parameter_cache_bytes; }),
      cache_field("weight_bytes", "every GEMM's weights in the trace, once",
                  [](const accel::RunStats& s) { return s.weight_bytes; }),
      cache_field("cached_weight_bytes",
                  "weights held in the parameter cache: in steady state (the run's DRAM bytes, "
                  "time and energy) DRAM moves none of them",
                  [](const accel::RunStats& s) { return s.cached_weight_bytes; }),
      cache_field("cold_start_extra_dram_read_bytes",
                  "DRAM reads the first inference adds to fill the parameter cache",
                  [](const accel::RunStats& s) { return s.cached_weight_bytes; }),
  };
}

std::vector<F> energy_and_area() {
  std::vector<F> out{
      real<Result>("energy_j", "J", "totals.energy_j",
                   "energy of the run, every component (needs a technology model)",
                   [](const Result& r) {
                     return r.energy ? FieldValue(r.energy->total.total.value()) : FieldValue();
                   }),
      real<Result>("power_w", "W", "totals.power_w", "energy / latency",
                   [](const Result& r) {
                     return r.energy ? FieldValue(r.energy->total.average_power.value())
                                     : FieldValue();
                   }),
      real<Result>("flops_per_w", "FLOP/J", "totals.flops_per_w",
                   "achieved FLOPs / energy (FLOPS per W)",
                   [](const Result& r) {
                     return r.energy ? FieldValue(r.energy->total.flops_per_w) : FieldValue();
                   }),
      real<Result>("datapath_only_flops_per_w", "FLOP/J", "energy.datapath_only_flops_per_w",
                   "bound: MAC energy alone at full utilization",
                   [](const Result& r) {
                     return r.energy ? FieldValue(r.energy->total.datapath_only_flops_per_w)
                                     : FieldValue();
                   }),
      real<Result>("with_sram_flops_per_w", "FLOP/J", "energy.with_sram_flops_per_w",
                   "bound: MACs, registers and SRAM traffic, no DRAM or leakage",
                   [](const Result& r) {
                     return r.energy ? FieldValue(r.energy->total.with_sram_flops_per_w)
                                     : FieldValue();
                   }),
  };
  for (const auto& c : kEnergyComponents)
    out.push_back(real<Result>(fmt::format("energy_{}_j", c.name), "J",
                               fmt::format("energy.components.{}_j", c.name),
                               fmt::format("energy: {}", c.description),
                               [name = c.name](const Result& r) { return energy_of(r, name); }));
  out.push_back(real<Result>(
      "area_mm2", "mm2", "totals.area_mm2",
      "die area, bottom-up lower bound (needs a technology model)", [](const Result& r) {
        return r.area ? FieldValue(units::to_mm2(r.area->total)) : FieldValue();
      }));
  for (const auto& c : kAreaComponents)
    out.push_back(real<Result>(fmt::format("area_{}_mm2", c.name), "mm2",
                               fmt::format("area.components.{}_mm2", c.name),
                               fmt::format("area: {}", c.description),
                               [name = c.name](const Result& r) { return area_of(r, name); }));
  return out;
}

template <class T, std::size_t N>
std::vector<std::string_view> names(const T (&components)[N]) {
  std::vector<std::string_view> out;
  for (const auto& c : components) out.push_back(c.name);
  return out;
}

}  // namespace

const std::vector<Field<Result>>& run_fields() {
  static const std::vector<F> all = [] {
    std::vector<F> out = identity();
    for (auto* part : {totals, energy_and_area})
      for (auto& f : part()) out.push_back(std::move(f));
    return out;
  }();
  return all;
}

const std::vector<std::string_view>& energy_component_names() {
  static const auto all = names(kEnergyComponents);
  return all;
}

const std::vector<std::string_view>& area_component_names() {
  static const auto all = names(kAreaComponents);
  return all;
}

}  // namespace headroom::sim
