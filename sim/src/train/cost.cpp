// SPDX-License-Identifier: MIT
#include <cmath>
#include <numbers>
#include <string>

#include "headroom/models/error.hpp"
#include "headroom/sim/train_cost.hpp"

namespace headroom::sim {

namespace {
constexpr double kJoulesPerKwh = 3.6e6;
constexpr double kSecondsPerYear = 365.25 * 86400.0;

void require(bool ok, const std::string& flag, const std::string& expected, double found) {
  if (!ok) throw InputError(input_error_message(flag, 0, "", expected, std::to_string(found)));
}
}  // namespace

CostReport training_cost(const CostInputs& in) {
  require(in.pue >= 1.0, "--pue", "a PUE of at least 1", in.pue);
  require(in.price_per_kwh >= 0, "--price-per-kwh", "a price >= 0", in.price_per_kwh);
  require(in.grid_kg_per_kwh >= 0, "--grid-kg-per-kwh", "an intensity >= 0", in.grid_kg_per_kwh);
  require(in.amortisation_years > 0, "--amortisation-years", "a lifetime > 0",
          in.amortisation_years);
  if (in.chip_price) require(*in.chip_price >= 0, "--chip-price", "a price >= 0", *in.chip_price);
  CostReport r;
  r.pue = in.pue;
  r.price_per_kwh = in.price_per_kwh;
  r.grid_kg_per_kwh = in.grid_kg_per_kwh;
  r.facility_energy_kwh = in.chip_energy_j * in.pue / kJoulesPerKwh;
  r.energy_cost = r.facility_energy_kwh * in.price_per_kwh;
  r.co2_kg = r.facility_energy_kwh * in.grid_kg_per_kwh;
  // Straight-line depreciation: the run pays for the share of the chips' life it occupies.
  r.chip_price = in.chip_price.value_or(0);
  if (in.chip_price)
    r.hardware_cost =
        in.chips * *in.chip_price * in.time_s / (in.amortisation_years * kSecondsPerYear);
  return r;
}

double dies_per_wafer(double die_mm2, double wafer_diameter_mm) {
  const double r = wafer_diameter_mm / 2.0;
  return std::numbers::pi * r * r / die_mm2 -
         std::numbers::pi * wafer_diameter_mm / std::sqrt(2.0 * die_mm2);
}

double die_yield(double die_mm2, double defects_per_cm2, double alpha) {
  const double area_cm2 = die_mm2 / 100.0;
  return std::pow(1.0 + defects_per_cm2 * area_cm2 / alpha, -alpha);
}

double die_cost(const DieCostInputs& in) {
  require(in.die_mm2 > 0, "die area", "an area > 0 mm2", in.die_mm2);
  const double good = dies_per_wafer(in.die_mm2, in.wafer_diameter_mm) *
                      die_yield(in.die_mm2, in.defects_per_cm2, in.alpha);
  require(good >= 1, "die area", "a die small enough for one good die per wafer", in.die_mm2);
  return in.wafer_cost / good;
}

}  // namespace headroom::sim
