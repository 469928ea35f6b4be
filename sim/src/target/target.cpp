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
  return {.spec = spec, .model = load_accelerator(path)};
}

Target device_target(const std::string& spec, const std::string& name_or_path) {
  return {.spec = spec, .model = load_device(name_or_path)};
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

Target load_target(const std::string& spec) {
  if (spec.starts_with(kAccelPrefix))
    return load_target(spec.substr(kAccelPrefix.size()), TargetKind::Accelerator);
  if (spec.starts_with(kDevicePrefix))
    return load_target(spec.substr(kDevicePrefix.size()), TargetKind::Device);
  return load_any(spec);
}

Target load_target(const std::string& spec, TargetKind kind) {
  if (kind == TargetKind::Device) {
    Target t = device_target(spec, models::resolve_user_path(spec));
    t.spec = spec;
    return t;
  }
  const std::string path = models::resolve_user_path(spec);
  if (is_file(path)) return accelerator_target(spec, path);
  return accelerator_target(spec, accelerator_by_name(spec).value_or(path));
}

Precision device_precision(const DeviceSpec& device, const std::optional<Precision>& wanted) {
  if (wanted) return *wanted;
  for (Precision p :
       {Precision::BF16, Precision::FP16, Precision::FP32, Precision::FP8_E4M3, Precision::INT8})
    if (device.peak_for(p)) return p;
  return Precision::FP32;  // make_gpu_model names the missing peak
}

}  // namespace headroom::sim
