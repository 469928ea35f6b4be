// SPDX-License-Identifier: MIT
#include "headroom/sim/target.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <vector>

#include "config/yaml_file.hpp"
#include "headroom/models/data_files.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/run.hpp"

namespace headroom::sim {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kAccelPrefix = "accel:";
constexpr std::string_view kDevicePrefix = "device:";

bool is_file(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

// A device file is a map with the datasheet peaks; anything else is left to the accelerator
// reader, whose errors then name the accelerator keys.
bool looks_like_device(const std::string& path) {
  if (fs::path(path).extension() == ".cfg") return false;
  try {
    const YAML::Node root = config::load_yaml_file(path, "a target config");
    return root.IsMap() && root["peak_tflops"].IsDefined();
  } catch (const InputError&) {
    return false;  // the accelerator reader names what is wrong with it
  }
}

// configs/accel/<name>.yaml under a data root, when `name` is a bare name.
std::optional<std::string> accelerator_by_name(const std::string& name) {
  if (name.find('/') != std::string::npos || fs::path(name).has_extension()) return std::nullopt;
  const auto found = models::find_data(fs::path("configs") / "accel" / (name + ".yaml"));
  if (!found) return std::nullopt;
  return found->string();
}

std::vector<std::string> accelerator_names() {
  std::vector<std::string> names;
  for (const fs::path& dir : models::find_all_data(fs::path("configs") / "accel")) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  return names;
}

Target accelerator_target(const std::string& spec, const std::string& path) {
  return {.spec = spec, .model = load_accelerator(path), .precision = std::nullopt};
}

Target device_target(const std::string& spec, const std::string& name_or_path) {
  return {.spec = spec, .model = load_device(name_or_path), .precision = std::nullopt};
}

Target load_any(const std::string& spec) {
  const std::string path = models::resolve_user_path(spec);
  if (is_file(path))
    return looks_like_device(path) ? device_target(spec, path) : accelerator_target(spec, path);
  if (const auto accel = accelerator_by_name(spec)) return accelerator_target(spec, *accel);
  // A path that names no file is reported as the file the user meant.
  if (fs::path(spec).has_extension() || spec.find('/') != std::string::npos)
    return accelerator_target(spec, path);
  try {
    return device_target(spec, spec);
  } catch (const InputError&) {
    std::vector<std::string> names = accelerator_names();
    for (const auto& d : load_all_devices()) names.push_back(d.id);
    const std::string close = close_matches(spec, names);
    throw InputError(input_error_message(
        "", 0, "target",
        "an accelerator (configs/accel) or a device (configs/gpus) by name, or a file" +
            (close.empty() ? std::string() : " (did you mean " + close + "?)"),
        "\"" + spec + "\""));
  }
}

}  // namespace

TargetKind Target::kind() const {
  return std::holds_alternative<DeviceSpec>(model) ? TargetKind::Device : TargetKind::Accelerator;
}

const accel::AcceleratorConfig* Target::accelerator() const {
  return std::get_if<accel::AcceleratorConfig>(&model);
}

const DeviceSpec* Target::device() const { return std::get_if<DeviceSpec>(&model); }

std::string Target::name() const {
  return device() != nullptr ? device()->name : accelerator()->name;
}

std::pair<std::string, std::optional<Precision>> split_precision_suffix(const std::string& spec) {
  const std::size_t colon = spec.rfind(':');
  if (colon == std::string::npos) return {spec, std::nullopt};
  const auto precision = parse_precision(std::string_view(spec).substr(colon + 1));
  if (!precision) return {spec, std::nullopt};
  return {spec.substr(0, colon), precision};
}

namespace {

// A precision suffix belongs to a device only.
Target with_suffix(Target t, const std::string& spec, const std::optional<Precision>& precision) {
  if (precision && t.device() == nullptr)
    throw InputError(input_error_message(
        "", 0, "target",
        "a precision suffix on a device only (an accelerator's precision is --precision)",
        "\"" + spec + "\""));
  t.spec = spec;
  t.precision = precision;
  return t;
}

}  // namespace

Target load_target(const std::string& spec) {
  if (const auto [base, precision] = split_precision_suffix(spec); precision)
    return with_suffix(load_target(base), spec, precision);
  if (spec.starts_with(kAccelPrefix))
    return load_target(spec.substr(kAccelPrefix.size()), TargetKind::Accelerator);
  if (spec.starts_with(kDevicePrefix))
    return load_target(spec.substr(kDevicePrefix.size()), TargetKind::Device);
  return load_any(spec);
}

Target load_target(const std::string& spec, TargetKind kind) {
  if (const auto [base, precision] = split_precision_suffix(spec); precision)
    return with_suffix(load_target(base, kind), spec, precision);
  if (kind == TargetKind::Device) {
    Target t = device_target(spec, models::resolve_user_path(spec));
    t.spec = spec;
    return t;
  }
  const std::string path = models::resolve_user_path(spec);
  if (is_file(path)) return accelerator_target(spec, path);
  return accelerator_target(spec, accelerator_by_name(spec).value_or(path));
}

Precision framework_precision(const DeviceSpec& device) {
  if (device.framework_precision) return *device.framework_precision;
  for (Precision p :
       {Precision::BF16, Precision::FP16, Precision::FP32, Precision::FP8_E4M3, Precision::INT8})
    if (device.peak_for(p)) return p;
  return Precision::FP32;  // make_gpu_model names the missing peak
}

Precision device_precision(const DeviceSpec& device, const std::optional<Precision>& wanted) {
  return wanted ? *wanted : framework_precision(device);
}

namespace {

DevicePrecision framework_default(const DeviceSpec& device, const std::string& why) {
  const Precision p = framework_precision(device);
  std::string basis = why + "framework default ";
  if (device.framework_precision)
    basis += "(framework_precision of " + device.file + ")";
  else if (p == Precision::BF16 || p == Precision::FP16)
    basis += "(mixed precision on its " + std::string(to_string(p)) + " matrix units)";
  else
    basis += "(its first datasheet precision)";
  return {p, basis};
}

}  // namespace

DevicePrecision choose_device_precision(const DeviceSpec& device,
                                        const std::optional<Precision>& asked,
                                        const std::string& asked_by,
                                        const std::optional<Precision>& workload) {
  if (asked) {
    if (*asked == Precision::TF32 && !device.peak_for(Precision::TF32))
      return {Precision::FP32, "tf32 asked by " + asked_by + "; no TF32 peak: FP32 math"};
    return {*asked, "asked by " + asked_by};
  }
  if (workload) {
    const std::string name = to_string(*workload);
    if (*workload == Precision::FP32 && device.peak_for(Precision::TF32))
      return {Precision::TF32,
              "the run's fp32 as frameworks run it on this device: TF32 tensor-core math"};
    if (device.peak_for(*workload)) return {*workload, "the run's precision"};
    if (*workload == Precision::TF32 && device.peak_for(Precision::FP32))
      return {Precision::FP32, "the run's tf32; no TF32 peak: FP32 math"};
    for (const Precision other : {Precision::BF16, Precision::FP16})
      if ((*workload == Precision::BF16 || *workload == Precision::FP16) && other != *workload &&
          device.peak_for(other))
        return {other, "the run's " + name + " as " + to_string(other) + " (no " + name + " peak)"};
    return framework_default(device, "the run's " + name + " has no peak here: ");
  }
  return framework_default(device, "");
}

}  // namespace headroom::sim
