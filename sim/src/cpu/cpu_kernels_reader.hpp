// SPDX-License-Identifier: MIT
// The `kernels:` map of an embedded CPU's device file (cpu_kernels.hpp, docs/cpu-devices.md).
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

#include "config/field_reader.hpp"
#include "headroom/sim/cpu_kernels.hpp"

namespace headroom::sim {

// Reads root["kernels"]: required for `kind: embedded_cpu`, refused for any other kind. Records
// every problem in `r`, naming the key.
[[nodiscard]] std::optional<CpuKernels> read_cpu_kernels(config::FieldReader& r,
                                                         const YAML::Node& root,
                                                         const std::string& kind);

}  // namespace headroom::sim
