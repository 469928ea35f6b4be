// SPDX-License-Identifier: MIT
#include "headroom/sim/cpu_kernels.hpp"

namespace headroom::sim {

CpuLayerType classify_cpu_layer(const models::GemmShape& gemm, std::uint64_t batch) {
  if (gemm.count > 1 && gemm.n == 1) return CpuLayerType::Depthwise;
  if (gemm.m <= batch) return CpuLayerType::FullyConnected;
  // lower_layer.cpp leaves a_unique_elements at 0 when the input map is A itself (1x1 stride 1).
  if (gemm.a_unique_elements == 0) return CpuLayerType::Pointwise;
  return CpuLayerType::Conv;
}

const char* to_string(CpuLayerType type) {
  switch (type) {
    case CpuLayerType::Conv:
      return "conv";
    case CpuLayerType::Pointwise:
      return "pointwise";
    case CpuLayerType::Depthwise:
      return "depthwise";
    case CpuLayerType::FullyConnected:
      return "fc";
  }
  return "conv";
}

double cpu_op_cycles(const CpuKernels& k, const models::TraceOp& op, std::uint64_t batch) {
  if (op.kind == models::TraceOp::Kind::Gemm) {
    double per_mac = k.conv_cycles_per_mac;
    switch (classify_cpu_layer(op.gemm, batch)) {
      case CpuLayerType::Conv:
        break;
      case CpuLayerType::Pointwise:
        per_mac = k.pointwise_cycles_per_mac;
        break;
      case CpuLayerType::Depthwise:
        per_mac = k.depthwise_cycles_per_mac;
        break;
      case CpuLayerType::FullyConnected:
        per_mac = k.fc_cycles_per_mac;
        break;
    }
    return static_cast<double>(op.gemm.macs()) * per_mac + k.layer_overhead_cycles;
  }
  const models::VectorShape& v = op.vector;
  const auto elements = static_cast<double>(v.elements);
  switch (v.kind) {
    case models::VectorKind::Norm:
    case models::VectorKind::Activation:
      return 0;  // folded into the weights, or clamped in the producing kernel's requantization
    case models::VectorKind::Pool:
      return static_cast<double>(v.input_elements) * k.pool_cycles_per_input_element +
             k.layer_overhead_cycles;
    case models::VectorKind::Softmax:
      return elements * k.softmax_cycles_per_element + k.layer_overhead_cycles;
    case models::VectorKind::Elementwise:
    case models::VectorKind::Embedding:
    case models::VectorKind::OptimizerUpdate:
      return elements * k.elementwise_cycles_per_element + k.layer_overhead_cycles;
  }
  return 0;
}

}  // namespace headroom::sim
