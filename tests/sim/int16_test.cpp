// SPDX-License-Identifier: MIT
// INT16, the 16-bit fixed-point mode of edge NPUs (issue 16), from the CLI. Golden figures:
// NVDLA nv_full's "1024 16-bit MACs" (nvdlav1 README, ../shared/data/edge/edge_devices.csv, seen)
// at the config's 1 GHz; the INT16 MAC energy 0.8 + 0.1 pJ against INT8's 0.2 + 0.1 pJ at 45 nm
// (Horowitz ISSCC 2014, INT16 multiply interpolated as INT8 x (16/8)^2, docs/energy-model.md).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"
#include "../run_json.hpp"

namespace headroom::test {
namespace {

constexpr const char* kNvdla = "configs/accel/nvdla-nv-full.yaml";

TEST(Int16, NvdlaRunsItAtHalfTheInt8Rate) {
  const auto i8 = run_json({"--accel", kNvdla, "--network", "kws_ds_cnn"});
  const auto i16 = run_json({"--accel", kNvdla, "--network", "kws_ds_cnn", "--precision", "int16"});
  EXPECT_EQ(i16["workload"]["precision"], "int16");
  // 1024 MACs x 2 ops x 1 GHz = 2.048 TOPS; INT8 4.096.
  EXPECT_NEAR(i16["totals"]["peak_tflops"].get<double>(), 2.048, 1e-9);
  EXPECT_NEAR(i8["totals"]["peak_tflops"].get<double>(), 4.096, 1e-9);
  EXPECT_EQ(i16["config"]["peak_macs_per_cycle"].get<std::uint64_t>(), 1024U);
  EXPECT_EQ(i16["totals"]["macs"], i8["totals"]["macs"]);
}

// GEMMs small enough for one tile at either width keep their mapping: each MAC takes two cycles,
// so every layer's array cycles double exactly.
TEST(Int16, ArrayCyclesDoubleWhereTheMappingIsTheSame) {
  const auto i8 = run_json({"--accel", kNvdla, "--topology", "tests/data/run/tiny_gemm.csv"});
  const auto i16 = run_json(
      {"--accel", kNvdla, "--topology", "tests/data/run/tiny_gemm.csv", "--precision", "int16"});
  ASSERT_EQ(i8["layers"].size(), 3U);
  ASSERT_EQ(i16["layers"].size(), 3U);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(i16["layers"][i]["compute_cycles"].get<std::uint64_t>(),
              2 * i8["layers"][i]["compute_cycles"].get<std::uint64_t>())
        << i8["layers"][i]["name"];
}

TEST(Int16, ItsMacCostsThreeTimesAnInt8Mac) {
  const auto i8 = run_json({"--accel", kNvdla, "--network", "kws_ds_cnn"});
  const auto i16 = run_json({"--accel", kNvdla, "--network", "kws_ds_cnn", "--precision", "int16"});
  const double ratio = i16["energy"]["components"]["mac_j"].get<double>() /
                       i8["energy"]["components"]["mac_j"].get<double>();
  EXPECT_NEAR(ratio, 0.9 / 0.3, 1e-9);
}

TEST(Int16, ElementsAreTwoBytes) {
  const CliResult r =
      run_cli({"run", "--accel", kNvdla, "--network", "kws_ds_cnn", "--precision", "int16"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("precision int16 (2 B per element)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(integer ops for int16)"), std::string::npos) << r.out;
}

TEST(Int16, EthosURunsSixteenBitActivations) {
  const auto j = run_json({"--accel", "configs/accel/ethos-u55-128.yaml", "--network", "kws_ds_cnn",
                           "--precision", "int16"});
  // 128 MACs at half rate x 2 ops x 500 MHz = 0.064 TOPS.
  EXPECT_NEAR(j["totals"]["peak_tflops"].get<double>(), 0.064, 1e-12);
}

TEST(Int16, EthosNRunsItAtAQuarterOfTheInt8Rate) {
  const auto j = run_json({"--accel", "configs/accel/ethos-n77-class.yaml", "--network",
                           "kws_ds_cnn", "--precision", "int16"});
  // "Arm Ethos-N77": "4.096 INT8; 1.024 INT16" (edge_devices.csv, WikiChip, seen).
  EXPECT_NEAR(j["totals"]["peak_tflops"].get<double>(), 1.024, 1e-9);
  EXPECT_EQ(j["config"]["peak_macs_per_cycle"].get<std::uint64_t>(), 512U);
}

TEST(Int16, AnArrayWithoutItIsRefusedNamingWhatItRuns) {
  const CliResult r = run_cli({"run", "--accel", "configs/accel/edge-16x16-int8.yaml", "--network",
                               "kws_ds_cnn", "--precision", "int16"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("found int16"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(int8)"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace headroom::test
