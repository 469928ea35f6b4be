// SPDX-License-Identifier: MIT
#include "headroom/accel/dram_types.hpp"

#include <algorithm>
#include <cctype>

namespace headroom::accel {

namespace {

// Bandwidth = data rate x bus width / 8, the JEDEC peak. Latencies are tRCD + CL (or RL) at the
// listed speed grade from the same standards: recalled, not re-read, and only "typical" (a
// loaded controller adds queueing). Burst = burst length x (pseudo-)channel width.
DramType row(const char* name, const char* unit, double mtps, std::uint32_t bus_bits,
             double latency_ns, std::uint32_t burst_bytes, const char* source) {
  return DramType{name,        unit,     units::bytes_per_second(mtps * 1e6 * bus_bits / 8.0),
                  mtps,        bus_bits, units::nanoseconds(latency_ns),
                  burst_bytes, source};
}

const std::vector<DramType>& table() {
  static const std::vector<DramType> rows = {
      // 12.8 GB/s per 64-bit channel; CL11 + tRCD 11 at 800 MHz = 27.5 ns; BL8 x 8 B.
      row("ddr3", "channel", 1600, 64, 27.5, 64, "JEDEC JESD79-3F, DDR3-1600K (11-11-11)"),
      // 25.6 GB/s per 64-bit channel; CL22 + tRCD 22 at 1600 MHz = 27.5 ns; BL8 x 8 B.
      row("ddr4", "channel", 3200, 64, 27.5, 64, "JEDEC JESD79-4C, DDR4-3200AA (22-22-22)"),
      // 8.5 GB/s per x16 channel; tRCD 18 ns + RL 36 nCK at 2133 MHz; BL16 x 2 B.
      row("lpddr4", "channel", 4266, 16, 35.0, 32, "JEDEC JESD209-4B, LPDDR4-4266"),
      // 12.8 GB/s per x16 channel (AnandTech/Micron: 6400 Mbps, 16-bit channels, BL16).
      row("lpddr5", "channel", 6400, 16, 36.0, 32, "JEDEC JESD209-5, LPDDR5-6400"),
      // 64 GB/s per x32 device = two 16-bit channels (Micron GDDR6 product page: 16 Gb/s/pin,
      // 64 GB/s per placement); BL16 x 2 B per channel.
      row("gddr6", "device", 16000, 32, 24.0, 32, "JEDEC JESD250, Micron GDDR6 16 Gb/s"),
      // 256 GB/s per 1024-bit stack at 2.0 Gb/s; pseudo-channel 64 bit x BL4 = 32 B.
      row("hbm2", "stack", 2000, 1024, 28.0, 32, "JEDEC JESD235A, HBM2 2.0 Gb/s"),
      // 410 GB/s per stack at 3.2 Gb/s (Samsung Flashbolt announcement, JESD235C 3.2 Gb/s).
      row("hbm2e", "stack", 3200, 1024, 28.0, 32, "JEDEC JESD235C, Samsung Flashbolt 3.2 Gb/s"),
      // 819 GB/s per stack at 6.4 Gb/s (JEDEC JESD238 press release, 2022-01-28);
      // pseudo-channel 32 bit x BL8 = 32 B.
      row("hbm3", "stack", 6400, 1024, 28.0, 32, "JEDEC JESD238 (2022), HBM3 6.4 Gb/s"),
  };
  return rows;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

std::optional<DramType> find_dram_type(const std::string& name) {
  const std::string key = lower(name);
  for (const auto& t : table())
    if (t.name == key) return t;
  return std::nullopt;
}

std::vector<std::string> dram_type_names() {
  std::vector<std::string> names;
  for (const auto& t : table()) names.push_back(t.name);
  return names;
}

}  // namespace headroom::accel
