// SPDX-License-Identifier: MIT
#include "headroom/sim/train_cost.hpp"

#include <gtest/gtest.h>

#include "headroom/models/error.hpp"

namespace headroom::sim {
namespace {

CostInputs energy(double chip_energy_j) {
  CostInputs in;
  in.chip_energy_j = chip_energy_j;
  return in;
}

TEST(TrainCost, EnergyCostAndCarbon) {
  // Hand case: 3.6 MJ = 1 kWh at the chips, PUE 1.5, $0.10/kWh, 0.5 kg/kWh.
  CostInputs in = energy(3.6e6);
  in.pue = 1.5;
  in.grid_kg_per_kwh = 0.5;
  in.price_per_kwh = 0.10;
  const CostReport r = training_cost(in);
  EXPECT_DOUBLE_EQ(r.facility_energy_kwh, 1.5);
  EXPECT_DOUBLE_EQ(r.energy_cost, 0.15);
  EXPECT_DOUBLE_EQ(r.co2_kg, 0.75);
  EXPECT_DOUBLE_EQ(r.hardware_cost, 0.0);
}

TEST(TrainCost, Gpt3CarbonFromItsEnergy) {
  // Patterson et al. 2021 (arXiv:2104.10350, Table 4; recalled, not re-checked): GPT-3 used
  // 1,287 MWh at PUE 1.1 on a 0.429 kg/kWh grid and emitted 552 t CO2e.
  const CostReport r = training_cost(energy(1287e3 / 1.1 * 3.6e6));
  EXPECT_NEAR(r.co2_kg / 552e3, 1.0, 0.01);
}

TEST(TrainCost, HardwareIsAmortisedOverItsLife) {
  // 8 chips at $10,000 written off over 16 years, used for one year: 8 x 10,000 / 16 = $5,000.
  CostInputs in = energy(0);
  in.time_s = 365.25 * 86400.0;
  in.chips = 8;
  in.chip_price = 10'000.0;
  in.amortisation_years = 16;
  const CostReport r = training_cost(in);
  EXPECT_NEAR(r.hardware_cost, 5000.0, 1e-6);
}

TEST(TrainCost, RejectsImpossibleInputs) {
  CostInputs low_pue = energy(1);
  low_pue.pue = 0.9;
  EXPECT_THROW((void)training_cost(low_pue), InputError);
  CostInputs negative_price = energy(1);
  negative_price.price_per_kwh = -1;
  EXPECT_THROW((void)training_cost(negative_price), InputError);
  CostInputs negative_chip = energy(1);
  negative_chip.chip_price = -5.0;
  EXPECT_THROW((void)training_cost(negative_chip), InputError);
}

TEST(TrainCost, DiesPerWaferAndYield) {
  // Hennessy & Patterson, CA:AQA 5th ed., Sec. 1.6 example (recalled): a 1.5 cm x 1.5 cm die on a
  // 300 mm wafer gives about 270 dies.
  EXPECT_NEAR(dies_per_wafer(225, 300), 270, 1.0);
  // Hand-computed negative binomial: 1 cm^2, 0.1 defects/cm^2, alpha 4: 1.025^-4 = 0.905950.
  EXPECT_NEAR(die_yield(100, 0.1, 4), 0.905950, 1e-6);
  EXPECT_NEAR(die_cost({.die_mm2 = 100, .wafer_cost = 10'000}),
              10'000 / (dies_per_wafer(100, 300) * 0.905950), 1e-3);
  EXPECT_THROW((void)die_cost({.die_mm2 = 0, .wafer_cost = 1}), InputError);
}

}  // namespace
}  // namespace headroom::sim
