// SPDX-License-Identifier: MIT
// MobileNetV2 (Sandler et al., CVPR 2018, Table 2) in torchvision's layout: inverted residual
// blocks of 1x1 expansion, 3x3 depthwise and 1x1 linear projection, no conv bias, ReLU6.
#include "families.hpp"

namespace headroom::models::zoo {

namespace {

void conv_bn(Builder& b, const std::string& name, std::uint64_t out, std::uint64_t k,
             std::uint64_t stride, std::uint64_t groups, bool relu) {
  b.conv(name, out, k, stride, k / 2, groups, false);
  b.batchnorm(name + ".bn");
  if (relu) b.activation(name + ".relu6", 2);
}

}  // namespace

Network mobilenet_v2(const ZooOptions& o) {
  struct Stage {
    std::uint64_t t, c, n, s;
  };
  static constexpr Stage kStages[] = {{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                                      {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
  const Shape in = image_input(o, 3, 224);
  Builder b("mobilenet_v2", in);
  conv_bn(b, "features.0", 32, 3, 2, 1, true);
  int index = 1;
  for (const auto& st : kStages) {
    for (std::uint64_t i = 0; i < st.n; ++i, ++index) {
      const std::string n = "features." + std::to_string(index);
      const Shape block_in = b.shape();
      const std::uint64_t hidden = block_in.c * st.t;
      if (st.t != 1) conv_bn(b, n + ".expand", hidden, 1, 1, 1, true);
      conv_bn(b, n + ".dw", hidden, 3, i == 0 ? st.s : 1, hidden, true);
      conv_bn(b, n + ".project", st.c, 1, 1, 1, false);
      if (i > 0 || (st.s == 1 && block_in.c == st.c)) b.elementwise(n + ".add");
    }
  }
  conv_bn(b, "features." + std::to_string(index), 1280, 1, 1, 1, true);
  b.global_avgpool("avgpool");
  b.dense("classifier", 1000);
  return image_network("mobilenet_v2", "image", b, o, in);
}

}  // namespace headroom::models::zoo
