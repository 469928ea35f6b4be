// SPDX-License-Identifier: MIT
// Energy per inference stacked by component, one bar per config: where the headroom goes. The
// two bounds are the energy the same FLOPs would take at the datapath-only and +SRAM GFLOPS/W.
#include <fmt/format.h>

#include <algorithm>

#include "headroom/models/error.hpp"
#include "plot/pictures.hpp"

namespace headroom::sim::plot {

namespace {

// One distinct colour per declared component (Okabe-Ito, then Tol's muted), so no two share one.
std::string colour(std::string_view component) {
  static const std::pair<std::string_view, std::string_view> kColours[] = {
      {"mac", "#0072b2"},          {"pe_registers", "#56b4e9"},       {"vector", "#009e73"},
      {"sram_ifmap", "#f0e442"},   {"sram_filter", "#e69f00"},        {"sram_ofmap", "#d55e00"},
      {"sram_unified", "#cc79a7"}, {"sram_dram_transfer", "#999933"}, {"dram", "#882255"},
      {"static", "#bbbbbb"}};
  for (const auto& [name, rgb] : kColours)
    if (name == component) return std::string(rgb);
  return "#444444";
}

}  // namespace

Figure energy(const std::vector<Result>& results) {
  const auto& rf = run_fields();
  // The declared components some run has, in report order.
  std::vector<std::string> components;
  for (const auto c : energy_component_names()) {
    const std::string field = fmt::format("energy_{}_j", c);
    for (const Result& r : results)
      if (number(rf, field, r).value_or(0) > 0) {
        components.emplace_back(c);
        break;
      }
  }
  double largest = 0;
  for (const Result& r : results) {
    if (!r.energy)
      throw InputError(fmt::format(
          "{}: no energy to plot ({})", r.config_file,
          r.tech_missing_reason.empty() ? "no technology model" : r.tech_missing_reason));
    largest = std::max(largest, number(rf, "energy_j", r).value_or(0) / double(r.batch));
  }
  const bool mj = largest >= 1e-3;
  const double scale = mj ? 1e3 : 1e6;
  const char* unit = mj ? "mJ" : "uJ";

  std::string s = "$energy << EOD\n";
  std::string bounds = "$bounds << EOD\n";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    const double per = scale / double(r.batch);
    s += quote(r.config_name + "\n" + accel::to_string(r.precision));
    for (const auto& c : components)
      s += fmt::format(" {:.9g}", number(rf, fmt::format("energy_{}_j", c), r).value_or(0) * per);
    s += "\n";
    const double flop = number(rf, "flops", r).value_or(0);
    const double total = number(rf, "energy_j", r).value_or(0) * per;
    bounds += fmt::format("{} {:.9g} {:.9g} {:.9g} {}\n", i, total,
                          flop / number(rf, "datapath_only_flops_per_w", r).value_or(1) * per,
                          flop / number(rf, "with_sram_flops_per_w", r).value_or(1) * per,
                          quote(fmt::format("{:.4g} {}, {:.1f} GFLOPS/W", total, unit,
                                            number(rf, "flops_per_w", r).value_or(0) * 1e-9)));
  }
  s += "EOD\n" + bounds + "EOD\n";
  const Result& first = results.front();
  s += fmt::format("set title {}\n",
                   quote(fmt::format("Energy per inference by component: {}, batch {}",
                                     first.network, first.batch)));
  s += fmt::format("set ylabel \"energy per inference ({})\"\nset yrange [0:*]\n", unit);
  s += "set format y \"%g\"\n";
  s += "set style data histogram\nset style histogram rowstacked\n";
  s += "set style fill solid 0.9 border rgb \"#ffffff\"\nset boxwidth 0.6\n";
  s += "set key outside right top\nset grid ytics lc rgb \"#dddddd\"\nset offsets 0.5, 0.5, 0, 0\n";
  std::string configs;
  for (const Result& r : results) configs += (configs.empty() ? "" : "\n") + describe_run(r);
  s += caption(configs + "\n" + energy_scope() +
               "\nbounds: the same FLOPs at the datapath-only GFLOPS/W (MACs alone at full "
               "utilization)\nand at +SRAM (MACs, registers, SRAM; no DRAM, no leakage)");
  s += "plot ";
  for (std::size_t c = 0; c < components.size(); ++c)
    s += fmt::format("{}$energy using {}{} lc rgb {} title {}", c ? ", \\\n     " : "", c + 2,
                     c ? "" : ":xtic(1)", quote(colour(components[c])), quote(components[c]));
  s += ", \\\n     $bounds using ($1-0.4):3:(0.8):(0) with vectors nohead lw 3 dt 2 lc rgb "
       "\"#000000\" title \"datapath-only bound\"";
  s += ", \\\n     $bounds using ($1-0.4):4:(0.8):(0) with vectors nohead lw 2 dt 3 lc rgb "
       "\"#cc0000\" title \"+SRAM bound\"";
  s += ", \\\n     $bounds using 1:2:5 with labels offset 0, 1 notitle\n";
  const int width =
      static_cast<int>(std::clamp<std::size_t>(220 * results.size() + 500, 960, 2000));
  return {"energy", s, width, 640};
}

}  // namespace headroom::sim::plot
