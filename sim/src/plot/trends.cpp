// SPDX-License-Identifier: MIT
// `headroom trends fit --plot`: compute against date, one colour per fitted era.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <set>

#include "plot/pictures.hpp"

namespace headroom::sim::plot {

namespace {

constexpr const char* kColours[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00"};

}  // namespace

Figure trends(const trends::Table& table, const std::vector<trends::Fit>& fits,
              const std::vector<trends::Subset>& subsets, const std::string& caption_text) {
  const auto& ff = trend_fit_fields();
  std::string s;
  std::set<const trends::System*> fitted;
  for (std::size_t i = 0; i < fits.size(); ++i) {
    const auto systems = trends::select(table, subsets[i]);
    s += fmt::format("$era{} << EOD\n", i);
    double mean_x = 0;
    for (const auto* p : systems) {
      s += fmt::format("{:.9g} {:.9g}\n", p->year, p->flop);
      mean_x += p->year / static_cast<double>(systems.size());
      fitted.insert(p);
    }
    s += "EOD\n";
    // The fitted line passes through the centroid; the band pivots there.
    const auto& f = fits[i];
    const double slope = number(ff, "slope_oom_per_year", f).value_or(0);
    const double mean_y = f.line.intercept + slope * mean_x;
    const double doubling_to_slope = 12 * std::log10(2.0);
    const double s_a = doubling_to_slope / number(ff, "ci95_months_low", f).value_or(1);
    const double s_b = doubling_to_slope / number(ff, "ci95_months_high", f).value_or(1);
    s += fmt::format("$fit{} << EOD\n", i);
    constexpr int kSteps = 40;
    for (int k = 0; k <= kSteps; ++k) {
      const double x = f.first_year + (f.last_year - f.first_year) * k / kSteps;
      const double a = mean_y + s_a * (x - mean_x);
      const double b = mean_y + s_b * (x - mean_x);
      s += fmt::format("{:.9g} {:.9g} {:.9g} {:.9g}\n", x,
                       std::pow(10.0, mean_y + slope * (x - mean_x)),
                       std::pow(10.0, std::min(a, b)), std::pow(10.0, std::max(a, b)));
    }
    s += "EOD\n";
  }
  s += "$other << EOD\n";
  for (const auto& p : table.systems)
    if (!fitted.count(&p)) s += fmt::format("{:.9g} {:.9g}\n", p.year, p.flop);
  s += "EOD\n";
  s += fmt::format("set title {}\n",
                   quote("Training compute against publication date: " + table.source));
  s += "set xlabel \"publication date (year)\"\nset ylabel \"training compute (FLOP)\"\n";
  s += "set logscale y 10\nset format y \"1e%L\"\nset format x \"%.0f\"\n";
  s += "set grid lc rgb \"#dddddd\"\nset key outside right top\nset style fill transparent "
       "solid 0.2 noborder\n";
  s += caption(caption_text);
  std::string plot =
      "plot $other using 1:2 with points pt 7 ps 0.5 lc rgb \"#aaaaaa\" title "
      "\"not fitted\"";
  for (std::size_t i = 0; i < fits.size(); ++i) {
    const char* c = kColours[i % std::size(kColours)];
    const auto& f = fits[i];
    plot += fmt::format(
        ", \\\n     $fit{0} using 1:3:4 with filledcurves lc rgb \"{1}\" notitle"
        ", \\\n     $era{0} using 1:2 with points pt 7 ps 0.7 lc rgb \"{1}\" title {2}"
        ", \\\n     $fit{0} using 1:2 with lines lw 2 lc rgb \"{1}\" title {3}",
        i, c, quote(fmt::format("{} (n = {})", f.era, f.line.n)),
        quote(fmt::format("{:.1f} months [{:.1f}, {:.1f}]", f.doubling(), f.ci95_months.low,
                          f.ci95_months.high)));
  }
  s += plot + "\n";
  return {"trends", s, 1100, 640};
}

}  // namespace headroom::sim::plot
