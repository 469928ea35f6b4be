// SPDX-License-Identifier: MIT
#include "cli/device_options.hpp"

#include "headroom/models/error.hpp"

namespace headroom::sim::cli {

void add_device_flags(CLI::App& cmd, DeviceFlagText& text, const DeviceFlagHelp& help) {
  if (!help.gpu_precision.empty())
    cmd.add_option("--gpu-precision", text.gpu_precision, help.gpu_precision);
  cmd.add_option("--framework", text.framework, help.framework)->capture_default_str();
}

DeviceFlags device_flags(const DeviceFlagText& text) {
  return {.precision = device_precision_flag(text.gpu_precision, "--gpu-precision"),
          .framework = framework_flag(text.framework)};
}

Framework framework_flag(const std::string& name) {
  const auto framework = parse_framework(name);
  if (!framework)
    throw InputError(input_error_message("--framework", 0, "", "one of " + framework_list(), name));
  return *framework;
}

std::optional<Precision> device_precision_flag(const std::string& name, const std::string& flag) {
  if (name.empty()) return std::nullopt;
  const std::optional<Precision> precision = parse_precision(name);
  if (!precision)
    throw InputError(input_error_message(flag, 0, "", "one of " + precision_list(), name));
  return precision;
}

}  // namespace headroom::sim::cli
