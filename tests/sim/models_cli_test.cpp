// SPDX-License-Identifier: MIT
// `headroom models` end to end through the real CLI.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"

namespace headroom::test {
namespace {

TEST(ModelsCli, ListsTheZoo) {
  const CliResult r = run_cli({"models"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("resnet50"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("gpt3_175b"), std::string::npos) << r.out;
}

TEST(ModelsCli, JsonListsEveryNetwork) {
  const CliResult r = run_cli({"models", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  // 22 + LaMDA, PaLM, Llama 3.1 (models/src/zoo/llm.cpp) + MobileNet v1 and the four MLPerf
  // Tiny models (issue 16) + the 7 other architectures of AI and Efficiency (issue 12) + MobileNet
  // v3 Large and Small, SSDLite320 MobileNetV3 and EfficientNet-Lite0 (issue 16).
  EXPECT_EQ(j.size(), 41U);
  bool resnet50 = false;
  for (const auto& e : j)
    if (e["name"] == "resnet50") {
      resnet50 = true;
      // torchvision num_params (tests/data/networks.csv).
      EXPECT_EQ(e["parameters"].get<std::uint64_t>(), 25557032U);
    }
  EXPECT_TRUE(resnet50);
}

TEST(ModelsCli, ShowPrintsConvLayersAtTheBatch) {
  const CliResult r = run_cli({"models", "show", "alexnet", "--batch", "4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("conv1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("conv5"), std::string::npos) << r.out;
  // AlexNet 2012 conv1 by hand: 55x55 outputs x 96 filters x 11x11x3 x batch 4 (Krizhevsky et al.
  // 2012); Eyeriss' per-layer table lists 422M for it at batch 4.
  EXPECT_NE(r.out.find("421660800"), std::string::npos) << r.out;
}

TEST(ModelsCli, UnknownNetworkSuggestsTheClosest) {
  const CliResult r = run_cli({"models", "show", "restnet50"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("resnet50"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace
}  // namespace headroom::test
