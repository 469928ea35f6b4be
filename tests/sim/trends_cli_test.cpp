// SPDX-License-Identifier: MIT
// `headroom trends fit` through the real binary: the JSON names, the default table computed
// from configs/runs (never typed), and Epoch's CSV read in place from ../shared.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli_runner.hpp"
#include "temp_dir.hpp"

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
  for (const auto& p : j["points"])
    flop[p["system"].get<std::string>()] = p["training_flop"].get<double>();
  for (const auto& [file, method] : std::vector<std::pair<std::string, std::string>>{
           {"configs/runs/alexnet.yaml", "method2"},
           {"configs/runs/gpt3-175b.yaml", "method1"},
           {"configs/runs/xception.yaml", "method2"}}) {
    const auto c = json_of({"compute", "--run", file, "--json"});
    const std::string name = c["name"].get<std::string>();
    ASSERT_TRUE(flop.count(name)) << name;
    EXPECT_DOUBLE_EQ(flop[name], c[method]["flop"].get<double>()) << file;
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

// The picture: gnuplot renders the eras of the Epoch 2022 data with their fits in the legend.
TEST(TrendsCli, PlotDrawsEachFitWithItsLegend) {
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "gnuplot not installed (Debian gnuplot-nox; scripts/setup.sh)";
  headroom::test::TempDir dir("trends-plot");
  const std::string svg = dir.file("trends.svg");
  const auto r = run_cli({"trends", "fit", "--bootstrap", "50", "--plot", svg});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string text = headroom::test::slurp(svg);
  EXPECT_NE(text.find("<svg"), std::string::npos);
  EXPECT_NE(text.find("deep-learning (n = 15)"), std::string::npos);
  EXPECT_NE(text.find("months ["), std::string::npos);
  const auto bad = run_cli({"trends", "fit", "--plot", dir.file("trends.pdf")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--plot: expected a file name ending in .svg or .png"), std::string::npos);
}

// `trends project`: the projection grows the trend's frontier by the doubling time, and the
// price is the projected compute at the rate and energy per FLOP `headroom train` simulates.
TEST(TrendsCli, ProjectPricesTheTrendAtTheSimulatedRate) {
  const std::string accel = "configs/accel/training-chip-4x128-bf16.yaml";
  const std::string run = "tests/data/trends/gpt2-small-step.yaml";
  const std::vector<std::string> common{"--accel", accel, "--chips",     "8",  "--gpu", "h100",
                                        "--run",   run,   "--bootstrap", "50", "--json"};
  auto args = [&](std::vector<std::string> a) {
    a.insert(a.begin(), {"trends", "project"});
    a.insert(a.end(), common.begin(), common.end());
    return a;
  };
  const auto p28 = json_of(args({"--year", "2028", "--doubling", "6mo"}));
  const auto p29 = json_of(args({"--year", "2029", "--doubling", "6mo"}));
  // One more year at a 6-month doubling is two doublings.
  EXPECT_NEAR(p29["projected_flop"].get<double>() / p28["projected_flop"].get<double>(), 4.0, 1e-9);
  const auto train =
      json_of({"train", "--accel", accel, "--chips", "8", "--run", run, "--json", "-"});
  const double executed_flop = train["totals"]["executed_pfs_days"].get<double>() * 8.64e19;
  const auto& chip = p28["accelerator"];
  EXPECT_DOUBLE_EQ(chip["totals"]["sustained_flops"].get<double>(),
                   train["totals"]["sustained_flops"].get<double>());
  EXPECT_NEAR(
      chip["totals"]["time_to_train_s"].get<double>(),
      p28["projected_flop"].get<double>() / train["totals"]["sustained_flops"].get<double>(),
      1e-6 * chip["totals"]["time_to_train_s"].get<double>());
  EXPECT_NEAR(chip["totals"]["energy_j"].get<double>(),
              p28["projected_flop"].get<double>() * train["totals"]["energy_j"].get<double>() /
                  executed_flop,
              1e-6 * chip["totals"]["energy_j"].get<double>());
  EXPECT_TRUE(p28.contains("gpu"));
  EXPECT_GT(p28["gpu"]["totals"]["time_to_train_s"].get<double>(), 0);
  // Keeping today's energy needs FLOPS/W to grow as the compute did.
  EXPECT_NEAR(p28["flops_per_w_improvement_to_keep_energy"].get<double>(),
              p28["projected_flop"].get<double>() / p28["anchor_flop"].get<double>(), 1e-6);
  // 16-month algorithmic halving divides the executed compute by 2^(months / 16).
  const auto a28 =
      json_of(args({"--year", "2028", "--doubling", "6mo", "--algorithmic-halving", "16mo"}));
  const double ratio = a28["projected_flop"].get<double>() / a28["executed_flop"].get<double>();
  const double months =
      std::log2(p28["projected_flop"].get<double>() / p28["anchor_flop"].get<double>()) * 6;
  EXPECT_NEAR(ratio, std::exp2(months / 16), 1e-6 * ratio);
  // Without --doubling the band is the fit's bootstrap interval around the projection.
  const auto fitted = json_of(args({"--year", "2028"}));
  EXPECT_LT(fitted["projected_flop_band"][0].get<double>(), fitted["projected_flop"].get<double>());
  EXPECT_GT(fitted["projected_flop_band"][1].get<double>(), fitted["projected_flop"].get<double>());
}

}  // namespace
