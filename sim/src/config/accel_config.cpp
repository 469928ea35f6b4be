// SPDX-License-Identifier: MIT
#include "headroom/sim/accel_config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "config/field_reader.hpp"
#include "config/yaml_file.hpp"
#include "headroom/accel/dram_types.hpp"
#include "headroom/accel/tech_model.hpp"
#include "headroom/accel/validate.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/input_file.hpp"

namespace headroom::sim {

namespace {

using config::Dimension;
using config::FieldReader;

// The schema's keys, one list per map; docs/config-reference.md documents each of them.
const std::vector<std::string> kTopKeys{"name", "clock",  "precision",   "array",
                                        "sram", "dram",   "vector",      "post_processing",
                                        "tech", "energy", "power_budget"};
const std::vector<std::string> kArrayKeys{
    "rows", "cols", "count", "dataflow", "macs_per_pe_per_cycle", "depthwise"};
const std::vector<std::string> kSramKeys{"unified", "ifmap", "filter", "ofmap"};
// Keys of the `sram` map besides its buffers.
const std::vector<std::string> kSramOtherKeys{"parameter_cache"};
const std::vector<std::string> kBufferKeys{"size", "word_bits", "banks", "read_bytes_per_cycle",
                                           "write_bytes_per_cycle"};
const std::vector<std::string> kDramKeys{"type",        "count",    "bandwidth", "latency",
                                         "burst_bytes", "capacity", "ideal"};
const std::vector<std::string> kVectorKeys{"lanes"};
const std::vector<std::string> kPostProcessingKeys{"elements_per_cycle", "pooling"};
const std::vector<std::string> kTechKeys{"node", "vdd"};
constexpr const char* kNoDram = "none";
constexpr std::uint64_t kMaxDimension = 1u << 16;
constexpr double kGiB = 1024.0 * 1024 * 1024;

// One precision's rate: an integer 1-64 MACs per PE per cycle, or 1/n (0.5, 0.25) for a
// precision that takes n cycles per MAC (INT16 at half or a quarter of the INT8 rate).
void read_mac_rate(FieldReader& r, const YAML::Node& macs, const std::string& path,
                   const std::string& key, accel::Precision p, accel::ArrayConfig& out) {
  const auto v = r.number(macs, path, key, true, 1.0 / 64, 64);
  if (!v) return;
  const std::string expected =
      "an integer from 1 to 64, or 1/n for a precision slower than one MAC per cycle (0.5, "
      "0.25, ... down to 1/64)";
  if (*v >= 1) {
    if (*v != std::floor(*v))
      r.error(macs[key], path + "." + key, expected, macs[key].Scalar());
    else
      out.macs_per_pe_per_cycle[p] = static_cast<std::uint32_t>(*v);
    return;
  }
  const double n = std::round(1 / *v);
  if (std::abs(1 / *v - n) > 1e-9 * n) {
    r.error(macs[key], path + "." + key, expected, macs[key].Scalar());
    return;
  }
  out.macs_per_pe_per_cycle[p] = 1;
  out.cycles_per_mac[p] = static_cast<std::uint32_t>(n);
}

void read_array(FieldReader& r, const YAML::Node& node, std::optional<accel::Precision> precision,
                accel::ArrayConfig& out) {
  if (!r.check_map(node, "array", kArrayKeys)) return;
  if (auto v = r.count(node, "array", "rows", true, 1, kMaxDimension))
    out.rows = static_cast<std::uint32_t>(*v);
  if (auto v = r.count(node, "array", "cols", true, 1, kMaxDimension))
    out.cols = static_cast<std::uint32_t>(*v);
  if (auto v = r.count(node, "array", "count", false, 1, 1024))
    out.count = static_cast<std::uint32_t>(*v);
  if (auto v = r.choice(node, "array", "dataflow", false, accel::dataflow_names()))
    out.dataflow = *accel::parse_dataflow(*v);
  if (auto v = r.choice(node, "array", "depthwise", false, {"per_channel", "packed"}))
    out.depthwise_packed = *v == "packed";

  const YAML::Node macs = node["macs_per_pe_per_cycle"];
  if (!macs.IsDefined()) {
    if (precision) out.macs_per_pe_per_cycle[*precision] = 1;
    return;
  }
  const std::string path = "array.macs_per_pe_per_cycle";
  if (!r.check_map(macs, path, precision_names(true))) return;
  for (const auto& kv : macs) {
    const auto p = accel::parse_precision(kv.first.Scalar());
    if (!p) continue;  // reported by check_map
    read_mac_rate(r, macs, path, kv.first.Scalar(), *p, out);
  }
}

void read_buffer(FieldReader& r, const YAML::Node& node, const std::string& path,
                 accel::BufferConfig& out) {
  if (!r.check_map(node, path, kBufferKeys)) return;
  if (auto v = r.quantity(node, path, "size", true, Dimension::Bytes, 1, 64 * kGiB))
    out.size_bytes = static_cast<std::uint64_t>(*v);
  if (auto v = r.count(node, path, "word_bits", false, 8, 4096))
    out.word_bits = static_cast<std::uint32_t>(*v);
  if (auto v = r.count(node, path, "banks", false, 1, 4096))
    out.banks = static_cast<std::uint32_t>(*v);
  if (auto v = r.number(node, path, "read_bytes_per_cycle", false, 0, 1e7))
    out.read_bytes_per_cycle = *v;
  if (auto v = r.number(node, path, "write_bytes_per_cycle", false, 0, 1e7))
    out.write_bytes_per_cycle = *v;
}

void read_sram(FieldReader& r, const YAML::Node& node, accel::SramConfig& out) {
  std::vector<std::string> keys = kSramKeys;
  keys.insert(keys.end(), kSramOtherKeys.begin(), kSramOtherKeys.end());
  if (!r.check_map(node, "sram", keys)) return;
  // Checked against the buffer it is reserved from by accel::config_issues.
  if (auto v = r.quantity(node, "sram", "parameter_cache", false, Dimension::Bytes, 0, 64 * kGiB))
    out.parameter_cache_bytes = static_cast<std::uint64_t>(*v);
  const bool unified = node["unified"].IsDefined();
  const bool split =
      node["ifmap"].IsDefined() || node["filter"].IsDefined() || node["ofmap"].IsDefined();
  if (unified && split) {
    r.error(node, "sram", "either `unified` or `ifmap`, `filter` and `ofmap`", "both");
    return;
  }
  out.unified = unified;
  if (unified) {
    read_buffer(r, node["unified"], "sram.unified", out.unified_buffer);
    return;
  }
  for (const auto& [key, buffer] :
       {std::pair{"ifmap", &out.ifmap}, std::pair{"filter", &out.filter},
        std::pair{"ofmap", &out.ofmap}}) {
    if (node[key].IsDefined())
      read_buffer(r, node[key], std::string("sram.") + key, *buffer);
    else
      r.error(node, std::string("sram.") + key, "a buffer (or one `unified` buffer)",
              "no value (the key is required)");
  }
}

void read_dram(FieldReader& r, const YAML::Node& node, accel::DramConfig& out) {
  if (!r.check_map(node, "dram", kDramKeys)) return;
  out.ideal = r.boolean(node, "dram", "ideal", false).value_or(false);
  // An ideal DRAM would silently ignore these figures.
  if (out.ideal)
    for (const char* key : {"bandwidth", "latency"})
      if (node[key].IsDefined())
        r.error(node[key], std::string("dram.") + key,
                "no " + std::string(key) + " with dram.ideal: true (ideal DRAM has none)",
                "one given");
  // An ideal DRAM has unbounded bandwidth and no latency, so it needs no type.
  const auto type = r.choice(node, "dram", "type", !out.ideal, accel::dram_type_names());
  const auto spec = type ? accel::find_dram_type(*type) : std::nullopt;
  if (type) out.type = *type;
  const std::uint64_t count = r.count(node, "dram", "count", false, 1, 64).value_or(1);
  // Unset figures come from the type's JEDEC speed grade (accel/src/common/dram_types.cpp).
  if (spec) {
    out.bandwidth = spec->bandwidth * static_cast<double>(count);
    out.latency = spec->latency;
    out.burst_bytes = spec->burst_bytes;
  }
  if (auto v = r.quantity(node, "dram", "bandwidth", false, Dimension::ByteRate, 1e6, 1e15))
    out.bandwidth = units::bytes_per_second(*v);
  if (auto v = r.quantity(node, "dram", "latency", false, Dimension::Time, 0, 1e-5))
    out.latency = units::seconds(*v);
  if (auto v = r.count(node, "dram", "burst_bytes", false, 1, 4096))
    out.burst_bytes = static_cast<std::uint32_t>(*v);
  if (auto v = r.quantity(node, "dram", "capacity", false, Dimension::Bytes, 0, 1024 * kGiB))
    out.capacity_bytes = static_cast<std::uint64_t>(*v);
}

void read_tech(FieldReader& r, const YAML::Node& node, accel::TechConfig& out) {
  if (!r.check_map(node, "tech", kTechKeys)) return;
  // 3-180 nm: the nodes ../shared/data/tech_scaling.csv has scaling factors for.
  if (auto v = r.quantity(node, "tech", "node", false, Dimension::Length, 3e-9, 180e-9))
    out.node_nm = *v * 1e9;
  if (auto v = r.quantity(node, "tech", "vdd", false, Dimension::Voltage, 0.3, 2.0)) out.vdd_v = *v;
}

void read_energy(FieldReader& r, const YAML::Node& node, accel::TechConfig& out) {
  // Values are in the unit the key names (e.g. `mac_int8_pj`), so bare numbers are right here.
  if (!r.check_map(node, "energy", accel::energy_override_keys())) return;
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    const auto& keys = accel::energy_override_keys();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) continue;  // reported above
    if (auto v = r.number(node, "energy", key, true, 0, 1e9)) out.energy_overrides[key] = *v;
  }
}

// The node a dotted key was read from, or its nearest defined parent (for the error's line).
YAML::Node node_at(const YAML::Node& root, const std::string& key) {
  YAML::Node at = root;
  std::size_t start = 0;
  while (start <= key.size()) {
    const std::size_t dot = std::min(key.find('.', start), key.size());
    const YAML::Node child = at.IsMap() ? at[key.substr(start, dot - start)] : YAML::Node();
    if (!child.IsDefined()) break;
    at = child;
    start = dot + 1;
  }
  return at;
}

// The checks across keys (accel/validate.hpp), reported at the line of the key they concern.
void check_config(FieldReader& r, const YAML::Node& root, const accel::AcceleratorConfig& c) {
  for (const accel::ConfigIssue& i : accel::config_issues(c))
    r.error(node_at(root, i.key), i.key, i.expected, i.found);
}

}  // namespace

accel::AcceleratorConfig parse_accel_config(const std::string& yaml, const std::string& file) {
  const YAML::Node root = config::parse_yaml(yaml, file);
  return parse_accel_config_node(root, file);
}

accel::AcceleratorConfig parse_accel_config_node(const YAML::Node& root, const std::string& file) {
  FieldReader r(file);
  accel::AcceleratorConfig c;
  c.source_file = file;
  if (!r.check_map(root, "", kTopKeys)) r.throw_if_errors();

  c.name = r.text(root, "", "name", false).value_or(std::filesystem::path(file).stem().string());
  if (auto v = r.quantity(root, "", "clock", true, Dimension::Frequency, 1e6, 1e10))
    c.clock = units::hertz(*v);
  const auto precision = r.choice(root, "", "precision", true, precision_names(true));
  if (precision) c.precision = *accel::parse_precision(*precision);
  const auto default_precision =
      precision ? std::optional<accel::Precision>(c.precision) : std::nullopt;

  for (const char* section : {"array", "sram"})
    if (!root[section].IsDefined())
      r.error(root, section, "a map", "no value (the section is required)");
  if (!root["dram"].IsDefined())
    r.error(root, "dram", "a map (or `none` for an on-chip-only design)",
            "no value (the section is required)");
  if (root["array"].IsDefined()) read_array(r, root["array"], default_precision, c.array);
  if (root["sram"].IsDefined()) read_sram(r, root["sram"], c.sram);
  if (const YAML::Node dram = root["dram"]; dram.IsDefined()) {
    // `dram: none`: everything lives on chip (accel::DramConfig::none).
    if (dram.IsScalar() && dram.Scalar() == kNoDram)
      c.dram.none = true;
    else if (dram.IsScalar())
      r.error(dram, "dram", "a map or `none` (an on-chip-only design)", "'" + dram.Scalar() + "'");
    else
      read_dram(r, dram, c.dram);
  }
  c.vector.lanes = c.array.cols;
  if (root["vector"].IsDefined() && r.check_map(root["vector"], "vector", kVectorKeys))
    if (auto v = r.count(root["vector"], "vector", "lanes", true, 1, kMaxDimension))
      c.vector.lanes = static_cast<std::uint32_t>(*v);
  if (root["post_processing"].IsDefined() &&
      r.check_map(root["post_processing"], "post_processing", kPostProcessingKeys)) {
    const YAML::Node& pp = root["post_processing"];
    if (auto v = r.count(pp, "post_processing", "elements_per_cycle", true, 1, kMaxDimension))
      c.post_processing.elements_per_cycle = static_cast<std::uint32_t>(*v);
    if (auto v = r.boolean(pp, "post_processing", "pooling", false)) c.post_processing.pooling = *v;
  }
  if (auto v = r.quantity(root, "", "power_budget", false, Dimension::Power, 1e-6, 1e6))
    c.power_budget = units::watts(*v);
  if (root["tech"].IsDefined()) read_tech(r, root["tech"], c.tech);
  if (root["energy"].IsDefined()) read_energy(r, root["energy"], c.tech);
  if (c.dram.none && c.tech.energy_overrides.contains("dram_pj_per_bit"))
    r.error(root["energy"]["dram_pj_per_bit"], "energy.dram_pj_per_bit",
            "no DRAM energy with dram: none (an on-chip-only design moves no DRAM byte)",
            "one given");

  if (r.ok()) check_config(r, root, c);
  r.throw_if_errors();
  return c;
}

accel::AcceleratorConfig load_accel_config(const std::string& path) {
  return parse_accel_config(models::read_input_file(path, "an accelerator YAML file"), path);
}

std::vector<std::string> accel_config_keys() {
  std::vector<std::string> keys;
  for (const auto& k : {"name", "clock", "precision", "power_budget"}) keys.emplace_back(k);
  for (const auto& k : kArrayKeys)
    if (k != "macs_per_pe_per_cycle") keys.push_back("array." + k);
  keys.emplace_back("array.macs_per_pe_per_cycle.<precision>");
  for (const auto& b : kSramKeys)
    for (const auto& k : kBufferKeys) keys.push_back("sram." + b + "." + k);
  for (const auto& k : kSramOtherKeys) keys.push_back("sram." + k);
  for (const auto& k : kDramKeys) keys.push_back("dram." + k);
  for (const auto& k : kVectorKeys) keys.push_back("vector." + k);
  for (const auto& k : kPostProcessingKeys) keys.push_back("post_processing." + k);
  for (const auto& k : kTechKeys) keys.push_back("tech." + k);
  keys.emplace_back("energy.<name>");
  return keys;
}

}  // namespace headroom::sim
