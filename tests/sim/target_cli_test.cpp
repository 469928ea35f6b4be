// SPDX-License-Identifier: MIT
// A datasheet device and a simulated accelerator are interchangeable targets in `run`, `compare`
// and `train`, through the real CLI.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/run_config.hpp"
#include "headroom/sim/train.hpp"

namespace headroom::test {
namespace {

nlohmann::json json_of(const CliResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

// The first row of tests/data/train/validation_runs.csv (GPT-3 175B on 1024 A100s, Narayanan et
// al. SC21: 34 days), asked the way a user would, GPU only: the CLI must give what the library's
// plan_training_on_device gives for the same inputs, which train_validation_test holds within 2x
// of the 34 days.
TEST(TargetCli, TrainsOnGpusAloneAsTheValidationTableDoes) {
  const char* run = "tests/data/train/gpt3-175b-narayanan.yaml";
  const auto j = json_of(
      run_cli({"train", "--device", "a100", "--chips", "1024", "--run", run, "--parallel",
               "tp=8,pp=16", "--link-bandwidth", "300 GB/s", "--recompute", "--json", "-"}));
  sim::TrainOptions o;
  o.chips = 1024;
  o.parallel = "tp=8,pp=16";
  o.link.bandwidth_bytes_per_s = 300e9;  // the table's link_gb_s
  o.recompute_activations = true;
  const sim::TrainReport lib =
      sim::plan_training_on_device(sim::load_device("a100"), sim::load_run_config(run), o);
  EXPECT_EQ(j["config"]["name"], lib.accelerator);
  EXPECT_DOUBLE_EQ(j["totals"]["time_to_train_s"].get<double>(), lib.time_to_train_s);
  // The brief's own question, with the spelling (--gpu) and no --accel, also runs.
  const CliResult gpu = run_cli({"train", "--gpu", "a100", "--chips", "1024", "--run",
                                 "configs/runs/gpt3-175b.yaml", "--parallel", "dp=8,tp=8,pp=16"});
  EXPECT_EQ(gpu.exit_code, 0) << gpu.err;
  EXPECT_NE(gpu.out.find("on 1024 x A100"), std::string::npos) << gpu.out;
}

TEST(TargetCli, TrainOnADeviceFileGivenAsAccelMatchesTheComparison) {
  const char* chip = "configs/accel/training-chip-4x128-bf16.yaml";
  const char* run = "tests/data/train/dqn-small.yaml";
  const auto both =
      json_of(run_cli({"train", "--accel", chip, "--run", run, "--gpu", "v100", "--json", "-"}));
  const auto alone =
      json_of(run_cli({"train", "--accel", "configs/gpus/v100.yaml", "--run", run, "--json", "-"}));
  EXPECT_EQ(alone["config"]["name"], both["gpu"]["config"]["name"]);
  EXPECT_DOUBLE_EQ(alone["totals"]["time_to_train_s"].get<double>(),
                   both["gpu"]["totals"]["time_to_train_s"].get<double>());
  const CliResult scaling =
      run_cli({"train", "--device", "v100", "--run", run, "--chips", "2", "--scaling"});
  EXPECT_EQ(scaling.exit_code, 2);
  EXPECT_NE(scaling.err.find("--scaling"), std::string::npos) << scaling.err;
}

TEST(TargetCli, RunOnADeviceGivesLatencyThroughputAndTdpEnergy) {
  const auto j =
      json_of(run_cli({"run", "--device", "h100", "--network", "resnet50", "--json", "-"}));
  const auto models = json_of(run_cli({"models", "show", "resnet50", "--json", "-"}));
  // H100 SXM5 datasheet (configs/gpus/h100-sxm.yaml): 700 W TDP, 989 TFLOP/s dense BF16.
  EXPECT_EQ(j["target"], "device");
  EXPECT_EQ(j["precision"], "bf16");
  EXPECT_DOUBLE_EQ(j["power_w"].get<double>(), 700.0);
  EXPECT_DOUBLE_EQ(j["peak_flops"].get<double>(), 989e12);
  const double latency = j["latency_s"].get<double>();
  EXPECT_GT(latency, 0);
  EXPECT_DOUBLE_EQ(j["energy_j"].get<double>(), 700.0 * latency);
  EXPECT_DOUBLE_EQ(j["examples_per_s"].get<double>(), 1 / latency);
  EXPECT_DOUBLE_EQ(j["flop"].get<double>(), 2.0 * models["forward_macs"].get<double>());
  // The same device as a file under --accel (detected by its peak_tflops) gives the same run,
  // and `compare` the same latency for its row.
  const auto by_file = json_of(run_cli(
      {"run", "--accel", "configs/gpus/h100-sxm.yaml", "--network", "resnet50", "--json", "-"}));
  EXPECT_DOUBLE_EQ(by_file["latency_s"].get<double>(), latency);
  const auto cmp = json_of(run_cli({"compare", "--device", "h100", "--network", "resnet50",
                                    "--precision", "bf16", "--json", "-"}));
  EXPECT_DOUBLE_EQ(cmp["gpus"][0]["latency_s"].get<double>(), latency);
  // A per-layer CSV is the accelerator's report; asking it of a device is an error.
  const CliResult csv =
      run_cli({"run", "--device", "h100", "--network", "resnet50", "--csv", "/tmp/x.csv"});
  EXPECT_EQ(csv.exit_code, 2);
  EXPECT_NE(csv.err.find("--csv"), std::string::npos) << csv.err;
}

TEST(TargetCli, CompareTakesTargetsInAnyMix) {
  const auto gpus = json_of(run_cli(
      {"compare", "--device", "h100", "--device", "a100", "--network", "alexnet", "--json", "-"}));
  EXPECT_EQ(gpus["gpus"].size(), 2u);
  EXPECT_EQ(gpus["accelerators"].size(), 0u);
  EXPECT_EQ(gpus["ratios"].size(), 0u);
  // Accelerators by name, a device file under --accel: one of each, one ratio.
  const auto mix = json_of(run_cli({"compare", "--accel", "configs/gpus/k40.yaml", "--accel",
                                    "tpu-v1", "--network", "alexnet", "--json", "-"}));
  EXPECT_EQ(mix["accelerators"].size(), 1u);
  EXPECT_EQ(mix["gpus"].size(), 1u);
  EXPECT_EQ(mix["ratios"].size(), 1u);
  EXPECT_EQ(mix["gpus"][0]["name"], "Tesla K40");
}

TEST(TargetCli, NamesAreCheckedAndKindsCanBeForced) {
  const CliResult typo = run_cli({"run", "--accel", "tpu-v11", "--network", "alexnet"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean"), std::string::npos) << typo.err;
  // tpu-v1 names both the simulated accelerator and the datasheet TPU; the prefix picks.
  const auto device =
      json_of(run_cli({"run", "--accel", "device:tpu-v1", "--network", "alexnet", "--json", "-"}));
  EXPECT_EQ(device["target"], "device");
  const auto accel =
      json_of(run_cli({"run", "--accel", "tpu-v1", "--network", "alexnet", "--json", "-"}));
  EXPECT_TRUE(accel.contains("totals")) << accel.dump();
}

}  // namespace
}  // namespace headroom::test
