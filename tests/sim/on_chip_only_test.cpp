// SPDX-License-Identifier: MIT
// On-chip-only designs (`dram: none`, issue 16) from the CLI: a network that fits runs with no
// DRAM byte or joule and says so; one that does not is refused naming the layer, the bytes it
// needs and the capacity. Golden byte counts are the MLPerf Tiny DS-CNN's weights and maps from
// ../shared/data/edge/tiny_models.csv (read from mlcommons/tiny keras_model.py, verified: seen),
// at INT8 (1 B each): weights = params - biases per layer.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"
#include "../temp_dir.hpp"

namespace headroom::test {
namespace {

constexpr const char* kConfig = "configs/accel/syntiant-core2-class.yaml";

// The example config with another SRAM size.
std::string config_with_sram(const TempDir& dir, const std::string& size) {
  const std::string path = dir.file("onchip.yaml");
  std::ofstream(path) << "name: onchip\nclock: \"100 MHz\"\nprecision: int8\n"
                         "array:\n  rows: 8\n  cols: 8\n"
                         "sram:\n  unified:\n    size: \""
                      << size << "\"\ndram: none\ntech:\n  node: \"45 nm\"\n";
  return path;
}

TEST(OnChipOnly, KeywordSpottingFitsAndMovesNoDramByte) {
  const CliResult r =
      run_cli({"run", "--accel", kConfig, "--network", "kws_ds_cnn", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["config"]["memory"], "on_chip_only");
  EXPECT_EQ(j["totals"]["dram_read_bytes"].get<std::uint64_t>(), 0U);
  EXPECT_EQ(j["totals"]["dram_write_bytes"].get<std::uint64_t>(), 0U);
  // 2,656,768 MACs: tiny_models.csv "KWS DS-CNN,TOTAL" (the MLPerf Tiny reference).
  EXPECT_EQ(j["totals"]["macs"].get<std::uint64_t>(), 2656768U);
  EXPECT_EQ(j["energy"]["components"]["dram_j"].get<double>(), 0.0);
  EXPECT_EQ(j["energy"]["components"]["sram_dram_transfer_j"].get<double>(), 0.0);
  EXPECT_GT(j["totals"]["energy_j"].get<double>(), 0.0);
  for (const auto& layer : j["layers"]) {
    EXPECT_EQ(layer["dram_read_bytes"].get<std::uint64_t>(), 0U) << layer["name"];
    EXPECT_EQ(layer["dram_traffic"], "none: on-chip only (dram: none)") << layer["name"];
  }
}

TEST(OnChipOnly, TheTableSaysOnChipOnly) {
  const CliResult r = run_cli({"run", "--accel", kConfig, "--network", "ic_resnet8"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("memory: on-chip only (dram: none)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("DRAM             none (on-chip only): 0 B read, 0 B written"),
            std::string::npos)
      << r.out;
}

TEST(OnChipOnly, AsWrittenGraphMovesNoDramByteEither) {
  const CliResult r =
      run_cli({"run", "--accel", kConfig, "--network", "kws_ds_cnn", "--no-fuse", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["totals"]["dram_read_bytes"].get<std::uint64_t>(), 0U);
  EXPECT_EQ(j["totals"]["dram_write_bytes"].get<std::uint64_t>(), 0U);
}

// Weights up to pw3: 2560 (conv1 10x4x1x64) + 3 x (576 dw + 4096 pw) = 16576 B > 16 KiB.
TEST(OnChipOnly, WeightsThatOverflowNameTheLayer) {
  const TempDir dir;
  const std::string cfg = config_with_sram(dir, "16 KiB");
  const CliResult r = run_cli({"run", "--accel", cfg, "--network", "kws_ds_cnn"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("16384 B of SRAM, found layer pw3 needing 16576 B for the weights of the "
                       "layers up to it"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

// All 22016 B of weights fit 32 KiB; dw1 then holds its 25x5x64 input and output maps (8000 B
// each) beside them: 38016 B.
TEST(OnChipOnly, MapsThatOverflowNameTheLayer) {
  const TempDir dir;
  const std::string cfg = config_with_sram(dir, "32 KiB");
  const CliResult r = run_cli({"run", "--accel", cfg, "--network", "kws_ds_cnn"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("32768 B of SRAM, found layer dw1 needing 38016 B (22016 B of weights + "
                       "16000 B of input, output and held residual maps)"),
            std::string::npos)
      << r.err;
}

// 38016 B is exactly enough.
TEST(OnChipOnly, AnExactFitRuns) {
  const TempDir dir;
  const std::string cfg = config_with_sram(dir, "38016 B");
  const CliResult r = run_cli({"run", "--accel", cfg, "--network", "kws_ds_cnn"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace headroom::test
