// SPDX-License-Identifier: MIT
// Bad run configs (tests/data/bad_runs/*.yaml): each must be refused with an InputError naming
// file:line, the key, and what was expected against what was found.
#include "headroom/sim/run_config.hpp"

#include <gtest/gtest.h>

#include <string>

#include "headroom/models/error.hpp"

namespace headroom::sim {
namespace {

// The message of the InputError that loading `path` throws, or a failure when none is thrown.
std::string load_error(const std::string& path) {
  try {
    (void)load_run_config(path);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << path << " was accepted";
  return {};
}

TEST(RunConfigValidation, UnknownKeySuggestsTheClosestKnownKeyAtItsLine) {
  const std::string m = load_error("tests/data/bad_runs/unknown-key.yaml");
  EXPECT_NE(m.find("tests/data/bad_runs/unknown-key.yaml:7"), std::string::npos) << m;
  EXPECT_NE(m.find("epoch"), std::string::npos) << m;
  EXPECT_NE(m.find("did you mean epochs"), std::string::npos) << m;
}

TEST(RunConfigValidation, WrongTypeNamesExpectedAndFound) {
  const std::string m = load_error("tests/data/bad_runs/wrong-type.yaml");
  EXPECT_NE(m.find("tests/data/bad_runs/wrong-type.yaml:7"), std::string::npos) << m;
  EXPECT_NE(m.find("epochs: expected a number"), std::string::npos) << m;
  EXPECT_NE(m.find("\"ninety\""), std::string::npos) << m;
}

TEST(RunConfigValidation, MissingEpochsIsReportedWithTheFile) {
  const std::string m = load_error("tests/data/bad_runs/missing-epochs.yaml");
  EXPECT_NE(m.find("tests/data/bad_runs/missing-epochs.yaml:"), std::string::npos) << m;
  EXPECT_NE(m.find("epochs"), std::string::npos) << m;
  EXPECT_NE(m.find("no value"), std::string::npos) << m;
}

TEST(RunConfigValidation, NegativeEpochsIsImpossible) {
  const std::string m = load_error("tests/data/bad_runs/negative-epochs.yaml");
  EXPECT_NE(m.find("tests/data/bad_runs/negative-epochs.yaml:7"), std::string::npos) << m;
  EXPECT_NE(m.find("epochs"), std::string::npos) << m;
  EXPECT_NE(m.find("\"-3\""), std::string::npos) << m;
}

TEST(RunConfigValidation, TokensWithEpochsIsAmbiguous) {
  const std::string m = load_error("tests/data/bad_runs/tokens-with-epochs.yaml");
  EXPECT_NE(m.find("tests/data/bad_runs/tokens-with-epochs.yaml:6"), std::string::npos) << m;
  EXPECT_NE(m.find("tokens"), std::string::npos) << m;
  EXPECT_NE(m.find("both"), std::string::npos) << m;
}

TEST(RunConfigValidation, ShippedTrainingRunsLoad) {
  // Every training-run config `headroom train` is documented with must at least load.
  for (const char* f :
       {"configs/runs/resnet50-imagenet.yaml", "configs/runs/alexnet-imagenet.yaml",
        "configs/runs/vgg16-imagenet.yaml", "configs/runs/dqn-atari.yaml",
        "configs/runs/seq2seq-wmt.yaml", "configs/runs/transformer-base-wmt.yaml",
        "configs/runs/bert-large-pretraining.yaml", "configs/runs/gpt3-175b.yaml"}) {
    const RunConfig run = load_run_config(f);
    EXPECT_TRUE(run.global_batch.has_value()) << f;
    EXPECT_TRUE(run.has_method1()) << f;
  }
}

TEST(RunConfigValidation, Gpt3TokenBudgetAndBatch) {
  // Brown et al. 2020: 300 B tokens (Sec. 2.2); batch 3.2 M tokens (Table 2.1) as 1536 x 2048.
  const RunConfig run = load_run_config("configs/runs/gpt3-175b.yaml");
  ASSERT_TRUE(run.tokens && run.global_batch && run.seq_len);
  EXPECT_DOUBLE_EQ(*run.tokens, 3.0e11);
  EXPECT_NEAR(static_cast<double>(*run.global_batch * *run.seq_len), 3.2e6, 0.1e6);
}

}  // namespace
}  // namespace headroom::sim
