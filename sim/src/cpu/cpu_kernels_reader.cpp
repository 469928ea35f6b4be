// SPDX-License-Identifier: MIT
#include "cpu/cpu_kernels_reader.hpp"

namespace headroom::sim {

namespace {

// Slower than a hundred thousand cycles per MAC is a typo, not a CPU.
constexpr double kMaxCyclesPerUnit = 1e5;
constexpr double kMaxOverheadCycles = 1e9;

}  // namespace

std::optional<CpuKernels> read_cpu_kernels(config::FieldReader& r, const YAML::Node& root,
                                           const std::string& kind) {
  const YAML::Node node = root["kernels"];
  if (kind != "embedded_cpu") {
    if (node.IsDefined())
      r.error(node, "kernels", "kernels only with kind: embedded_cpu", "kind: " + kind);
    return std::nullopt;
  }
  if (!node.IsDefined()) {
    r.error(root, "kernels", "a map of cycles per MAC by layer type (kind: embedded_cpu)",
            "nothing");
    return std::nullopt;
  }
  const std::vector<std::string> keys = {"framework",
                                         "calibration",
                                         "conv_cycles_per_mac",
                                         "pointwise_cycles_per_mac",
                                         "depthwise_cycles_per_mac",
                                         "fc_cycles_per_mac",
                                         "layer_overhead_cycles",
                                         "elementwise_cycles_per_element",
                                         "pool_cycles_per_input_element",
                                         "softmax_cycles_per_element"};
  if (!root["clock_mhz"].IsDefined() && !root["clock"].IsDefined())
    r.error(root, "clock_mhz", "the core clock the cycles run at (kind: embedded_cpu)", "nothing");
  if (!r.check_map(node, "kernels", keys)) return std::nullopt;
  CpuKernels k;
  k.framework = r.text(node, "kernels", "framework", true).value_or("");
  k.calibration = r.text(node, "kernels", "calibration", true).value_or("");
  // A MAC costs something on a CPU: a zero would make a layer free.
  const auto per_mac = [&](const char* key) {
    return r.number(node, "kernels", key, true, 1e-6, kMaxCyclesPerUnit).value_or(0);
  };
  k.conv_cycles_per_mac = per_mac("conv_cycles_per_mac");
  k.pointwise_cycles_per_mac = per_mac("pointwise_cycles_per_mac");
  k.depthwise_cycles_per_mac = per_mac("depthwise_cycles_per_mac");
  k.fc_cycles_per_mac = per_mac("fc_cycles_per_mac");
  const auto optional = [&](const char* key, double max) {
    return r.number(node, "kernels", key, false, 0, max).value_or(0);
  };
  k.layer_overhead_cycles = optional("layer_overhead_cycles", kMaxOverheadCycles);
  k.elementwise_cycles_per_element = optional("elementwise_cycles_per_element", kMaxCyclesPerUnit);
  k.pool_cycles_per_input_element = optional("pool_cycles_per_input_element", kMaxCyclesPerUnit);
  k.softmax_cycles_per_element = optional("softmax_cycles_per_element", kMaxCyclesPerUnit);
  return k;
}

}  // namespace headroom::sim
