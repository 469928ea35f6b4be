// SPDX-License-Identifier: MIT
// Per-layer latency, stacked: compute, stalled on memory, and the exposed write-back the last op
// adds, so each bar is the op's share of the run's latency; GEMM utilization on the right axis.
#include <fmt/format.h>

#include <algorithm>

#include "headroom/models/trace.hpp"
#include "plot/pictures.hpp"

namespace headroom::sim::plot {

Figure layers(const Result& r) {
  const auto& lf = layer_fields();
  const std::size_t n = r.stats.ops.size();
  double longest = 0;
  for (std::size_t i = 0; i < n; ++i)
    longest = std::max(longest, number(lf, "latency_s", OpRecord{r, i}).value_or(0));
  const bool ms = longest >= 1e-3;
  const double scale = ms ? 1e3 : 1e6;
  const double seconds_per_cycle = 1.0 / r.clock.value();
  // Label every k-th layer so the names stay readable on long networks.
  const std::size_t every = std::max<std::size_t>(1, (n + 79) / 80);

  std::string s = "$ops << EOD\n";
  std::size_t gemms = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const OpRecord op{r, i};
    const double compute = number(lf, "compute_cycles", op).value_or(0);
    const double stall = number(lf, "stall_cycles", op).value_or(0);
    const double total = number(lf, "total_cycles", op).value_or(0);
    const double rest = std::max(0.0, total - compute - stall);
    const bool gemm = r.stats.ops[i].kind == models::TraceOp::Kind::Gemm;
    gemms += gemm;
    std::string name = r.stats.ops[i].layer;
    std::replace(name.begin(), name.end(), '"', '\'');
    s += fmt::format("{} \"{}\" {:.9g} {:.9g} {:.9g} {}\n", i, i % every == 0 ? name : "",
                     compute * seconds_per_cycle * scale, stall * seconds_per_cycle * scale,
                     rest * seconds_per_cycle * scale,
                     gemm ? fmt::format("{:.6g}", 100 * number(lf, "utilization", op).value_or(0))
                          : std::string("NaN"));
  }
  s += "EOD\n";
  s += fmt::format(
      "set title {}\n",
      quote(fmt::format("Per-layer latency and utilization: {} on {}", r.config_name, r.network)));
  s += fmt::format("set ylabel \"latency ({})\"\nset y2label \"GEMM utilization (%)\"\n",
                   ms ? "ms" : "us");
  s += "set xlabel \"layer (trace order)\"\n";
  s += "set y2range [0:105]\nset yrange [0:*]\nset ytics nomirror\nset y2tics 0, 20, 100\n";
  s += "set xtics rotate by 90 right font \",8\" nomirror\nset xrange [-1:" + std::to_string(n) +
       "]\n";
  s += "set style fill solid 0.85 noborder\nset boxwidth 0.8\n";
  s += "set key outside top center horizontal\nset grid ytics lc rgb \"#dddddd\"\n";
  s += caption(describe_run(r) +
               fmt::format("; {} ops, {} GEMMs; latency {:.4g} ms", n, gemms, r.latency_s() * 1e3));
  s += "set bmargin 14\n";
  // Stacked with boxes: each series' box spans from the sum below it to its own top.
  s += "plot $ops using 1:($3+$4+$5):xtic(2) with boxes lc rgb \"#999999\" title "
       "\"exposed write-back\", \\\n"
       "     $ops using 1:($3+$4) with boxes lc rgb \"#e69f00\" title \"stalled on memory\", \\\n"
       "     $ops using 1:3 with boxes lc rgb \"#0072b2\" title \"compute\", \\\n"
       "     $ops using 1:6 axes x1y2 with points pt 7 ps 0.6 lc rgb \"#d55e00\" title "
       "\"GEMM utilization\"\n";
  const int width = static_cast<int>(std::clamp<std::size_t>(12 * n + 250, 960, 2400));
  return {"layers", s, width, 680};
}

}  // namespace headroom::sim::plot
