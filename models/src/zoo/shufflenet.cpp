// SPDX-License-Identifier: MIT
// ShuffleNet v1 1x with 3 groups (Zhang et al., CVPR 2018, Table 1) and ShuffleNet v2 1x (Ma et
// al., ECCV 2018, Table 5, torchvision's shufflenet_v2_x1_0). Channel shuffles, splits and
// concatenations move data without arithmetic, so only the shapes record them.
#include "families.hpp"

namespace headroom::models::zoo {

namespace {

void conv_bn(Builder& b, const std::string& name, std::uint64_t out, std::uint64_t k,
             std::uint64_t stride, std::uint64_t groups, bool relu) {
  b.conv(name, out, k, stride, k / 2, groups, false);
  b.batchnorm(name + ".bn");
  if (relu) b.activation(name + ".relu");
}

// v1 unit: 1x1 group conv to a quarter of the stage's width, shuffle, 3x3 depthwise, 1x1 group
// conv; added to the input, or (stride 2) concatenated with its 3x3 average pool. The first
// unit of stage 2 has too few input channels (24) to group its first 1x1 (Sec 3.2).
void v1_unit(Builder& b, const std::string& name, std::uint64_t out, std::uint64_t stride,
             bool group_first) {
  constexpr std::uint64_t kGroups = 3;
  const Shape in = b.shape();
  const std::uint64_t bottleneck = out / 4;
  const std::uint64_t main_out = stride == 2 ? out - in.c : out;
  conv_bn(b, name + ".gconv1", bottleneck, 1, 1, group_first ? kGroups : 1, true);
  conv_bn(b, name + ".dwconv", bottleneck, 3, stride, bottleneck, false);
  conv_bn(b, name + ".gconv2", main_out, 1, 1, kGroups, false);
  if (stride == 1) {
    b.elementwise(name + ".add");
  } else {
    const Shape main = b.shape();
    b.set_shape(in);
    b.adaptive_avgpool(name + ".shortcut", main.h);  // AvgPool 3x3, stride 2
    b.set_shape({out, main.h, main.w});
  }
  b.activation(name + ".relu");
}

// v2 unit, stride 1: half the channels pass, the other half goes 1x1-depthwise 3x3-1x1.
// Stride 2: both halves are computed from the whole input (the left one depthwise 3x3-1x1).
void v2_unit(Builder& b, const std::string& name, std::uint64_t out, std::uint64_t stride) {
  const Shape in = b.shape();
  const std::uint64_t half = out / 2;
  if (stride == 2) {
    conv_bn(b, name + ".branch1.dw", in.c, 3, 2, in.c, false);
    conv_bn(b, name + ".branch1.pw", half, 1, 1, 1, true);
    b.set_shape(in);
  } else {
    b.set_shape({in.c / 2, in.h, in.w});
  }
  conv_bn(b, name + ".branch2.pw1", half, 1, 1, 1, true);
  conv_bn(b, name + ".branch2.dw", half, 3, stride, half, false);
  conv_bn(b, name + ".branch2.pw2", half, 1, 1, 1, true);
  b.set_shape({out, b.shape().h, b.shape().w});
}

}  // namespace

Network shufflenet_v1(const ZooOptions& o) {
  const Shape in = image_input(o, 3, 224);
  Builder b("shufflenet_v1", in);
  conv_bn(b, "conv1", 24, 3, 2, 1, true);
  b.maxpool("maxpool", 3, 2, 1);
  const std::uint64_t widths[] = {240, 480, 960};
  const std::uint64_t repeats[] = {4, 8, 4};
  for (std::size_t s = 0; s < 3; ++s)
    for (std::uint64_t i = 0; i < repeats[s]; ++i)
      v1_unit(b, "stage" + std::to_string(s + 2) + "." + std::to_string(i), widths[s],
              i == 0 ? 2 : 1, s > 0 || i > 0);
  b.global_avgpool("avgpool");
  b.dense("fc", 1000);
  return image_network("shufflenet_v1", "image", b, o, in);
}

Network shufflenet_v2(const ZooOptions& o) {
  const Shape in = image_input(o, 3, 224);
  Builder b("shufflenet_v2", in);
  conv_bn(b, "conv1", 24, 3, 2, 1, true);
  b.maxpool("maxpool", 3, 2, 1);
  const std::uint64_t widths[] = {116, 232, 464};
  const std::uint64_t repeats[] = {4, 8, 4};
  for (std::size_t s = 0; s < 3; ++s)
    for (std::uint64_t i = 0; i < repeats[s]; ++i)
      v2_unit(b, "stage" + std::to_string(s + 2) + "." + std::to_string(i), widths[s],
              i == 0 ? 2 : 1);
  conv_bn(b, "conv5", 1024, 1, 1, 1, true);
  b.global_avgpool("avgpool");
  b.dense("fc", 1000);
  return image_network("shufflenet_v2", "image", b, o, in);
}

}  // namespace headroom::models::zoo
