// SPDX-License-Identifier: MIT
// Energy, money and CO2 of a training run from its chip energy and time; defaults carry their
// source below and in docs/time-to-train.md.
#pragma once

#include <optional>

namespace headroom::sim {

inline constexpr double kDefaultPue = 1.1;
inline constexpr double kDefaultGridKgPerKwh = 0.429;
inline constexpr double kDefaultPricePerKwh = 0.08;

struct CostInputs {
  double chip_energy_j = 0;  // every chip, whole run, at the chip boundary
  double time_s = 0;         // wall-clock time to train
  double chips = 0;
  // PUE 1.10: LaMDA's stated data-centre PUE (Thoppilan et al., arXiv:2201.08239, Sec. 10;
  // /work/shared/data/training_runs.csv, seen); Patterson et al. 2021 use the same figure for
  // Google's fleet (recalled). Grid 0.429 kg CO2e/kWh: GPT-3's 552 t CO2e over 1,287 MWh in
  // Patterson et al., "Carbon Emissions and Large Neural Network Training", arXiv:2104.10350
  // (2021), as quoted in BASF's "Power hungry" article (seen): 552 / 1287 = 0.429. Both describe
  // one data centre, not the user's: defaults to override.
  double pue = kDefaultPue;
  double grid_kg_per_kwh = kDefaultGridKgPerKwh;
  // US industrial electricity: 8.06 cents/kWh, the EIA 2023 average (EIA via Statista, seen).
  double price_per_kwh = kDefaultPricePerKwh;
  std::optional<double> chip_price{};  // USD per chip; hardware amortised over `amortisation_years`
  double amortisation_years = 4;       // assumption: a typical accelerator depreciation period
};

struct CostReport {
  double pue = 0;  // the inputs used, for the report to say where each came from
  double price_per_kwh = 0;
  double grid_kg_per_kwh = 0;
  double facility_energy_kwh = 0;  // chip energy x PUE
  double energy_cost = 0;
  double chip_price = 0;     // 0 without a chip price
  double hardware_cost = 0;  // 0 without a chip price
  double co2_kg = 0;
  [[nodiscard]] double total_cost() const { return energy_cost + hardware_cost; }
};

// Throws InputError for a PUE below 1 or a negative price, intensity or lifetime.
[[nodiscard]] CostReport training_cost(const CostInputs& in);

// Die cost from a wafer: wafer cost / (dies per wafer x yield). Dies per wafer
// = pi (d/2)^2 / A - pi d / sqrt(2 A) and yield = (1 + D A / alpha)^-alpha, the negative-binomial
// model (Hennessy & Patterson, Computer Architecture: A Quantitative Approach, Sec. 1.6).
struct DieCostInputs {
  double die_mm2 = 0;
  double wafer_cost = 0;
  double wafer_diameter_mm = 300;
  double defects_per_cm2 = 0.1;  // assumption: a mature node (TSMC N7 ~0.09/cm2 in 2020, recalled)
  double alpha = 4;              // clustering parameter (H&P's value for modern processes)
};

[[nodiscard]] double dies_per_wafer(double die_mm2, double wafer_diameter_mm);
[[nodiscard]] double die_yield(double die_mm2, double defects_per_cm2, double alpha);
[[nodiscard]] double die_cost(const DieCostInputs& in);

}  // namespace headroom::sim
