// SPDX-License-Identifier: MIT
#include "headroom/sim/gpu_model.hpp"

#include <fmt/format.h>

#include <algorithm>

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

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

[[noreturn]] void missing(const DeviceSpec& d, const std::string& key, const std::string& what) {
  throw InputError(input_error_message(d.file, 0, key, what + " for " + d.name, "none"));
}

}  // namespace

double OpTime::total_s() const { return launch_s + std::max(compute_s, memory_s); }

GpuModel make_gpu_model(const DeviceSpec& device, Precision precision) {
  // Device files name precisions by their datasheet key (both FP8 formats are `fp8`).
  const std::string key = peak_key(precision);
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
  m.bytes_per_element = bytes_per_element(precision);
  m.units = *device.sm_count;
  m.tile_m = c.tile_m.value_or(kDefaultTile);
  m.tile_n = c.tile_n.value_or(kDefaultTile);
  m.tile_k = c.tile_k.value_or(tpu ? kDefaultTile : 1);
  if (!c.tile_m || !c.tile_n) m.defaults.push_back("tile 128x128");
  // A TPU's matrix unit has one shape; a GPU library picks among many tile sizes.
  m.smaller_tiles = !tpu;

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
  return m;
}

namespace {

// Compute time of `g` in tiles of tm x tn that run at `rate` of the calibrated tile's speed.
void tile_time(const GpuModel& model, const models::GemmShape& g, std::uint64_t tm,
               std::uint64_t tn, double rate, OpTime& t) {
  const std::uint64_t m_tiles = ceil_div(g.m, tm);
  const std::uint64_t n_tiles = ceil_div(g.n, tn);
  // Repetitions narrower than a tile share one (how batched and depthwise kernels block over
  // channels): up to tn / N of them side by side along N.
  const std::uint64_t per_tile =
      n_tiles == 1
          ? std::max<std::uint64_t>(1, std::min(g.count, tn / std::max<std::uint64_t>(g.n, 1)))
          : 1;
  const std::uint64_t tiles = m_tiles * n_tiles * ceil_div(g.count, per_tile);
  const std::uint64_t waves = ceil_div(tiles, model.units);
  const double k_padded = static_cast<double>(ceil_div(g.k, model.tile_k) * model.tile_k);
  const double tile_flop = kFlopsPerMac * static_cast<double>(tm * tn) * k_padded;
  const double unit_flops =
      model.peak_flops * model.gemm_fraction * rate / static_cast<double>(model.units);
  const double s = static_cast<double>(waves) * tile_flop / unit_flops;
  if (t.tiles == 0 || s < t.compute_s) {
    t.compute_s = s;
    t.tiles = tiles;
    t.waves = waves;
    t.tile_m = tm;
    t.tile_n = tn;
  }
}

// Operand reuse of a tm x tn tile: FLOPs per element loaded, up to a constant.
double reuse(std::uint64_t tm, std::uint64_t tn) {
  return static_cast<double>(tm * tn) / static_cast<double>(tm + tn);
}

}  // namespace

OpTime gemm_time(const GpuModel& model, const models::GemmShape& g) {
  OpTime t;
  tile_time(model, g, model.tile_m, model.tile_n, 1.0, t);
  // Smaller tiles (halvings of each side, down to an eighth) as the library's heuristics pick
  // for small or skinny GEMMs; each runs slower in proportion to its operand reuse.
  for (int i = 0; model.smaller_tiles && i <= 3; ++i)
    for (int j = 0; j <= 3; ++j) {
      const std::uint64_t tm = std::max<std::uint64_t>(model.tile_m >> i, 1);
      const std::uint64_t tn = std::max<std::uint64_t>(model.tile_n >> j, 1);
      tile_time(model, g, tm, tn, reuse(tm, tn) / reuse(model.tile_m, model.tile_n), t);
    }
  t.flop = kFlopsPerMac * static_cast<double>(g.macs());
  t.bytes = static_cast<double>((g.a_elements() + g.b_elements() + g.c_elements()) * g.count) *
            model.bytes_per_element;
  t.memory_s = t.bytes / (model.bandwidth_bytes_per_s * model.bandwidth_fraction);
  t.launch_s = model.launch_s;
  return t;
}

OpTime vector_time(const GpuModel& model, const models::VectorShape& v) {
  OpTime t;
  t.bytes = static_cast<double>(v.input_elements + v.elements) * model.bytes_per_element;
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
  if (!m.defaults.empty()) {
    s += " (defaults: ";
    for (std::size_t i = 0; i < m.defaults.size(); ++i) s += (i ? "; " : "") + m.defaults[i];
    s += ")";
  }
  return s;
}

}  // namespace headroom::sim
