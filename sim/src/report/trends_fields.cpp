// SPDX-License-Identifier: MIT
// The fields of `headroom trends fit --json` (one object of `fits` per era or date range),
// `trends efficiency --json` and `trends project --json`.
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

const std::vector<Field<TrendProjection>>& trend_projection_fields() {
  using namespace fields;
  using P = TrendProjection;
  static const std::vector<Field<P>> all{
      integer<P>("year", "1", "year", "the year projected to (its middle)",
                 [](const P& p) { return static_cast<std::uint64_t>(p.year); }),
      text<P>("era", "era", "the fitted era the trend comes from",
              [](const P& p) { return p.era; }),
      text<P>("data", "data", "the trend table's source", [](const P& p) { return p.data; }),
      text<P>("anchor_date", "anchor_date", "the era's last system: today's frontier run",
              [](const P& p) { return p.anchor_date; }),
      real<P>("anchor_flop", "FLOP", "anchor_flop", "the fitted trend's value at anchor_date",
              [](const P& p) { return p.anchor_flop; }),
      real<P>("fit_doubling_months", "months", "fit_doubling_months",
              "the era's fitted doubling time", [](const P& p) { return p.fit_doubling_months; }),
      real<P>("doubling_months", "months", "doubling_months",
              "the doubling time projected with (the fit's, or --doubling)",
              [](const P& p) { return p.doubling_months; }),
      real<P>("projected_flop", "FLOP", "projected_flop",
              "anchor_flop x 2^(months to mid-year / doubling_months)",
              [](const P& p) { return p.projected_flop; }),
      real<P>("projected_flop_band_low", "FLOP", "",
              "the projection at the fit's 97.5% bootstrap doubling time (JSON "
              "projected_flop_band[0]; projected_flop with --doubling)",
              [](const P& p) { return p.band_low; }),
      real<P>("projected_flop_band_high", "FLOP", "",
              "the projection at the fit's 2.5% bootstrap doubling time (JSON "
              "projected_flop_band[1]; projected_flop with --doubling)",
              [](const P& p) { return p.band_high; }),
      null_when_missing(real<P>("algorithmic_halving_months", "months",
                                "algorithmic_halving_months",
                                "--algorithmic-halving (null without it)",
                                [](const P& p) { return maybe(p.algorithmic_halving_months); })),
      real<P>("executed_flop", "FLOP", "executed_flop",
              "projected_flop / 2^(months / algorithmic_halving_months), or projected_flop",
              [](const P& p) { return p.executed_flop; }),
      real<P>("flops_per_w_improvement_to_keep_energy", "1",
              "flops_per_w_improvement_to_keep_energy",
              "executed_flop / anchor_flop: the FLOPS/W gain that keeps the run's energy at "
              "today's frontier run's",
              [](const P& p) { return p.flops_per_w_improvement; }),
      text<P>("run.file", "run.file", "the run file whose training step was simulated",
              [](const P& p) { return p.run_file; }),
      text<P>("run.name", "run.name", "its name", [](const P& p) { return p.run_name; }),
  };
  return all;
}

const std::vector<Field<ProjectedRun>>& projected_run_fields() {
  using namespace fields;
  using R = ProjectedRun;
  static const std::vector<Field<R>> all{
      text<R>("name", "name", "the chip or device", [](const R& r) { return r.name; }),
      integer<R>("chips", "1", "chips", "chips of this kind",
                 [](const R& r) { return std::uint64_t{r.chips}; }),
      real<R>("joules_per_flop", "J/FLOP", "joules_per_flop",
              "the simulated step's energy per executed FLOP",
              [](const R& r) { return r.joules_per_flop; }),
      real<R>("totals.time_to_train_s", "s", "totals.time_to_train_s",
              "executed_flop / sustained_flops", [](const R& r) { return r.time_to_train_s; }),
      real<R>("totals.sustained_flops", "FLOP/s", "totals.sustained_flops",
              "all chips, from the simulated training step",
              [](const R& r) { return r.sustained_flops; }),
      real<R>("totals.utilization", "1", "totals.utilization", "of the chips' peak, in that step",
              [](const R& r) { return r.utilization; }),
      real<R>("totals.energy_j", "J", "totals.energy_j",
              "executed_flop x joules_per_flop (the chips')",
              [](const R& r) { return r.energy_j; }),
      real<R>("cost.facility_energy_kwh", "kWh", "cost.facility_energy_kwh", "energy_j x PUE",
              [](const R& r) { return r.cost.facility_energy_kwh; }),
      real<R>("cost.energy_cost_usd", "USD", "cost.energy_cost_usd", "facility energy x price",
              [](const R& r) { return r.cost.energy_cost; }),
      real<R>("cost.hardware_cost_usd", "USD", "cost.hardware_cost_usd",
              "chips amortised over the run (0 without a price)",
              [](const R& r) { return r.cost.hardware_cost; }),
      real<R>("cost.total_cost_usd", "USD", "cost.total_cost_usd", "energy + hardware",
              [](const R& r) { return r.cost.total_cost(); }),
      real<R>("cost.co2_kg", "kg", "cost.co2_kg", "facility energy x grid intensity",
              [](const R& r) { return r.cost.co2_kg; }),
      real<R>("cost.pue", "1", "cost.pue", "power usage effectiveness used",
              [](const R& r) { return r.cost.pue; }),
      real<R>("cost.price_per_kwh_usd", "USD/kWh", "cost.price_per_kwh_usd",
              "electricity price used", [](const R& r) { return r.cost.price_per_kwh; }),
      real<R>("cost.grid_kg_co2_per_kwh", "kg/kWh", "cost.grid_kg_co2_per_kwh",
              "grid carbon intensity used", [](const R& r) { return r.cost.grid_kg_per_kwh; }),
      real<R>("flops_per_w_improvement_to_keep_energy", "1",
              "flops_per_w_improvement_to_keep_energy", "the projection's, repeated",
              [](const R& r) { return r.flops_per_w_improvement; }),
  };
  return all;
}

}  // namespace headroom::sim
