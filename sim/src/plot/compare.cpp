// SPDX-License-Identifier: MIT
// `headroom compare` as two bar charts: throughput and GFLOPS/W, log scales (they span decades).
#include <fmt/format.h>

#include <algorithm>

#include "plot/pictures.hpp"

namespace headroom::sim::plot {

Figure compare(const std::vector<CompareRow>& rows, const std::string& network,
               std::uint64_t batch) {
  const auto& cf = compare_fields();
  std::string s = "$rows << EOD\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const CompareRow& r = rows[i];
    const auto fpw = [&](std::string_view f) {
      const auto v = number(cf, f, r);
      return v ? fmt::format("{:.9g}", *v * 1e-9) : std::string("NaN");
    };
    s += fmt::format("{} {} {:.9g} {} {} {} {}\n", i, quote(r.name + "\n" + r.precision),
                     number(cf, "throughput_per_s", r).value_or(0), fpw("flops_per_w"),
                     fpw("datapath_only_flops_per_w"), fpw("with_sram_flops_per_w"),
                     r.kind == "gpu" ? "0xe69f00" : "0x0072b2");
  }
  s += "EOD\n";
  s += "set multiplot layout 1, 2 title " +
       quote(fmt::format("{} at batch {}, inference: accelerators (blue) and GPUs (orange)",
                         network, batch)) +
       "\n";
  s += "set logscale y 10\nset format y \"%g\"\nset style fill solid 0.9\nset boxwidth 0.6\n";
  s += fmt::format("set xrange [-0.7:{}]\nset xtics rotate by 30 right font \",10\"\n",
                   double(rows.size()) - 0.3);
  s += "set grid ytics lc rgb \"#dddddd\"\nset key top left\n";
  s += caption(
      "1 MAC = 2 FLOPs; accelerator energy: technology model incl. SRAM, DRAM and leakage; GPU "
      "energy = TDP x time (an upper bound)");
  s += "set title \"throughput\"\nset ylabel \"inferences per second\"\n";
  s += "plot $rows using 1:3:7:xtic(2) with boxes lc rgb variable notitle\n";
  s += "set title \"energy efficiency\"\nset ylabel \"GFLOPS/W (GFLOP per J)\"\n";
  s += "plot $rows using 1:4:7:xtic(2) with boxes lc rgb variable notitle, \\\n"
       "     $rows using ($1-0.3):5:(0.6):(0) with vectors nohead lw 3 dt 2 lc rgb \"#000000\" "
       "title \"datapath-only bound\", \\\n"
       "     $rows using ($1-0.3):6:(0.6):(0) with vectors nohead lw 2 dt 3 lc rgb \"#cc0000\" "
       "title \"+SRAM bound\"\n";
  s += "unset multiplot\n";
  return {"compare", s, 1200, 620};
}

}  // namespace headroom::sim::plot
