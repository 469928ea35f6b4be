// SPDX-License-Identifier: MIT
#include "config/quantity.hpp"

#include <charconv>
#include <cmath>
#include <utility>

#include "headroom/models/error.hpp"

namespace headroom::sim::config {

namespace {

using UnitTable = std::vector<std::pair<std::string, double>>;

// Decimal prefixes for rates and SI quantities, binary (IEC) ones for capacities: "GB/s" is
// 1e9 B/s as DRAM datasheets print it, "MiB" is 2^20 B as buffer sizes are usually given.
const UnitTable& units(Dimension d) {
  static const UnitTable frequency{{"Hz", 1}, {"kHz", 1e3}, {"MHz", 1e6}, {"GHz", 1e9}};
  static const UnitTable bytes{{"B", 1},
                               {"KiB", 1024.0},
                               {"MiB", 1024.0 * 1024},
                               {"GiB", 1024.0 * 1024 * 1024},
                               {"TiB", 1024.0 * 1024 * 1024 * 1024},
                               {"kB", 1e3},
                               {"KB", 1e3},
                               {"MB", 1e6},
                               {"GB", 1e9},
                               {"TB", 1e12}};
  static const UnitTable byte_rate{{"B/s", 1},
                                   {"kB/s", 1e3},
                                   {"KB/s", 1e3},
                                   {"MB/s", 1e6},
                                   {"GB/s", 1e9},
                                   {"TB/s", 1e12},
                                   {"KiB/s", 1024.0},
                                   {"MiB/s", 1024.0 * 1024},
                                   {"GiB/s", 1024.0 * 1024 * 1024}};
  static const UnitTable time{{"s", 1}, {"ms", 1e-3}, {"us", 1e-6}, {"ns", 1e-9}, {"ps", 1e-12}};
  static const UnitTable length{{"nm", 1e-9}, {"um", 1e-6}};
  static const UnitTable voltage{{"V", 1}, {"mV", 1e-3}};
  static const UnitTable power{{"W", 1}, {"kW", 1e3}, {"mW", 1e-3}};
  switch (d) {
    case Dimension::Frequency:
      return frequency;
    case Dimension::Bytes:
      return bytes;
    case Dimension::ByteRate:
      return byte_rate;
    case Dimension::Time:
      return time;
    case Dimension::Length:
      return length;
    case Dimension::Voltage:
      return voltage;
    case Dimension::Power:
      return power;
  }
  return frequency;
}

}  // namespace

std::string describe(Dimension d) {
  switch (d) {
    case Dimension::Frequency:
      return "a frequency such as \"700 MHz\"";
    case Dimension::Bytes:
      return "a size such as \"24 MiB\"";
    case Dimension::ByteRate:
      return "a bandwidth such as \"34 GB/s\"";
    case Dimension::Time:
      return "a time such as \"100 ns\"";
    case Dimension::Length:
      return "a length such as \"28 nm\"";
    case Dimension::Voltage:
      return "a voltage such as \"0.9 V\"";
    case Dimension::Power:
      return "a power such as \"700 W\"";
  }
  return "a quantity with a unit";
}

std::vector<std::string> unit_names(Dimension d) {
  std::vector<std::string> names;
  for (const auto& [name, scale] : units(d)) names.push_back(name);
  return names;
}

std::optional<double> parse_quantity(const std::string& text, Dimension d) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  double value = 0;
  const auto [rest, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc{} || !std::isfinite(value)) return std::nullopt;
  std::string unit(rest, end);
  const auto first = unit.find_first_not_of(' ');
  if (first == std::string::npos) return std::nullopt;
  unit.erase(0, first);
  for (const auto& [name, scale] : units(d))
    if (unit == name) return value * scale;
  return std::nullopt;
}

double parse_flag_quantity(const std::string& flag, const std::string& text, Dimension d,
                           std::optional<double> bare_unit_scale, bool allow_zero) {
  std::optional<double> v = parse_quantity(text, d);
  if (!v && bare_unit_scale) {
    double bare = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), bare);
    if (ec == std::errc{} && end == text.data() + text.size()) v = bare * *bare_unit_scale;
  }
  std::string units;
  for (const auto& n : unit_names(d)) units += (units.empty() ? "" : ", ") + n;
  const std::string expected = describe(d) +
                               (bare_unit_scale ? " or a bare number in the flag's unit" : "") +
                               " (units: " + units + ")";
  if (!v || !std::isfinite(*v))
    throw InputError(input_error_message(flag, 0, "", expected, "\"" + text + "\""));
  if (*v < 0 || (*v == 0 && !allow_zero))
    throw InputError(input_error_message(flag, 0, "", allow_zero ? "a value >= 0" : "a value > 0",
                                         "\"" + text + "\""));
  return *v;
}

}  // namespace headroom::sim::config
