// SPDX-License-Identifier: MIT
// Strict parsing of "<number> <unit>" strings ("700 MHz", "24 MiB", "34 GB/s", "1 us"), the one
// parser behind accelerator and device YAML and the CLI's unit-carrying flags. A value with a
// dimension must carry its unit: a bare number is rejected, never guessed.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace headroom::sim::config {

enum class Dimension { Frequency, Bytes, ByteRate, Time, Length, Voltage, Power };

// What an error message says is expected, e.g. `a frequency such as "700 MHz"`.
[[nodiscard]] std::string describe(Dimension d);
// Unit spellings accepted for a dimension, for "did you mean" and the docs.
[[nodiscard]] std::vector<std::string> unit_names(Dimension d);

// The value in SI base units (Hz, bytes, bytes/s, s, m, V); nullopt if `text` is not a number
// followed by one of the dimension's units.
[[nodiscard]] std::optional<double> parse_quantity(const std::string& text, Dimension d);

// A command-line value of `flag` in SI base units: a quantity with its unit ("100 GB/s"), or,
// when `bare_unit_scale` is given, a bare number in the flag's own unit (`--link-gbps 100` with
// scale 1e9). Throws InputError naming the flag unless the value is finite, not negative and,
// unless `allow_zero`, not zero.
[[nodiscard]] double parse_flag_quantity(const std::string& flag, const std::string& text,
                                         Dimension d, std::optional<double> bare_unit_scale,
                                         bool allow_zero);

}  // namespace headroom::sim::config
