// SPDX-License-Identifier: MIT
// `headroom compare` end to end through the real CLI: the JSON's figures agree with each other
// and with the device's datasheet file.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"

namespace headroom::test {
namespace {

TEST(CompareCli, TpuV1OverK40OnAlexNet) {
  const CliResult r = run_cli({"compare", "--accel", "configs/accel/tpu-v1.yaml", "--gpu", "k40",
                               "--network", "alexnet", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["accelerators"].size(), 1u);
  ASSERT_EQ(j["gpus"].size(), 1u);
  ASSERT_EQ(j["ratios"].size(), 1u);
  const auto& a = j["accelerators"][0];
  const auto& g = j["gpus"][0];
  EXPECT_DOUBLE_EQ(j["ratios"][0]["throughput_ratio"].get<double>(),
                   a["throughput_per_s"].get<double>() / g["throughput_per_s"].get<double>());
  EXPECT_DOUBLE_EQ(j["ratios"][0]["flops_per_w_ratio"].get<double>(),
                   a["flops_per_w"].get<double>() / g["flops_per_w"].get<double>());

  // Tesla K40 row of /work/shared/data/gpus.csv (NVIDIA Tesla K40 datasheet, 2013), copied into
  // configs/gpus/k40.yaml: FP32 4.29 TFLOPS, 561 mm^2, TDP 235 W. The K40 has no INT8 path, so
  // it runs FP32.
  const YAML::Node k40 =
      YAML::LoadFile(std::string(HEADROOM_SOURCE_DIR) + "/configs/gpus/k40.yaml");
  const double peak_tflops = k40["peak_tflops"]["fp32"].as<double>();
  const double die_mm2 = k40["die_mm2"].as<double>();
  const double tdp_w = k40["tdp_w"].as<double>();
  EXPECT_EQ(g["precision"], "fp32");
  EXPECT_DOUBLE_EQ(g["tops_per_mm2"].get<double>(), peak_tflops / die_mm2);
  EXPECT_DOUBLE_EQ(g["power_w"].get<double>(), tdp_w);
  // GPU energy is TDP x time.
  EXPECT_DOUBLE_EQ(g["energy_per_inference_j"].get<double>(), tdp_w * g["latency_s"].get<double>());
  EXPECT_LE(g["achieved_flops"].get<double>(), peak_tflops * 1e12);
}

TEST(CompareCli, TwoAcceleratorsEachWithTheirBoundsAgainstTwoGpus) {
  const CliResult r = run_cli({"compare", "--accel", "configs/accel/tpu-v1.yaml", "--accel",
                               "configs/accel/asic-65nm-fp32.yaml", "--gpu", "h100", "--gpu",
                               "titan-x", "--network", "alexnet", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["accelerators"].size(), 2u);
  ASSERT_EQ(j["gpus"].size(), 2u);
  EXPECT_EQ(j["ratios"].size(), 4u);  // each accelerator over each GPU
  for (const auto& a : j["accelerators"]) {
    // Where the headroom goes: the whole run cannot beat MACs + SRAM, which cannot beat the
    // MACs alone (every run carries these bounds, docs/energy-model.md).
    const double whole = a["flops_per_w"].get<double>();
    const double sram = a["with_sram_flops_per_w"].get<double>();
    const double datapath = a["datapath_only_flops_per_w"].get<double>();
    EXPECT_LT(whole, sram) << a["name"];
    EXPECT_LT(sram, datapath) << a["name"];
  }
  // Each GPU row names its model's figures, e.g. the H100's 132 SMs (h100-sxm.yaml).
  EXPECT_NE(j["gpus"][0]["model"].get<std::string>().find("132 units"), std::string::npos)
      << j["gpus"][0]["model"];
}

TEST(CompareCli, TableHeaderNamesTheGpuModelAndBounds) {
  const CliResult r = run_cli({"compare", "--accel", "configs/accel/tpu-v1.yaml", "--gpu",
                               "titan-x", "--network", "alexnet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("docs/gpu-model.md"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("dp-only"), std::string::npos) << r.out;
  // The Titan X has no GEMM measurement: the header must say its fraction is the default.
  EXPECT_NE(r.out.find("GEMM fraction 0.33"), std::string::npos) << r.out;
}

TEST(CompareCli, DeviceFileWithZeroSmsExitsTwo) {
  const std::string path = ::testing::TempDir() + "headroom_zero_sms.yaml";
  std::ofstream(path) << "name: Zero\nkind: gpu\nyear: 2020\nsource: test\nsm_count: 0\n"
                      << "peak_tflops: {fp32: 10}\nbandwidth_gb_s: 100\n";
  const CliResult r = run_cli(
      {"compare", "--accel", "configs/accel/tpu-v1.yaml", "--gpu", path, "--network", "alexnet"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sm_count"), std::string::npos) << r.err;
  std::remove(path.c_str());
}

TEST(CompareCli, UnknownGpuNamesACloseMatch) {
  const CliResult r = run_cli(
      {"compare", "--accel", "configs/accel/tpu-v1.yaml", "--gpu", "k41", "--network", "alexnet"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("k40"), std::string::npos) << r.err;
}

// Targets come in any mix (target_cli_test.cpp), but at least one is needed.
TEST(CompareCli, ATargetIsRequired) {
  const CliResult r = run_cli({"compare", "--network", "alexnet"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--device"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace headroom::test
