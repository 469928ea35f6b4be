// SPDX-License-Identifier: MIT
#include "headroom/sim/scalesim_config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "headroom/accel/units.hpp"
#include "headroom/accel/validate.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/input_file.hpp"

namespace headroom::sim {

namespace {

// Every section and key scale_config.py reads, keys lower-cased as configparser stores them.
const std::map<std::string, std::vector<std::string>> kSchema{
    {"general", {"run_name"}},
    {"architecture_presets",
     {"arrayheight", "arraywidth", "ifmapsramszkb", "filtersramszkb", "ofmapsramszkb",
      "ifmapoffset", "filteroffset", "ofmapoffset", "bandwidth", "dataflow", "memorybanks"}},
    {"run_presets", {"interfacebandwidth"}},
    // The topology comes from --topology; SCALE-Sim's own default location is accepted and unused.
    {"network_presets", {"topologycsvloc"}},
};

// Largest array side and buffer accepted: beyond any chip, small enough for 32-bit counts.
constexpr std::uint64_t kMaxSide = 65536;
constexpr std::uint64_t kMaxKb = 1ULL << 30;

struct Entry {
  std::string value;
  int line = 0;
};

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::vector<std::string> names(const std::map<std::string, std::vector<std::string>>& schema) {
  std::vector<std::string> out;
  for (const auto& [section, keys] : schema) out.push_back(section);
  return out;
}

std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string m = close_matches(word, candidates);
  return m.empty() ? std::string{} : " (did you mean " + m + "?)";
}

// "section" -> lower-cased key -> value, with the line of each entry for messages.
using Ini = std::map<std::string, std::map<std::string, Entry>>;

// One line of the file into `ini`; throws InputError for a bad one.
void parse_ini_line(Ini& ini, const std::string& line, const std::string& file, int line_no,
                    std::string& section, bool& skipping, std::set<std::string>& explained) {
  // configparser's default comment prefixes, whole-line only.
  if (line.empty() || line[0] == '#' || line[0] == ';') return;
  if (line.front() == '[') {
    skipping = true;
    if (line.back() != ']')
      throw InputError(input_error_message(file, line_no, "section", "'[name]'", line));
    section = trim(line.substr(1, line.size() - 2));
    if (!kSchema.contains(section))
      throw InputError(input_error_message(file, line_no, "section",
                                           "one of general, architecture_presets, run_presets, "
                                           "network_presets" +
                                               suggestion(section, names(kSchema)),
                                           "'[" + section + "]'"));
    if (ini.contains(section))
      throw InputError(input_error_message(file, line_no, "section", "each section once",
                                           "'[" + section + "]' again"));
    ini[section];
    skipping = false;
    return;
  }
  if (skipping) return;
  // configparser splits at the first '=' or ':'.
  const auto sep = line.find_first_of("=:");
  if (sep == std::string::npos)
    throw InputError(
        input_error_message(file, line_no, "", "'key = value' or 'key: value'", "'" + line + "'"));
  if (section.empty())
    throw InputError(input_error_message(file, line_no, "", "a [section] header before any key",
                                         "'" + line + "'"));
  const std::string key = lower(trim(line.substr(0, sep)));
  const auto& keys = kSchema.at(section);
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
    // The keys it may be a typo of: their absence is this problem, not another one.
    for (const auto& k : keys)
      if (suggestion(key, {k}) != "") explained.insert(section + "." + k);
    throw InputError(input_error_message(file, line_no, section + "." + key,
                                         "a key of [" + section + "]" + suggestion(key, keys),
                                         "an unknown key"));
  }
  if (ini[section].contains(key))
    throw InputError(input_error_message(
        file, line_no, section + "." + key, "each key once",
        "a second definition (first on line " + std::to_string(ini[section][key].line) + ")"));
  ini[section][key] = Entry{trim(line.substr(sep + 1)), line_no};
}

// Every problem of a file is reported, not only the first (as the YAML reader does). A long list
// is cut short: a binary file would otherwise make a message as long as itself.
class Problems {
 public:
  explicit Problems(const std::string& file) : file_(file) {}
  template <typename F>
  void attempt(F&& f) {
    try {
      f();
    } catch (const InputError& e) {
      if (e.what() != kExplained) messages_.emplace_back(e.what());
    }
  }
  // A required key missing because it was misspelt: the misspelling is already reported.
  static constexpr std::string_view kExplained = "(explained by a misspelt key)";
  std::set<std::string> explained;
  [[nodiscard]] bool empty() const { return messages_.empty(); }
  void throw_if_any() const {
    if (messages_.size() == 1) throw InputError(messages_.front());
    if (messages_.empty()) return;
    constexpr std::size_t kShown = 50;
    std::string msg = std::to_string(messages_.size()) + " problems in " + file_;
    for (std::size_t i = 0; i < messages_.size() && i < kShown; ++i) msg += "\n  " + messages_[i];
    if (messages_.size() > kShown)
      msg += "\n  ... and " + std::to_string(messages_.size() - kShown) + " more";
    throw InputError(msg);
  }

 private:
  const std::string& file_;
  std::vector<std::string> messages_;
};

Ini parse_ini(const std::string& text, const std::string& file, Problems& problems) {
  Ini ini;
  std::stringstream in(text);
  std::string raw;
  int line_no = 0;
  std::string section;
  // After a bad section header its keys are skipped: they would each repeat the one problem.
  bool skipping = false;
  while (std::getline(in, raw)) {
    ++line_no;
    problems.attempt([&] {
      parse_ini_line(ini, trim(raw), file, line_no, section, skipping, problems.explained);
    });
  }
  return ini;
}

class Reader {
 public:
  Reader(const Ini& ini, const std::string& file, const std::set<std::string>& explained)
      : ini_(ini), file_(file), explained_(explained) {}

  const Entry* find(const std::string& section, const std::string& key) const {
    const auto s = ini_.find(section);
    if (s == ini_.end()) return nullptr;
    const auto k = s->second.find(key);
    return k == s->second.end() ? nullptr : &k->second;
  }

  const Entry& required(const std::string& section, const std::string& key) const {
    if (const Entry* e = find(section, key)) return *e;
    if (explained_.contains(section + "." + key))
      throw InputError(std::string(Problems::kExplained));
    throw InputError(input_error_message(file_, 0, section + "." + key,
                                         "a value (SCALE-Sim requires it)", "nothing"));
  }

  std::uint64_t integer(const std::string& section, const std::string& key, const Entry& e,
                        std::uint64_t min, std::uint64_t max) const {
    return parse_integer(section + "." + key, e.value, e.line, min, max);
  }

  std::uint64_t parse_integer(const std::string& key, const std::string& s, int line,
                              std::uint64_t min, std::uint64_t max) const {
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || v < min || v > max)
      throw InputError(input_error_message(
          file_, line, key,
          "a whole number from " + std::to_string(min) + " to " + std::to_string(max),
          "'" + s + "'"));
    return v;
  }

  std::uint64_t required_integer(const std::string& section, const std::string& key,
                                 std::uint64_t min, std::uint64_t max) const {
    return integer(section, key, required(section, key), min, max);
  }

  void optional_integer(const std::string& section, const std::string& key, std::uint64_t min,
                        std::uint64_t max) const {
    if (const Entry* e = find(section, key)) integer(section, key, *e, min, max);
  }

 private:
  const Ini& ini_;
  const std::string& file_;
  const std::set<std::string>& explained_;
};

accel::BufferConfig buffer(const Reader& r, const std::string& key) {
  accel::BufferConfig b;
  // kB x 1024 words of one byte: SCALE-Sim's word size is fixed at 1 (memory/ modules).
  b.size_bytes = r.required_integer("architecture_presets", key, 1, kMaxKb) * 1024;
  b.word_bits = 8;
  return b;
}

// Bandwidth is a comma-separated list; SCALE-Sim's USER mode uses only its first entry.
std::uint64_t first_bandwidth(const Reader& r, const Entry& e) {
  const std::string first = trim(e.value.substr(0, e.value.find(',')));
  return r.parse_integer("architecture_presets.bandwidth", first, e.line, 1, 1ULL << 20);
}

// The checks across keys (accel/validate.hpp), reported at the .cfg key that set the value.
void check_config(const Reader& r, const accel::AcceleratorConfig& c) {
  static const std::map<std::string, std::string> kCfgKey{{"array", "arrayheight"},
                                                          {"sram.ifmap.size", "ifmapsramszkb"},
                                                          {"sram.filter.size", "filtersramszkb"},
                                                          {"sram.ofmap.size", "ofmapsramszkb"},
                                                          {"dram.bandwidth", "bandwidth"}};
  const std::vector<accel::ConfigIssue> issues = accel::config_issues(c);
  if (issues.empty()) return;
  const accel::ConfigIssue& i = issues.front();
  const auto cfg = kCfgKey.find(i.key);
  const std::string key = cfg == kCfgKey.end() ? i.key : "architecture_presets." + cfg->second;
  const Entry* e = cfg == kCfgKey.end() ? nullptr : r.find("architecture_presets", cfg->second);
  throw InputError(input_error_message(c.source_file, e ? e->line : 0, key, i.expected, i.found));
}

}  // namespace

accel::AcceleratorConfig parse_scalesim_config(const std::string& text, const std::string& file) {
  Problems problems(file);
  const Ini ini = parse_ini(text, file, problems);
  const Reader r(ini, file, problems.explained);
  const std::string arch = "architecture_presets";

  accel::AcceleratorConfig c;
  problems.attempt([&] { c.name = r.required("general", "run_name").value; });
  c.source_file = file;
  c.clock = units::megahertz(kScaleSimClockHz / 1e6);
  c.precision = accel::Precision::INT8;

  problems.attempt([&] {
    c.array.rows = static_cast<std::uint32_t>(r.required_integer(arch, "arrayheight", 1, kMaxSide));
  });
  problems.attempt([&] {
    c.array.cols = static_cast<std::uint32_t>(r.required_integer(arch, "arraywidth", 1, kMaxSide));
  });
  problems.attempt([&] {
    const Entry& df = r.required(arch, "dataflow");
    // scale_config.py compares the string exactly against 'os', 'ws' and 'is'.
    if (const auto d = accel::parse_scalesim_dataflow(df.value)) {
      c.array.dataflow = *d;
      return;
    }
    std::string names;
    const auto& all = accel::scalesim_dataflows();
    for (std::size_t i = 0; i < all.size(); ++i)
      names += (i == 0                ? ""
                : i + 1 == all.size() ? " or "
                                      : ", ") +
               std::string(accel::scalesim_name(all[i]));
    throw InputError(
        input_error_message(file, df.line, arch + ".dataflow", names, "'" + df.value + "'"));
  });
  c.array.macs_per_pe_per_cycle = {{accel::Precision::INT8, 1}};

  c.sram.unified = false;
  problems.attempt([&] { c.sram.ifmap = buffer(r, "ifmapsramszkb"); });
  problems.attempt([&] { c.sram.filter = buffer(r, "filtersramszkb"); });
  problems.attempt([&] { c.sram.ofmap = buffer(r, "ofmapsramszkb"); });
  // Address offsets only place operands in SCALE-Sim's traces, and MemoryBanks is never read
  // by its v2 memory model; they are checked so a typo still fails, then dropped.
  for (const char* key : {"ifmapoffset", "filteroffset", "ofmapoffset"})
    problems.attempt([&] { r.optional_integer(arch, key, 0, 1ULL << 62); });
  problems.attempt([&] { r.optional_integer(arch, "memorybanks", 1, 1024); });

  problems.attempt([&] {
    const Entry& mode = r.required("run_presets", "interfacebandwidth");
    if (mode.value == "CALC") {
      // CALC reports the bandwidth needed to never stall: compute-only timing.
      c.dram.ideal = true;
    } else if (mode.value == "USER") {
      const std::uint64_t words_per_cycle = first_bandwidth(r, r.required(arch, "bandwidth"));
      c.dram.bandwidth =
          units::bytes_per_second(static_cast<double>(words_per_cycle) * kScaleSimClockHz);
      // SCALE-Sim's read buffers answer a fetch one cycle after it is issued.
      c.dram.latency = units::nanoseconds(1e9 / kScaleSimClockHz);
    } else {
      throw InputError(input_error_message(file, mode.line, "run_presets.interfacebandwidth",
                                           "CALC or USER", "'" + mode.value + "'"));
    }
  });
  problems.throw_if_any();
  // SCALE-Sim has no vector unit; one lane per column is the YAML reader's default too.
  c.vector.lanes = c.array.cols;
  // The checks across keys need every key valid first.
  check_config(r, c);
  return c;
}

accel::AcceleratorConfig load_scalesim_config(const std::string& path) {
  return parse_scalesim_config(models::read_input_file(path, "a SCALE-Sim .cfg file"), path);
}

}  // namespace headroom::sim
