// SPDX-License-Identifier: MIT
// The zoo against published per-example MACs and parameter counts. Golden values are the rows of
// tests/data/networks.csv (copied from /work/shared/data/networks.csv with their source,
// verified and convention columns, plus Seq2Seq and DeepSpeech2 rows with their sources).
//
// Conventions (the CSV's `convention` column): CNN rows count per-image MACs of conv and fully
// connected layers only (pooling, norms, activations are vector ops, not MACs). Transformer rows
// count per-token weight matmuls only: the attention score/value matmuls (QK^T, AV) are excluded,
// so for those rows the test sums the Dense layers' MACs, not the network total (which includes
// the batched matmuls).
#include "headroom/models/zoo.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "../csv_rows.hpp"
#include "../param_name.hpp"
#include "headroom/models/error.hpp"

namespace headroom::models {
namespace {

using Row = test::CsvRow;

std::map<std::string, Row> rows_by_zoo_name() {
  std::map<std::string, Row> rows;
  for (auto& r : test::read_csv_rows("tests/data/networks.csv")) rows[r.at("zoo_name")] = r;
  return rows;
}

const Row& row(const std::string& zoo_name) {
  static const auto rows = rows_by_zoo_name();
  return rows.at(zoo_name);
}

double csv_number(const std::string& zoo_name, const std::string& key) {
  return std::stod(row(zoo_name).at(key));
}

// Per-example MACs of weight matmuls (Dense layers), the transformer rows' convention.
double dense_macs_per_example(const Network& net, bool include_tied) {
  std::uint64_t macs = 0;
  for (const auto& layer : net.layers()) {
    const auto* dense = std::get_if<Dense>(&layer.params);
    if (dense == nullptr || (dense->weights_tied && !include_tied)) continue;
    macs += layer.counts(net.batch()).macs;
  }
  return static_cast<double>(macs) / static_cast<double>(net.examples());
}

void expect_within(double measured, double expected, double rel, const std::string& what) {
  EXPECT_NEAR(measured, expected, rel * expected)
      << what << ": measured " << measured << ", expected " << expected;
}

TEST(Zoo, TableHasEveryNetworkOfTheTask) {
  const auto entries = zoo_entries();
  // 26 + the 7 of AI and Efficiency (issue 12) + the 4 MLPerf Tiny + MobileNet v3 Large and
  // Small, SSDLite320 MobileNetV3 and EfficientNet-Lite0 (issue 16)
  EXPECT_EQ(entries.size(), 41U);
  for (const auto& e : entries) EXPECT_NO_THROW(row(e.name)) << e.name << " has no golden row";
}

// CNN and DQN rows: torchvision metadata, Sze et al. 2017, or derived from the papers' layer
// tables (source column of tests/data/networks.csv). Within 2% per the task; the exact
// parameter counts come from torchvision's num_params.
class CnnRow : public ::testing::TestWithParam<const char*> {};

TEST_P(CnnRow, MacsAndParametersMatchPublished) {
  const std::string name = GetParam();
  const Network net = make_network(name);
  expect_within(static_cast<double>(net.forward_macs_per_example()),
                csv_number(name, "forward_gmacs") * 1e9, 0.02, name + " forward MACs/image");
  expect_within(static_cast<double>(net.parameters()), csv_number(name, "params_millions") * 1e6,
                0.02, name + " parameters");
  const std::string exact = row(name).at("params_exact");
  if (!exact.empty()) {
    EXPECT_EQ(net.parameters(), std::stoull(exact)) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(Zoo, CnnRow,
                         ::testing::Values("alexnet", "alexnet_torchvision", "zfnet", "vgg16",
                                           "vgg19", "googlenet", "resnet18", "resnet34", "resnet50",
                                           "resnet101", "resnet152", "mobilenet_v1", "mobilenet_v2",
                                           "efficientnet_b0", "dqn", "dqn_nips2013",
                                           "mobilenet_v3_large", "mobilenet_v3_small",
                                           "efficientnet_lite0", "ssdlite320_mobilenet_v3_large"),
                         [](const ::testing::TestParamInfo<CnnRow::ParamType>& i) {
                           return headroom::test::param_name(i.param);
                         });

// BERT and GPT rows: per-token weight-matmul MACs (attention score/value matmuls excluded, see
// the file comment). GPT rows include the tied LM head (CSV note: "84.9M weight MACs + 38.6M LM
// head"); BERT rows have no head (pre-training heads are not in the row either).
class TransformerRow : public ::testing::TestWithParam<const char*> {};

TEST_P(TransformerRow, WeightMatmulMacsAndParametersMatch) {
  const std::string name = GetParam();
  const Network net = make_network(name);
  EXPECT_EQ(net.unit_of_work(), "token");
  expect_within(dense_macs_per_example(net, true), csv_number(name, "forward_gmacs") * 1e9, 0.02,
                name + " weight-matmul MACs/token");
  expect_within(static_cast<double>(net.parameters()), csv_number(name, "params_millions") * 1e6,
                0.02, name + " parameters");
  const std::string exact = row(name).at("params_exact");
  if (!exact.empty()) {
    EXPECT_EQ(net.parameters(), std::stoull(exact)) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(Zoo, TransformerRow,
                         ::testing::Values("bert_base", "bert_large", "gpt2_small", "gpt3_175b",
                                           "lamda_137b", "palm_540b", "llama3_405b"),
                         [](const ::testing::TestParamInfo<TransformerRow::ParamType>& i) {
                           return headroom::test::param_name(i.param);
                         });

// Transformer base: the CSV's 44.1M MACs per token pair is encoder + decoder weight matmuls
// WITHOUT the pre-softmax projection (its note: "+18.9M output projection"), so the tied
// projection is left out here. Parameters: the paper's Table 3 gives a rounded 65M; counting the
// layers with the ~37k shared BPE table (Sec. 3.4, vocabulary size itself approximate) gives
// about 63M, 3% under. The zoo counts layers, so the test allows 4% against the rounded figure
// rather than pretending to match it to 2%.
TEST(Zoo, TransformerBaseFollowsTheCsvConvention) {
  const Network net = make_network("transformer_base");
  expect_within(dense_macs_per_example(net, false),
                csv_number("transformer_base", "forward_gmacs") * 1e9, 0.02,
                "transformer_base weight-matmul MACs per token pair");
  expect_within(static_cast<double>(net.parameters()),
                csv_number("transformer_base", "params_millions") * 1e6, 0.04,
                "transformer_base parameters vs the paper's rounded 65M");
}

// Sutskever et al. 2014 Sec. 3.4 state 384M parameters (recalled, not re-seen: see the CSV
// row's verified column). The AI and Compute appendix's 0.380 G "ops per word" equals that
// parameter count, not the layers' MACs, so forward MACs are not tested against it.
TEST(Zoo, Seq2SeqParametersMatchThePaper) {
  const Network net = make_network("seq2seq");
  expect_within(static_cast<double>(net.parameters()),
                csv_number("seq2seq", "params_millions") * 1e6, 0.02, "seq2seq parameters");
}

// AI and Compute appendix (training_runs.csv): 98M FLOP per timestep = 1280^2 x 30 MACs x 2, an
// estimate counting every RNN GEMM as 1280x1280. The zoo's first RNN layer reads the narrower
// conv output, so its RNN + FC weight GEMMs are compared within 10%, the estimate's precision.
TEST(Zoo, DeepSpeech2RecurrentMacsMatchAiAndComputeEstimate) {
  const Network net = make_network("deepspeech2");
  std::uint64_t macs = 0;
  for (const auto& layer : net.layers())
    if (std::holds_alternative<Recurrent>(layer.params) ||
        std::holds_alternative<Dense>(layer.params))
      macs += layer.counts(net.batch()).macs;
  expect_within(static_cast<double>(macs) / static_cast<double>(net.examples()),
                csv_number("deepspeech2", "forward_gmacs") * 1e9, 0.10,
                "deepspeech2 RNN+FC MACs per timestep");
}

TEST(Zoo, UnknownNameThrowsWithCloseMatch) {
  try {
    (void)make_network("restnet50");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("resnet50"), std::string::npos) << e.what();
  }
}

TEST(Zoo, BatchScalesMacsLinearly) {
  for (const char* name : {"resnet50", "gpt2_small", "seq2seq"}) {
    const Network one = make_network(name);
    ZooOptions options;
    options.batch = 8;
    const Network eight = make_network(name, options);
    EXPECT_EQ(eight.batch(), 8U);
    EXPECT_EQ(eight.forward_macs(), 8 * one.forward_macs()) << name;
    EXPECT_EQ(eight.forward_macs_per_example(), one.forward_macs_per_example()) << name;
    EXPECT_EQ(eight.parameters(), one.parameters()) << name;
  }
}

}  // namespace
}  // namespace headroom::models
