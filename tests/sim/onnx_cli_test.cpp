// SPDX-License-Identifier: MIT
// ONNX files through the real CLI: every command takes one where it takes a zoo name, and every
// broken file is a clear error with exit code 2.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "cli_runner.hpp"

namespace {

using headroom::test::run_cli;

const std::string kDir = "tests/data/onnx/";

TEST(OnnxCli, ModelsShowJsonListsLayersLikeAZooNetwork) {
  const auto r = run_cli({"models", "show", kDir + "resnet18.onnx", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  // totals.csv / reference.csv (PyTorch forward hooks).
  EXPECT_EQ(j["forward_macs_per_unit"].get<std::uint64_t>(), 1814073344U);
  EXPECT_EQ(j["layers"][0]["name"], "/conv1/Conv");
  EXPECT_EQ(j["layers"][0]["macs"].get<std::uint64_t>(), 118013952U);
  EXPECT_TRUE(j["skipped_nodes"].empty());
}

TEST(OnnxCli, BrokenFilesExitTwoWithTheReason) {
  const std::pair<const char*, const char*> cases[] = {{"gen/truncated.onnx", "do not parse"},
                                                       {"gen/not_protobuf.onnx", "do not parse"},
                                                       {"gen/cyclic.onnx", "cycle"},
                                                       {"gen/missing_input.onnx", "'ghost'"},
                                                       {"gen/negative_dim.onnx", "dim -3"},
                                                       {"gen/future_opset.onnx", "opset 99"},
                                                       {"gen/unsupported_op.onnx", "'TopK'"},
                                                       {"gen/symbolic.onnx", "--dim seq=N"},
                                                       {"gen/no_such_file.onnx", "no such file"}};
  for (const auto& [file, reason] : cases) {
    const auto r = run_cli({"models", "show", kDir + file});
    EXPECT_EQ(r.exit_code, 2) << file;
    EXPECT_NE(r.err.find(file), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(reason), std::string::npos) << r.err;
  }
}

TEST(OnnxCli, SkippedNodesArePrintedAndRecordedInJson) {
  const auto r = run_cli(
      {"models", "show", kDir + "gen/unsupported_op.onnx", "--unsupported-ops", "skip", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("'topk' (TopK), output 24 bytes"), std::string::npos) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["skipped_nodes"].size(), 1U);
  EXPECT_EQ(j["skipped_nodes"][0]["op_type"], "TopK");
  const auto run = run_cli({"run", "--network", kDir + "gen/unsupported_op.onnx",
                            "--unsupported-ops", "skip", "--json", "-"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("'topk' (TopK), output 24 bytes"), std::string::npos) << run.err;
  const auto rj = nlohmann::json::parse(run.out);
  ASSERT_EQ(rj["workload"]["skipped_nodes"].size(), 1U);
  EXPECT_EQ(rj["workload"]["skipped_nodes"][0]["output_bytes"], 24);
}

TEST(OnnxCli, AnOpOfAnotherDomainIsNamedAndCannotBeSkippedBlindly) {
  auto r = run_cli({"models", "show", kDir + "gen/custom_domain_op.onnx"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'com.example::Fancy'"), std::string::npos) << r.err;
  r = run_cli({"models", "show", kDir + "gen/custom_domain_op.onnx", "--unsupported-ops", "skip"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("depends on skipped node 'fancy'"), std::string::npos) << r.err;
}

TEST(OnnxCli, ShapeFlagsFixSymbolicDims) {
  auto r = run_cli({"models", "show", kDir + "gen/symbolic.onnx", "--dim", "batch=2,seq=3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("batch 2"), std::string::npos) << r.out;
  r = run_cli({"models", "show", kDir + "gen/symbolic.onnx", "--input-shape", "x=1x3x4"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = run_cli({"models", "show", kDir + "gen/symbolic.onnx", "--input-shape", "y=1x3x4"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--input-shape"), std::string::npos) << r.err;
  r = run_cli({"models", "show", kDir + "gen/symbolic.onnx", "--dim", "seq=zero"});
  EXPECT_EQ(r.exit_code, 2);
  r = run_cli({"models", "show", "resnet18", "--dim", "seq=4"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(OnnxCli, RunAndCompareTakeAnOnnxNetwork) {
  auto r = run_cli({"run", "--network", kDir + "mobilenet_v2.onnx", "--batch", "2", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["workload"]["network"], "mobilenet_v2");
  EXPECT_EQ(j["workload"]["batch"], 2);
  r = run_cli({"compare", "--accel", "configs/accel/default.yaml", "--gpu", "a100", "--network",
               kDir + "mobilenet_v2.onnx"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(OnnxCli, TrainReadsAnOnnxNetworkRelativeToTheRunConfigAndSplitsItsAttention) {
  const auto r = run_cli({"train", "--accel", "configs/accel/training-chip-4x128-bf16.yaml",
                          "--run", kDir + "gpt_decoder_train.yaml", "--chips", "2", "--parallel",
                          "tp=2", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["totals"]["time_to_train_s"].get<double>(), 0.0);
  // tp does not divide a network without marked attention: a CNN is refused.
  const auto cnn = run_cli({"train", "--accel", "configs/accel/training-chip-4x128-bf16.yaml",
                            "--run", kDir + "gpt_decoder_train.yaml", "--network",
                            kDir + "resnet18.onnx", "--chips", "2", "--parallel", "tp=2"});
  EXPECT_EQ(cnn.exit_code, 2);
  EXPECT_NE(cnn.err.find("attention"), std::string::npos) << cnn.err;
}

}  // namespace
