// SPDX-License-Identifier: MIT
// Built-in DRAM technologies, so a config can say `type: hbm3, stacks: 4` instead of numbers.
// Energy per bit is the technology model's business (tech_config.hpp), not this table's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "headroom/accel/units.hpp"

namespace headroom::accel {

struct DramType {
  std::string name;               // lower case, as written in configs: "hbm3"
  std::string unit;               // what one `bandwidth` is for: "channel", "device" or "stack"
  units::ByteRate bandwidth;      // peak of one unit at the listed data rate
  double data_rate_mtps = 0;      // speed grade the bandwidth is taken at (MT/s per pin)
  std::uint32_t bus_bits = 0;     // data pins of one unit
  units::Time latency;            // closed-page read: tRCD + read latency at that speed grade
  std::uint32_t burst_bytes = 0;  // one burst on one (pseudo-)channel
  std::string source;             // where the figures come from
};

// Case-insensitive lookup; nullopt for an unknown name.
[[nodiscard]] std::optional<DramType> find_dram_type(const std::string& name);

// Every built-in name, for "did you mean" and documentation.
[[nodiscard]] std::vector<std::string> dram_type_names();

}  // namespace headroom::accel
