// SPDX-License-Identifier: MIT
// `headroom run`'s text report and `headroom fields` through the real CLI.
// The text report's cycle line must add up: before, it listed compute and stall cycles only, and
// the last op's exposed write-back made their sum fall short of the total.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../cli_runner.hpp"

namespace {

using headroom::test::run_cli;

// tests/data/run/tiny_gemm.csv on configs/accel/edge-16x16-int8.yaml. The last layer, fc3, writes
// its 64 x 10 INT8 outputs after the array has finished: 640 B over LPDDR4 at 12.8 GB/s and 1 GHz
// (12.8 B per cycle, whole 32 B bursts: 20 of them) = 50 cycles, plus the 35 ns = 35 cycles of
// LPDDR4 latency (accel/src/common/dram_types.cpp) = 85 exposed cycles (hand computed).
// 18040 compute + 135 stalled + 85 write-back = 18260 total (hand added).
TEST(ReportCyclesCli, CyclePartsAddUpToTheTotal) {
  const auto r = run_cli({"run", "--accel", "configs/accel/edge-16x16-int8.yaml", "--topology",
                          "tests/data/run/tiny_gemm.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  cycles           18260 (compute 18040 + stalled 135 + last write-back "
                       "85; vector unit busy 0)\n"),
            std::string::npos)
      << r.out;

  const auto j = run_cli({"run", "--accel", "configs/accel/edge-16x16-int8.yaml", "--topology",
                          "tests/data/run/tiny_gemm.csv", "--json", "-"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  const auto totals = nlohmann::json::parse(j.out).at("totals");
  EXPECT_EQ(totals.at("writeback_cycles"), 85);
  EXPECT_EQ(totals.at("total_cycles"), 18260);
}

// `headroom fields` lists the declared run and layer fields with their units.
TEST(FieldsCli, ListsTheRunFieldsWithTheirUnits) {
  const auto r = run_cli({"fields"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* line : {"  latency_s                          s ", "  energy_sram_unified_j",
                           "  writeback_cycles                   cycles "})
    EXPECT_NE(r.out.find(line), std::string::npos) << line << "\n" << r.out;
}

}  // namespace
