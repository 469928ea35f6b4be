// SPDX-License-Identifier: MIT
// The parameter cache from the CLI (sram.parameter_cache): bad values are refused naming the key
// (exit 2, nothing on stdout); a run with one says what it caches in the header, the JSON and
// the per-layer `dram_traffic`; a run without one has none of those keys. The MLPerf Tiny DS-CNN's
// weight bytes are from ../shared/data/edge/tiny_models.csv (mlcommons/tiny keras_model.py,
// verified: seen) at INT8, weights = params - biases per layer, as in on_chip_only_test.cpp.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"
#include "../temp_dir.hpp"

namespace headroom::test {
namespace {

std::string config(const TempDir& dir, const std::string& sram_lines, const std::string& dram) {
  const std::string path = dir.file("cache.yaml");
  std::ofstream(path) << "name: cache\nclock: \"100 MHz\"\nprecision: int8\n"
                         "array:\n  rows: 8\n  cols: 8\n"
                         "sram:\n"
                      << sram_lines << "dram: " << dram << "\ntech:\n  node: \"45 nm\"\n";
  return path;
}

const std::string kUnified64K = "  unified:\n    size: \"64 KiB\"\n";
const std::string kLpddr4 = "{type: lpddr4}";

TEST(ParameterCacheCli, ACacheAsLargeAsItsBufferIsRefused) {
  const TempDir dir;
  const std::string cfg = config(dir, kUnified64K + "  parameter_cache: \"64 KiB\"\n", kLpddr4);
  const CliResult r = run_cli({"run", "--accel", cfg, "--network", "kws_ds_cnn"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sram.parameter_cache"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("less than sram.unified.size (65536 B)"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(ParameterCacheCli, SeparateBuffersReserveItFromTheFilterBuffer) {
  const TempDir dir;
  const std::string cfg = config(dir,
                                 "  ifmap: {size: \"64 KiB\"}\n  filter: {size: \"16 KiB\"}\n"
                                 "  ofmap: {size: \"64 KiB\"}\n  parameter_cache: \"32 KiB\"\n",
                                 kLpddr4);
  const CliResult r = run_cli({"run", "--accel", cfg, "--network", "kws_ds_cnn"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("less than sram.filter.size (16384 B)"), std::string::npos) << r.err;
}

TEST(ParameterCacheCli, AnOnChipOnlyDesignHasNoCacheToReserve) {
  const TempDir dir;
  const std::string cfg = config(dir, kUnified64K + "  parameter_cache: \"16 KiB\"\n", "none");
  const CliResult r = run_cli({"run", "--accel", cfg, "--network", "kws_ds_cnn"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sram.parameter_cache: expected no parameter cache with dram: none"),
            std::string::npos)
      << r.err;
}

TEST(ParameterCacheCli, ABareNumberIsRefused) {
  const TempDir dir;
  const std::string cfg = config(dir, kUnified64K + "  parameter_cache: 16384\n", kLpddr4);
  const CliResult r = run_cli({"run", "--accel", cfg, "--network", "kws_ds_cnn"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sram.parameter_cache"), std::string::npos) << r.err;
}

// 16 KiB holds conv1 (2560 B) and dw1..dw3 with pw1, pw2 (3 x 576 + 2 x 4096): 12480 B; pw3
// would make 16576 B. Of 22016 B of weights in all.
TEST(ParameterCacheCli, ReportsWhatIsCachedAndTheColdStart) {
  const TempDir dir;
  const std::string cfg = config(dir, kUnified64K + "  parameter_cache: \"16 KiB\"\n", kLpddr4);
  const CliResult r = run_cli({"run", "--accel", cfg, "--network", "kws_ds_cnn", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& t = j["totals"];
  EXPECT_EQ(t["parameter_cache_bytes"].get<std::uint64_t>(), 16384U);
  EXPECT_EQ(t["weight_bytes"].get<std::uint64_t>(), 22016U);
  EXPECT_EQ(t["cached_weight_bytes"].get<std::uint64_t>(), 12480U);
  EXPECT_EQ(t["cold_start_extra_dram_read_bytes"].get<std::uint64_t>(), 12480U);
  int cached = 0;
  for (const auto& layer : j["layers"]) {
    const std::string traffic = layer["dram_traffic"];
    if (traffic.find("weights cached on chip") != std::string::npos) ++cached;
  }
  EXPECT_EQ(cached, 6);  // conv1, dw1, pw1, dw2, pw2, dw3

  const CliResult table = run_cli({"run", "--accel", cfg, "--network", "kws_ds_cnn"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("steady state: 12480 of 22016 weight bytes cached on chip"),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("cold first inference adds 12480 bytes of DRAM reads"),
            std::string::npos)
      << table.out;
}

TEST(ParameterCacheCli, TheSteadyStateIsWhatRateAverages) {
  const TempDir dir;
  const std::string cfg = config(dir, kUnified64K + "  parameter_cache: \"16 KiB\"\n", kLpddr4);
  const CliResult r = run_cli({"run", "--accel", cfg, "--network", "kws_ds_cnn", "--rate", "10/s"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("steady state: 12480 B of weights stay in the parameter cache"),
            std::string::npos)
      << r.out;
}

// Power-gated, the SRAM forgets the cache: every wake-up pays the reads that refill it, so the
// energy per inference is about what it is without a cache (the same weight bytes read once).
TEST(ParameterCacheCli, APowerGatedChipRefillsTheCacheAtEachWakeUp) {
  const TempDir dir;
  const auto energy_uj = [&](const std::string& sram) {
    const std::string cfg = config(dir, sram, kLpddr4);
    const CliResult r = run_cli({"run", "--accel", cfg, "--network", "kws_ds_cnn", "--rate", "10/s",
                                 "--idle", "gated", "--json", "-"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out)["battery"]["energy_per_inference_uj"].get<double>();
  };
  const double cached = energy_uj(kUnified64K + "  parameter_cache: \"16 KiB\"\n");
  const double none = energy_uj(kUnified64K);
  EXPECT_NEAR(cached, none, 1e-3 * none);

  const std::string cfg = config(dir, kUnified64K + "  parameter_cache: \"16 KiB\"\n", kLpddr4);
  const CliResult r = run_cli(
      {"run", "--accel", cfg, "--network", "kws_ds_cnn", "--rate", "10/s", "--idle", "gated"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("the SRAM loses its 12480 B of weights, so each wake-up reads them from "
                       "DRAM again"),
            std::string::npos)
      << r.out;
}

TEST(ParameterCacheCli, WithoutTheKeyNoCacheFieldIsReported) {
  const TempDir dir;
  const std::string cfg = config(dir, kUnified64K, kLpddr4);
  const CliResult r = run_cli({"run", "--accel", cfg, "--network", "kws_ds_cnn", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j["totals"].contains("cached_weight_bytes"));
  EXPECT_FALSE(j["totals"].contains("parameter_cache_bytes"));
  for (const auto& layer : j["layers"])
    EXPECT_EQ(std::string(layer["dram_traffic"]).find("cached"), std::string::npos);
}

}  // namespace
}  // namespace headroom::test
