// SPDX-License-Identifier: MIT
// Published chips as tests: the shipped TPU v1 and Eyeriss configs against the figures their papers
// print (tests/data/chips, copied from ../shared/data with citations). Simulated/published ratios
// measured when this file was written are in the comments and in docs/validation.md.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../cli_runner.hpp"
#include "../csv_rows.hpp"
#include "../run_json.hpp"

namespace headroom::test {
namespace {

double published(const std::string& chip, const std::string& figure) {
  for (const auto& r : read_csv_rows("tests/data/chips/published_figures.csv"))
    if (r.at("chip") == chip && r.at("figure") == figure) return std::stod(r.at("value"));
  ADD_FAILURE() << "no " << figure << " for " << chip << " in published_figures.csv";
  return 0;
}

CsvRow accelerator_row(const std::string& chip, const std::string& row_type) {
  for (const auto& r : read_csv_rows("tests/data/chips/accelerators.csv"))
    if (r.at("chip") == chip && r.at("row_type") == row_type) return r;
  ADD_FAILURE() << "no " << row_type << " row for " << chip << " in accelerators.csv";
  return {};
}

// TPU v1 busy on an MLP0-shaped workload (61% of its deployed inference load, Jouppi Table 1).
const nlohmann::json& tpu_on_mlp0() {
  static const nlohmann::json j = run_json(
      {"--accel", "configs/accel/tpu-v1.yaml", "--topology", "tests/data/chips/mlp0_like.csv"});
  return j;
}

TEST(PublishedChips, TpuV1PeakIs92Tops) {
  const double published_gops = std::stod(accelerator_row("Google TPU v1", "chip").at("peak_gops"));
  // 65,536 MACs x 2 x 700 MHz = 91.75 TOPS; the paper rounds to 92 (ratio 0.997).
  EXPECT_NEAR(tpu_on_mlp0()["totals"]["peak_tflops"].get<double>() * 1e3, published_gops,
              0.01 * published_gops);
}

TEST(PublishedChips, TpuV1PowerOnMlp0StaysInsideThePublishedEnvelope) {
  const auto& j = tpu_on_mlp0();
  const double power = j["totals"]["power_w"].get<double>();
  const double runtime = j["energy"]["runtime_s"].get<double>();
  // Jouppi 2017 Table 2's 28 W idle and 40 W busy are the die's: the DDR3 devices are on the card,
  // off the die. The config's static power is that 28 W (energy.idle_w), and the report's `dram`
  // component is the whole DRAM access (Horowitz's per-access energy, devices included; the
  // die's own share, its controller and PHYs, has no source at hand), so the die draws at least
  // the power without it. That part must stay under the busy die. Measured 33.3 W (0.83 of 40 W)
  // of 41.6 W in all, 8.3 W of it DRAM.
  const double die_without_dram =
      power - j["energy"]["components"]["dram_j"].get<double>() / runtime;
  EXPECT_GT(die_without_dram, 0.0);
  EXPECT_LE(die_without_dram, published("Google TPU v1", "busy_power"));
  EXPECT_LT(published("Google TPU v1", "busy_power"), published("Google TPU v1", "tdp"));
  // The static power is the die's measured idle power.
  EXPECT_NEAR(j["energy"]["components"]["static_j"].get<double>() / runtime,
              published("Google TPU v1", "idle_power"), 1e-9);
  // The workload's own power is what lies above idle: busy - idle = 12 W. Measured: 13.6 W
  // dynamic (DRAM included), 1.13x.
  const double dynamic = power - j["energy"]["components"]["static_j"].get<double>() / runtime;
  const double published_dynamic =
      published("Google TPU v1", "busy_power") - published("Google TPU v1", "idle_power");
  EXPECT_GT(dynamic / published_dynamic, 0.5);
  EXPECT_LT(dynamic / published_dynamic, 2.0);
}

// The area model sums synthesis-level unit areas, SRAM macros (CACTI) and a 20% overhead: it holds
// no I/O ring, PHYs, placement density or multiple ports, so it must stay below the silicon it
// describes, part by part. The goal of 2x is NOT met: measured total 93.7 mm2 = 0.28 of the die,
// array 13.9 mm2 = 0.17 of the matrix unit's 24%, SRAM 63.0 mm2 = 0.54 of the unified buffer's
// 29% + accumulators' 6%. The lower bound of 0.1 catches a collapse (a unit or factor lost).
TEST(PublishedChips, TpuV1AreaIsALowerBoundOfItsFloorPlan) {
  const auto& area = tpu_on_mlp0()["area"];
  const double die = published("Google TPU v1", "die_area_upper_bound");
  const double total = area["total_mm2"].get<double>();
  const double array = area["components"]["array_mm2"].get<double>();
  const double sram = area["components"]["sram_mm2"].get<double>();
  const double matrix_unit = published("Google TPU v1", "matrix_unit_share") * die;
  const double buffers = (published("Google TPU v1", "unified_buffer_share") +
                          published("Google TPU v1", "accumulators_share")) *
                         die;
  for (const auto& [name, ratio] :
       {std::pair{"die", total / die}, std::pair{"matrix unit", array / matrix_unit},
        std::pair{"buffers", sram / buffers}}) {
    EXPECT_LT(ratio, 1.0) << name;
    EXPECT_GT(ratio, 0.1) << name;
  }
}

// Eyeriss' 168 PEs each hold 0.5 KB of scratchpads that the config cannot express (only the
// 108 KB global buffer), so the model is again a lower bound. Measured: 1.90 mm2 = 0.15 of the
// 12.25 mm2 core (recalled), 0.12 of the 16 mm2 die (seen). Frame rate and power are the lead's
// test (they hang on the GEMM tiling).
TEST(PublishedChips, EyerissAreaIsALowerBoundOfItsCore) {
  const auto j = run_json(
      {"--accel", "configs/accel/eyeriss-65nm.yaml", "--network", "dqn"});  // area: any network
  const double area = j["totals"]["area_mm2"].get<double>();
  const double core = published("Eyeriss v1", "core_area");
  EXPECT_LT(core, published("Eyeriss v1", "die_area"));
  EXPECT_LT(area / core, 1.0);
  EXPECT_GT(area / core, 0.1);
}

}  // namespace
}  // namespace headroom::test
