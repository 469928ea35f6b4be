// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_runner.hpp"
#include "headroom/models/zoo.hpp"

namespace {

namespace fs = std::filesystem;
using headroom::test::run_cli;

const fs::path kRoot = HEADROOM_SOURCE_DIR;
const std::string kEdge = "configs/accel/edge-16x16-int8.yaml";
const std::string kTiny = "tests/data/run/tiny_gemm.csv";  // three GEMM layers

fs::path scratch(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("headroom-run-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

TEST(RunCli, BadConfigCorpusExitsTwoWithTheMessageAndWritesNothing) {
  int n = 0;
  for (const auto& f : fs::directory_iterator(kRoot / "tests/data/bad")) {
    if (!f.is_regular_file()) continue;  // corpus/ is bad_input_corpus_test's
    std::ifstream in(f.path());
    std::string first;
    std::getline(in, first);
    const std::string expect = first.substr(std::string("# expect: ").size());
    const fs::path json = scratch(f.path().stem().string() + ".json");
    const fs::path csv = scratch(f.path().stem().string() + ".csv");
    const auto r = run_cli({"run", "--accel", f.path().string(), "--topology", kTiny, "--json",
                            json.string(), "--csv", csv.string()});
    EXPECT_EQ(r.exit_code, 2) << f.path();
    EXPECT_NE(r.err.find(expect), std::string::npos) << f.path() << "\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << f.path();
    EXPECT_FALSE(fs::exists(json)) << json;
    EXPECT_FALSE(fs::exists(csv)) << csv;
    ++n;
  }
  EXPECT_GE(n, 15);
}

TEST(RunCli, JsonOnStdoutHasRequiredKeysAndTotalsEqualTheSumOfLayers) {
  const auto r = run_cli({"run", "--accel", kEdge, "--topology", kTiny, "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key :
       {"total_cycles", "latency_s", "throughput_tflops", "utilization", "stall_share",
        "sram_reads", "sram_writes", "dram_read_bytes", "dram_write_bytes", "macs"})
    EXPECT_TRUE(j.at("totals").contains(key)) << key;
  ASSERT_EQ(j.at("layers").size(), 3u);
  for (const char* key : {"macs", "sram_reads", "sram_writes", "dram_read_bytes",
                          "dram_write_bytes", "stall_cycles"}) {
    std::uint64_t sum = 0;
    for (const auto& l : j.at("layers")) sum += l.at(key).get<std::uint64_t>();
    EXPECT_EQ(sum, j.at("totals").at(key).get<std::uint64_t>()) << key;
  }
  for (const auto& l : j.at("layers"))
    for (const char* key :
         {"name", "M", "N", "K", "compute_cycles", "stall_cycles", "total_cycles", "utilization"})
      EXPECT_TRUE(l.contains(key)) << key;
  // The layer shapes of tests/data/run/tiny_gemm.csv: 64*128*256 + 64*64*128 + 64*10*64 MACs.
  EXPECT_EQ(j.at("totals").at("macs").get<std::uint64_t>(), 2097152u + 524288u + 40960u);
  EXPECT_EQ(j.at("layers").at(0).at("M"), 64);
}

TEST(RunCli, FilesAreWrittenAndCsvHasOneRowPerOp) {
  const fs::path json = scratch("good.json");
  const fs::path csv = scratch("good.csv");
  const auto r = run_cli({"run", "--accel", kEdge, "--topology", kTiny, "--json", json.string(),
                          "--csv", csv.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 MAC = 2 FLOPs"), std::string::npos) << r.out;
  std::ifstream in(csv);
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) ++rows;
  EXPECT_EQ(rows, 1 + 3);  // header + one row per op
  const auto doc = nlohmann::json::parse(std::ifstream(json));
  EXPECT_EQ(doc.at("layers").size(), 3u);
  fs::remove_all(json.parent_path());
}

TEST(RunCli, ScaleSimFilesRunUnchangedWithItsCycleCount) {
  const std::string dir = "tests/data/scalesim/test_mnk_input_8x8_ws/";
  const auto r = run_cli({"run", "--accel", dir + "test_mnk_input_8x8_ws.cfg", "--topology",
                          dir + "test_mnk_input.csv", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  // SCALE-Sim v2 COMPUTE_REPORT.csv: 38399 cycles, reported as the 0-based index of the last
  // cycle, so one less than the count (../shared/peers/scalesim/README.md section 3).
  EXPECT_EQ(j.at("layers").at(0).at("total_cycles").get<std::uint64_t>(), 38399u + 1);
  // A SCALE-Sim .cfg names no DRAM type, so the report says why energy is missing.
  EXPECT_TRUE(j.contains("energy_and_area_not_estimated"));
  EXPECT_FALSE(j.at("totals").contains("energy_j"));
}

TEST(RunCli, UnknownNetworkSuggestsCloseNames) {
  const auto r = run_cli({"run", "--accel", kEdge, "--network", "resnet5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("resnet50"), std::string::npos) << r.err;
}

TEST(RunCli, EnergyAndAreaTotalsOnAYamlConfig) {
  const auto r = run_cli({"run", "--accel", kEdge, "--topology", kTiny, "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto t = nlohmann::json::parse(r.out).at("totals");
  for (const char* key : {"energy_j", "power_w", "flops_per_w", "area_mm2"})
    EXPECT_GT(t.at(key).get<double>(), 0) << key;
  // FLOPS/W is achieved FLOPs over energy: 2 x MACs / J (1 MAC = 2 FLOPs).
  EXPECT_NEAR(t.at("flops_per_w").get<double>(),
              2.0 * t.at("macs").get<double>() / t.at("energy_j").get<double>(),
              1e-9 * t.at("flops_per_w").get<double>());
}

TEST(RunCli, UnsupportedPrecisionIsAnInputError) {
  const auto r = run_cli({"run", "--accel", kEdge, "--topology", kTiny, "--precision", "bf16"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(
      r.err.find("--precision: expected a precision the array of edge-16x16-int8 runs (int8)"),
      std::string::npos)
      << r.err;
}

TEST(RunCli, NeedsAWorkload) {
  const auto r = run_cli({"run", "--accel", kEdge});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--network NAME or --topology FILE"), std::string::npos) << r.err;
}

TEST(RunCli, Gpt3OnASinglePeRunsEveryMac) {
  // GPT-3 175B's forward pass on one PE: its QKV GEMM alone is 2048 x 36864 x 12288, 226 M
  // single-PE tiles, over the 2^26 per op once refused. It runs, every MAC of the network (the
  // zoo's layer-by-layer count, not the lowered trace) on the one PE, at one a cycle.
  const auto r = headroom::test::run_cli({"run", "--accel", "tests/data/train/one-pe-bf16.yaml",
                                          "--network", "gpt3_175b", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto totals = nlohmann::json::parse(r.out)["totals"];
  const std::uint64_t macs = headroom::models::make_network("gpt3_175b").forward_macs();
  EXPECT_EQ(totals["macs"].get<std::uint64_t>(), macs);
  EXPECT_GE(totals["compute_cycles"].get<std::uint64_t>(), macs);
}

TEST(RunCli, ARunTooLongForTheModelsClockExitsTwoNamingTheWorkload) {
  // GPT-3's training step at batch 32 on one PE: 3.5 x 10^16 MACs, more cycles than the model's
  // clock counts (1.4 x 10^16); it once wrapped to a utilisation of 209 %.
  const auto r = headroom::test::run_cli({"run", "--accel", "tests/data/train/one-pe-bf16.yaml",
                                          "--network", "gpt3_175b", "--training", "--batch", "32"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("gpt3_175b: too long a run"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("one-pe-bf16.yaml"), std::string::npos) << r.err;
}

}  // namespace
