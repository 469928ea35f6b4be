// SPDX-License-Identifier: MIT
// Datasheet figures of real devices (GPUs, TPUs) from configs/gpus/*.yaml: what training-compute
// estimates and GPU comparisons multiply by. Units are in the field names.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "headroom/models/precision.hpp"
#include "headroom/sim/cpu_kernels.hpp"

namespace headroom::sim {

// Dense peaks (no structured sparsity), 1e12 operations per second; absent where the device
// has no such path or the datasheet gives none.
struct PeakTflops {
  std::optional<double> fp32;
  std::optional<double> fp16;
  std::optional<double> bf16;
  std::optional<double> fp8;
  std::optional<double> int8;  // TOPS
  std::optional<double> int4;  // TOPS (Turing and Ampere tensor cores)
  // FP32 inputs on tensor cores (Ampere and later); frameworks' FP32 math there by default.
  std::optional<double> tf32;
};

// Calibration of the per-op model of sim/gpu_model.hpp (the `roofline:` map of a device file);
// an absent figure takes the default named in docs/gpu-model.md.
struct RooflineCalibration {
  std::optional<std::uint64_t> tile_m;  // output tile of one thread block (or MXU pass)
  std::optional<std::uint64_t> tile_n;
  std::optional<std::uint64_t> tile_k;  // K padded to a multiple of this (a TPU MXU's depth)
  std::optional<double> gemm_fraction;  // achievable fraction of peak on whole tiles
  std::map<std::string, double> gemm_fraction_by_precision;  // gemm_fraction_fp8: ...
  std::optional<double> bandwidth_fraction;
  std::optional<double> launch_overhead_us;  // per kernel (op)
  // cuDNN runs 3x3 stride-1 FP32 convolutions as Winograd F(2x2,3x3) where faster
  // (docs/gpu-model.md, "Winograd"); unset: direct convolution only.
  std::optional<bool> winograd;
};

// How a device's GPUs are wired in the multi-GPU system it usually ships in (a device file's
// `interconnect:` map), for the NCCL all-reduce of train_collective.hpp. Bandwidths are 1e9
// bytes/s per direction; the efficiencies are achieved NCCL bus bandwidth over the link figure.
struct Interconnect {
  std::uint64_t gpus_per_node = 8;
  bool nvlink = true;           // false: PCIe inside the node
  double intra_node_gb_s = 0;   // per GPU (its NVLink links together, or its PCIe slot)
  double inter_node_gb_s = 0;   // per node (all its network adapters together)
  double intra_efficiency = 0;  // set by the reader: the file's figure or the default
  double inter_efficiency = 0;
};

struct DeviceSpec {
  std::string name;  // as the vendor writes it, e.g. "Tesla V100 SXM2"
  std::string id;    // the file stem, e.g. "v100"
  std::string file;
  std::vector<std::string> aliases;
  std::string kind;  // gpu, tpu or cpu: picks the default utilization; embedded_cpu: see kernels
  std::string vendor;
  std::string architecture;
  int year = 0;
  std::optional<double> node_nm;
  std::optional<double> die_mm2;  // per die
  int dies = 1;
  std::optional<double> clock_mhz;  // the clock the peaks are quoted at
  // Streaming multiprocessors (GPU) or TPU cores x MXUs per core: the units GEMM tiles spread over.
  std::optional<std::uint64_t> sm_count;
  PeakTflops peak_tflops;
  std::optional<double> memory_gb;
  std::string memory_type;
  std::optional<double> bandwidth_gb_s;  // 1e9 bytes/s
  std::optional<double> tdp_w;
  // Measured idle power, where published (the activity-based power of device_run.hpp).
  std::optional<double> idle_w;
  // Measured power when fully busy, where published: the activity-based power's ceiling instead
  // of TDP (a rating, not a measurement).
  std::optional<double> busy_w;
  std::string power_basis;
  std::string source;
  RooflineCalibration roofline;
  // What frameworks run on it when the user names no precision (`framework_precision:`); absent,
  // framework_default() derives it from the peaks (docs/gpu-model.md, "Precision").
  std::optional<Precision> framework_precision;
  std::optional<Interconnect> interconnect;
  // `kind: embedded_cpu` only (configs/cpus): timed by its int8 kernels (cpu_kernels.hpp), not by
  // the GPU model.
  std::optional<CpuKernels> kernels;

  // The dense peak of a precision (both FP8 formats share `fp8`); nullopt when the datasheet has
  // none.
  [[nodiscard]] std::optional<double> peak_for(Precision precision) const;
  // The appendix's default utilization: 0.17 for CPUs, 0.33 otherwise (it gives none for TPUs;
  // they are treated like GPUs).
  [[nodiscard]] double default_utilization() const;
};

// Reads one device file. Throws InputError naming file:line, the key, expected and found.
[[nodiscard]] DeviceSpec load_device_file(const std::string& path);

// A device by file name, name or alias (case, '-', '_' and spaces ignored: "gtx580", "GTX-580"),
// looked up in configs/gpus under the data roots (models/data_files.hpp), or a path to a .yaml
// file. Throws InputError with close matches for an unknown name.
[[nodiscard]] DeviceSpec load_device(const std::string& name_or_path);

// Every device found on the search path, in file-name order.
[[nodiscard]] std::vector<DeviceSpec> load_all_devices();

}  // namespace headroom::sim
