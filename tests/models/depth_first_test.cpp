// SPDX-License-Identifier: MIT
// Depth-first chains (models::depth_first_chains, docs/accelerator-model.md "Depth-first
// chains"): which convolutions chain, the band height and the weight passes, worked by hand from
// the rule on small synthetic chains (INT8, 1 byte per element).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "headroom/models/fuse.hpp"
#include "headroom/models/zoo.hpp"

namespace headroom::models {
namespace {

Layer conv(const std::string& name, std::uint64_t c_in, std::uint64_t hw, std::uint64_t c_out,
           std::uint64_t kernel) {
  Conv2d c;
  c.in_channels = c_in;
  c.in_h = c.in_w = hw;
  c.out_channels = c_out;
  c.kernel_h = c.kernel_w = kernel;
  c.pad_h = c.pad_w = kernel / 2;
  return {name, c};
}

Layer relu(const std::string& name, std::uint64_t elements) {
  return {name, Elementwise{VectorKind::Activation, elements, 1, 1, 0}};
}

// Three 3x3 stride-1 convolutions, 16 -> 16 channels on 32 x 32, each with a ReLU: every map is
// 32 x 32 x 16 = 16,384 bytes (rows of 32 x 16 = 512 bytes), each conv's weights
// 3 x 3 x 16 x 16 = 2,304 bytes, 6,912 for the three.
Trace three_convs() {
  std::vector<Layer> layers;
  for (const char* name : {"a", "b", "c"}) {
    layers.push_back(conv(name, 16, 32, 16, 3));
    layers.push_back(relu(std::string(name) + ".relu", 32 * 32 * 16));
  }
  return lower_inference(Network({"three", 1, 1, "image", "16x32x32"}, layers));
}

std::vector<const TraceOp*> gemms(const Trace& t) {
  std::vector<const TraceOp*> out;
  for (const auto& op : t.ops)
    if (op.kind == TraceOp::Kind::Gemm) out.push_back(&op);
  return out;
}

// Activation buffers of 16 KiB: a map and the next output (32 KiB) do not fit whole, so
// keep_on_chip keeps nothing. Bands of h output rows of c need h rows (c's output) + h + 2 (c's
// window: its input, b's output) + h + 4 (b's) + h + 6 (a's, the chain's input) = 4h + 12 rows
// of 512 bytes: h = 5 is 32 rows = 16,384 bytes, the most that fits; 7 bands of 32 rows.
TEST(DepthFirst, ThreeConvsRunInTheLargestBandThatFits) {
  Trace t = three_convs();
  EXPECT_EQ(keep_on_chip(t, 16384, Precision::INT8), 0U);
  const DepthFirstSummary s = depth_first_chains(t, {16384, 8192, Precision::INT8});
  EXPECT_EQ(s.chains, 1U);
  EXPECT_EQ(s.maps_in_bands, 2U);
  const auto g = gemms(t);
  ASSERT_EQ(g.size(), 3U);
  for (const TraceOp* op : g) {
    EXPECT_EQ(op->depth_first.chain, 1U);
    EXPECT_EQ(op->depth_first.band_rows, 5U);
    EXPECT_EQ(op->depth_first.weight_passes, 1U);  // 6,912 bytes of weights fit 8 KiB
  }
  EXPECT_FALSE(g[0]->input_on_chip);
  EXPECT_TRUE(g[0]->output_on_chip);
  EXPECT_TRUE(g[1]->input_on_chip);
  EXPECT_TRUE(g[1]->output_on_chip);
  EXPECT_TRUE(g[2]->input_on_chip);
  EXPECT_FALSE(g[2]->output_on_chip);
  // One byte less: 4 x 4 + 12 = 28 rows = 14,336 bytes.
  Trace smaller = three_convs();
  (void)depth_first_chains(smaller, {16383, 8192, Precision::INT8});
  EXPECT_EQ(gemms(smaller)[0]->depth_first.band_rows, 4U);
}

// Filter share of 4,608 bytes: the three convs' 6,912 bytes of weights are not resident, two
// convs' 4,608 are. DRAM bytes of the weights and of the maps between pieces:
//   all three alone:  6,912 + 2 x (2 x 16,384)                             = 72,448
//   one chain of 3:   6,912 x 7 bands (h = 5 above)                        = 48,384
//   chain a-b + c:    4,608 (resident; bands of 8: 3h + 6 = 30 rows fit 32) + 2 x 16,384
//                     + 2,304                                              = 39,680
//   a + chain b-c:    the same 39,680; a tie keeps the first found, a-b.
// With a 4,096-byte share no pair is resident either: a-b + c costs 4,608 x 4 bands + 32,768 +
// 2,304 = 53,504, so the whole chain, weights read once per band (7 times), is cheapest.
TEST(DepthFirst, WeightsNotResidentTakeTheCutWithFewestDramBytes) {
  Trace t = three_convs();
  EXPECT_EQ(depth_first_chains(t, {16384, 4608, Precision::INT8}).chains, 1U);
  auto g = gemms(t);
  EXPECT_EQ(g[0]->depth_first.chain, 1U);
  EXPECT_EQ(g[1]->depth_first.chain, 1U);
  EXPECT_EQ(g[2]->depth_first.chain, 0U);
  EXPECT_EQ(g[0]->depth_first.band_rows, 8U);
  EXPECT_EQ(g[0]->depth_first.weight_passes, 1U);
  EXPECT_TRUE(g[0]->output_on_chip);
  EXPECT_FALSE(g[1]->output_on_chip);
  EXPECT_FALSE(g[2]->input_on_chip);

  Trace whole = three_convs();
  EXPECT_EQ(depth_first_chains(whole, {16384, 4096, Precision::INT8}).chains, 1U);
  for (const TraceOp* op : gemms(whole)) {
    EXPECT_EQ(op->depth_first.chain, 1U);
    EXPECT_EQ(op->depth_first.band_rows, 5U);
    EXPECT_EQ(op->depth_first.weight_passes, 7U);
  }
}

// Two 1x1 convs, 256 -> 256 channels on 8 x 8: maps of 16,384 bytes (rows of 2,048), weights of
// 65,536 each. In 16 KiB, bands of h rows need 3h rows (1x1: no halo): h = 2, 4 bands. Re-read
// per band the weights cost 131,072 x 4 = 524,288 bytes, layer by layer 131,072 + 2 x 16,384 =
// 163,840: depth-first loses and is not used. With the weights resident it costs 131,072.
TEST(DepthFirst, NotUsedWhereWeightReReadsCostMoreThanTheMap) {
  const std::vector<Layer> layers{conv("p", 256, 8, 256, 1), conv("q", 256, 8, 256, 1)};
  const Network net({"pointwise", 1, 1, "image", "256x8x8"}, layers);
  Trace t = lower_inference(net);
  EXPECT_EQ(depth_first_chains(t, {16384, 0, Precision::INT8}).chains, 0U);
  for (const auto& op : t.ops) EXPECT_FALSE(op.output_on_chip || op.input_on_chip);
  Trace resident = lower_inference(net);
  EXPECT_EQ(depth_first_chains(resident, {16384, 131072, Precision::INT8}).chains, 1U);
  EXPECT_EQ(resident.ops[0].depth_first.band_rows, 2U);
}

// A map keep_on_chip kept whole into a chain stays on chip when the chain's bands fit beside it,
// else the chain gives it back to DRAM (paying its write and read in the cut). z (3 -> 4
// channels, 3x3 on 32 x 32) writes 4,096 bytes, which fit whole beside a's 16,384 in 20,480; a
// (4 -> 16) and 16 -> 16 convs after it chain. Rows of the maps after a are 512 bytes, of a's
// input 32 x 4 = 128.
Trace kept_then(std::size_t convs) {
  std::vector<Layer> layers{conv("z", 3, 32, 4, 3), conv("a", 4, 32, 16, 3)};
  for (std::size_t i = 1; i < convs; ++i)
    layers.push_back(conv("c" + std::to_string(i), 16, 32, 16, 3));
  Trace t = lower_inference(Network({"kept", 1, 1, "image", "3x32x32"}, layers));
  EXPECT_EQ(keep_on_chip(t, 20480, Precision::INT8), 1U);
  EXPECT_TRUE(t.ops[0].output_on_chip);
  return t;
}

// With 20,480 bytes for maps and 16,384 for weights: one chain of all `convs` convs after z, in
// bands of `band` rows, z's map kept on chip (`kept`) or given back to DRAM.
void expect_one_chain_after_z(std::size_t convs, std::uint64_t band, bool kept) {
  Trace t = kept_then(convs);
  const DepthFirstSummary s = depth_first_chains(t, {20480, 16384, Precision::INT8});
  EXPECT_EQ(s.chains, 1U);
  EXPECT_EQ(s.maps_unkept, kept ? 0U : 1U);
  EXPECT_EQ(t.ops[0].output_on_chip, kept);
  EXPECT_EQ(t.ops[1].input_on_chip, kept);
  EXPECT_EQ(t.ops[0].depth_first.chain, 0U);
  for (std::size_t i = 1; i <= convs; ++i) {
    EXPECT_EQ(t.ops[i].depth_first.chain, 1U) << i;
    EXPECT_EQ(t.ops[i].depth_first.band_rows, band) << i;
  }
}

// Three convs a, b, c: bands of h rows need h + (h + 2) + (h + 4) rows of 512 bytes and h + 6 of
// 128, 1,664h + 3,840 bytes; beside z's whole 4,096 that is <= 16,384: h = 7 (15,488).
TEST(DepthFirst, AWholeKeptInputStaysWhenTheBandsFitBesideIt) {
  expect_one_chain_after_z(3, 7, true);
}

// Six convs a, c1..c5: one row of c5's output needs 1 + 3 + 5 + 7 + 9 + 11 = 36 rows of 512
// bytes and 13 of 128, 20,096 bytes: not beside z's 4,096, but alone in 20,480 (two rows need
// 42 x 512 + 14 x 128 = 23,296). Giving z's map back costs its write and read, 8,192 bytes;
// stopping the chain before c5 to keep it would send c4's 16,384-byte map to DRAM and back
// (32,768): the whole chain in bands of 1 row, z's map in DRAM.
TEST(DepthFirst, AWholeKeptInputGoesToDramWhenTheBandsDoNotFitBesideIt) {
  expect_one_chain_after_z(6, 1, false);
}

// The trace has no tensor names: maps are matched by size. A residual add after c reading a
// map of 16,384 elements could be the skip of a's or b's output, so neither is chained.
TEST(DepthFirst, AMapAResidualAddMayReadStaysOutOfChains) {
  std::vector<Layer> layers{conv("a", 16, 32, 16, 3), conv("b", 16, 32, 16, 3),
                            conv("c", 16, 32, 16, 3)};
  layers.push_back({"add", Elementwise{VectorKind::Elementwise, 32 * 32 * 16, 1, 2, 0}});
  Trace t = lower_inference(Network({"residual", 1, 1, "image", "16x32x32"}, layers));
  EXPECT_EQ(depth_first_chains(t, {16384, 8192, Precision::INT8}).chains, 0U);
}

// ResNet-50 on NVDLA nv_full's buffer (512 KiB unified: two thirds for maps, a third for
// weights): chains stay inside a bottleneck block (the block's input and output are residual
// skips) and never take a strided 1x1 downsample (it does not read its predecessor's output).
TEST(DepthFirst, ResNetChainsStayInsideABlock) {
  Trace t = lower_inference(make_network("resnet50"));
  const std::uint64_t unified = 512 * 1024;
  (void)keep_on_chip(t, unified / 3 * 2, Precision::INT8);
  const DepthFirstSummary s =
      depth_first_chains(t, {unified / 3 * 2, unified / 3, Precision::INT8});
  EXPECT_GT(s.chains, 0U);
  std::map<std::uint32_t, std::set<std::string>> blocks;
  for (const auto& op : t.ops) {
    if (op.depth_first.chain == 0) continue;
    const std::string block = op.layer.substr(0, op.layer.rfind('.'));
    blocks[op.depth_first.chain].insert(block);
    EXPECT_EQ(op.layer.find("downsample"), std::string::npos) << op.layer;
  }
  EXPECT_EQ(blocks.size(), s.chains);
  for (const auto& [chain, names] : blocks) EXPECT_EQ(names.size(), 1U) << "chain " << chain;
}

}  // namespace
}  // namespace headroom::models
