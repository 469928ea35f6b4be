// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "plot/pictures.hpp"

namespace headroom::sim::plot {

std::string describe_run(const Result& r) {
  return fmt::format("{} ({}) on {}, batch {}, {}, {}", r.config_name, r.config_file, r.network,
                     r.batch, accel::to_string(r.precision),
                     r.training ? "one training step" : "inference");
}

std::string energy_scope() {
  return "energy: technology model, MACs + PE registers + vector unit + SRAM + DRAM + leakage";
}

Precision gpu_precision(const DeviceSpec& gpu, Precision accel_precision) {
  return gpu.peak_for(accel_precision) ? accel_precision : Precision::FP32;
}

}  // namespace headroom::sim::plot
