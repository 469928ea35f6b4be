// SPDX-License-Identifier: MIT
// The roofline (Williams, Waterman and Patterson, CACM 2009): attainable FLOP/s = min(peak,
// bandwidth x FLOP per byte). Layers sit at their simulated DRAM traffic and achieved rate.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "headroom/models/trace.hpp"
#include "plot/pictures.hpp"

namespace headroom::sim::plot {

namespace {

// Three points of a roof over [x0, x1]: the slope, the ridge (if inside), the flat top.
std::string roof_block(const std::string& name, double peak, double bandwidth, double x0,
                       double x1) {
  std::string b = "$" + name + " << EOD\n";
  const auto y = [&](double x) { return std::min(peak, bandwidth * x) * 1e-12; };
  const double ridge = peak / bandwidth;
  b += fmt::format("{:.9g} {:.9g}\n", x0, y(x0));
  if (ridge > x0 && ridge < x1) b += fmt::format("{:.9g} {:.9g}\n", ridge, peak * 1e-12);
  b += fmt::format("{:.9g} {:.9g}\nEOD\n", x1, y(x1));
  return b;
}

double decade_below(double v) { return std::pow(10.0, std::floor(std::log10(v))); }
double decade_above(double v) { return std::pow(10.0, std::ceil(std::log10(v))); }

}  // namespace

Figure roofline(const Result& r, const accel::AcceleratorConfig& config,
                const std::vector<DeviceSpec>& gpus) {
  const double peak = r.peak_tflops() * 1e12;
  const bool ideal_dram = config.dram.free() || config.dram.bandwidth.value() <= 0;
  const double dram_bw = config.dram.bandwidth.value();
  // The buffers are modelled as wide as the array needs: one operand per edge PE per cycle.
  const double sram_bw = double(config.array.rows + config.array.cols) * config.array.count *
                         (accel::bits_per_element(r.precision) / 8.0) * r.clock.value();

  struct Point {
    double intensity, flops;
  };
  std::vector<Point> points;
  std::size_t on_chip = 0;  // GEMMs that moved no DRAM bytes (intensity unbounded)
  const auto& lf = layer_fields();
  for (std::size_t i = 0; i < r.stats.ops.size(); ++i) {
    const OpRecord op{r, i};
    if (r.stats.ops[i].kind != models::TraceOp::Kind::Gemm) continue;
    const double flop = 2 * number(lf, "macs", op).value_or(0);
    const double bytes = number(lf, "dram_read_bytes", op).value_or(0) +
                         number(lf, "dram_write_bytes", op).value_or(0);
    const double seconds = number(lf, "latency_s", op).value_or(0);
    if (bytes <= 0) ++on_chip;
    points.push_back({bytes > 0 ? flop / bytes : -1, seconds > 0 ? flop / seconds : 0});
  }

  double lo = ideal_dram ? 1 : peak / dram_bw, hi = lo;
  for (const auto& p : points)
    if (p.intensity > 0) lo = std::min(lo, p.intensity), hi = std::max(hi, p.intensity);
  for (const auto& g : gpus)
    if (const auto pk = g.peak_for(gpu_precision(g, r.precision)); pk && g.bandwidth_gb_s)
      lo = std::min(lo, *pk * 1e12 / (*g.bandwidth_gb_s * 1e9)),
      hi = std::max(hi, *pk * 1e12 / (*g.bandwidth_gb_s * 1e9));
  const double x0 = decade_below(lo) / 10, x1 = decade_above(hi) * 10;

  std::string s;
  s += "$layers << EOD\n";
  for (const auto& p : points)
    s += fmt::format("{:.9g} {:.9g}\n", p.intensity > 0 ? p.intensity : x1, p.flops * 1e-12);
  s += "EOD\n";
  if (!ideal_dram) s += roof_block("roof", peak, dram_bw, x0, x1);
  s += roof_block("sram", peak, sram_bw, x0, x1);
  std::vector<std::string> gpu_plots;
  for (std::size_t g = 0; g < gpus.size(); ++g) {
    const Precision prec = gpu_precision(gpus[g], r.precision);
    const auto pk = gpus[g].peak_for(prec);
    if (!pk || !gpus[g].bandwidth_gb_s) continue;
    const std::string name = fmt::format("gpu{}", g);
    s += roof_block(name, *pk * 1e12, *gpus[g].bandwidth_gb_s * 1e9, x0, x1);
    gpu_plots.push_back(fmt::format("${} with lines dt 2 lw 2 title {}", name,
                                    quote(fmt::format("{} roofline ({}, {:.0f} GB/s)", gpus[g].name,
                                                      to_string(prec), *gpus[g].bandwidth_gb_s))));
  }

  s += fmt::format("set title {}\n", quote(fmt::format("Roofline: {} on {} ({})", r.config_name,
                                                       r.network, accel::to_string(r.precision))));
  s += "set logscale xy 10\nset format x \"%g\"\nset format y \"%g\"\n";
  s += fmt::format("set xrange [{:.9g}:{:.9g}]\n", x0, x1);
  s += "set xlabel \"arithmetic intensity (FLOP per DRAM byte)\"\n";
  s += "set ylabel \"throughput (TFLOP/s)\"\n";
  s += "set key outside right top box\nset grid xtics ytics mxtics mytics lc rgb \"#dddddd\"\n";
  if (!ideal_dram)
    s += fmt::format(
        "set label 1 {} at {:.9g}, {:.9g} left offset 1, -1 textcolor rgb \"#0072b2\"\n",
        quote(fmt::format(
            fmt::runtime(peak / dram_bw >= 100 ? "ridge {:.0f} FLOP/B" : "ridge {:.3g} FLOP/B"),
            peak / dram_bw)),
        peak / dram_bw, peak * 1e-12);
  std::string cap =
      describe_run(r) + fmt::format("; peak {:.3g} TFLOP/s, DRAM {}", peak * 1e-12,
                                    ideal_dram ? std::string("ideal (no roof)")
                                               : fmt::format("{:.3g} GB/s", dram_bw * 1e-9));
  std::size_t above = 0;
  for (const auto& p : points)
    above += !ideal_dram && p.intensity > 0 && p.flops > 1.05 * dram_bw * p.intensity;
  if (above)
    cap += fmt::format(
        "\n{} layers above the DRAM roof: their DRAM transfers overlapped earlier layers (the DMA "
        "engine prefetches ahead)",
        above);
  if (on_chip)
    cap += fmt::format("; {} layers moved no DRAM bytes: drawn at the right edge", on_chip);
  s += caption(cap);
  std::vector<std::string> plots;
  if (!ideal_dram)
    plots.push_back(fmt::format("$roof with lines lw 3 lc rgb \"#0072b2\" title {}",
                                quote(r.config_name + " roofline (DRAM)")));
  plots.push_back(
      fmt::format("$sram with lines lw 2 lc rgb \"#56b4e9\" title {}",
                  quote(fmt::format("SRAM ceiling ({:.3g} GB/s edge feed)", sram_bw * 1e-9))));
  for (auto& g : gpu_plots) plots.push_back(std::move(g));
  plots.push_back(fmt::format("$layers with points pt 7 ps 0.8 lc rgb \"#d55e00\" title {}",
                              quote(fmt::format("GEMM layers ({})", points.size()))));
  s += "plot ";
  for (std::size_t i = 0; i < plots.size(); ++i) s += (i ? ", \\\n     " : "") + plots[i];
  s += "\n";
  return {"roofline", s, 1100, 640};
}

}  // namespace headroom::sim::plot
