// SPDX-License-Identifier: MIT
// The performance model of a datasheet device (GPU, TPU) shared by `headroom compare` and
// `headroom train --gpu`: per op, a roofline with tile and wave quantization, an achievable
// fraction of peak and a per-kernel launch overhead. Equations and sources: docs/gpu-model.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "headroom/models/precision.hpp"
#include "headroom/models/trace.hpp"
#include "headroom/sim/device_spec.hpp"

namespace headroom::sim {

// How the host submits the kernels (docs/gpu-model.md, "Framework overhead"). The CPU works
// ahead of the GPU, so a pass takes max(GPU time, host time): host-bound at small batches.
enum class Framework {
  None,   // kernels back to back (CUDA graphs, TensorRT): only the per-kernel launch_s
  Graph,  // a graph runtime (TensorFlow 1.x sessions): a host cost per op
  Eager,  // PyTorch eager: a larger host cost per op, and autocast's weight casts
};

[[nodiscard]] std::optional<Framework> parse_framework(std::string_view name);
[[nodiscard]] const char* to_string(Framework framework);
// "none, graph, eager"
[[nodiscard]] std::string framework_list();

// Everything the per-op equations need, resolved from a device file and a precision; every
// figure that fell back to a default is named in `defaults`.
struct GpuModel {
  std::string device;
  Precision precision = Precision::BF16;
  std::string precision_basis;  // why this precision (target.hpp's DevicePrecision), if known
  double peak_flops = 0;        // dense datasheet peak of `precision` (GEMMs)
  double vector_flops = 0;      // the FP32 peak (non-GEMM ops); the GEMM peak where none is given
  double bandwidth_bytes_per_s = 0;  // datasheet DRAM bandwidth
  double bytes_per_element = 2;
  std::uint64_t units = 1;  // SMs, or TPU cores x MXUs: what output tiles are spread over
  std::uint64_t tile_m = 128;
  std::uint64_t tile_n = 128;
  std::uint64_t tile_k = 1;
  // Also try smaller tiles (halvings of tile_m and tile_n, down to an eighth), each at a rate
  // scaled by its operand reuse tm*tn/(tm+tn) relative to the calibrated tile; the fastest wins.
  bool smaller_tiles = false;
  // Also try splitting K (2, 4, ... ways, each slice at least 256 deep) for tilings that fill
  // less than one wave, the FP32 partial sums written and read back through DRAM; the fastest
  // of all candidates wins.
  bool split_k = false;
  // Also run 3x3 stride-1 convolutions (forward, data and weight gradients) as Winograd
  // F(2x2,3x3), the faster of the two winning: strict FP32 on a GPU whose file sets
  // roofline.winograd (docs/gpu-model.md, "Winograd convolutions").
  bool winograd = false;
  // Transpose NCHW activations to NHWC and back around every convolution GEMM (forward and
  // both gradients), as cuDNN does for tensor-core kernels: TF32 under a framework
  // (docs/gpu-model.md, "Convolutions").
  bool nchw_transposes = false;
  // Mixed precision under a framework: softmax and layer norm keep FP32 tensors (TensorFlow's AMP
  // deny list, PyTorch autocast's float32 ops), and under a graph framework the GELU too
  // (TensorFlow's tanh GELU goes through Pow, also denied); docs/gpu-model.md, "Mixed precision".
  // Under a framework, multi-head attention's Q, K, V and context tensors transposed between
  // [b, s, h, dh] and [b, h, s, dh] as kernels of their own (docs/gpu-model.md, "Attention").
  bool head_transposes = false;
  bool fp32_statistics = false;
  bool fp32_gelu = false;
  double gemm_fraction = 0;       // of each unit's share of the peak, on a whole tile
  double bandwidth_fraction = 0;  // of the datasheet bandwidth
  double launch_s = 0;            // per kernel (op)
  Framework framework = Framework::None;
  double host_per_op_s = 0;  // the framework's host time per op, overlapped with the GPU
  std::vector<std::string> defaults;
};

// Throws InputError naming the file and key when the device lacks a peak for `precision`, a
// bandwidth or sm_count.
[[nodiscard]] GpuModel make_gpu_model(const DeviceSpec& device, Precision precision,
                                      Framework framework = Framework::None);

// Host time of a trace under the model's framework: its ops (plus, eager and mixed precision,
// one weight cast per GEMM) x host_per_op_s. A pass takes max(sum of op times, this).
[[nodiscard]] double host_time_s(const GpuModel& model, const models::Trace& trace);

// Time of one op: launch + max(compute, memory) + side kernels.
struct OpTime {
  double compute_s = 0;
  double memory_s = 0;
  double launch_s = 0;
  double side_kernels_s = 0;  // kernels a library runs around the op (layout transposes)
  std::uint64_t tiles = 0;    // GEMM output tiles (0 for vector ops)
  std::uint64_t tile_m = 0;   // the tile chosen
  std::uint64_t tile_n = 0;
  std::uint64_t waves = 0;       // ceil(tiles / units)
  std::uint64_t split_k = 1;     // K split this many ways (1: not split)
  double flop = 0;               // useful FLOPs, 1 MAC = 2
  double bytes = 0;              // DRAM bytes read and written
  bool winograd = false;         // run as Winograd F(2x2,3x3) (op_times only)
  bool transposed = false;       // NCHW <-> NHWC transposes added (op_times only)
  bool head_transposes = false;  // attention head-layout transposes added (op_times only)
  // Framework ops the host submits for this trace op besides the op itself (the head
  // transposes are tf.transpose / .contiguous() calls of their own).
  std::uint64_t extra_host_ops = 0;

  [[nodiscard]] double total_s() const;
};

[[nodiscard]] OpTime gemm_time(const GpuModel& model, const models::GemmShape& gemm);
[[nodiscard]] OpTime vector_time(const GpuModel& model, const models::VectorShape& vector);
[[nodiscard]] OpTime op_time(const GpuModel& model, const models::TraceOp& op);
// Every op of a trace. Unlike op_time, it knows a convolution's gradients from the forward GEMM
// of the same layer: under model.winograd all three GEMMs of a 3x3 stride-1 convolution may run
// as Winograd; under model.nchw_transposes every convolution GEMM pays its layout transposes.
[[nodiscard]] std::vector<OpTime> op_times(const GpuModel& model, const models::Trace& trace);
// The same, plus the framework ops op_times added (OpTime::extra_host_ops).
[[nodiscard]] double host_time_s(const GpuModel& model, const models::Trace& trace,
                                 const std::vector<OpTime>& times);

// One line naming the model's assumptions for this device, for report headers.
[[nodiscard]] std::string describe(const GpuModel& model);

}  // namespace headroom::sim
