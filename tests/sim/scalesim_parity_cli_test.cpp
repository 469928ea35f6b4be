// SPDX-License-Identifier: MIT
// End to end: a SCALE-Sim user's .cfg and topology CSV through `headroom run` give SCALE-Sim's
// cycles (docs/scalesim-parity.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

TEST(ScaleSimParityCli, HeadroomRunReportsScaleSimCyclesForItsOwnFiles) {
  const std::string run = "tests/data/scalesim/alexnet_32x32_os/";
  const auto json_path = std::filesystem::temp_directory_path() /
                         ("h4-scalesim-" + std::to_string(::getpid()) + ".json");
  const auto r =
      headroom::test::run_cli({"run", "--accel", run + "alexnet_32x32_os.cfg", "--topology",
                               run + "alexnet.csv", "--json", json_path.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto report = nlohmann::json::parse(headroom::test::slurp(json_path));
  std::filesystem::remove(json_path);
  // SCALE-Sim v2 Total Cycles per layer, tests/data/scalesim/alexnet_32x32_os/COMPUTE_REPORT.csv;
  // SCALE-Sim reports the index of the last cycle, Headroom the count (+1, its issues #60/#125).
  const std::uint64_t scalesim[] = {121124, 334831, 113567, 168863, 112575};
  const auto& layers = report.at("layers");
  ASSERT_EQ(layers.size(), 5u);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    EXPECT_EQ(layers[i].at("total_cycles").get<std::uint64_t>(), scalesim[i] + 1) << i;
    EXPECT_EQ(layers[i].at("stall_cycles").get<std::uint64_t>(), 0u) << i;
    total += scalesim[i] + 1;
  }
  EXPECT_EQ(report.at("totals").at("total_cycles").get<std::uint64_t>(), total);
}

}  // namespace
