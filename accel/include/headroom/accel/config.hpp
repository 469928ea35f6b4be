// SPDX-License-Identifier: MIT
// The accelerator as plain, validated data. sim/ fills it from YAML or a SCALE-Sim .cfg;
// accel/ reads it at run time, so one elaborated SystemC model serves many design points.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "headroom/accel/dataflow.hpp"
#include "headroom/accel/tech_config.hpp"
#include "headroom/accel/units.hpp"
#include "headroom/models/precision.hpp"

namespace headroom::accel {

// One precision type for every layer (models/precision.hpp); these names keep accel code short.
using Precision = headroom::Precision;
using headroom::bits_per_element;
using headroom::bytes_for;
using headroom::element_size;
using headroom::ElementSize;
using headroom::parse_precision;
using headroom::to_string;

// A systolic array of rows x cols PEs (SCALE-Sim: ArrayHeight x ArrayWidth). `count` identical
// arrays share the buffers and split a GEMM's folds between them.
struct ArrayConfig {
  std::uint32_t rows = 0;
  std::uint32_t cols = 0;
  std::uint32_t count = 1;
  Dataflow dataflow = Dataflow::WeightStationary;
  // MACs one PE completes per cycle in each precision it supports (e.g. 1 FP32, 2 BF16, 4 INT8).
  // A precision absent here cannot run on the array.
  std::map<Precision, std::uint32_t> macs_per_pe_per_cycle;
  // A precision slower than one MAC per PE per cycle (`macs_per_pe_per_cycle: {int16: 0.5}`):
  // each MAC takes this many cycles. NVDLA nv_full runs INT16 at half its INT8 rate, Ethos-N at a
  // quarter. Absent: 1.
  std::map<Precision, std::uint32_t> cycles_per_mac;
  // How a depthwise convolution's channels meet the array (`array.depthwise`): one channel per
  // pass (false, the default: SCALE-Sim's lowering) or as many as the array's rows hold side by
  // side in a block-diagonal weight tile (docs/accelerator-model.md, "Depthwise convolutions").
  bool depthwise_packed = false;
};

// Cycles one MAC of `p` takes on a PE (ArrayConfig::cycles_per_mac; 1 when not slowed).
[[nodiscard]] inline std::uint32_t cycles_per_mac(const ArrayConfig& a, Precision p) {
  const auto it = a.cycles_per_mac.find(p);
  return it == a.cycles_per_mac.end() ? 1 : it->second;
}

// One SRAM buffer. Bandwidths are per cycle of the accelerator clock.
struct BufferConfig {
  std::uint64_t size_bytes = 0;
  std::uint32_t word_bits = 64;
  std::uint32_t banks = 1;
  double read_bytes_per_cycle = 0;   // 0 = as wide as the array needs
  double write_bytes_per_cycle = 0;  // 0 = as wide as the array needs
};

// Separate input/weight/output buffers, or one unified buffer holding all three.
struct SramConfig {
  bool unified = false;
  BufferConfig unified_buffer;
  BufferConfig ifmap;
  BufferConfig filter;
  BufferConfig ofmap;
};

// Every byte of SRAM: the unified buffer, or the three together. On an on-chip-only design
// (DramConfig::none) this holds the whole network.
[[nodiscard]] inline std::uint64_t sram_capacity(const SramConfig& s) {
  return s.unified ? s.unified_buffer.size_bytes
                   : s.ifmap.size_bytes + s.filter.size_bytes + s.ofmap.size_bytes;
}

// One DRAM channel (or several interleaved channels expressed as their total bandwidth).
struct DramConfig {
  std::string type;  // "ddr3", "ddr4", "lpddr4", "lpddr5", "gddr6", "hbm2", "hbm2e", "hbm3"
  units::ByteRate bandwidth = units::bytes_per_second(0);
  units::Time latency = units::nanoseconds(0);
  std::uint32_t burst_bytes = 64;
  std::uint64_t capacity_bytes = 0;
  bool ideal = false;  // unbounded bandwidth, zero latency: SCALE-Sim's compute-only view
  // `dram: none`: an on-chip-only design (Syntiant NDP, Hailo-8). Every weight and map lives in
  // the SRAM for the whole run; a network that does not fit is an input error, never a DRAM
  // that does not exist. No DRAM bytes, time or energy.
  bool none = false;

  // Whether transfers cost no time: an ideal DRAM, or none at all (nothing is transferred).
  [[nodiscard]] bool free() const { return ideal || none; }
  // Bytes the channel moves per cycle of `clock`; 0 when transfers are free(). The one place the
  // planners and the SystemC channel read it, so their timing cannot drift apart.
  [[nodiscard]] double bytes_per_cycle(units::Frequency clock) const {
    return free() ? 0.0 : bandwidth.value() / clock.value();
  }
};

// Lanes of the vector unit; each lane does one operation per cycle.
struct VectorUnitConfig {
  std::uint32_t lanes = 0;
};

// The GEMM output path's post-processing stage (NVDLA's SDP, and its PDP for pooling): it does
// the element-wise work an inference compiler fused into a GEMM (models::TraceOp::fused) on the
// results as they drain from the array, at its own throughput.
struct PostProcessingConfig {
  std::uint32_t elements_per_cycle = 0;  // 0: no such stage; fused work uses the vector lanes
  bool pooling = false;                  // pooling right after a GEMM is fused too
};

struct AcceleratorConfig {
  std::string name;
  std::string source_file;  // where it came from, for reports
  units::Frequency clock = units::megahertz(0);
  Precision precision = Precision::INT8;  // default precision of runs; --precision overrides
  ArrayConfig array;
  SramConfig sram;
  DramConfig dram;
  VectorUnitConfig vector;
  PostProcessingConfig post_processing;
  TechConfig tech;
  // The thermal envelope (`power_budget:`): runs whose average power exceeds it are flagged.
  std::optional<units::Power> power_budget;
};

}  // namespace headroom::accel
