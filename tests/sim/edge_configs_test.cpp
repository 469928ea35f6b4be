// SPDX-License-Identifier: MIT
// The shipped edge NPU configs against their data rows: MACs per cycle and peak throughput from
// ../shared/data/edge/edge_devices.csv (Arm Ethos-U55 rows, seen in Arm's Vela; Eyeriss v2's PE
// count and clock recalled there).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"
#include "../param_name.hpp"

namespace headroom::test {
namespace {

struct Case {
  const char* config;
  std::uint64_t macs_per_cycle;
  double peak_tops;
};

class EdgeConfigPeak : public ::testing::TestWithParam<Case> {};

TEST_P(EdgeConfigPeak, MatchesTheDataRow) {
  const Case& c = GetParam();
  const CliResult r =
      run_cli({"run", "--accel", c.config, "--network", "kws_ds_cnn", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["config"]["peak_macs_per_cycle"].get<std::uint64_t>(), c.macs_per_cycle);
  EXPECT_NEAR(j["totals"]["peak_tflops"].get<double>(), c.peak_tops, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(
    Configs, EdgeConfigPeak,
    ::testing::Values(
        // "Arm Ethos-U55-128": 128/cycle; "0.128 at 500 MHz" (DERIVED, 2 ops/MAC).
        Case{"configs/accel/ethos-u55-128.yaml", 128, 0.128},
        // "Arm Ethos-U55-256": 256/cycle; "0.256 at 500 MHz".
        Case{"configs/accel/ethos-u55-256.yaml", 256, 0.256},
        // "Eyeriss v2": 192 PEs at 200 MHz (both recalled): 192 x 2 x 200 MHz.
        Case{"configs/accel/eyeriss-v2-class.yaml", 192, 0.0768},
        // "Arm Ethos-N77" (WikiChip, seen): 2048 MACs, "4.096 INT8".
        Case{"configs/accel/ethos-n77-class.yaml", 2048, 4.096}),
    [](const ::testing::TestParamInfo<EdgeConfigPeak::ParamType>& i) {
      return headroom::test::param_name(i.param.config);
    });

}  // namespace
}  // namespace headroom::test
