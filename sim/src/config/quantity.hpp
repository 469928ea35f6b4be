// SPDX-License-Identifier: MIT
// Strict parsing of "<number> <unit>" strings from config files ("700 MHz", "24 MiB", "34 GB/s").
// A value with a dimension must carry its unit: a bare number is rejected, never guessed.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace headroom::sim::config {

enum class Dimension { Frequency, Bytes, ByteRate, Time, Length, Voltage };

// What an error message says is expected, e.g. `a frequency such as "700 MHz"`.
[[nodiscard]] std::string describe(Dimension d);
// Unit spellings accepted for a dimension, for "did you mean" and the docs.
[[nodiscard]] std::vector<std::string> unit_names(Dimension d);

// The value in SI base units (Hz, bytes, bytes/s, s, m, V); nullopt if `text` is not a number
// followed by one of the dimension's units.
[[nodiscard]] std::optional<double> parse_quantity(const std::string& text, Dimension d);

}  // namespace headroom::sim::config
