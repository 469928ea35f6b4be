// SPDX-License-Identifier: MIT
#include "sweep/spec.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>

#include "config/field_reader.hpp"
#include "config/yaml_file.hpp"
#include "headroom/accel/config.hpp"
#include "headroom/accel/tech_model.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/accel_config.hpp"
#include "headroom/sim/target.hpp"
#include "sweep/columns.hpp"

namespace headroom::sim::sweep {

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kSpecKeys{"base", "devices", "workloads",   "axes",
                                         "tie",  "search",  "constraints", "objectives"};
const std::vector<std::string> kWorkloadKeys{"network",  "topology", "batch",
                                             "training", "weight",   "label"};

std::string at(const std::string& file, const YAML::Node& node) {
  // A key the spec lacks has no position (and yaml-cpp's Mark() throws for it).
  if (!node.IsDefined()) return file;
  const auto mark = node.Mark();
  return mark.line >= 0 ? file + ":" + std::to_string(mark.line + 1) : file;
}

[[noreturn]] void fail(const std::string& file, const YAML::Node& node, const std::string& key,
                       const std::string& expected, const std::string& found) {
  throw InputError(input_error_message(at(file, node), 0, key, expected, found));
}

std::string describe(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return "nothing";
  if (n.IsScalar()) return "'" + n.Scalar() + "'";
  return n.IsSequence() ? "a list" : "a map";
}

// A path in the spec is relative to the spec's folder, unless absolute.
std::string relative_to(const std::string& spec, const std::string& path) {
  if (fs::path(path).is_absolute()) return path;
  return (fs::path(spec).parent_path() / path).lexically_normal().string();
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

WorkloadSpec read_workload(const std::string& file, const YAML::Node& node) {
  WorkloadSpec w;
  auto set_source = [&](const std::string& name) {
    const std::string ext = fs::path(name).extension().string();
    const std::string resolved = relative_to(file, name);
    if (ext == ".csv")
      w.topology = resolved;
    else
      w.network = fs::exists(resolved) ? resolved : name;  // a model file, or a zoo name
    w.label = name;
  };
  if (node.IsScalar()) {
    set_source(node.Scalar());
    return w;
  }
  if (!node.IsMap())
    fail(file, node, "workloads", "a network name, a model file or a map with `network`",
         describe(node));
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    if (std::find(kWorkloadKeys.begin(), kWorkloadKeys.end(), key) == kWorkloadKeys.end()) {
      const std::string close = close_matches(key, kWorkloadKeys);
      fail(file, kv.first, "workloads." + key, "one of " + join(kWorkloadKeys),
           "an unknown key" + (close.empty() ? "" : "; did you mean " + close + "?"));
    }
  }
  const bool has_network = node["network"].IsDefined();
  if (has_network == node["topology"].IsDefined())
    fail(file, node, "workloads", "exactly one of `network` or `topology`",
         has_network ? "both" : "neither");
  set_source((has_network ? node["network"] : node["topology"]).as<std::string>(""));
  try {
    if (node["batch"]) w.batch = node["batch"].as<std::uint64_t>();
    if (node["training"]) w.training = node["training"].as<bool>();
    if (node["weight"]) w.weight = node["weight"].as<double>();
  } catch (const YAML::Exception&) {
    fail(file, node, "workloads",
         "batch: a positive integer, training: true/false, weight: a positive number",
         "another value");
  }
  if (w.batch == 0 || w.batch > (std::uint64_t{1} << 20))
    fail(file, node["batch"], "workloads.batch", "an integer from 1 to 1048576",
         std::to_string(w.batch));
  if (!(w.weight > 0) || w.weight > 1e9)
    fail(file, node["weight"], "workloads.weight", "a positive number", describe(node["weight"]));
  if (w.batch != 1) w.label += "@" + std::to_string(w.batch);
  if (w.training) w.label += "@train";
  if (node["label"]) w.label = node["label"].as<std::string>("");
  return w;
}

void read_workloads(SweepSpec& s, const YAML::Node& node) {
  // IsDefined first: yaml-cpp throws its own exception from IsSequence() on a missing key.
  if (!node.IsDefined() || !node.IsSequence() || node.size() == 0)
    fail(s.file, node, "workloads", "a non-empty list of workloads", describe(node));
  std::set<std::string> labels;
  for (const auto& item : node) {
    WorkloadSpec w = read_workload(s.file, item);
    if (!labels.insert(w.label).second)
      fail(s.file, item, "workloads", "each workload once (or distinct `label`s)",
           "'" + w.label + "' twice");
    s.workloads.push_back(std::move(w));
  }
}

void read_axes(SweepSpec& s, const YAML::Node& node) {
  if (!node.IsDefined()) return;  // one point: the base config
  if (!node.IsMap())
    fail(s.file, node, "axes", "a map from dotted config keys to value lists", describe(node));
  const auto& keys = axis_keys();
  for (const auto& kv : node) {
    Axis a;
    a.key = kv.first.Scalar();
    if (std::find(keys.begin(), keys.end(), a.key) == keys.end()) {
      const std::string close = close_matches(a.key, keys);
      fail(s.file, kv.first, "axes." + a.key,
           "a key of the accelerator schema (docs/config-reference.md)",
           "an unknown key" + (close.empty() ? "" : "; did you mean " + close + "?"));
    }
    const YAML::Node values = kv.second;
    if (!values.IsSequence() || values.size() == 0)
      fail(s.file, values.IsDefined() ? values : kv.first, "axes." + a.key,
           "a non-empty list of values", describe(values));
    std::set<std::string> seen;
    for (const auto& v : values) {
      if (!v.IsScalar()) fail(s.file, v, "axes." + a.key, "scalar values", describe(v));
      if (!seen.insert(v.Scalar()).second)
        fail(s.file, v, "axes." + a.key, "each value once", "'" + v.Scalar() + "' twice");
      a.values.push_back(v);
      a.texts.push_back(v.Scalar());
    }
    s.axes.push_back(std::move(a));
  }
}

// On a `dram: none` base (an on-chip-only design) a dram.* axis turns a DRAM on: the point's
// `dram` map holds the axes' keys alone (set_dotted replaces the scalar), so, as any `dram` map
// must, it needs a type, whose JEDEC table then gives every key the axes leave out. Without a
// dram.type (or dram.ideal) axis every point would be infeasible for the same reason; say so
// once, before anything runs.
void require_dram_type_axis(const SweepSpec& s, const YAML::Node& axes) {
  const auto swept = [&s](const std::string& key) {
    return std::any_of(s.axes.begin(), s.axes.end(), [&](const Axis& a) { return a.key == key; });
  };
  if (swept("dram.type") || swept("dram.ideal")) return;
  for (const auto& kv : axes) {
    const std::string key = kv.first.Scalar();
    if (!key.starts_with("dram.")) continue;
    fail(s.file, kv.first, "axes." + key,
         "a dram.type axis beside it (e.g. dram.type: [lpddr4]): the base '" + s.base_text +
             "' has dram: none, an on-chip-only design, so a dram.* axis turns on a DRAM whose "
             "unswept keys come from its type (docs/sweeps.md); or give the base a dram: map",
         "the axis " + key + " without one");
  }
}

std::size_t axis_index(const SweepSpec& s, const YAML::Node& name) {
  for (std::size_t i = 0; i < s.axes.size(); ++i)
    if (s.axes[i].key == name.Scalar()) return i;
  std::vector<std::string> names;
  for (const auto& a : s.axes) names.push_back(a.key);
  const std::string close = close_matches(name.Scalar(), names);
  fail(s.file, name, "tie", "names of axes",
       "'" + name.Scalar() + "'" + (close.empty() ? "" : "; did you mean " + close + "?"));
}

void read_ties(SweepSpec& s, const YAML::Node& node) {
  std::vector<int> group_of(s.axes.size(), -1);
  if (node.IsDefined()) {
    if (!node.IsSequence())
      fail(s.file, node, "tie", "a list of lists of axis names", describe(node));
    for (const auto& tie : node) {
      if (!tie.IsSequence() || tie.size() < 2)
        fail(s.file, tie, "tie", "a list of two or more axis names", describe(tie));
      std::vector<std::size_t> group;
      for (const auto& name : tie) {
        const std::size_t i = axis_index(s, name);
        if (group_of[i] >= 0)
          fail(s.file, name, "tie", "each axis in one tie", "'" + name.Scalar() + "' again");
        if (s.axes[i].values.size() != s.axes[group.empty() ? i : group[0]].values.size())
          fail(s.file, name, "tie." + name.Scalar(),
               "as many values as " + s.axes[group[0]].key + " (" +
                   std::to_string(s.axes[group[0]].values.size()) + ")",
               std::to_string(s.axes[i].values.size()));
        group_of[i] = static_cast<int>(s.groups.size());
        group.push_back(i);
      }
      s.groups.push_back(std::move(group));
    }
  }
  for (std::size_t i = 0; i < s.axes.size(); ++i)
    if (group_of[i] < 0) s.groups.push_back({i});
  // Groups in axis order, so the grid's order follows the spec.
  std::sort(s.groups.begin(), s.groups.end());
}

void read_search(SweepSpec& s, const YAML::Node& node) {
  if (!node.IsDefined() || (node.IsScalar() && node.Scalar() == "grid")) return;
  const std::string expected = "grid or {random: N, seed: S}";
  if (!node.IsMap() || !node["random"]) fail(s.file, node, "search", expected, describe(node));
  for (const auto& kv : node)
    if (kv.first.Scalar() != "random" && kv.first.Scalar() != "seed")
      fail(s.file, kv.first, "search." + kv.first.Scalar(), expected, "an unknown key");
  s.random = true;
  try {
    s.samples = node["random"].as<std::uint64_t>();
    s.seed = node["seed"] ? node["seed"].as<std::uint64_t>() : 0;
  } catch (const YAML::Exception&) {
    fail(s.file, node, "search", "random: a positive integer, seed: a non-negative integer",
         describe(node));
  }
  if (s.samples == 0) fail(s.file, node["random"], "search.random", "at least 1 point", "0");
}

std::vector<std::string> strings(const std::string& file, const YAML::Node& node,
                                 const std::string& key) {
  std::vector<std::string> out;
  if (!node.IsDefined()) return out;
  if (!node.IsSequence()) fail(file, node, key, "a list of strings", describe(node));
  for (const auto& n : node) {
    if (!n.IsScalar()) fail(file, n, key, "a string", describe(n));
    out.push_back(n.Scalar());
  }
  return out;
}

// A device by file (relative to the spec) or by name (configs/gpus); nullopt when `text` is not
// one and `required` is false.
std::optional<DeviceSpec> read_device(const std::string& file, const YAML::Node& node,
                                      const std::string& key, bool required) {
  const std::string text = node.Scalar();
  const std::string resolved = relative_to(file, text);
  const bool is_file = fs::exists(resolved);
  try {
    if (is_file && !required) {
      Target t = load_target(resolved);
      if (const DeviceSpec* d = t.device()) return *d;
      return std::nullopt;
    }
    return *load_target(is_file ? resolved : text, TargetKind::Device).device();
  } catch (const InputError& e) {
    if (!required) return std::nullopt;  // not a device: read as an accelerator config
    fail(file, node, key, "a device of configs/gpus (name or file)", e.what());
  }
}

void read_devices(SweepSpec& s, const YAML::Node& node) {
  if (!node.IsDefined()) return;
  if (!node.IsSequence()) fail(s.file, node, "devices", "a list of devices", describe(node));
  for (const auto& n : node) {
    if (!n.IsScalar()) fail(s.file, n, "devices", "a device name or file", describe(n));
    for (const auto& d : s.devices)
      if (d.text == n.Scalar())
        fail(s.file, n, "devices", "each device once", n.Scalar() + " twice");
    s.devices.push_back({n.Scalar(), *read_device(s.file, n, "devices", true),
                         split_precision_suffix(n.Scalar()).second});
  }
}

}  // namespace

const std::vector<std::string>& axis_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const auto& k : accel_config_keys()) {
      // The thermal envelope changes no simulated figure (only `run --rate` flags against it).
      if (k == "power_budget") continue;
      if (k.ends_with("<precision>")) {
        const std::string prefix = k.substr(0, k.size() - std::string("<precision>").size());
        for (const PrecisionInfo& p : precisions())
          if (p.on_array) out.push_back(prefix + p.name);
      } else if (k.ends_with("<name>")) {
        const std::string prefix = k.substr(0, k.size() - std::string("<name>").size());
        for (const auto& name : accel::energy_override_keys()) out.push_back(prefix + name);
      } else {
        out.push_back(k);
      }
    }
    return out;
  }();
  return keys;
}

void set_dotted(YAML::Node& root, const std::string& key, const std::string& value) {
  // yaml-cpp's operator[] returns a handle that rebinds on assignment, so walk with
  // reset() rather than operator=.
  YAML::Node node;
  node.reset(root);
  std::size_t from = 0;
  for (;;) {
    const std::size_t dot = key.find('.', from);
    const std::string part =
        key.substr(from, dot == std::string::npos ? std::string::npos : dot - from);
    if (dot == std::string::npos) {
      node[part] = value;
      return;
    }
    YAML::Node child = node[part];
    if (!child.IsMap()) {
      node[part] = YAML::Node(YAML::NodeType::Map);
      child.reset(node[part]);
    }
    node.reset(child);
    from = dot + 1;
  }
}

Objective parse_objective(const std::string& text, const std::string& where) {
  Objective o;
  o.maximise = !text.empty() && text[0] == '-';
  o.field = o.maximise ? text.substr(1) : text;
  const auto& numeric = numeric_field_names();
  if (std::find(numeric.begin(), numeric.end(), o.field) == numeric.end()) {
    const std::string close = close_matches(o.field, numeric);
    throw InputError(input_error_message(
        where, 0, "", "a numeric result field (docs/result-fields.md), '-' in front to maximise",
        "'" + o.field + "'" + (close.empty() ? "" : "; did you mean " + close + "?")));
  }
  return o;
}

SweepSpec load_sweep_spec(const std::string& path) {
  SweepSpec s;
  s.file = path;
  const YAML::Node root = config::load_yaml_file(path, "a sweep spec (YAML)");
  if (!root.IsMap()) fail(path, root, "", "a map with base, workloads, axes, ...", describe(root));
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    if (std::find(kSpecKeys.begin(), kSpecKeys.end(), key) == kSpecKeys.end()) {
      const std::string close = close_matches(key, kSpecKeys);
      fail(path, kv.first, key, "one of " + join(kSpecKeys),
           "an unknown key" + (close.empty() ? "" : "; did you mean " + close + "?"));
    }
  }
  if (!root["base"] || !root["base"].IsScalar())
    fail(path, root, "base", "the path of an accelerator YAML config", describe(root["base"]));
  s.base_text = root["base"].Scalar();
  s.base_path = relative_to(path, s.base_text);
  bool base_without_dram = false;
  if (auto device = read_device(path, root["base"], "base", false)) {
    s.base_is_device = true;
    s.devices.push_back({s.base_text, *device, std::nullopt});
  } else {
    s.base = config::load_yaml_file(s.base_path, "an accelerator config (the sweep's base)");
    // The base must be valid on its own: an error in it would make every point infeasible.
    base_without_dram = parse_accel_config_node(s.base, s.base_path).dram.none;
  }
  read_devices(s, root["devices"]);
  read_workloads(s, root["workloads"]);
  read_axes(s, root["axes"]);
  if (base_without_dram) require_dram_type_axis(s, root["axes"]);
  if (s.base_is_device && !s.axes.empty())
    fail(path, root["axes"], "axes." + s.axes.front().key,
         "no accelerator axes: the base '" + s.base_text +
             "' is a device, whose figures come from its datasheet (sweep an accelerator base, "
             "and list devices under `devices:`)",
         "the axis " + s.axes.front().key);
  read_ties(s, root["tie"]);
  read_search(s, root["search"]);

  const auto& fields = field_names();
  const auto& numeric = numeric_field_names();
  for (const auto& text : strings(path, root["constraints"], "constraints"))
    s.constraints.push_back(
        parse_condition(text, at(path, root["constraints"]) + ": constraints", fields, numeric));
  for (const auto& text : strings(path, root["objectives"], "objectives"))
    s.objectives.push_back(parse_objective(text, at(path, root["objectives"]) + ": objectives"));
  return s;
}

}  // namespace headroom::sim::sweep
