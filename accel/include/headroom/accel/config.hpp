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
using headroom::bytes_per_element;
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
};

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

// One DRAM channel (or several interleaved channels expressed as their total bandwidth).
struct DramConfig {
  std::string type;  // "ddr3", "ddr4", "lpddr4", "lpddr5", "gddr6", "hbm2", "hbm2e", "hbm3"
  units::ByteRate bandwidth = units::bytes_per_second(0);
  units::Time latency = units::nanoseconds(0);
  std::uint32_t burst_bytes = 64;
  std::uint64_t capacity_bytes = 0;
  bool ideal = false;  // unbounded bandwidth, zero latency: SCALE-Sim's compute-only view
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
