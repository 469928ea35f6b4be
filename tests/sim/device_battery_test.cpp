// SPDX-License-Identifier: MIT
// `run --device <embedded CPU> --rate --battery` (issue 16): the duty cycle of a microcontroller,
// busy at its measured power while inferring and in its idle_w low-power mode in between.
// The Cortex-M4's idle is the STM32L4R5's Stop 2 current, 1.2 uA typical at 3.0 V (DS12023 via a
// third-party table, configs/cpus/cortex-m4.yaml): 3.6 uW.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"

namespace headroom::test {
namespace {

nlohmann::json device_json(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"run",        "--device", "cortex-m4", "--network",
                                   "kws_ds_cnn", "--json",   "-"};
  args.insert(args.end(), extra.begin(), extra.end());
  const CliResult r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

TEST(DeviceBattery, AveragePowerIsBusyEnergyTimesRatePlusIdleBetween) {
  const auto j = device_json({"--rate", "2/s", "--battery", "1000mWh"});
  ASSERT_TRUE(j.contains("battery")) << j.dump();
  const double latency = j["latency_s"].get<double>();
  const double busy_j = j["active_energy_j"].get<double>();
  const double idle_w = 1.2e-6 * 3.0;
  const auto& b = j["battery"];
  EXPECT_NEAR(b["idle_power_w"].get<double>(), idle_w, 1e-15);
  const double expected_w = 2 * busy_j + idle_w * (1 - 2 * latency);
  EXPECT_NEAR(b["average_power_w"].get<double>(), expected_w, 1e-9 * expected_w);
  EXPECT_NEAR(b["energy_per_inference_uj"].get<double>(), expected_w / 2 * 1e6,
              1e-9 * expected_w * 1e6);
  EXPECT_NEAR(b["active_energy_per_inference_uj"].get<double>(), busy_j * 1e6, 1e-9);
  // 1000 mWh = 3600 J.
  EXPECT_NEAR(b["battery_hours"].get<double>(), 3600 / expected_w / 3600,
              1e-9 * 3600 / expected_w / 3600);
  EXPECT_NEAR(b["max_rate_per_s"].get<double>(), 1 / latency, 1e-9 / latency);
}

TEST(DeviceBattery, TheTableSaysWhereTheIdlePowerComesFrom) {
  const CliResult r = run_cli({"run", "--device", "cortex-m4", "--network", "kws_ds_cnn", "--rate",
                               "1/s", "--battery", "1000mWh"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("at 1 inferences/s"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("idle_w of"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("lasts"), std::string::npos) << r.out;
}

TEST(DeviceBattery, AnUnsustainableRateNamesTheMaximum) {
  const CliResult r =
      run_cli({"run", "--device", "cortex-m4", "--network", "kws_ds_cnn", "--rate", "1e6/s"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--rate: expected at most"), std::string::npos) << r.err;
}

TEST(DeviceBattery, GatedIdleIsRefusedForADevice) {
  const CliResult r = run_cli({"run", "--device", "cortex-m4", "--network", "kws_ds_cnn", "--rate",
                               "1/s", "--idle", "gated"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--idle: expected leak with a device"), std::string::npos) << r.err;
}

TEST(DeviceBattery, AGpuHasNoDutyCycle) {
  const CliResult r =
      run_cli({"run", "--device", "a100", "--network", "kws_ds_cnn", "--rate", "1/s"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("an accelerator target or an embedded CPU device"), std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace headroom::test
