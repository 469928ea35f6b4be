// SPDX-License-Identifier: MIT
// `headroom compute` end to end through the real CLI.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../cli_runner.hpp"

namespace headroom::test {
namespace {

TEST(ComputeCli, AlexNetJsonReproducesTheAppendix) {
  // D. Amodei, D. Hernandez, "AI and Compute", OpenAI 2018, appendix: AlexNet 0.0054 pfs-days
  // counting operations, 0.0058 from GPU time (also tests/data/training_runs.csv).
  const CliResult r = run_cli({"compute", "--run", "configs/runs/alexnet.yaml", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j["method1"]["pfs_days"].get<double>(), 0.0054, 0.05 * 0.0054);
  EXPECT_NEAR(j["method2"]["pfs_days"].get<double>(), 0.0058, 0.05 * 0.0058);
}

TEST(ComputeCli, Seq2SeqPrintsTheSourceDiscrepancy) {
  // The appendix states 0.085 pfs-days for Seq2Seq method 1; its inputs (0.38 G x 2 x 3 x
  // 652 M words x 7.5 epochs, computed by hand) give 0.129.
  const CliResult r = run_cli({"compute", "--run", "configs/runs/seq2seq.yaml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("states 0.085 pfs-days but its own inputs give 0.129"), std::string::npos)
      << r.out;
}

TEST(ComputeCli, UnknownDeviceSuggestsTheClosest) {
  const CliResult r = run_cli({"compute", "--devices", "2", "--device", "gtx58", "--days", "5.5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("gtx580"), std::string::npos) << r.err;
}

TEST(ComputeCli, UnknownNetworkSuggestsTheClosest) {
  const CliResult r =
      run_cli({"compute", "--network", "resnet5", "--examples", "1.2e6", "--epochs", "90"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("resnet50"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace headroom::test
