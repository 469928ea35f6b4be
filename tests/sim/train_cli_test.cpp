// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

const char* const kChip = "configs/accel/training-chip-4x128-bf16.yaml";
const char* const kRun = "tests/data/train/dqn-small.yaml";

TEST(TrainCli, PrintsTheStepAndWritesJson) {
  const auto json_path = std::filesystem::temp_directory_path() / "headroom-train-cli.json";
  const auto r = headroom::test::run_cli({"train", "--accel", kChip, "--run", kRun, "--chips", "4",
                                          "--scaling", "--json", json_path.c_str()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("time to train"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("dp all-reduce"), std::string::npos);
  EXPECT_NE(r.out.find("Method 1"), std::string::npos);
  EXPECT_NE(r.out.find("efficiency"), std::string::npos);
  // Every cost default says where it comes from (train_cost.hpp, docs/time-to-train.md Sec. 5).
  EXPECT_NE(r.out.find("PUE 1.1 (default: LaMDA's PUE"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0.429 kg CO2/kWh (default: GPT-3's grid"), std::string::npos);
  std::ifstream in(json_path);
  const auto j = nlohmann::json::parse(in);
  EXPECT_GT(j["totals"]["time_to_train_s"].get<double>(), 0.0);
  EXPECT_EQ(j["parallel"]["dp"].get<int>(), 4);
  EXPECT_EQ(j["scaling"].size(), 3u);  // 1, 2, 4 chips
  EXPECT_DOUBLE_EQ(j["cost"]["pue"].get<double>(), 1.1);
  std::filesystem::remove(json_path);
}

TEST(TrainCli, JsonDashGoesToStdoutAndWritesNoFile) {
  const auto r = headroom::test::run_cli(
      {"train", "--accel", kChip, "--run", kRun, "--chips", "2", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);  // only JSON on stdout, no table
  EXPECT_GT(j["totals"]["time_to_train_s"].get<double>(), 0.0);
  EXPECT_FALSE(std::filesystem::exists("-"));
}

TEST(TrainCli, DefaultMicroBatchIsTheReplicaBatchEvenForHugeLayersOnOnePe) {
  // DQN's training step at batch 4096 on one PE: conv1's forward alone is 4096 x 400 x 32 = 52 M
  // single-PE folds, over the 2^26 tiles per op that once forced micro-batch 1 here. The step
  // runs as one micro-batch of 4096, as it does on any other chip, and so does one asked for.
  const char* const chip = "tests/data/train/one-pe-bf16.yaml";
  const char* const run = "tests/data/train/dqn-batch4096.yaml";
  const auto r = headroom::test::run_cli({"train", "--accel", chip, "--run", run});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("micro-batch 4096 x 1 per replica"), std::string::npos) << r.out;
  const auto asked =
      headroom::test::run_cli({"train", "--accel", chip, "--run", run, "--micro-batch", "4096"});
  ASSERT_EQ(asked.exit_code, 0) << asked.err;
  EXPECT_EQ(asked.out, r.out);
}

TEST(TrainCli, ComparesWithAGpu) {
  const auto json_path = std::filesystem::temp_directory_path() / "headroom-train-gpu.json";
  const auto r = headroom::test::run_cli({"train", "--accel", kChip, "--run", kRun, "--gpu", "v100",
                                          "--wafer-cost", "10000", "--json", json_path.c_str()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Same run on 1 x Tesla V100"), std::string::npos) << r.out;
  std::ifstream in(json_path);
  const auto j = nlohmann::json::parse(in);
  EXPECT_GT(j["gpu"]["totals"]["time_to_train_s"].get<double>(), 0.0);
  EXPECT_GT(j["cost"]["chip_price_usd"].get<double>(), 0.0);  // priced from the die area
  EXPECT_GT(j["cost"]["hardware_cost_usd"].get<double>(), 0.0);
  std::filesystem::remove(json_path);
  const auto bad =
      headroom::test::run_cli({"train", "--accel", kChip, "--run", kRun, "--gpu", "v1000"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(bad.out.empty()) << bad.out;  // nothing printed before the device failed
}

TEST(TrainCli, BadSplitsExitTwo) {
  auto r = headroom::test::run_cli(
      {"train", "--accel", kChip, "--run", kRun, "--chips", "4", "--parallel", "tp=2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("tensor parallelism"), std::string::npos) << r.err;
  r = headroom::test::run_cli({"train", "--accel", kChip, "--run", kRun, "--chips", "0"});
  EXPECT_EQ(r.exit_code, 2);
  // DQN's batch of 32 cannot be split over 64 chips: the error names the key and what works.
  r = headroom::test::run_cli(
      {"train", "--accel", kChip, "--run", "configs/runs/dqn-atari.yaml", "--chips", "64"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("dqn-atari.yaml:17: global_batch"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--chips 1, 2, 4, 8, 16, 32, or --global-batch 64"), std::string::npos)
      << r.err;
  r = headroom::test::run_cli({"train", "--accel", kChip, "--run", kRun, "--pue", "0.5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--pue"), std::string::npos) << r.err;
}

}  // namespace
