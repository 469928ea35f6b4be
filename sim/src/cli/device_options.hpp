// SPDX-License-Identifier: MIT
// `--gpu-precision` and `--framework`: how the datasheet devices of `run`, `compare` and `train`
// run. Declared and parsed here once; each command words the help for what its targets are.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "headroom/models/precision.hpp"
#include "headroom/sim/gpu_model.hpp"

namespace headroom::sim::cli {

// The flags as typed; device_flags() parses them once the command runs.
struct DeviceFlagText {
  std::string gpu_precision;  // empty: not given
  std::string framework = "none";
};

// What the datasheet devices run as.
struct DeviceFlags {
  std::optional<Precision> precision;  // --gpu-precision
  Framework framework = Framework::None;
};

// Each command's help text. An empty `gpu_precision` declares no --gpu-precision (run's own
// --precision names its device's).
struct DeviceFlagHelp {
  std::string gpu_precision;
  std::string framework;
};

// Adds --gpu-precision (unless its help is empty) and --framework to `cmd`.
void add_device_flags(CLI::App& cmd, DeviceFlagText& text, const DeviceFlagHelp& help);

// Both flags parsed; throws InputError naming the flag for an unknown value.
[[nodiscard]] DeviceFlags device_flags(const DeviceFlagText& text);

// `--gpu-precision` (any precision, tf32 too): empty for none; throws InputError naming `flag`.
[[nodiscard]] std::optional<Precision> device_precision_flag(const std::string& name,
                                                             const std::string& flag);
// `--framework`: none, graph or eager; throws InputError naming the flag for anything else.
[[nodiscard]] Framework framework_flag(const std::string& name);

}  // namespace headroom::sim::cli
