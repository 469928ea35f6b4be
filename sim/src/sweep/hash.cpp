// SPDX-License-Identifier: MIT
#include "sweep/hash.hpp"

#include <fmt/format.h>

namespace headroom::sim::sweep {

namespace {

__extension__ typedef unsigned __int128 u128;

// FNV-1a 128: offset basis 144066263297769815596495629667062367629, prime 2^88 + 2^8 + 0x3b
// (IETF draft-eastlake-fnv, "FNV-128").
constexpr u128 kOffset = (static_cast<u128>(0x6c62272e07bb0142ULL) << 64) | 0x62b821756295c58dULL;
constexpr u128 kPrime = (static_cast<u128>(1) << 88) | 0x13bULL;

void put(std::string& out, std::string_view key, const std::string& value) {
  out.append(key).append("=").append(value).append("\n");
}

std::string exact(double v) { return fmt::format("{:a}", v); }

void put_buffer(std::string& out, std::string_view name, const accel::BufferConfig& b) {
  put(out, std::string(name) + ".size", std::to_string(b.size_bytes));
  put(out, std::string(name) + ".word_bits", std::to_string(b.word_bits));
  put(out, std::string(name) + ".banks", std::to_string(b.banks));
  put(out, std::string(name) + ".read", exact(b.read_bytes_per_cycle));
  put(out, std::string(name) + ".write", exact(b.write_bytes_per_cycle));
}

}  // namespace

std::string hash128(std::string_view bytes) {
  u128 h = kOffset;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= kPrime;
  }
  return fmt::format("{:016x}{:016x}", static_cast<std::uint64_t>(h >> 64),
                     static_cast<std::uint64_t>(h));
}

std::string canonical_text(const accel::AcceleratorConfig& c) {
  // Every member that affects a result, by hand. A member missed here would let two configs share
  // a key; SweepHash.EveryAxisKeyChangesTheHash (tests/sim/sweep_test.cpp) fails, naming the key,
  // when any key of the schema (accel_config_keys(), the loader's own key lists) leaves the hash
  // unchanged for every valid value, so a member added to the config and its loader but not here
  // cannot go unnoticed.
  std::string out;
  put(out, "name", c.name);
  put(out, "clock_hz", exact(c.clock.value()));
  put(out, "precision", accel::to_string(c.precision));
  put(out, "array.rows", std::to_string(c.array.rows));
  put(out, "array.cols", std::to_string(c.array.cols));
  put(out, "array.count", std::to_string(c.array.count));
  put(out, "array.dataflow", accel::to_string(c.array.dataflow));
  for (const auto& [p, macs] : c.array.macs_per_pe_per_cycle)
    put(out, std::string("array.macs.") + accel::to_string(p), std::to_string(macs));
  // Only when set, so configs without a slowed precision keep the hashes they had.
  for (const auto& [p, cycles] : c.array.cycles_per_mac)
    put(out, std::string("array.cycles_per_mac.") + accel::to_string(p), std::to_string(cycles));
  // Only when packed, so configs without it keep the hashes they had.
  if (c.array.depthwise_packed) put(out, "array.depthwise", "packed");
  put(out, "sram.unified", c.sram.unified ? "1" : "0");
  if (c.sram.unified) {
    put_buffer(out, "sram.unified", c.sram.unified_buffer);
  } else {
    put_buffer(out, "sram.ifmap", c.sram.ifmap);
    put_buffer(out, "sram.filter", c.sram.filter);
    put_buffer(out, "sram.ofmap", c.sram.ofmap);
  }
  // Only when set, so configs without a parameter cache keep the hashes they had.
  if (c.sram.parameter_cache_bytes > 0)
    put(out, "sram.parameter_cache", std::to_string(c.sram.parameter_cache_bytes));
  put(out, "dram.type", c.dram.type);
  put(out, "dram.bandwidth", exact(c.dram.bandwidth.value()));
  put(out, "dram.latency", exact(c.dram.latency.value()));
  put(out, "dram.burst", std::to_string(c.dram.burst_bytes));
  put(out, "dram.capacity", std::to_string(c.dram.capacity_bytes));
  put(out, "dram.ideal", c.dram.ideal ? "1" : "0");
  // Only when set, so configs with a DRAM keep the hashes they had.
  if (c.dram.none) put(out, "dram.none", "1");
  put(out, "vector.lanes", std::to_string(c.vector.lanes));
  // Only when the section is there, so configs without one keep the hashes they had.
  if (c.post_processing.elements_per_cycle > 0) {
    put(out, "post_processing.elements_per_cycle",
        std::to_string(c.post_processing.elements_per_cycle));
    put(out, "post_processing.pooling", c.post_processing.pooling ? "1" : "0");
  }
  put(out, "tech.node_nm", exact(c.tech.node_nm));
  put(out, "tech.vdd_v", c.tech.vdd_v ? exact(*c.tech.vdd_v) : "nominal");
  for (const auto& [key, value] : c.tech.energy_overrides) put(out, "energy." + key, exact(value));
  return out;
}

}  // namespace headroom::sim::sweep
