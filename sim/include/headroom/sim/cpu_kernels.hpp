// SPDX-License-Identifier: MIT
// Embedded CPUs as reference devices (`kind: embedded_cpu`, configs/cpus/*.yaml): a Cortex-M or
// Cortex-A core running an int8 kernel library (CMSIS-NN, a vendor runtime), timed layer by layer
// from cycles per MAC by layer type, fitted to published MLPerf Tiny results. The equations, the
// figures and their sources: docs/cpu-devices.md.
#pragma once

#include <cstdint>
#include <string>

#include "headroom/models/trace.hpp"

namespace headroom::sim {

// The `kernels:` map of an embedded CPU's device file. Cycles are core clock cycles.
struct CpuKernels {
  std::string framework;    // what the figures were measured with (runtime and kernel library)
  std::string calibration;  // which measurements fitted them
  double conv_cycles_per_mac = 0;             // im2col convolutions (overlapping windows)
  double pointwise_cycles_per_mac = 0;        // 1x1 convolutions (no im2col)
  double depthwise_cycles_per_mac = 0;        // one filter per channel
  double fc_cycles_per_mac = 0;               // fully connected (one row per example)
  double layer_overhead_cycles = 0;           // per kernel call: set-up outside the MAC loops
  double elementwise_cycles_per_element = 0;  // int8 add/mul with requantization
  double pool_cycles_per_input_element = 0;
  double softmax_cycles_per_element = 0;
};

// How the kernel library runs a GEMM of the trace, read from its shape (lower_layer.cpp's
// lowering): depthwise is one output channel per group; fully connected has one row per example;
// pointwise has no im2col duplication of its input (A is the map itself); the rest is im2col.
enum class CpuLayerType { Conv, Pointwise, Depthwise, FullyConnected };

[[nodiscard]] CpuLayerType classify_cpu_layer(const models::GemmShape& gemm, std::uint64_t batch);
[[nodiscard]] const char* to_string(CpuLayerType type);

// Core cycles of one op of an inference trace. BatchNorm and activations cost nothing: the int8
// converter folds BatchNorm into the weights and the kernels clamp in their requantization.
[[nodiscard]] double cpu_op_cycles(const CpuKernels& kernels, const models::TraceOp& op,
                                   std::uint64_t batch);

}  // namespace headroom::sim
