// SPDX-License-Identifier: MIT
// `headroom trends fit` through the real binary: the JSON names, the default table computed
// from configs/runs (never typed), and Epoch's CSV read in place from ../shared.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli_runner.hpp"

namespace {

namespace fs = std::filesystem;
using headroom::test::run_cli;

const fs::path kTrendsData = fs::path(HEADROOM_SOURCE_DIR) / ".." / "shared" / "data" / "trends";

nlohmann::json json_of(const std::vector<std::string>& args) {
  const auto r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

TEST(TrendsCli, FitsCarryTheFieldsTheIssueNames) {
  const auto j = json_of({"trends", "fit", "--json", "--bootstrap", "100"});
  ASSERT_FALSE(j["fits"].empty());
  for (const auto& f : j["fits"]) {
    for (const char* key : {"era", "n", "slope_oom_per_year", "doubling_months", "ci95_months",
                            "growth_factor", "r2"})
      EXPECT_TRUE(f.contains(key)) << key << " in " << f.dump();
    ASSERT_EQ(f["ci95_months"].size(), 2u);
    EXPECT_LT(f["ci95_months"][0].get<double>(), f["ci95_months"][1].get<double>());
  }
  EXPECT_EQ(j["bootstrap"]["n"], 100);
  EXPECT_EQ(j["bootstrap"]["seed"], 1);
  EXPECT_FALSE(j["bootstrap"]["method"].get<std::string>().empty());
}

// The default table is the run configs with a date:, each point's compute the figure
// `headroom compute` prints for that file (hardware time where the run has it).
TEST(TrendsCli, DefaultTableIsComputedFromTheRunConfigs) {
  const auto j = json_of({"trends", "fit", "--json", "--bootstrap", "50"});
  std::map<std::string, double> flop;
  for (const auto& p : j["points"]) flop[p["system"]] = p["training_flop"];
  for (const auto& [file, key] : std::vector<std::pair<std::string, std::string>>{
           {"configs/runs/alexnet.yaml", "method2"},
           {"configs/runs/gpt3-175b.yaml", "method1"},
           {"configs/runs/xception.yaml", "method2"}}) {
    const auto c = json_of({"compute", "--run", file, "--json"});
    ASSERT_TRUE(flop.count(c["name"])) << c["name"];
    EXPECT_DOUBLE_EQ(flop[c["name"]], c[key]["flop"].get<double>()) << file;
  }
  // Re-counts of a system (alexnet-imagenet.yaml ...) carry no date and are not points.
  EXPECT_FALSE(flop.count("AlexNet (ImageNet, 90 epochs)"));
  EXPECT_GE(j["data"]["skipped"].size(), 1u);
}

TEST(TrendsCli, SeedAndResamplesChangeOnlyTheInterval) {
  const auto a = json_of({"trends", "fit", "--json", "--bootstrap", "100", "--seed", "3"});
  const auto b = json_of({"trends", "fit", "--json", "--bootstrap", "100", "--seed", "4"});
  EXPECT_EQ(a["fits"][0]["doubling_months"], b["fits"][0]["doubling_months"]);
  EXPECT_NE(a["fits"][0]["ci95_months"], b["fits"][0]["ci95_months"]);
}

// Sevilla et al. 2022 Table 4 / Table 8 (compute_trends_three_eras_results.csv, seen): the 19
// large-scale systems of the 79-system split, 10.7 months, R2 0.66 (NOTES.md: plain OLS on
// fractional years gives 10.5).
TEST(TrendsCli, LargeScaleSplitFromEpochCsv) {
  const auto file = kTrendsData / "epoch_compute_trends_2022_large_scale_split_79_systems.csv";
  if (!fs::exists(file))
    GTEST_SKIP() << "needs " << file.string() << " (third-party data beside the repository)";
  const auto j = json_of({"trends", "fit", "--data", file.string(), "--era", "large-scale",
                          "--json", "--bootstrap", "200"});
  ASSERT_EQ(j["fits"].size(), 1u);
  EXPECT_EQ(j["fits"][0]["n"], 19);
  EXPECT_NEAR(j["fits"][0]["doubling_months"].get<double>(), 10.7, 0.3);
  EXPECT_NEAR(j["fits"][0]["r2"].get<double>(), 0.66, 0.01);
}

// Table 7 of Sevilla et al. fits by domain; the 2025 export's `Domain` is a list, so `contains`.
TEST(TrendsCli, WhereFiltersRowsAndCountsThem) {
  const auto file = kTrendsData / "epoch_notable_ai_models_2025-05-22.csv";
  if (!fs::exists(file))
    GTEST_SKIP() << "needs " << file.string() << " (third-party data beside the repository)";
  const auto all = json_of({"trends", "fit", "--data", file.string(), "--from", "2010-01-01",
                            "--json", "--bootstrap", "50"});
  const auto vision =
      json_of({"trends", "fit", "--data", file.string(), "--from", "2010-01-01", "--where",
               "Domain contains 'Vision'", "--json", "--bootstrap", "50"});
  EXPECT_LT(vision["fits"][0]["n"].get<int>(), all["fits"][0]["n"].get<int>());
  EXPECT_NE(vision["fits"][0]["doubling_months"], all["fits"][0]["doubling_months"]);
  EXPECT_TRUE(vision["data"]["skipped"].contains("not matching --where Domain contains 'Vision'"));
}

}  // namespace
