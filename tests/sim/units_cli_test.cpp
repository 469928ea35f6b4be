// SPDX-License-Identifier: MIT
// Quantities with units on the command line and in device files, and `--json [FILE]` meaning
// the same in every command.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../cli_runner.hpp"
#include "../temp_dir.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/device_spec.hpp"

namespace headroom::test {
namespace {

namespace fs = std::filesystem;

const char* const kChip = "configs/accel/training-chip-4x128-bf16.yaml";
const char* const kRun = "tests/data/train/dqn-small.yaml";

double time_to_train(const std::vector<std::string>& link_flags) {
  std::vector<std::string> args = {"train",   "--accel", kChip,    "--run", kRun,
                                   "--chips", "4",       "--json", "-"};
  args.insert(args.end(), link_flags.begin(), link_flags.end());
  const CliResult r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out)["totals"]["time_to_train_s"].get<double>();
}

TEST(UnitsCli, LinkFlagsTakeBareNumbersOrQuantities) {
  // A slow link, so the all-reduce shows in the time.
  const double bare = time_to_train({"--link-gbps", "2", "--link-latency-us", "5"});
  EXPECT_DOUBLE_EQ(time_to_train({"--link-bandwidth", "2 GB/s", "--link-latency", "5 us"}), bare);
  EXPECT_DOUBLE_EQ(time_to_train({"--link-gbps", "2000 MB/s", "--link-latency-us", "5000 ns"}),
                   bare);
  EXPECT_GT(bare, time_to_train({"--link-bandwidth", "1 TB/s"}));
}

TEST(UnitsCli, RejectsNonFiniteAndNegativeValuesNamingTheFlag) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--link-gbps", "nan"}, "--link-gbps"},
      {{"--link-bandwidth", "inf GB/s"}, "--link-bandwidth"},
      {{"--link-bandwidth", "0 GB/s"}, "--link-bandwidth"},
      {{"--link-latency", "-1 us"}, "--link-latency"},
      {{"--link-latency", "1 GB/s"}, "--link-latency"},
      {{"--pue", "inf"}, "--pue"},
      {{"--price-per-kwh", "-0.1"}, "--price-per-kwh"},
      {{"--chip-price", "nan"}, "--chip-price"}};
  for (const auto& [flags, name] : cases) {
    std::vector<std::string> args = {"train", "--accel", kChip, "--run", kRun};
    args.insert(args.end(), flags.begin(), flags.end());
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << flags[0] << " " << flags[1];
    EXPECT_NE(r.err.find(name), std::string::npos) << r.err;
  }
}

class DeviceFile : public ::testing::Test {
 protected:
  std::string write(const std::string& figures) {
    path_ = fs::temp_directory_path() /
            (std::string("headroom_units_device_") +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".yaml");
    std::ofstream(path_) << "name: X\nkind: gpu\nyear: 2020\nsource: test\nsm_count: 10\n"
                         << "peak_tflops: {fp32: 10}\n"
                         << figures;
    return path_.string();
  }
  void TearDown() override { fs::remove(path_); }
  fs::path path_;
};

TEST_F(DeviceFile, FiguresWithUnitsEqualTheBareKeys) {
  const sim::DeviceSpec with_units = sim::load_device_file(
      write("bandwidth: \"3.35 TB/s\"\nmemory: \"80 GB\"\ntdp: \"0.7 kW\"\nclock: \"1.98 GHz\"\n"
            "node: \"4 nm\"\n"));
  EXPECT_DOUBLE_EQ(*with_units.bandwidth_gb_s, 3350);
  EXPECT_DOUBLE_EQ(*with_units.memory_gb, 80);
  EXPECT_DOUBLE_EQ(*with_units.tdp_w, 700);
  EXPECT_DOUBLE_EQ(*with_units.clock_mhz, 1980);
  EXPECT_DOUBLE_EQ(*with_units.node_nm, 4);
  // The shipped example (h100-sxm.yaml) carries units; the H100 datasheet: 3.35 TB/s, 700 W.
  const sim::DeviceSpec h100 = sim::load_device("h100");
  EXPECT_DOUBLE_EQ(*h100.bandwidth_gb_s, 3350);
  EXPECT_DOUBLE_EQ(*h100.tdp_w, 700);
}

TEST_F(DeviceFile, BothSpellingsOrAWrongUnitAreErrors) {
  const std::string both = write("bandwidth: \"100 GB/s\"\nbandwidth_gb_s: 100\n");
  try {
    (void)sim::load_device_file(both);
    FAIL() << "both keys accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not both"), std::string::npos) << e.what();
  }
  const std::string wrong = write("bandwidth: \"100 GB\"\n");
  try {
    (void)sim::load_device_file(wrong);
    FAIL() << "a size accepted as a bandwidth";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bandwidth"), std::string::npos) << e.what();
  }
}

// `--json FILE` writes the JSON there and prints the table; `--json -` prints the JSON instead.
TEST(JsonOption, MeansTheSameInEveryCommand) {
  const std::vector<std::vector<std::string>> commands = {
      {"models"},
      {"models", "show", "alexnet"},
      {"compute", "--run", "configs/runs/alexnet.yaml"},
      {"run", "--network", "alexnet"},
      {"compare", "--accel", "tpu-v1", "--device", "k40", "--network", "alexnet"},
      {"train", "--accel", kChip, "--run", kRun}};
  // A directory of its own: suites of several worktrees share /tmp.
  const TempDir dir("headroom-json-option-");
  const fs::path file = dir.path / "report.json";
  for (const auto& command : commands) {
    std::vector<std::string> to_file = command;
    to_file.insert(to_file.end(), {"--json", file.string()});
    fs::remove(file);
    const CliResult table = run_cli(to_file);
    ASSERT_EQ(table.exit_code, 0) << command[0] << ": " << table.err;
    EXPECT_FALSE(nlohmann::json::accept(table.out)) << command[0] << " printed JSON, not a table";
    std::ifstream in(file);
    const nlohmann::json written = nlohmann::json::parse(in);
    std::vector<std::string> to_stdout = command;
    to_stdout.insert(to_stdout.end(), {"--json", "-"});
    const CliResult printed = run_cli(to_stdout);
    ASSERT_EQ(printed.exit_code, 0) << command[0] << ": " << printed.err;
    EXPECT_EQ(nlohmann::json::parse(printed.out), written) << command[0];
  }
}

}  // namespace
}  // namespace headroom::test
