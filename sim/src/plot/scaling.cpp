// SPDX-License-Identifier: MIT
// Data-parallel scaling of a training run: time-to-train and parallel efficiency against chips.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "plot/pictures.hpp"

namespace headroom::sim::plot {

Figure scaling(const std::vector<ScalingSeries>& series, const std::string& run_name,
               const std::string& caption_text) {
  const auto& sf = scaling_fields();
  double longest_s = 0;
  for (const auto& one : series)
    for (const auto& p : one.points)
      longest_s = std::max(longest_s, number(sf, "time_to_train_s", p).value_or(0));
  // The unit that keeps the numbers readable: days for real runs, hours or seconds for small ones.
  const auto [unit, seconds_per_unit] = longest_s >= 2 * 86400  ? std::pair{"days", 86400.0}
                                        : longest_s >= 2 * 3600 ? std::pair{"hours", 3600.0}
                                                                : std::pair{"seconds", 1.0};
  std::string s;
  for (std::size_t i = 0; i < series.size(); ++i) {
    s += fmt::format("$s{} << EOD\n", i);
    for (const auto& p : series[i].points)
      s += fmt::format("{:.9g} {:.9g} {:.9g}\n", number(sf, "chips", p).value_or(0),
                       number(sf, "time_to_train_s", p).value_or(0) / seconds_per_unit,
                       100 * number(sf, "efficiency", p).value_or(0));
    s += "EOD\n";
  }
  s += "set multiplot layout 1, 2 title " +
       quote(fmt::format("Training {}: data-parallel scaling", run_name)) + "\n";
  s += caption(caption_text);
  s += "set logscale x 2\nset format x \"%g\"\nset xlabel \"chips\"\n";
  s += "set grid xtics ytics lc rgb \"#dddddd\"\nset key top right\n";
  const auto plot = [&](int column, const char* extra) {
    std::string p = "plot ";
    for (std::size_t i = 0; i < series.size(); ++i)
      p += fmt::format("{}$s{} using 1:{} with linespoints lw 2 pt 7 {}title {}",
                       i ? ", \\\n     " : "", i, column, i ? "dt 2 " : "", quote(series[i].name)) +
           extra;
    return p + "\n";
  };
  s += "set title \"time to train\"\nset logscale y 10\nset format y \"%g\"\n";
  s += fmt::format("set ylabel \"time to train ({})\"\n", unit) + plot(2, "");
  s += "set title \"parallel efficiency\"\nunset logscale y\n";
  // Not capped at 100 %: a split can be superlinear (a smaller per-chip batch fits better).
  s += "set yrange [0:*]\nset key bottom left\n";
  s += "set ylabel \"efficiency (%)\"\n" + plot(3, "");
  s += "unset multiplot\n";
  return {"scaling", s, 1200, 620};
}

}  // namespace headroom::sim::plot
