// SPDX-License-Identifier: MIT
// The one spelling of a byte count in text reports, so one capacity reads the same everywhere.
#pragma once

#include <fmt/format.h>

#include <string>

namespace headroom::sim {

// Decimal units (1 GB = 1e9 bytes, as DRAM datasheets and the configs' "GB" mean), rounded to
// two decimals: 17179869184 bytes reads "17.18 GB" in every report.
inline std::string format_bytes(double bytes) {
  if (bytes >= 1e9) return fmt::format("{:.2f} GB", bytes * 1e-9);
  if (bytes >= 1e6) return fmt::format("{:.2f} MB", bytes * 1e-6);
  return fmt::format("{:.2f} kB", bytes * 1e-3);
}

}  // namespace headroom::sim
