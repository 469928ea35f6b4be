// SPDX-License-Identifier: MIT
// ONNX import against independent references: per-layer MACs from PyTorch forward hooks
// (tests/data/onnx/reference.csv, from ../shared/peers/onnx), and small graphs whose MACs are
// worked out by hand below from the shapes stated in tests/data/onnx/make_test_models.py.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "../csv_rows.hpp"
#include "../param_name.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/workload.hpp"

namespace headroom::models {
namespace {

const std::string kDir = std::string(HEADROOM_SOURCE_DIR) + "/tests/data/onnx/";

Network load(const std::string& file, std::uint64_t batch = 1, const OnnxOptions& o = {}) {
  return load_network({.network = kDir + file,
                       .batch = batch,
                       .image_size = std::nullopt,
                       .seq_len = std::nullopt,
                       .onnx = o});
}

std::vector<std::uint64_t> gemm_layer_macs(const Network& n) {
  std::vector<std::uint64_t> v;
  for (const auto& l : n.layers())
    if (std::holds_alternative<Conv2d>(l.params) || std::holds_alternative<Dense>(l.params) ||
        std::holds_alternative<BatchMatmul>(l.params))
      v.push_back(l.counts(n.batch()).macs);
  return v;
}

const Layer& layer(const Network& n, const std::string& name) {
  for (const auto& l : n.layers())
    if (l.name == name) return l;
  throw std::runtime_error("no layer " + name);
}

struct RealNetwork {
  const char* file;
  const char* reference_name;
};

class RealNetworks : public ::testing::TestWithParam<RealNetwork> {};

// Every Conv/Gemm/MatMul, in execution order, against the hooks' Conv2d/Linear/MatMul rows.
TEST_P(RealNetworks, PerLayerMacsEqualPyTorchHooks) {
  const Network n = load(GetParam().file);
  std::vector<std::uint64_t> expected;
  for (const auto& row : test::read_csv_rows("tests/data/onnx/reference.csv"))
    if (row.at("network") == GetParam().reference_name)
      expected.push_back(std::stoull(row.at("macs")));
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(gemm_layer_macs(n), expected);
}

// Totals from the hooks; parameters as the weight elements the file declares
// (totals.csv onnx_weight_elements): BN is folded into the convs and GPT's tied LM head is
// exported as its own transposed copy, so they differ from PyTorch's parameter count there.
TEST_P(RealNetworks, TotalsAndParametersAsListed) {
  const Network n = load(GetParam().file);
  bool found = false;
  for (const auto& row : test::read_csv_rows("tests/data/onnx/totals.csv")) {
    if (row.at("network") != GetParam().reference_name) continue;
    found = true;
    EXPECT_EQ(n.forward_macs(), std::stoull(row.at("total_macs")));
    EXPECT_EQ(n.parameters(), std::stoull(row.at("onnx_weight_elements")));
  }
  EXPECT_TRUE(found);
}

INSTANTIATE_TEST_SUITE_P(Onnx, RealNetworks,
                         ::testing::Values(RealNetwork{"resnet18.onnx", "resnet18"},
                                           RealNetwork{"mobilenet_v2.onnx", "mobilenet_v2"},
                                           RealNetwork{"squeezenet1_0_weights.onnx",
                                                       "squeezenet1_0"},
                                           RealNetwork{"gpt_decoder.onnx", "gpt_decoder"}),
                         [](const ::testing::TestParamInfo<RealNetworks::ParamType>& i) {
                           return headroom::test::param_name(i.param.file);
                         });

TEST(OnnxImport, SqueezeNetWithWeightsHasPyTorchsParameterCount) {
  // No BatchNorm to fold: the initializers are exactly torchvision's 1,248,424 parameters.
  EXPECT_EQ(load("squeezenet1_0_weights.onnx").parameters(), 1248424U);
}

TEST(OnnxImport, GptAttentionIsMarkedAndPerToken) {
  const Network n = load("gpt_decoder.onnx");
  EXPECT_EQ(n.unit_of_work(), "token");
  EXPECT_EQ(n.units_per_item(), 128U);
  int scores = 0, context = 0;
  for (const auto& l : n.layers())
    if (const auto* m = std::get_if<BatchMatmul>(&l.params)) {
      EXPECT_EQ(m->heads, 12U) << l.name;
      scores += m->role == AttentionRole::Scores;
      context += m->role == AttentionRole::Context;
    }
  EXPECT_EQ(scores, 12);
  EXPECT_EQ(context, 12);
  // 12 layers x 12 heads x 128 x 128 x 64 x 2 matmuls (totals.csv attention_matmul_macs).
  EXPECT_EQ(n.forward_macs(), 16114089984U);
}

// The file fixes batch 1 (and bakes it into its Reshape constants); --batch scales per example.
TEST(OnnxImport, BatchScalesAFixedShapeExport) {
  const Network n = load("gpt_decoder.onnx", 4);
  EXPECT_EQ(n.batch(), 4U);
  EXPECT_EQ(n.forward_macs(), 4 * 16114089984U);
  EXPECT_EQ(n.forward_macs_per_example(), 16114089984U / 128);
  OnnxOptions o;
  o.dims = {{"batch", 3}, {"seq", 5}};
  EXPECT_THROW((void)load("gen/attention_ops.onnx", 2, o), InputError);  // batch fixed at 3
}

TEST(OnnxImport, ResNetLayersKeepTheirNodeNames) {
  const Network n = load("resnet18.onnx");
  EXPECT_EQ(n.layers().front().name, "/conv1/Conv");
  EXPECT_EQ(n.unit_of_work(), "image");
  EXPECT_EQ(n.input_description(), "3x224x224");
  // conv1: 64 x 112 x 112 outputs x 3 x 7 x 7 (reference.csv row 1).
  EXPECT_EQ(n.layers().front().counts(1).macs, 118013952U);
}

// cnn_ops.onnx, input 1x3x17x19; every number below is computed by hand from the graph.
TEST(OnnxImport, ConvolutionAndPoolingOps) {
  const Network n = load("gen/cnn_ops.onnx");
  // conv_odd: kernel 5x3, stride (2,1), dilation (2,1), pads h 1+2, w 0+1:
  // out_h = (17 + 3 - 9) / 2 + 1 = 6, out_w = (19 + 1 - 3) / 1 + 1 = 18; 8 filters x 3x5x3.
  EXPECT_EQ(layer(n, "conv_odd").counts(1).macs, 8U * 6 * 18 * 3 * 5 * 3);
  EXPECT_EQ(layer(n, "conv_odd").counts(1).parameters, 8U * 3 * 5 * 3 + 8);
  // conv_group: 8x6x18 in, 16 filters of 2 channels (group 4), 3x3, stride 2, SAME_UPPER:
  // out 3 x 9.
  EXPECT_EQ(layer(n, "conv_group").counts(1).macs, 16U * 3 * 9 * 2 * 3 * 3);
  // maxpool 3x3 stride 2 pad 1 ceil_mode on 3x9 -> 2x5; avgpool 2x2 stride 2 -> 1x4.
  const auto& mp = std::get<Pool>(layer(n, "maxpool").params);
  EXPECT_EQ(mp.out_h() * mp.out_w(), 10U);
  EXPECT_EQ(layer(n, "avgpool").counts(1).output_elements, 16U * 1 * 4);
  // deconv: 16 x 2 x 5 input pixels each scatter 4 channels x 2x2: 16*10*16 MACs.
  EXPECT_EQ(layer(n, "deconv").counts(1).macs, 16U * 10 * 4 * 2 * 2);
  // fc: Gemm transB, 20 -> 10.
  EXPECT_EQ(layer(n, "fc").counts(1).macs, 200U);
  EXPECT_EQ(n.forward_macs(), 38880U + 7776 + 2560 + 200);
  // Weights: conv_odd 368, bn 2x8, conv_group 288, deconv 256 + 4, fc 200 + 10.
  EXPECT_EQ(n.parameters(), 368U + 16 + 288 + 260 + 210);
  // Activations, pools, resize, concat and pad are all layers; Flatten is not.
  for (const char* name :
       {"bn", "relu", "relu6", "hswish", "sigmoid", "tanh", "resize", "concat", "pad", "gap"})
    EXPECT_NO_THROW((void)layer(n, name)) << name;
  EXPECT_THROW((void)layer(n, "flatten"), std::runtime_error);
  // Concat moves bytes and computes nothing: 20 x 4 x 10 elements.
  EXPECT_EQ(layer(n, "concat").counts(1).output_elements, 800U);
  EXPECT_EQ(layer(n, "concat").counts(1).vector_ops, 0U);
}

// attention_ops.onnx: batch 2, seq 5, width 8, 2 heads of 4, vocabulary 11.
TEST(OnnxImport, AttentionOpsWithSymbolicDims) {
  OnnxOptions o;
  o.dims = {{"batch", 2}, {"seq", 5}};
  const Network n = load("gen/attention_ops.onnx", 1, o);
  EXPECT_EQ(n.batch(), 2U);
  EXPECT_EQ(n.unit_of_work(), "token");
  EXPECT_EQ(n.units_per_item(), 5U);
  // Projections: 2 x 5 tokens x 8 x 8; fc1 8 -> 16; QK^T and AV 2 x 2 heads x 5 x 5 x 4.
  EXPECT_EQ(layer(n, "q_proj").counts(2).macs, 640U);
  EXPECT_EQ(layer(n, "fc1").counts(2).macs, 1280U);
  const auto& s = std::get<BatchMatmul>(layer(n, "scores").params);
  EXPECT_EQ(s.role, AttentionRole::Scores);
  EXPECT_EQ(std::get<BatchMatmul>(layer(n, "context").params).role, AttentionRole::Context);
  EXPECT_EQ(layer(n, "scores").counts(2).macs, 400U);
  EXPECT_EQ(n.forward_macs(), 640U * 5 + 400 * 2 + 1280);
  // Every weight once: embedding 88, LayerNorm 16, q/k/v/out 4 x 64, q bias 8, fc1 128, fc2 64.
  EXPECT_EQ(n.parameters(), 560U);
  // The q bias Add rides on q_proj; the Transposes into matmuls and the shape arithmetic are free;
  // merge_t feeds a Reshape, so it is a copy of 2 x 5 x 8.
  EXPECT_TRUE(std::get<Dense>(layer(n, "q_proj").params).bias);
  EXPECT_THROW((void)layer(n, "q_bias"), std::runtime_error);
  EXPECT_THROW((void)layer(n, "q_t"), std::runtime_error);
  EXPECT_THROW((void)layer(n, "take_bl"), std::runtime_error);
  EXPECT_EQ(layer(n, "merge_t").counts(2).output_elements, 80U);
  for (const char* name :
       {"embed", "ln", "scale", "mask", "softmax", "residual", "erf", "pow", "sub", "mul"})
    EXPECT_NO_THROW((void)layer(n, name)) << name;
}

TEST(OnnxImport, BatchFlagFillsTheSymbolicLeadingDim) {
  OnnxOptions o;
  o.dims = {{"seq", 5}};
  const Network n = load("gen/attention_ops.onnx", 2, o);
  EXPECT_EQ(n.forward_macs(), 640U * 5 + 400 * 2 + 1280);
  o.dims.clear();
  o.input_shapes = {{"ids", {2, 5}}, {"mask", {1, 1, 5, 5}}};
  EXPECT_EQ(load("gen/attention_ops.onnx", 1, o).forward_macs(), 640U * 5 + 400 * 2 + 1280);
}

// rnn_ops.onnx: 5 steps, batch 1; bidirectional LSTM 6 -> 4, GRU 8 -> 3, RNN 3 -> 2.
TEST(OnnxImport, RecurrentOps) {
  const Network n = load("gen/rnn_ops.onnx");
  EXPECT_EQ(layer(n, "lstm").counts(1).macs, 5U * 2 * 4 * 4 * (6 + 4));
  EXPECT_EQ(layer(n, "gru").counts(1).macs, 5U * 3 * 3 * (8 + 3));
  EXPECT_EQ(layer(n, "rnn").counts(1).macs, 5U * 2 * (3 + 2));
}

TEST(OnnxImport, InitializersAndMissingExternalDataBothLoad) {
  // Conv 4 x 3x3x3 over 3x8x8 -> 4x6x6, then 144 -> 5.
  for (const char* f : {"gen/with_initializers.onnx", "gen/external_missing.onnx"}) {
    const Network n = load(f, 4);
    EXPECT_EQ(n.forward_macs(), 4U * (4 * 36 * 27 + 144 * 5)) << f;
    EXPECT_EQ(n.parameters(), 108U + 720) << f;
  }
}

std::string error_of(const std::string& file, const OnnxOptions& o = {}) {
  try {
    (void)load(file, 1, o);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

int attention_blocks(const Network& n) {
  int scores = 0;
  for (const auto& l : n.layers())
    if (const auto* m = std::get_if<BatchMatmul>(&l.params))
      scores += m->role == AttentionRole::Scores;
  return scores;
}

// tiny_vit.onnx (make_torch_models.py, dynamic batch): 3x32x32, 8x8 patches -> 16 + class token
// = 17 tokens of width 32, 2 heads of 16, 2 layers, MLP 64, 10 classes. Per image:
// patch conv 32*16*(3*64); per layer QKV 17*32*96, QK^T and AV 2*17*17*16 each, out 17*32*32,
// MLP 2*17*32*64; head on the class token 32*10. Shapes are computed at run time from Shape ops
// in this export, so this also checks the shape folding.
TEST(OnnxImport, TinyVitWithADynamicBatch) {
  const Network n = load("gen/tiny_vit.onnx", 2);
  const std::uint64_t per_layer =
      17 * 32 * 96 + 2 * (2 * 17 * 17 * 16) + 17 * 32 * 32 + 2 * (17 * 32 * 64);
  EXPECT_EQ(n.forward_macs(), 2 * (32 * 16 * (3 * 64) + 2 * per_layer + 32 * 10));
  // PyTorch's parameters: patch 6176, class token 32, positions 17*32, per layer 8544, head 330.
  EXPECT_EQ(n.parameters(), 6176U + 32 + 17 * 32 + 2 * 8544 + 330);
  EXPECT_EQ(attention_blocks(n), 2);
  EXPECT_EQ(n.unit_of_work(), "image");
}

// tiny_bert.onnx: vocabulary 100, width 32, 4 heads of 8, 2 layers, MLP 64; batch and seq
// symbolic. Per sequence of L tokens and layer: QKV L*32*96, QK^T and AV 4*L*L*8 each, out
// L*32*32, MLP 2*L*32*64.
TEST(OnnxImport, TinyBertWithSymbolicBatchAndSequence) {
  OnnxOptions o;
  o.dims = {{"seq", 16}};
  const Network n = load("gen/tiny_bert.onnx", 2, o);
  const std::uint64_t L = 16;
  const std::uint64_t per_layer =
      L * 32 * 96 + 2 * (4 * L * L * 8) + L * 32 * 32 + 2 * (L * 32 * 64);
  EXPECT_EQ(n.forward_macs(), 2 * 2 * per_layer);
  EXPECT_EQ(n.units_per_item(), L);
  EXPECT_EQ(n.parameters(), 3200U + 2 * 8544);
  EXPECT_EQ(attention_blocks(n), 2);
  o.dims = {{"seq", 64}};
  const std::uint64_t per_layer_64 =
      64 * 32 * 96 + 2 * (4 * 64 * 64 * 8) + 64 * 32 * 32 + 2 * (64 * 32 * 64);
  EXPECT_EQ(load("gen/tiny_bert.onnx", 1, o).forward_macs(), 2 * per_layer_64);
}

TEST(OnnxImport, BrokenFilesAreInputErrors) {
  EXPECT_NE(error_of("gen/truncated.onnx").find("do not parse"), std::string::npos);
  EXPECT_NE(error_of("gen/not_protobuf.onnx").find("do not parse"), std::string::npos);
  EXPECT_NE(error_of("gen/cyclic.onnx").find("cycle"), std::string::npos);
  EXPECT_NE(error_of("gen/missing_input.onnx").find("'ghost'"), std::string::npos);
  EXPECT_NE(error_of("gen/negative_dim.onnx").find("-3"), std::string::npos);
  EXPECT_NE(error_of("gen/future_opset.onnx").find("opset 99"), std::string::npos);
  EXPECT_NE(error_of("no_such.onnx").find("no such file"), std::string::npos);
  const std::string sym = error_of("gen/symbolic.onnx");
  EXPECT_NE(sym.find("'x'"), std::string::npos) << sym;
  EXPECT_NE(sym.find("--dim seq=N"), std::string::npos) << sym;
  const std::string op = error_of("gen/unsupported_op.onnx");
  EXPECT_NE(op.find("'TopK'"), std::string::npos) << op;
  EXPECT_NE(op.find("'topk'"), std::string::npos) << op;
  EXPECT_NE(op.find("MatMul"), std::string::npos) << op;  // the supported list
}

TEST(OnnxImport, SkipModeRecordsTheNodeAndItsOutputBytes) {
  OnnxOptions o;
  o.skip_unsupported = true;
  const Network n = load("gen/unsupported_op.onnx", 1, o);
  ASSERT_EQ(n.skipped().size(), 1U);
  EXPECT_EQ(n.skipped()[0].node, "topk");
  EXPECT_EQ(n.skipped()[0].op_type, "TopK");
  EXPECT_EQ(n.skipped()[0].output_bytes, 2U * 4 + 2U * 8);  // values fp32[1x2], indices int64
  EXPECT_EQ(n.layers().size(), 2U);                         // the two Relus
}

TEST(OnnxImport, ImportedNetworksExpandToATrainingStep) {
  const Network n = load("resnet18.onnx");
  const Trace t = lower_training_step(n, Optimizer::Sgd);
  // Forward + activation and weight gradients: every conv but the first costs 3x forward, the
  // first 2x (no gradient w.r.t. the image): 3 x total - conv1.
  EXPECT_EQ(t.total_macs(), 3 * n.forward_macs() - n.layers().front().counts(1).macs);
}

TEST(WorkloadEntryPoint, DispatchesByExtensionAndRejectsMismatchedOptions) {
  EXPECT_EQ(workload_kind("resnet50"), WorkloadKind::Zoo);
  EXPECT_EQ(workload_kind("net.ONNX"), WorkloadKind::Onnx);
  EXPECT_EQ(workload_kind("layers.csv"), WorkloadKind::Topology);
  const Network topo = load_network({.network = std::string(HEADROOM_SOURCE_DIR) +
                                                "/tests/data/scalesim/alexnet_16x64_os/alexnet.csv",
                                     .batch = 1,
                                     .image_size = std::nullopt,
                                     .seq_len = std::nullopt,
                                     .onnx = {}});
  EXPECT_EQ(topo.layers().size(), 5U);
  EXPECT_THROW((void)load_network({.network = kDir + "resnet18.onnx",
                                   .batch = 1,
                                   .image_size = 128,
                                   .seq_len = std::nullopt,
                                   .onnx = {}}),
               InputError);
  OnnxOptions o;
  o.dims = {{"seq", 4}};
  EXPECT_THROW((void)load_network({.network = "resnet50",
                                   .batch = 1,
                                   .image_size = std::nullopt,
                                   .seq_len = std::nullopt,
                                   .onnx = o}),
               InputError);
}

}  // namespace
}  // namespace headroom::models
