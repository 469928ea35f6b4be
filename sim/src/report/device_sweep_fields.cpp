// SPDX-License-Identifier: MIT
// The fields of a datasheet device's run (device_run.hpp) that a sweep row shares with an
// accelerator's: the same names as run_fields(), so the sweep's columns stay declared once.
#include "report/field_builders.hpp"

namespace headroom::sim {

namespace {

using namespace fields;
using F = Field<DeviceRecord>;
using U = std::uint64_t;

}  // namespace

const std::vector<Field<DeviceRecord>>& device_sweep_fields() {
  static const std::vector<F> all{
      text<DeviceRecord>("config_name", "", "the device's datasheet name",
                         [](const DeviceRecord& d) { return d.result.device; }),
      text<DeviceRecord>("config_file", "", "the device's datasheet file",
                         [](const DeviceRecord& d) { return d.result.file; }),
      text<DeviceRecord>("network", "", "zoo network or topology file",
                         [](const DeviceRecord& d) { return d.result.workload; }),
      integer<DeviceRecord>("batch", "1", "", "examples per inference or step",
                            [](const DeviceRecord& d) { return d.result.batch; }),
      text<DeviceRecord>("precision", "", "the precision whose datasheet peak was used",
                         [](const DeviceRecord& d) { return d.result.precision; }),
      text<DeviceRecord>("mode", "", "inference or training_step",
                         [](const DeviceRecord& d) {
                           return std::string(d.result.training ? "training_step" : "inference");
                         }),
      // The trace's useful FLOPs: a whole number (2 x MACs) held in a double by the device model.
      integer<DeviceRecord>("flops", "FLOP", "", "2 x MACs of the trace",
                            [](const DeviceRecord& d) { return U(d.result.flop); }),
      real<DeviceRecord>("latency_s", "s", "", "the per-op model's time, summed over the trace",
                         [](const DeviceRecord& d) { return d.result.latency_s; }),
      real<DeviceRecord>("throughput_examples_per_s", "1/s", "", "batch / latency",
                         [](const DeviceRecord& d) { return d.result.examples_per_s(); }),
      real<DeviceRecord>("throughput_tflops", "TFLOP/s", "", "achieved FLOPs / latency",
                         [](const DeviceRecord& d) { return d.result.achieved_flops() / 1e12; }),
      real<DeviceRecord>("peak_tflops", "TFLOP/s", "", "the datasheet's dense peak",
                         [](const DeviceRecord& d) { return d.result.peak_flops / 1e12; }),
      real<DeviceRecord>(
          "utilization", "1", "", "achieved / peak FLOPs",
          [](const DeviceRecord& d) { return d.result.utilization(); }, kShare),
      real<DeviceRecord>("energy_j", "J", "", "TDP x time (device_run.hpp)",
                         [](const DeviceRecord& d) { return maybe(d.result.energy_j); }),
      real<DeviceRecord>("power_w", "W", "", "the datasheet's TDP",
                         [](const DeviceRecord& d) { return maybe(d.result.power_w); }),
      real<DeviceRecord>("flops_per_w", "FLOP/J", "", "FLOPs / energy",
                         [](const DeviceRecord& d) {
                           const auto& e = d.result.energy_j;
                           return e && *e > 0 ? FieldValue(d.result.flop / *e) : FieldValue();
                         }),
      real<DeviceRecord>("area_mm2", "mm2", "", "the datasheet's die area x dies",
                         [](const DeviceRecord& d) { return maybe(d.die_mm2); }),
  };
  return all;
}

}  // namespace headroom::sim
