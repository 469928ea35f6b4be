// SPDX-License-Identifier: MIT
#include "headroom/sim/device_spec.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <limits>

#include "config/field_reader.hpp"
#include "config/yaml_file.hpp"
#include "cpu/cpu_kernels_reader.hpp"
#include "headroom/models/compute.hpp"
#include "headroom/models/data_files.hpp"
#include "headroom/models/error.hpp"

namespace headroom::sim {

namespace fs = std::filesystem;

namespace {

constexpr double kHuge = std::numeric_limits<double>::max();

// "GTX-580", "gtx_580" and "gtx 580" all name the same device.
std::string normalize(const std::string& s) {
  std::string out;
  for (const char c : s)
    if (c != '-' && c != '_' && c != ' ')
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<fs::path> device_files() {
  std::vector<fs::path> files;
  // configs/cpus: the embedded CPUs (kind: embedded_cpu) beside the GPUs and TPUs.
  for (const char* folder : {"gpus", "cpus"})
    for (const auto& dir : models::find_all_data(fs::path("configs") / folder))
      for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
  return files;
}

void read_peaks(config::FieldReader& r, const YAML::Node& node, PeakTflops& peaks) {
  if (!node.IsDefined()) {
    r.error(node, "peak_tflops", "a map of precision: TFLOPS", "nothing");
    return;
  }
  if (!r.check_map(node, "peak_tflops", {"fp32", "fp16", "bf16", "fp8", "int8", "tf32", "int4"}))
    return;
  peaks.fp32 = r.number(node, "peak_tflops", "fp32", false, 0, kHuge);
  peaks.fp16 = r.number(node, "peak_tflops", "fp16", false, 0, kHuge);
  peaks.bf16 = r.number(node, "peak_tflops", "bf16", false, 0, kHuge);
  peaks.fp8 = r.number(node, "peak_tflops", "fp8", false, 0, kHuge);
  peaks.int8 = r.number(node, "peak_tflops", "int8", false, 0, kHuge);
  peaks.tf32 = r.number(node, "peak_tflops", "tf32", false, 0, kHuge);
  peaks.int4 = r.number(node, "peak_tflops", "int4", false, 0, kHuge);
}

// A datasheet figure given either as a bare number with the unit in the key (`bandwidth_gb_s:
// 3350`) or as a quantity under the unit-free key (`bandwidth: "3.35 TB/s"`); returned in the
// bare key's unit, which is `unit` in SI base units.
std::optional<double> figure(config::FieldReader& r, const YAML::Node& root,
                             const std::string& bare_key, const std::string& unit_key,
                             config::Dimension dimension, double unit, double min, double max) {
  if (root[unit_key].IsDefined() && root[bare_key].IsDefined()) {
    r.error(root[unit_key], unit_key, "either " + bare_key + " or " + unit_key + ", not both",
            "both");
    return std::nullopt;
  }
  if (!root[unit_key].IsDefined()) return r.number(root, "", bare_key, false, min, max);
  const auto v = r.quantity(root, "", unit_key, false, dimension, min * unit, max * unit);
  if (!v) return std::nullopt;
  return *v / unit;
}

constexpr const char* kPrecisions[] = {"fp32", "fp16", "bf16", "fp8", "int8", "tf32", "int4"};

void read_roofline(config::FieldReader& r, const YAML::Node& node, RooflineCalibration& out) {
  if (!node.IsDefined()) return;
  std::vector<std::string> keys = {
      "tile_m",  "tile_n", "tile_k", "gemm_fraction", "bandwidth_fraction", "launch_overhead_us",
      "winograd"};
  for (const char* p : kPrecisions) keys.push_back(std::string("gemm_fraction_") + p);
  if (!r.check_map(node, "roofline", keys)) return;
  out.tile_m = r.count(node, "roofline", "tile_m", false, 1, 1 << 16);
  out.tile_n = r.count(node, "roofline", "tile_n", false, 1, 1 << 16);
  out.tile_k = r.count(node, "roofline", "tile_k", false, 1, 1 << 16);
  // A fraction of zero would make every GEMM take forever: at least 1% of peak.
  out.gemm_fraction = r.number(node, "roofline", "gemm_fraction", false, 0.01, 1);
  for (const char* p : kPrecisions) {
    const std::string key = std::string("gemm_fraction_") + p;
    if (const auto v = r.number(node, "roofline", key, false, 0.01, 1))
      out.gemm_fraction_by_precision[p] = *v;
  }
  out.bandwidth_fraction = r.number(node, "roofline", "bandwidth_fraction", false, 0.01, 1);
  out.launch_overhead_us = r.number(node, "roofline", "launch_overhead_us", false, 0, 1e6);
  out.winograd = r.boolean(node, "roofline", "winograd", false);
}

// Achieved NCCL all-reduce bus bandwidth over the link figure where a file gives none: inside a
// node ~200 GB/s on 8 A100 SXM4 over NVSwitch, of NVLink 3's 300 GB/s per direction (nccl-tests
// issue #149); across nodes 84.8 GB/s average of 100 GB/s on 3 nodes of 8 A100 with 4 HDR
// InfiniBand adapters each (nccl-tests issue #119).
constexpr double kIntraNodeBusEfficiency = 200.0 / 300.0;
constexpr double kInterNodeBusEfficiency = 84.8 / 100.0;

void read_interconnect(config::FieldReader& r, const YAML::Node& node,
                       std::optional<Interconnect>& out) {
  if (!node.IsDefined()) return;
  if (!r.check_map(node, "interconnect",
                   {"gpus_per_node", "intra_node", "intra_node_gb_s", "inter_node_gb_s",
                    "intra_efficiency", "inter_efficiency"}))
    return;
  Interconnect ic;
  ic.gpus_per_node = r.count(node, "interconnect", "gpus_per_node", true, 1, 1 << 16).value_or(1);
  ic.nvlink =
      r.choice(node, "interconnect", "intra_node", true, {"nvlink", "pcie"}).value_or("nvlink") ==
      "nvlink";
  ic.intra_node_gb_s =
      r.number(node, "interconnect", "intra_node_gb_s", true, 0.001, 1e6).value_or(1);
  ic.inter_node_gb_s =
      r.number(node, "interconnect", "inter_node_gb_s", true, 0.001, 1e6).value_or(1);
  ic.intra_efficiency = r.number(node, "interconnect", "intra_efficiency", false, 0.01, 1)
                            .value_or(kIntraNodeBusEfficiency);
  ic.inter_efficiency = r.number(node, "interconnect", "inter_efficiency", false, 0.01, 1)
                            .value_or(kInterNodeBusEfficiency);
  out = ic;
}

}  // namespace

std::optional<double> DeviceSpec::peak_for(Precision precision) const {
  // No default: the compiler flags a precision added without its datasheet column.
  switch (precision) {
    case Precision::FP32:
      return peak_tflops.fp32;
    case Precision::FP16:
      return peak_tflops.fp16;
    case Precision::BF16:
      return peak_tflops.bf16;
    case Precision::INT8:
      return peak_tflops.int8;
    case Precision::FP8_E4M3:
    case Precision::FP8_E5M2:
      return peak_tflops.fp8;
    case Precision::TF32:
      return peak_tflops.tf32;
    case Precision::INT16:
      return std::nullopt;  // an edge-NPU mode: no GPU or CPU datasheet column for it
    case Precision::INT4:
      return peak_tflops.int4;
  }
  return std::nullopt;
}

double DeviceSpec::default_utilization() const {
  return kind == "cpu" ? models::kDefaultCpuUtilization : models::kDefaultGpuUtilization;
}

DeviceSpec load_device_file(const std::string& path) {
  const YAML::Node root = config::load_yaml_file(path, "a device YAML file");
  config::FieldReader r(path);
  DeviceSpec d;
  d.file = path;
  d.id = fs::path(path).stem().string();
  if (r.check_map(root, "", {"name",         "aliases",      "kind",
                             "vendor",       "architecture", "year",
                             "node_nm",      "node",         "dies",
                             "die_mm2",      "clock_mhz",    "clock",
                             "sm_count",     "peak_tflops",  "memory_gb",
                             "memory",       "memory_type",  "bandwidth_gb_s",
                             "bandwidth",    "tdp_w",        "tdp",
                             "power_basis",  "source",       "roofline",
                             "idle_w",       "busy_w",       "framework_precision",
                             "interconnect", "kernels"})) {
    d.name = r.text(root, "", "name", true).value_or("");
    if (const YAML::Node a = root["aliases"]; a.IsDefined()) {
      // Iterating a map as a list hands out invalid nodes (exit 1 "internal error" before).
      if (!a.IsSequence()) r.error(a, "aliases", "a list of names", "something else");
      for (std::size_t i = 0; a.IsSequence() && i < a.size(); ++i) {
        if (a[i].IsScalar())
          d.aliases.push_back(a[i].Scalar());
        else
          r.error(a[i], "aliases", "a name", "a list or map");
      }
    }
    d.kind =
        r.choice(root, "", "kind", true, {"gpu", "tpu", "cpu", "embedded_cpu"}).value_or("gpu");
    d.vendor = r.text(root, "", "vendor", false).value_or("");
    d.architecture = r.text(root, "", "architecture", false).value_or("");
    d.year = static_cast<int>(r.count(root, "", "year", true, 1940, 2100).value_or(0));
    using config::Dimension;
    d.node_nm = figure(r, root, "node_nm", "node", Dimension::Length, 1e-9, 1, 1e4);
    d.dies = static_cast<int>(r.count(root, "", "dies", false, 1, 64).value_or(1));
    d.die_mm2 = r.number(root, "", "die_mm2", false, 1, 1e5);
    d.clock_mhz = figure(r, root, "clock_mhz", "clock", Dimension::Frequency, 1e6, 1, 1e5);
    d.sm_count = r.count(root, "", "sm_count", false, 1, 1 << 20);
    read_peaks(r, root["peak_tflops"], d.peak_tflops);
    d.memory_gb = figure(r, root, "memory_gb", "memory", Dimension::Bytes, 1e9, 0, 1e6);
    d.memory_type = r.text(root, "", "memory_type", false).value_or("");
    d.bandwidth_gb_s =
        figure(r, root, "bandwidth_gb_s", "bandwidth", Dimension::ByteRate, 1e9, 0, 1e8);
    d.tdp_w = figure(r, root, "tdp_w", "tdp", Dimension::Power, 1, 0, 1e6);
    d.idle_w = r.number(root, "", "idle_w", false, 0, 1e6);
    d.busy_w = r.number(root, "", "busy_w", false, 0, 1e6);
    if (d.busy_w && d.idle_w && *d.busy_w < *d.idle_w)
      r.error(root["busy_w"], "busy_w", "a busy power no lower than idle_w",
              std::to_string(*d.busy_w) + " W");
    if (d.idle_w && d.tdp_w && *d.idle_w > *d.tdp_w)
      r.error(root["idle_w"], "idle_w", "an idle power no higher than tdp_w",
              std::to_string(*d.idle_w) + " W");
    d.power_basis = r.text(root, "", "power_basis", false).value_or("");
    d.source = r.text(root, "", "source", true).value_or("");
    read_roofline(r, root["roofline"], d.roofline);
    if (const auto p = r.choice(root, "", "framework_precision", false, precision_names()))
      d.framework_precision = parse_precision(*p);
    read_interconnect(r, root["interconnect"], d.interconnect);
    d.kernels = read_cpu_kernels(r, root, d.kind);
  }
  r.throw_if_errors();
  return d;
}

std::vector<DeviceSpec> load_all_devices() {
  std::vector<DeviceSpec> out;
  for (const auto& f : device_files()) out.push_back(load_device_file(f.string()));
  return out;
}

DeviceSpec load_device(const std::string& name_or_path) {
  std::error_code ec;
  const std::string path = models::resolve_user_path(name_or_path);
  if (fs::path(path).extension() == ".yaml" || fs::is_regular_file(path, ec))
    return load_device_file(path);
  const std::string wanted = normalize(name_or_path);
  std::vector<std::string> known;
  for (const auto& f : device_files()) {
    const std::string stem = f.stem().string();
    if (normalize(stem) == wanted) return load_device_file(f.string());
    known.push_back(stem);
  }
  // Aliases and full names live inside the files, so only read them when the stem missed.
  for (const auto& d : load_all_devices()) {
    if (normalize(d.name) == wanted) return d;
    for (const auto& a : d.aliases) {
      if (normalize(a) == wanted) return d;
      known.push_back(a);
    }
  }
  const std::string close = close_matches(name_or_path, known);
  throw InputError(input_error_message(
      "", 0, "device",
      close.empty() ? "a device in configs/gpus or configs/cpus (see their *.yaml)"
                    : "a device in configs/gpus or configs/cpus (did you mean " + close + "?)",
      "\"" + name_or_path + "\""));
}

}  // namespace headroom::sim
