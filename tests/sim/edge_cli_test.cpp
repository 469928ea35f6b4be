// SPDX-License-Identifier: MIT
// The on-device additions of issue 16 through the real CLI: MobileNet v1's width multiplier and
// the MLPerf Tiny models.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"

namespace headroom::test {
namespace {

// MLPerf Tiny VWW is MobileNet v1 at 0.25 on 96x96 with 2 classes: 7,489,664 MACs
// (tests/data/edge/tiny_models.csv); the 1000-class head adds 256 x 998 MACs.
TEST(EdgeCli, ShowTakesAWidthMultiplierAndImageSize) {
  const CliResult r = run_cli({"models", "show", "mobilenet_v1", "--width-multiplier", "0.25",
                               "--image-size", "96", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["forward_macs"].get<std::uint64_t>(), 7489664U + 256U * 998U);
}

TEST(EdgeCli, WidthMultiplierOnANetworkWithoutOneIsAnError) {
  const CliResult r = run_cli({"models", "show", "resnet50", "--width-multiplier", "0.5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--width-multiplier"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(EdgeCli, TinyModelsAreInTheZoo) {
  const CliResult r = run_cli({"models", "show", "kws_ds_cnn", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["forward_macs"].get<std::uint64_t>(), 2656768U);  // tiny_models.csv TOTAL row
}

}  // namespace
}  // namespace headroom::test
