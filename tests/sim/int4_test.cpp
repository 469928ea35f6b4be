// SPDX-License-Identifier: MIT
// INT4, 4-bit integers packed two to a byte (issue 16), from the CLI. Golden figures: Hailo's
// "40 TOPS of INT4 performance, equivalent to 20 TOPS of INT8" for the Hailo-10H (The Register,
// 2024-04-10, seen), which configs/accel/hailo-10h-class.yaml reaches as 10,240 MACs at
// 976.5625 MHz; the T4's 260 INT4 TOPS (T4 datasheet, ../shared/data/gpus.csv note, seen) and the
// A100's 1248 dense (A100 datasheet r4 table, seen); the INT4 MAC's 0.05 + 0.1 pJ against INT8's
// 0.2 + 0.1 pJ at 45 nm (Horowitz ISSCC 2014, the multiply scaled by (4/8)^2: an assumption,
// docs/energy-model.md "INT4").
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"
#include "../run_json.hpp"

namespace headroom::test {
namespace {

constexpr const char* kHailo = "configs/accel/hailo-10h-class.yaml";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Int4, HailoClassRunsItAtTwiceTheInt8Rate) {
  const auto i8 = run_json({"--accel", kHailo, "--network", "kws_ds_cnn"});
  const auto i4 = run_json({"--accel", kHailo, "--network", "kws_ds_cnn", "--precision", "int4"});
  EXPECT_EQ(i4["workload"]["precision"], "int4");
  EXPECT_NEAR(i8["totals"]["peak_tflops"].get<double>(), 20.0, 1e-9);
  EXPECT_NEAR(i4["totals"]["peak_tflops"].get<double>(), 40.0, 1e-9);
  EXPECT_EQ(i8["config"]["peak_macs_per_cycle"].get<std::uint64_t>(), 10240U);
  EXPECT_EQ(i4["config"]["peak_macs_per_cycle"].get<std::uint64_t>(), 20480U);
  EXPECT_EQ(i4["totals"]["macs"], i8["totals"]["macs"]);
}

TEST(Int4, ItsMacCostsHalfAnInt8Mac) {
  const auto i8 = run_json({"--accel", kHailo, "--network", "kws_ds_cnn"});
  const auto i4 = run_json({"--accel", kHailo, "--network", "kws_ds_cnn", "--precision", "int4"});
  const double ratio = i4["energy"]["components"]["mac_j"].get<double>() /
                       i8["energy"]["components"]["mac_j"].get<double>();
  EXPECT_NEAR(ratio, 0.15 / 0.3, 1e-9);
}

TEST(Int4, MovesAboutHalfTheDramBytes) {
  // Each transfer is half its INT8 bytes, rounded up: at most one byte more per tile, and the
  // planner may choose other tiles at the narrower width, so the network as a whole is checked
  // against a band and the exact arithmetic is tests/accel/int4_tiling_test.cpp's.
  const auto i8 = run_json({"--accel", kHailo, "--network", "resnet50"});
  const auto i4 = run_json({"--accel", kHailo, "--network", "resnet50", "--precision", "int4"});
  const auto bytes = [](const nlohmann::json& j) {
    return j["totals"]["dram_read_bytes"].get<double>() +
           j["totals"]["dram_write_bytes"].get<double>();
  };
  EXPECT_LT(bytes(i4), 0.55 * bytes(i8));
  EXPECT_GT(bytes(i4), 0.45 * bytes(i8));
}

TEST(Int4, ElementsAreHalfABytePrinted) {
  const CliResult r =
      run_cli({"run", "--accel", kHailo, "--network", "kws_ds_cnn", "--precision", "int4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "precision int4 (0.5 B per element)")) << r.out;
  EXPECT_TRUE(contains(r.out, "(integer ops for int4)")) << r.out;
}

TEST(Int4, AnArrayWithoutItIsRefusedNamingWhatItRuns) {
  const CliResult r = run_cli({"run", "--accel", "configs/accel/edge-16x16-int8.yaml", "--network",
                               "kws_ds_cnn", "--precision", "int4"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "found int4")) << r.err;
  EXPECT_TRUE(contains(r.err, "(int8)")) << r.err;
}

TEST(Int4, AnUnknownWidthIsRefused) {
  const CliResult r =
      run_cli({"run", "--accel", kHailo, "--network", "kws_ds_cnn", "--precision", "int3"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "expected one of")) << r.err;
  EXPECT_TRUE(contains(r.err, "int3")) << r.err;
}

TEST(Int4, TuringAndAmpereRunItAtTheirDatasheetPeaks) {
  const auto t4 = nlohmann::json::parse(
      run_cli({"run", "--device", "t4:int4", "--network", "resnet50", "--json", "-"}).out);
  EXPECT_DOUBLE_EQ(t4["peak_flops"].get<double>(), 260e12);
  const auto a100 = nlohmann::json::parse(
      run_cli({"run", "--device", "a100:int4", "--network", "resnet50", "--json", "-"}).out);
  EXPECT_DOUBLE_EQ(a100["peak_flops"].get<double>(), 1248e12);
  const CliResult cmp = run_cli({"compare", "--accel", kHailo, "--precision", "int4", "--gpu",
                                 "t4:int4", "--network", "kws_ds_cnn", "--json", "-"});
  ASSERT_EQ(cmp.exit_code, 0) << cmp.err;
  EXPECT_EQ(nlohmann::json::parse(cmp.out)["gpus"][0]["precision"], "int4");
}

TEST(Int4, ADeviceWithoutAnInt4PeakNamesTheKey) {
  const CliResult r = run_cli({"run", "--device", "k40:int4", "--network", "resnet50"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "peak_tflops.int4")) << r.err;
}

TEST(Int4, TrainingIsRefused) {
  const CliResult r = run_cli({"train", "--accel", kHailo, "--run",
                               "tests/data/train/dqn-small.yaml", "--precision", "int4"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.err, "int4 runs inference only")) << r.err;
}

}  // namespace
}  // namespace headroom::test
