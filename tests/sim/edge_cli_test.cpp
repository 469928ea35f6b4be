// SPDX-License-Identifier: MIT
// The on-device additions of issue 16 through the real CLI: MobileNet v1's width multiplier and
// the MLPerf Tiny models.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../cli_runner.hpp"

namespace headroom::test {
namespace {

// MLPerf Tiny VWW is MobileNet v1 at 0.25 on 96x96 with 2 classes: 7,489,664 MACs
// (tests/data/edge/tiny_models.csv); the 1000-class head adds 256 x 998 MACs.
TEST(EdgeCli, ShowTakesAWidthMultiplierAndImageSize) {
  const CliResult r = run_cli({"models", "show", "mobilenet_v1", "--width-multiplier", "0.25",
                               "--image-size", "96", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["forward_macs"].get<std::uint64_t>(), 7489664U + 256U * 998U);
}

TEST(EdgeCli, WidthMultiplierOnANetworkWithoutOneIsAnError) {
  const CliResult r = run_cli({"models", "show", "resnet50", "--width-multiplier", "0.5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--width-multiplier"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(EdgeCli, TinyModelsAreInTheZoo) {
  const CliResult r = run_cli({"models", "show", "kws_ds_cnn", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["forward_macs"].get<std::uint64_t>(), 2656768U);  // tiny_models.csv TOTAL row
}

nlohmann::json run_json(std::vector<std::string> args) {
  std::vector<std::string> all{"run", "--json", "-"};
  all.insert(all.end(), args.begin(), args.end());
  const CliResult r = run_cli(all);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::object();
}

// ResNet-18 (torchvision): 20 convolutions each followed by a BatchNorm; 8 residual adds,
// 17 ReLUs, the stem's max pooling and the global average pooling.
TEST(EdgeCli, InferenceRunsTheFusedGraphByDefault) {
  const auto fused =
      run_json({"--accel", "configs/accel/nvdla-nv-full.yaml", "--network", "resnet18"});
  const auto naive = run_json(
      {"--accel", "configs/accel/nvdla-nv-full.yaml", "--network", "resnet18", "--no-fuse"});
  ASSERT_FALSE(fused.empty());
  ASSERT_FALSE(naive.empty());
  EXPECT_EQ(fused["workload"]["graph"], "fused");
  EXPECT_EQ(fused["workload"]["batchnorms_folded"], 20);
  EXPECT_EQ(fused["workload"]["ops_fused"], 8 + 17);
  EXPECT_EQ(fused["workload"]["pools_fused"], 2);
  EXPECT_EQ(naive["workload"]["graph"], "as_written");
  EXPECT_EQ(naive["workload"]["batchnorms_folded"], 0);
  // Fusion never changes MACs; it removes passes and DRAM round trips.
  EXPECT_EQ(fused["totals"]["macs"], naive["totals"]["macs"]);
  EXPECT_LT(fused["totals"]["total_cycles"].get<double>(),
            naive["totals"]["total_cycles"].get<double>());
  EXPECT_LT(fused["totals"]["dram_read_bytes"].get<double>(),
            naive["totals"]["dram_read_bytes"].get<double>());
}

TEST(EdgeCli, TrainingKeepsTheGraphAsWrittenAndRefusesNoFuse) {
  const auto train = run_json({"--accel", "configs/accel/edge-16x16-int8.yaml", "--network",
                               "ad_autoencoder", "--training"});
  EXPECT_EQ(train["workload"]["graph"], "as_written");
  const CliResult r = run_cli({"run", "--network", "ad_autoencoder", "--training", "--no-fuse"});
  EXPECT_NE(r.exit_code, 0);
}

// The duty cycle from the run's own figures: average power = rate x energy per inference +
// leakage x idle share, with leakage = the static energy over the run's latency.
TEST(EdgeCli, RateGivesAveragePowerEnergyPerInferenceAndBatteryHours) {
  const auto j = run_json({"--accel", "configs/accel/edge-16x16-int8.yaml", "--network",
                           "kws_ds_cnn", "--rate", "10/s", "--battery", "1000mWh"});
  ASSERT_TRUE(j.contains("battery")) << j.dump();
  const double latency = j["totals"]["latency_s"].get<double>();
  const double energy = j["totals"]["energy_j"].get<double>();
  const double leak = j["energy"]["components"]["static_j"].get<double>() / latency;
  const double expected_w = 10 * energy + leak * (1 - 10 * latency);
  const auto& b = j["battery"];
  EXPECT_NEAR(b["average_power_w"].get<double>(), expected_w, 1e-9 * expected_w);
  EXPECT_NEAR(b["energy_per_inference_uj"].get<double>(), expected_w / 10 * 1e6, 1e-3);
  EXPECT_NEAR(b["max_rate_per_s"].get<double>(), 1 / latency, 1e-6 / latency);
  // 1000 mWh = 3600 J.
  EXPECT_NEAR(b["battery_hours"].get<double>(), 3600 / expected_w / 3600, 1e-6);
}

TEST(EdgeCli, AnUnsustainableRateNamesTheMaximum) {
  const CliResult r = run_cli({"run", "--accel", "configs/accel/edge-16x16-int8.yaml", "--network",
                               "kws_ds_cnn", "--rate", "1e9/s"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--rate: expected at most"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace headroom::test
