// SPDX-License-Identifier: MIT
// MobileNetV3 Large and Small (Howard et al., ICCV 2019, Tables 1 and 2) in torchvision's layout
// (pytorch/vision torchvision/models/mobilenetv3.py): inverted residual blocks with optional
// squeeze-and-excitation (squeeze to expanded/4 rounded to a multiple of 8, convs with bias,
// hard-sigmoid), ReLU or hard-swish, a 1x1 head conv to 6x the last block's width, then two
// dense layers. No conv bias elsewhere.
#include <iterator>
#include <utility>

#include "families.hpp"

namespace headroom::models::zoo {

namespace {

// Hard-swish x * relu6(x + 3) / 6: an add, a clamp (2) and two multiplies, 5 ops; hard-sigmoid
// relu6(x + 3) / 6: 4.
constexpr std::uint64_t kHardSwishOps = 5;
constexpr std::uint64_t kHardSigmoidOps = 4;

struct Block {
  std::uint64_t kernel, expanded, out;
  bool se, hard_swish;
  std::uint64_t stride;
};

// torchvision's _make_divisible(v, 8): to the nearest multiple of 8, never below 90 % of v.
std::uint64_t divisible_by_8(std::uint64_t v) {
  std::uint64_t n = std::max<std::uint64_t>(8, (v + 4) / 8 * 8);
  if (10 * n < 9 * v) n += 8;
  return n;
}

void conv_bn(Builder& b, const std::string& name, std::uint64_t out, std::uint64_t k,
             std::uint64_t stride, std::uint64_t groups, std::uint64_t act_ops) {
  b.conv(name, out, k, stride, k / 2, groups, false);
  b.batchnorm(name + ".bn");
  if (act_ops) b.activation(name + ".act", act_ops);
}

void squeeze_excite(Builder& b, const std::string& name) {
  const Shape map = b.shape();
  b.global_avgpool(name + ".avgpool");
  b.conv(name + ".fc1", divisible_by_8(map.c / 4), 1);
  b.activation(name + ".relu");
  b.conv(name + ".fc2", map.c, 1);
  b.activation(name + ".hardsigmoid", kHardSigmoidOps);
  b.set_shape(map);
  b.channel_scale(name + ".scale");
}

Network mobilenet_v3(const std::string& name, const ZooOptions& o, const std::vector<Block>& blocks,
                     std::uint64_t last_channel) {
  const Shape in = image_input(o, 3, 224);
  Builder b(name, in);
  conv_bn(b, "features.0", 16, 3, 2, 1, kHardSwishOps);
  int index = 1;
  for (const Block& blk : blocks) {
    const std::string n = "features." + std::to_string(index++);
    const Shape block_in = b.shape();
    const std::uint64_t act = blk.hard_swish ? kHardSwishOps : kReluOps;
    if (blk.expanded != block_in.c) conv_bn(b, n + ".expand", blk.expanded, 1, 1, 1, act);
    conv_bn(b, n + ".dw", blk.expanded, blk.kernel, blk.stride, blk.expanded, act);
    if (blk.se) squeeze_excite(b, n + ".se");
    conv_bn(b, n + ".project", blk.out, 1, 1, 1, 0);
    if (blk.stride == 1 && block_in.c == blk.out) b.elementwise(n + ".add");
  }
  conv_bn(b, "features." + std::to_string(index), 6 * b.shape().c, 1, 1, 1, kHardSwishOps);
  b.global_avgpool("avgpool");
  b.dense("classifier.0", last_channel);
  b.activation("classifier.1", kHardSwishOps);
  b.dense("classifier.3", 1000);
  return image_network(name, "image", b, o, in);
}

}  // namespace

Network mobilenet_v3_large(const ZooOptions& o) {
  // kernel, expanded, out, SE, hard-swish, stride (torchvision's bneck_conf rows).
  static const std::vector<Block> kBlocks = {
      {3, 16, 16, false, false, 1}, {3, 64, 24, false, false, 2}, {3, 72, 24, false, false, 1},
      {5, 72, 40, true, false, 2},  {5, 120, 40, true, false, 1}, {5, 120, 40, true, false, 1},
      {3, 240, 80, false, true, 2}, {3, 200, 80, false, true, 1}, {3, 184, 80, false, true, 1},
      {3, 184, 80, false, true, 1}, {3, 480, 112, true, true, 1}, {3, 672, 112, true, true, 1},
      {5, 672, 160, true, true, 2}, {5, 960, 160, true, true, 1}, {5, 960, 160, true, true, 1}};
  return mobilenet_v3("mobilenet_v3_large", o, kBlocks, 1280);
}

Network mobilenet_v3_small(const ZooOptions& o) {
  static const std::vector<Block> kBlocks = {
      {3, 16, 16, true, false, 2}, {3, 72, 24, false, false, 2}, {3, 88, 24, false, false, 1},
      {5, 96, 40, true, true, 2},  {5, 240, 40, true, true, 1},  {5, 240, 40, true, true, 1},
      {5, 120, 48, true, true, 1}, {5, 144, 48, true, true, 1},  {5, 288, 96, true, true, 2},
      {5, 576, 96, true, true, 1}, {5, 576, 96, true, true, 1}};
  return mobilenet_v3("mobilenet_v3_small", o, kBlocks, 1024);
}

// SSDLite320 with a MobileNetV3-Large backbone, torchvision's ssdlite320_mobilenet_v3_large
// (pytorch/vision torchvision/models/detection/ssdlite.py) as its COCO weights build it: the
// reduced tail (the last three blocks at half width, no classifier), the first feature map taken
// after the expansion of the last strided block (C4, 20x20x672), the second after the 1x1 head
// conv (10x10x480), four extra blocks (1x1 to half, 3x3 depthwise stride 2, 1x1; ReLU6) to 5x5x512,
// 3x3x256, 2x2x256 and 1x1x128, and on each of the six maps a classification and a box head
// (3x3 depthwise + BatchNorm + ReLU6, then a 1x1 conv with bias) for 6 anchors x 91 classes and
// 6 x 4 box offsets. Anchor decoding and non-maximum suppression are not in the graph.
Network ssdlite320_mobilenet_v3_large(const ZooOptions& o) {
  static const std::vector<Block> kBlocks = {
      {3, 16, 16, false, false, 1}, {3, 64, 24, false, false, 2}, {3, 72, 24, false, false, 1},
      {5, 72, 40, true, false, 2},  {5, 120, 40, true, false, 1}, {5, 120, 40, true, false, 1},
      {3, 240, 80, false, true, 2}, {3, 200, 80, false, true, 1}, {3, 184, 80, false, true, 1},
      {3, 184, 80, false, true, 1}, {3, 480, 112, true, true, 1}, {3, 672, 112, true, true, 1},
      {5, 672, 80, true, true, 2},  {5, 480, 80, true, true, 1},  {5, 480, 80, true, true, 1}};
  constexpr std::size_t kC4 = 12;  // the last strided block: its expansion feeds the first map
  constexpr std::uint64_t kAnchors = 6;
  constexpr std::uint64_t kClasses = 91;
  const Shape in = image_input(o, 3, 320);
  Builder b("ssdlite320_mobilenet_v3_large", in);
  std::vector<Shape> maps;
  conv_bn(b, "features.0", 16, 3, 2, 1, kHardSwishOps);
  for (std::size_t i = 0; i < kBlocks.size(); ++i) {
    const Block& blk = kBlocks[i];
    const std::string n = "features." + std::to_string(i + 1);
    const Shape block_in = b.shape();
    const std::uint64_t act = blk.hard_swish ? kHardSwishOps : kReluOps;
    if (blk.expanded != block_in.c) conv_bn(b, n + ".expand", blk.expanded, 1, 1, 1, act);
    if (i == kC4) maps.push_back(b.shape());
    conv_bn(b, n + ".dw", blk.expanded, blk.kernel, blk.stride, blk.expanded, act);
    if (blk.se) squeeze_excite(b, n + ".se");
    conv_bn(b, n + ".project", blk.out, 1, 1, 1, 0);
    if (blk.stride == 1 && block_in.c == blk.out) b.elementwise(n + ".add");
  }
  conv_bn(b, "features.16", 6 * b.shape().c, 1, 1, 1, kHardSwishOps);
  maps.push_back(b.shape());
  constexpr std::uint64_t kRelu6Ops = 2;
  const std::uint64_t extras[] = {512, 256, 256, 128};
  for (std::size_t i = 0; i < std::size(extras); ++i) {
    const std::string n = "extra." + std::to_string(i);
    conv_bn(b, n + ".0", extras[i] / 2, 1, 1, 1, kRelu6Ops);
    conv_bn(b, n + ".1", extras[i] / 2, 3, 2, extras[i] / 2, kRelu6Ops);
    conv_bn(b, n + ".2", extras[i], 1, 1, 1, kRelu6Ops);
    maps.push_back(b.shape());
  }
  for (std::size_t i = 0; i < maps.size(); ++i) {
    for (const auto& [head, out] :
         {std::pair<std::string, std::uint64_t>{"cls", kAnchors * kClasses},
          {"box", kAnchors * 4}}) {
      const std::string n = "head." + head + "." + std::to_string(i);
      b.set_shape(maps[i]);
      conv_bn(b, n + ".dw", maps[i].c, 3, 1, maps[i].c, kRelu6Ops);
      b.conv(n + ".1x1", out, 1);
    }
  }
  return image_network("ssdlite320_mobilenet_v3_large", "image", b, o, in);
}

}  // namespace headroom::models::zoo
