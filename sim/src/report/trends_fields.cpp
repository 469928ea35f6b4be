// SPDX-License-Identifier: MIT
// The fields of `headroom trends fit --json`: one object of `fits` per era or date range.
#include "report/field_builders.hpp"

namespace headroom::sim {

const std::vector<Field<trends::Fit>>& trend_fit_fields() {
  using namespace fields;
  using F = trends::Fit;
  static const std::vector<Field<F>> all{
      text<F>("era", "era",
              "pre-deep-learning, deep-learning, large-scale (Sevilla et al. 2022) or range",
              [](const F& f) { return f.era; }),
      text<F>("scope", "scope", "which systems, in words", [](const F& f) { return f.scope; }),
      text<F>("from", "from", "start of the era or range, YYYY-MM-DD (empty: open)",
              [](const F& f) { return f.from; }),
      text<F>("to", "to", "end of the era or range, exclusive (empty: open)",
              [](const F& f) { return f.to; }),
      text<F>("first_date", "first_date", "earliest system fitted",
              [](const F& f) { return f.first_date; }),
      text<F>("last_date", "last_date", "latest system fitted",
              [](const F& f) { return f.last_date; }),
      integer<F>("n", "1", "n", "systems fitted",
                 [](const F& f) { return std::uint64_t{f.line.n}; }),
      real<F>("slope_oom_per_year", "OOM/year", "slope_oom_per_year",
              "least-squares slope of log10(training FLOP) on the date",
              [](const F& f) { return f.slope_oom_per_year(); }),
      real<F>("doubling_months", "months", "doubling_months", "12 x log10(2) / slope",
              [](const F& f) { return f.doubling(); }),
      real<F>("ci95_months_low", "months", "",
              "2.5% quantile of the bootstrap doubling times (JSON ci95_months[0])",
              [](const F& f) { return f.ci95_months.low; }),
      real<F>("ci95_months_high", "months", "",
              "97.5% quantile of the bootstrap doubling times (JSON ci95_months[1])",
              [](const F& f) { return f.ci95_months.high; }),
      real<F>("bootstrap_median_months", "months", "bootstrap_median_months",
              "median of the bootstrap doubling times",
              [](const F& f) { return f.ci95_months.median; }),
      real<F>("growth_factor", "1", "growth_factor",
              "the fitted trend's growth from the first to the last system",
              [](const F& f) { return f.growth_factor(); }),
      real<F>("r2", "1", "r2", "coefficient of determination of the fit",
              [](const F& f) { return f.line.r2; }),
  };
  return all;
}

const std::vector<Field<trends::EfficiencyRow>>& efficiency_row_fields() {
  using namespace fields;
  using R = trends::EfficiencyRow;
  static const std::vector<Field<R>> all{
      text<R>("network", "network", "zoo name", [](const R& r) { return r.network; }),
      text<R>("paper_name", "paper_name", "the architecture as Hernandez & Brown 2020 name it",
              [](const R& r) { return r.paper_name; }),
      text<R>("date", "date", "publication date used", [](const R& r) { return r.date; }),
      integer<R>("year", "1", "year", "year of that date",
                 [](const R& r) { return static_cast<std::uint64_t>(r.year); }),
      real<R>("epochs", "1", "epochs",
              "epochs to AlexNet-level accuracy (an input, with its source)",
              [](const R& r) { return r.epochs; }),
      real<R>("forward_macs_per_image", "1", "forward_macs_per_image",
              "the zoo's forward multiply-accumulates per image",
              [](const R& r) { return r.forward_macs; }),
      real<R>("training_flop", "FLOP", "training_flop",
              "forward MACs x 2 x 3 (forward + backward) x images per epoch x epochs",
              [](const R& r) { return r.training_flop; }),
      real<R>("reduction_vs_alexnet", "1", "reduction_vs_alexnet",
              "AlexNet's training FLOP / this network's",
              [](const R& r) { return r.reduction_vs_alexnet; }),
      boolean<R>("frontier", "frontier", "the least compute to AlexNet level so far, by date",
                 [](const R& r) { return r.frontier; }),
  };
  return all;
}

}  // namespace headroom::sim
