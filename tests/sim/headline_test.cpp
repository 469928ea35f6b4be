// SPDX-License-Identifier: MIT
// The headline users come to reproduce: how far an FP32 datapath at 65 nm is from a GPU in
// FLOPS/W, and where data movement eats the difference; and what narrower precisions buy.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"
#include "../run_json.hpp"

namespace headroom::test {
namespace {

TEST(Headline, Fp32DatapathAt65nmAndWhereDataMovementEatsIt) {
  const auto j = run_json({"--accel", "configs/accel/asic-65nm-fp32.yaml", "--network", "alexnet"});
  // ../shared/data/README.md, worked check of the 650 GFLOPS/W claim: Horowitz's FP32 FMA
  // (3.7 + 0.9 pJ at 45 nm / 0.9 V, ISSCC 2014) x Stillmaker & Baas' 65 nm factor 2.41 = 11.1 pJ
  // per 2 FLOPs = 181 GFLOPS/W, datapath only.
  const double datapath = j["energy"]["datapath_only_flops_per_w"].get<double>();
  EXPECT_NEAR(datapath / 1e9, 181.0, 181.0 * 0.05);
  // Each bound adds a kind of data movement, so efficiency can only fall.
  const double with_sram = j["energy"]["with_sram_flops_per_w"].get<double>();
  const double total = j["totals"]["flops_per_w"].get<double>();
  EXPECT_LT(with_sram, datapath);
  EXPECT_LT(total, with_sram);
}

TEST(Headline, NarrowerPrecisionSavesEnergyAndTime) {
  double last_energy = 0;
  double last_latency = 0;
  for (const char* p : {"fp32", "fp16", "int8"}) {
    const auto j = run_json({"--accel", "tests/data/run/precision-sweep.yaml", "--network",
                             "resnet18", "--precision", p});
    const double energy = j["totals"]["energy_j"].get<double>();
    const double latency = j["totals"]["latency_s"].get<double>();
    if (last_energy > 0) {
      EXPECT_LT(energy, last_energy) << p;
      EXPECT_LT(latency, last_latency) << p;
    }
    last_energy = energy;
    last_latency = latency;
  }
}

}  // namespace
}  // namespace headroom::test
