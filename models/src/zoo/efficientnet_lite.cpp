// SPDX-License-Identifier: MIT
// EfficientNet-Lite0 (tensorflow/tpu models/official/efficientnet/lite): EfficientNet-B0's MBConv
// stages without squeeze-and-excitation and with ReLU6 in place of swish, the stem and head as in
// B0 (Lite0 is not scaled). Layout as efficientnet.cpp: no conv bias, BatchNorm after each conv.
#include "efficientnet_stages.hpp"
#include "families.hpp"

namespace headroom::models::zoo {

namespace {

constexpr std::uint64_t kRelu6Ops = 2;

void conv_bn(Builder& b, const std::string& name, std::uint64_t out, std::uint64_t k,
             std::uint64_t stride, std::uint64_t groups, bool act) {
  b.conv(name, out, k, stride, k / 2, groups, false);
  b.batchnorm(name + ".bn");
  if (act) b.activation(name + ".relu6", kRelu6Ops);
}

}  // namespace

Network efficientnet_lite0(const ZooOptions& o) {
  const Shape in = image_input(o, 3, 224);
  Builder b("efficientnet_lite0", in);
  conv_bn(b, "stem", 32, 3, 2, 1, true);
  int stage_index = 1;
  for (const auto& st : kEfficientNetB0Stages) {
    for (std::uint64_t i = 0; i < st.layers; ++i) {
      const std::string n = "blocks." + std::to_string(stage_index) + "." + std::to_string(i);
      const Shape block_in = b.shape();
      const std::uint64_t hidden = block_in.c * st.expand;
      if (st.expand != 1) conv_bn(b, n + ".expand", hidden, 1, 1, 1, true);
      conv_bn(b, n + ".dw", hidden, st.kernel, i == 0 ? st.stride : 1, hidden, true);
      conv_bn(b, n + ".project", st.out, 1, 1, 1, false);
      if (i > 0 || (st.stride == 1 && block_in.c == st.out)) b.elementwise(n + ".add");
    }
    ++stage_index;
  }
  conv_bn(b, "head", 1280, 1, 1, 1, true);
  b.global_avgpool("avgpool");
  b.dense("classifier", 1000);
  return image_network("efficientnet_lite0", "image", b, o, in);
}

}  // namespace headroom::models::zoo
