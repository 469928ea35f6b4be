// SPDX-License-Identifier: MIT
#include "headroom/sim/gpu_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "headroom/models/error.hpp"

namespace headroom::sim {

namespace {

// Defaults where a device file gives no calibration (docs/gpu-model.md has the sources).
// Bandwidth: the device-to-device copy measured on an H100 (3.0 of 3.35 TB/s,
// /work/shared/data/gpu_measurements.csv), carried over to devices without their own figure.
constexpr double kDefaultBandwidthFraction = 3.0 / 3.35;
// Launch: the CPU-side driver and runtime work of submitting one kernel, "about 4-6 us" measured
// on an RTX 5070 Ti (susun-blog.com, "pegainfer (3): From Launch Overhead to CUDA Graph", seen);
// NVIDIA's "Getting Started with CUDA Graphs" blog (2019) shows the same order (recalled). A TPU
// runs one XLA program per step, so no per-op launch is charged (an assumption).
constexpr double kDefaultGpuLaunchUs = 5.0;
constexpr double kDefaultTpuLaunchUs = 0.0;
// Output tile of one thread block: 128 x 128 is CUTLASS's default threadblock tile for tensor-core
// GEMMs (an assumption for every GPU without its own tile_m/tile_n). A TPU's tile is its MXU:
// 128 x 128, with K padded to the 128-deep array (TPU v1: 256, set in its file).
constexpr std::uint64_t kDefaultTile = 128;
// Host time per op of a framework, from ResNet-50 batch-1 latencies that stay flat from batch 1
// to 4 (host-bound) on NVIDIA DGX systems, NVIDIA DeepLearningExamples at the commits of
// tests/data/gpu/validation_throughput.csv:
//  - eager: PyTorch 21.03 on a DGX-1 (V100), FP32 10.37 ms for the 174 ops of the forward trace
//    = 59.6 us; AMP 12.78 ms for 174 + 54 weight casts = 56.1 us (T4 host: 10.7 / 12.96 ms);
//    58 us, between the two.
//  - graph: TensorFlow 20.06 (TF1 sessions, no XLA) on a DGX-1, AMP 4.25 ms / 174 ops = 24 us
//    (FP32 5.79 ms is partly GPU time).
// Both are fits to the hosts of those systems (dual Xeon E5-2698 v4 in a DGX-1), not
// independent of the validation rows at batch <= 8; a faster host or a newer framework costs less.
constexpr double kEagerHostPerOpUs = 58.0;
constexpr double kGraphHostPerOpUs = 24.0;

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

[[noreturn]] void missing(const DeviceSpec& d, const std::string& key, const std::string& what) {
  throw InputError(input_error_message(d.file, 0, key, what + " for " + d.name, "none"));
}

}  // namespace

std::optional<Framework> parse_framework(std::string_view name) {
  if (name == "none") return Framework::None;
  if (name == "graph") return Framework::Graph;
  if (name == "eager") return Framework::Eager;
  return std::nullopt;
}

const char* to_string(Framework framework) {
  switch (framework) {
    case Framework::None:
      return "none";
    case Framework::Graph:
      return "graph";
    case Framework::Eager:
      return "eager";
  }
  return "none";
}

std::string framework_list() { return "none, graph, eager"; }

double OpTime::total_s() const { return launch_s + std::max(compute_s, memory_s) + side_kernels_s; }

GpuModel make_gpu_model(const DeviceSpec& device, Precision precision, Framework framework) {
  // Device files name precisions by their datasheet key (both FP8 formats are `fp8`).
  const std::string key = peak_key(precision);
  // Embedded CPUs (configs/cpus) have no GPU model: they run inference through run_on_device.
  if (device.kernels)
    throw InputError(input_error_message(device.file, 0, "kind",
                                         "a GPU or TPU for this command (an embedded_cpu device "
                                         "runs inference only: run --device, compare --gpu)",
                                         device.kind));
  const auto peak = device.peak_for(precision);
  if (!peak || *peak <= 0) missing(device, "peak_tflops." + key, "a dense peak above 0");
  if (!device.bandwidth_gb_s || *device.bandwidth_gb_s <= 0)
    missing(device, "bandwidth_gb_s", "a memory bandwidth above 0");
  if (!device.sm_count) missing(device, "sm_count", "the number of SMs (or TPU cores x MXUs)");

  const RooflineCalibration& c = device.roofline;
  const bool tpu = device.kind == "tpu";
  GpuModel m;
  m.device = device.name;
  m.precision = precision;
  m.peak_flops = *peak * 1e12;
  if (device.peak_tflops.fp32 && *device.peak_tflops.fp32 > 0) {
    m.vector_flops = *device.peak_tflops.fp32 * 1e12;
  } else {
    m.vector_flops = m.peak_flops;
    m.defaults.push_back("vector ops at the " + key + " peak (no FP32 peak)");
  }
  m.bandwidth_bytes_per_s = *device.bandwidth_gb_s * 1e9;
  m.bytes_per_element = bits_per_element(precision) / 8.0;  // INT4: 0.5, packed
  m.units = *device.sm_count;
  m.tile_m = c.tile_m.value_or(kDefaultTile);
  m.tile_n = c.tile_n.value_or(kDefaultTile);
  m.tile_k = c.tile_k.value_or(tpu ? kDefaultTile : 1);
  if (!c.tile_m || !c.tile_n) m.defaults.push_back("tile 128x128");
  // A TPU's matrix unit has one shape; a GPU library picks among many tile sizes.
  m.smaller_tiles = !tpu;
  m.split_k = !tpu;
  // Winograd runs on the FP32 lanes; tensor-core (TF32, FP16, BF16) convolutions stay implicit
  // GEMMs (docs/gpu-model.md, "Winograd convolutions").
  m.winograd = !tpu && precision == Precision::FP32 && c.winograd.value_or(false);
  // TF32 convolutions ran on NCHW tensors in the frameworks of 2020-21 (PyTorch's default memory
  // format; TensorFlow's layout optimizer chose NHWC for FP16 only), mixed precision on NHWC
  // (docs/gpu-model.md, "Convolutions"). A graph compiler or TensorRT (framework none) picks
  // the layout itself.
  m.nchw_transposes = !tpu && precision == Precision::TF32 && framework != Framework::None;
  // Automatic mixed precision keeps numerically sensitive ops in FP32: TensorFlow's AMP graph
  // rewrite denies Softmax, Mean (layer norm) and Pow (the tanh GELU) FP16, PyTorch's autocast
  // runs softmax and layer_norm in float32 (docs/gpu-model.md, "Mixed precision").
  const bool mixed = precision == Precision::FP16 || precision == Precision::BF16;
  m.fp32_statistics = !tpu && mixed && framework != Framework::None;
  m.fp32_gelu = m.fp32_statistics && framework == Framework::Graph;
  // Frameworks run attention as batched GEMMs on head-major copies of Q, K, V; TensorRT's and
  // FasterTransformer's fused attention (framework none) do not (docs/gpu-model.md, "Attention").
  m.head_transposes = !tpu && framework != Framework::None;

  if (const auto it = c.gemm_fraction_by_precision.find(key);
      it != c.gemm_fraction_by_precision.end()) {
    m.gemm_fraction = it->second;
  } else if (c.gemm_fraction) {
    m.gemm_fraction = *c.gemm_fraction;
  } else {
    m.gemm_fraction = device.default_utilization();
    m.defaults.push_back(
        fmt::format("GEMM fraction {:.2f} (AI and Compute default)", m.gemm_fraction));
  }
  m.bandwidth_fraction = c.bandwidth_fraction.value_or(kDefaultBandwidthFraction);
  if (!c.bandwidth_fraction) m.defaults.push_back("bandwidth fraction of the H100 copy");
  const double launch_us =
      c.launch_overhead_us.value_or(tpu ? kDefaultTpuLaunchUs : kDefaultGpuLaunchUs);
  m.launch_s = launch_us * 1e-6;
  if (!c.launch_overhead_us) m.defaults.push_back(fmt::format("{:g} us launch", launch_us));
  m.framework = framework;
  if (framework == Framework::Eager) m.host_per_op_s = kEagerHostPerOpUs * 1e-6;
  if (framework == Framework::Graph) m.host_per_op_s = kGraphHostPerOpUs * 1e-6;
  return m;
}

double host_time_s(const GpuModel& model, const models::Trace& trace) {
  if (model.host_per_op_s <= 0) return 0;
  double ops = static_cast<double>(trace.ops.size());
  // Autocast casts each FP32 weight to the compute type before its GEMM, once per pass.
  const bool mixed = model.precision == Precision::FP16 || model.precision == Precision::BF16;
  if (model.framework == Framework::Eager && mixed)
    for (const auto& op : trace.ops)
      if (op.kind == models::TraceOp::Kind::Gemm && op.phase == models::Phase::Forward) ops += 1;
  return ops * model.host_per_op_s;
}

double host_time_s(const GpuModel& model, const models::Trace& trace,
                   const std::vector<OpTime>& times) {
  double extra = 0;
  for (const OpTime& t : times) extra += static_cast<double>(t.extra_host_ops);
  return host_time_s(model, trace) + extra * model.host_per_op_s;
}

namespace {

// One way to run `g`: tiles of tm x tn at `rate` of the calibrated tile's speed, K split `split`
// ways (split-K: each slice a tile of its own, the partial sums reduced through DRAM in FP32).
struct Candidate {
  std::uint64_t tm = 0;
  std::uint64_t tn = 0;
  double rate = 1;
  std::uint64_t split = 1;
};

// FP32 partial sums of split-K: each of `split` slices writes its M x N block and the reduction
// reads them back (CUTLASS's split-K "serial"/"parallel" reduction keeps FP32 partials).
constexpr double kPartialSumBytes = 4;

OpTime candidate_time(const GpuModel& model, const models::GemmShape& g, const Candidate& c,
                      double base_bytes) {
  const std::uint64_t m_tiles = ceil_div(g.m, c.tm);
  const std::uint64_t n_tiles = ceil_div(g.n, c.tn);
  // Repetitions narrower than a tile share one (how batched and depthwise kernels block over
  // channels): up to tn / N of them side by side along N.
  const std::uint64_t per_tile =
      n_tiles == 1
          ? std::max<std::uint64_t>(1, std::min(g.count, c.tn / std::max<std::uint64_t>(g.n, 1)))
          : 1;
  OpTime t;
  t.tiles = m_tiles * n_tiles * ceil_div(g.count, per_tile) * c.split;
  t.waves = ceil_div(t.tiles, model.units);
  t.tile_m = c.tm;
  t.tile_n = c.tn;
  t.split_k = c.split;
  const std::uint64_t k_slice = ceil_div(g.k, c.split);
  const double k_padded = static_cast<double>(ceil_div(k_slice, model.tile_k) * model.tile_k);
  const double tile_flop = kFlopsPerMac * static_cast<double>(c.tm * c.tn) * k_padded;
  const double unit_flops =
      model.peak_flops * model.gemm_fraction * c.rate / static_cast<double>(model.units);
  t.compute_s = static_cast<double>(t.waves) * tile_flop / unit_flops;
  t.bytes = base_bytes;
  if (c.split > 1)
    t.bytes += 2 * static_cast<double>(c.split * g.c_elements() * g.count) * kPartialSumBytes;
  t.memory_s = t.bytes / (model.bandwidth_bytes_per_s * model.bandwidth_fraction);
  return t;
}

// Operand reuse of a tm x tn tile: FLOPs per element loaded, up to a constant.
double reuse(std::uint64_t tm, std::uint64_t tn) {
  return static_cast<double>(tm * tn) / static_cast<double>(tm + tn);
}

// Split-K is tried while each slice keeps at least this much of K: shallower slices spend more
// of their time filling and draining the tile's pipeline than multiplying (an assumption, four
// 64-deep main-loop steps of a CUTLASS tensor-core tile).
constexpr std::uint64_t kMinSliceDepth = 256;
constexpr std::uint64_t kMaxSplit = 64;

}  // namespace

OpTime gemm_time(const GpuModel& model, const models::GemmShape& g) {
  const double base_bytes =
      static_cast<double>((g.a_elements() + g.b_elements() + g.c_elements()) * g.count) *
      model.bytes_per_element;
  std::vector<Candidate> candidates{{model.tile_m, model.tile_n, 1.0, 1}};
  // Smaller tiles (halvings of each side, down to an eighth) as the library's heuristics pick
  // for small or skinny GEMMs; each runs slower in proportion to its operand reuse.
  for (int i = 0; model.smaller_tiles && i <= 3; ++i)
    for (int j = 0; j <= 3; ++j) {
      const std::uint64_t tm = std::max<std::uint64_t>(model.tile_m >> i, 1);
      const std::uint64_t tn = std::max<std::uint64_t>(model.tile_n >> j, 1);
      candidates.push_back({tm, tn, reuse(tm, tn) / reuse(model.tile_m, model.tile_n), 1});
    }
  // Split-K for long K and few output tiles (weight gradients: a small output, K = batch x
  // pixels), as cuBLAS's heuristics and CUTLASS's split-K kernels do.
  // Only a grid that leaves units idle is split: a full wave or more is not (cuBLAS does not
  // split an 8192^3 GEMM; its partial last wave is what the calibration measured).
  if (model.split_k) {
    const std::size_t unsplit = candidates.size();
    for (std::size_t i = 0; i < unsplit; ++i) {
      if (candidate_time(model, g, candidates[i], base_bytes).tiles >= model.units) continue;
      for (std::uint64_t split = 2; split <= kMaxSplit && g.k / split >= kMinSliceDepth;
           split *= 2) {
        Candidate c = candidates[i];
        c.split = split;
        candidates.push_back(c);
      }
    }
  }
  OpTime best;
  bool first = true;
  for (const Candidate& c : candidates) {
    const OpTime t = candidate_time(model, g, c, base_bytes);
    // Ties keep the earlier (larger, unsplit) candidate.
    if (first || std::max(t.compute_s, t.memory_s) < std::max(best.compute_s, best.memory_s)) {
      best = t;
      first = false;
    }
  }
  best.flop = kFlopsPerMac * static_cast<double>(g.macs());
  best.launch_s = model.launch_s;
  return best;
}

namespace {

// How the lowering counts a layer norm and a GELU (models/src/layers/counts.cpp,
// models/src/zoo/builder.hpp): operations per element, forward and backward alike.
constexpr std::uint64_t kLayerNormOpsPerElement = 7;
constexpr std::uint64_t kGeluOpsPerElement = 8;
constexpr double kFp32Bytes = 4;

bool kept_in_fp32(const GpuModel& model, const models::VectorShape& v) {
  if (!model.fp32_statistics || v.elements == 0) return false;
  if (v.kind == models::VectorKind::Softmax) return true;
  if (v.kind == models::VectorKind::Norm) return v.ops == kLayerNormOpsPerElement * v.elements;
  return model.fp32_gelu && v.kind == models::VectorKind::Activation &&
         v.ops == kGeluOpsPerElement * v.elements;
}

}  // namespace

OpTime vector_time(const GpuModel& model, const models::VectorShape& v) {
  OpTime t;
  const double bytes_per_element = kept_in_fp32(model, v) ? kFp32Bytes : model.bytes_per_element;
  t.bytes = static_cast<double>(v.input_elements + v.elements) * bytes_per_element;
  t.compute_s = static_cast<double>(v.ops) / model.vector_flops;
  t.memory_s = t.bytes / (model.bandwidth_bytes_per_s * model.bandwidth_fraction);
  t.launch_s = model.launch_s;
  return t;
}

OpTime op_time(const GpuModel& model, const models::TraceOp& op) {
  return op.kind == models::TraceOp::Kind::Gemm ? gemm_time(model, op.gemm)
                                                : vector_time(model, op.vector);
}

std::string describe(const GpuModel& m) {
  std::string s = fmt::format(
      "{} {}: {} units x {}x{}{} tiles, GEMM {:.0f}% of peak per unit, {:.0f}% of {:.0f} GB/s, "
      "{:g} us per op",
      m.device, peak_key(m.precision), m.units, m.tile_m, m.tile_n,
      m.tile_k > 1 ? fmt::format("x{}", m.tile_k) : std::string(), m.gemm_fraction * 100,
      m.bandwidth_fraction * 100, m.bandwidth_bytes_per_s * 1e-9, m.launch_s * 1e6);
  if (m.winograd) s += ", 3x3 stride-1 convolutions as Winograd F(2x2,3x3) where faster";
  if (m.nchw_transposes) s += ", NCHW<->NHWC transposes around each convolution";
  if (m.head_transposes) s += ", attention heads transposed in and out";
  if (m.fp32_statistics)
    s +=
        m.fp32_gelu ? ", softmax, layer norm and GELU in FP32" : ", softmax and layer norm in FP32";
  s += m.framework == Framework::None
           ? ", framework none (kernels back to back)"
           : fmt::format(", framework {} ({:g} us host per op, overlapped)", to_string(m.framework),
                         m.host_per_op_s * 1e6);
  if (!m.precision_basis.empty()) s += " [" + m.precision_basis + "]";
  if (!m.defaults.empty()) {
    s += " (defaults: ";
    for (std::size_t i = 0; i < m.defaults.size(); ++i) s += (i ? "; " : "") + m.defaults[i];
    s += ")";
  }
  return s;
}

}  // namespace headroom::sim
