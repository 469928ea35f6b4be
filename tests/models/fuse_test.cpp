// SPDX-License-Identifier: MIT
// The deployment-style inference graph (models/fuse.hpp, issue 16): BatchNorm folded, element-wise
// ops and pooling after a GEMM marked for its output stage, maps kept on chip. Fusion never
// changes MACs; the MLPerf Tiny models' folded parameter counts are the reference's
// (tests/data/edge/tiny_models.csv counts conv/dense weights and biases, BatchNorm folded).
#include "headroom/models/fuse.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "../csv_rows.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/zoo.hpp"

namespace headroom::models {
namespace {

std::uint64_t separate_vector_ops(const Trace& t, VectorKind kind) {
  std::uint64_t n = 0;
  for (const auto& op : t.ops)
    if (op.kind == TraceOp::Kind::Vector && !op.fused && op.vector.kind == kind) ++n;
  return n;
}

TEST(Fusion, NeverChangesMacs) {
  for (const auto& e : zoo_entries()) {
    if (e.name == "gpt3_175b" || e.name == "palm_540b" || e.name == "llama3_405b" ||
        e.name == "lamda_137b")
      continue;  // large traces; the rule is the same for every network
    const Network net = make_network(e.name);
    EXPECT_EQ(lower_inference(net).total_macs(), lower_forward(net).total_macs()) << e.name;
  }
}

// torchvision ResNet-50: a BatchNorm after each of its 49 + 4 downsample convolutions (He et al.
// 2016 Table 1: 1 + 3 x (3 + 4 + 6 + 3) = 49 convolutions, one projection per stage).
TEST(Fusion, ResNet50RunsAsGemmsAlone) {
  const Network net = make_network("resnet50");
  FusionSummary s;
  const Trace t = lower_inference(net, &s);
  EXPECT_EQ(s.batchnorms_folded, 53U);
  EXPECT_EQ(s.pools_fused, 2U);  // the stem's max pooling and the global average pooling
  // 16 residual adds, 16 + 1 + 2 x 16 ReLUs (after the adds, the stem, conv1/conv2 of each block).
  EXPECT_EQ(s.ops_fused, 16U + 16U + 1U + 32U);
  for (const auto& op : t.ops) EXPECT_TRUE(op.kind == TraceOp::Kind::Gemm || op.fused) << op.layer;
}

TEST(Fusion, AFoldedNormGivesItsLayerABias) {
  const Network net = make_network("resnet18");
  const Network folded = fold_batchnorm(net);
  EXPECT_EQ(folded.forward_macs(), net.forward_macs());
  // ResNet-18: 20 BatchNorms of 2 parameters per channel become 1 bias per channel.
  std::uint64_t bn_channels = 0;
  for (const auto& layer : net.layers())
    if (const auto* n = std::get_if<Norm>(&layer.params)) bn_channels += n->features;
  EXPECT_EQ(folded.parameters(), net.parameters() - bn_channels);
}

TEST(Fusion, FoldedTinyModelsHaveTheReferenceParameterCounts) {
  const std::map<std::string, std::string> zoo_name{{"KWS DS-CNN", "kws_ds_cnn"},
                                                    {"VWW MobileNetV1-0.25", "vww_mobilenet_v1"},
                                                    {"IC ResNet-8 (16 filters)", "ic_resnet8"},
                                                    {"AD FC-AutoEncoder", "ad_autoencoder"}};
  for (const auto& r : test::read_csv_rows("tests/data/edge/tiny_models.csv")) {
    if (r.at("layer") != "TOTAL") continue;
    const Network folded = fold_batchnorm(make_network(zoo_name.at(r.at("model"))));
    EXPECT_EQ(folded.parameters(), std::stoull(r.at("params"))) << r.at("model");
    EXPECT_EQ(folded.forward_macs(), std::stoull(r.at("macs"))) << r.at("model");
  }
}

// A squeeze-and-excitation scale multiplies the depthwise map, not the output of the 1x1 GEMM
// before it, so it stays a pass of its own; so does a transformer's LayerNorm and softmax.
TEST(Fusion, OpsOverAnotherTensorStaySeparate) {
  const Trace eff = lower_inference(make_network("efficientnet_b0"));
  EXPECT_GT(separate_vector_ops(eff, VectorKind::Elementwise), 0U);
  const Trace bert = lower_inference(make_network("bert_base"));
  EXPECT_GT(separate_vector_ops(bert, VectorKind::Norm), 0U);
  EXPECT_GT(separate_vector_ops(bert, VectorKind::Softmax), 0U);
}

Trace two_convs() {
  Trace t;
  TraceOp a;
  a.gemm = {100, 8, 9, 1, 0, 0};  // 800 outputs
  TraceOp b;
  b.gemm = {100, 8, 8, 1, 0, 0};  // reads 800, writes 800
  t.ops = {a, b};
  return t;
}

TEST(OnChipReuse, KeepsAMapWhenItAndTheNextOutputFit) {
  Trace t = two_convs();
  EXPECT_EQ(keep_on_chip(t, 1600, Precision::INT8), 1U);
  EXPECT_TRUE(t.ops[0].output_on_chip);
  EXPECT_TRUE(t.ops[1].input_on_chip);
  Trace small = two_convs();
  EXPECT_EQ(keep_on_chip(small, 1599, Precision::INT8), 0U);
  EXPECT_EQ(keep_on_chip(small, 3199, Precision::FP16), 0U);
}

TEST(OnChipReuse, Int4MapsTakeHalfTheBytes) {
  // 800 + 800 values at 4 bits = 800 bytes, packed two to a byte.
  Trace t = two_convs();
  EXPECT_EQ(keep_on_chip(t, 800, Precision::INT4), 1U);
  Trace small = two_convs();
  EXPECT_EQ(keep_on_chip(small, 799, Precision::INT4), 0U);
}

TEST(OnChipReuse, AMapAResidualAddReadsLaterGoesToDram) {
  Trace t = two_convs();
  TraceOp add;
  add.kind = TraceOp::Kind::Vector;
  add.vector = {VectorKind::Elementwise, 800, 800, 1600};
  add.fused = true;
  t.ops.push_back(add);
  EXPECT_EQ(keep_on_chip(t, 1 << 20, Precision::INT8), 0U);
}

}  // namespace
}  // namespace headroom::models
