// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include <filesystem>

#include "plot/pictures.hpp"

namespace headroom::sim::plot {

std::string describe_run(const Result& r) {
  // The file's name, not its path: an absolute path runs off the picture's edge.
  return fmt::format("{} ({}) on {}, batch {}, {}, {}", r.config_name,
                     std::filesystem::path(r.config_file).filename().string(), r.network, r.batch,
                     accel::to_string(r.precision), r.training ? "one training step" : "inference");
}

std::string energy_scope() {
  return "energy: technology model, MACs + PE registers + vector unit + SRAM + DRAM + leakage";
}

Precision gpu_precision(const DeviceSpec& gpu, Precision accel_precision) {
  return gpu.peak_for(accel_precision) ? accel_precision : Precision::FP32;
}

}  // namespace headroom::sim::plot
