// SPDX-License-Identifier: MIT
#include <algorithm>
#include <string>

#include "headroom/models/error.hpp"
#include "headroom/sim/train.hpp"

namespace headroom::sim {

namespace {

// Achievable fractions of the datasheet, measured on an H100 80GB HBM3 (PyTorch 2.11,
// /work/shared/data/gpu_measurements.csv, seen): an 8192^3 BF16 matmul at 798 of the 989 TFLOPS
// dense peak (configs/gpus/h100-sxm.yaml), a large device-to-device copy at 3.0 of 3.35 TB/s.
// Applied to every device: an assumption, see docs/time-to-train.md.
constexpr double kGemmFraction = 798.0 / 989.0;
constexpr double kBandwidthFraction = 3.0 / 3.35;

double bytes_per_element(const std::string& precision) {
  if (precision == "fp32") return 4;
  if (precision == "fp8" || precision == "int8") return 1;
  return 2;
}

}  // namespace

ChipStepProfile device_step(const DeviceSpec& device, const std::string& precision,
                            const models::Network& network, models::Optimizer optimizer) {
  const auto peak = device.peak_for(precision);
  if (!peak || !device.bandwidth_gb_s || !device.peak_tflops.fp32)
    throw InputError(input_error_message(
        device.file, 0, "peak_tflops." + precision,
        "a dense peak, an FP32 peak and a bandwidth for " + device.name, "none"));
  const double gemm_flops = *peak * 1e12 * kGemmFraction;
  const double vector_flops = *device.peak_tflops.fp32 * 1e12;
  const double bandwidth = *device.bandwidth_gb_s * 1e9 * kBandwidthFraction;
  const double bytes = bytes_per_element(precision);
  const double power = device.tdp_w.value_or(0);

  const models::Trace trace = models::lower_training_step(network, optimizer);
  const std::string& first = network.layers().front().name;
  ChipStepProfile p;
  for (const auto& op : trace.ops) {
    double flop = 0;
    double moved = 0;
    double t = 0;
    if (op.kind == models::TraceOp::Kind::Gemm) {
      const auto& g = op.gemm;
      flop = 2.0 * static_cast<double>(g.macs());
      moved =
          static_cast<double>((g.a_elements() + g.b_elements() + g.c_elements()) * g.count) * bytes;
      t = std::max(flop / gemm_flops, moved / bandwidth);
    } else {
      const auto& v = op.vector;
      moved = static_cast<double>(v.input_elements + v.elements) * bytes;
      t = std::max(static_cast<double>(v.ops) / vector_flops, moved / bandwidth);
    }
    if (op.phase == models::Phase::Update) {
      p.update_s += t;
      p.update_energy_j += t * power;
      continue;
    }
    (op.phase == models::Phase::Forward ? p.forward_s : p.backward_s) += t;
    if (op.layer == first && op.phase != models::Phase::Forward) p.first_layer_backward_s += t;
    p.forward_backward_energy_j += t * power;
    p.forward_backward_flop += flop;
  }
  p.static_power_w = power;  // TDP while waiting too: an upper bound
  p.peak_flops = *peak * 1e12;
  return p;
}

}  // namespace headroom::sim
