// SPDX-License-Identifier: MIT
// A sweep's feasible points on two objectives, the Pareto front highlighted and joined, GPUs as
// labelled markers. The caller says which points are on the front (`headroom pareto`'s answer),
// so the picture and the command can never disagree.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "plot/pictures.hpp"

namespace headroom::sim::plot {

namespace {

// Log scale when the values are positive and span more than a decade.
bool spans_decades(const std::vector<double>& v) {
  if (v.empty()) return false;
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  return *lo > 0 && *hi / *lo > 10;
}

}  // namespace

Figure pareto(const std::vector<ParetoPoint>& points, const ParetoAxes& axes,
              const std::string& caption_text) {
  std::vector<double> xs, ys;
  for (const auto& p : points) xs.push_back(p.x), ys.push_back(p.y);
  const bool colour = !axes.color.empty();
  std::string s = "$points << EOD\n";
  for (const auto& p : points)
    if (!p.gpu) s += fmt::format("{:.9g} {:.9g} {:.9g}\n", p.x, p.y, p.color.value_or(0));
  s += "EOD\n$front << EOD\n";
  std::vector<ParetoPoint> front;
  for (const auto& p : points)
    if (p.on_front) front.push_back(p);  // a device on the front is part of it
  std::sort(front.begin(), front.end(), [](const auto& a, const auto& b) { return a.x < b.x; });
  for (const auto& p : front) s += fmt::format("{:.9g} {:.9g}\n", p.x, p.y);
  s += "EOD\n$gpus << EOD\n";
  for (const auto& p : points)
    if (p.gpu) s += fmt::format("{:.9g} {:.9g} {}\n", p.x, p.y, quote(p.label));
  s += "EOD\n";
  s += fmt::format("set title {}\n", quote(fmt::format("Sweep: {} against {}, Pareto front "
                                                       "highlighted",
                                                       axes.y, axes.x)));
  s += fmt::format("set xlabel {}\nset ylabel {}\n", quote(axes.x), quote(axes.y));
  if (spans_decades(xs)) s += "set logscale x 10\n";
  if (spans_decades(ys)) s += "set logscale y 10\n";
  s += "set format x \"%g\"\nset format y \"%g\"\nset grid lc rgb \"#dddddd\"\n";
  s += "set key outside right top\nset offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05\n";
  if (colour)
    s += fmt::format(
        "set palette defined (0 \"#440154\", 1 \"#3b528b\", 2 \"#21918c\", 3 \"#5ec962\", 4 "
        "\"#fde725\")\nset cblabel {}\n",
        quote(axes.color));
  s += caption(caption_text);
  s += fmt::format(
      "plot $points using 1:2{} with points pt 7 ps 0.6 {} title \"feasible points\", \\\n"
      "     $front using 1:2 with linespoints pt 6 ps 1.6 lw 2 lc rgb \"#d55e00\" title "
      "\"Pareto front\", \\\n"
      "     $gpus using 1:2 with points pt 5 ps 1.2 lc rgb \"#000000\" title \"reference "
      "devices\", \\\n"
      "     $gpus using 1:2:3 with labels offset 1, 1 left notitle\n",
      colour ? ":3" : "", colour ? "lc palette" : "lc rgb \"#999999\"");
  return {"pareto", s, 1000, 640};
}

}  // namespace headroom::sim::plot
