// SPDX-License-Identifier: MIT
// EfficientNet-B0 (Tan & Le, ICML 2019, Table 1) in torchvision's layout: MBConv blocks with
// squeeze-and-excitation (squeeze to a quarter of the block's input channels, conv with bias),
// SiLU activations, no conv bias elsewhere.
#include "efficientnet_stages.hpp"
#include "families.hpp"

namespace headroom::models::zoo {

namespace {

void conv_bn(Builder& b, const std::string& name, std::uint64_t out, std::uint64_t k,
             std::uint64_t stride, std::uint64_t groups, bool act) {
  b.conv(name, out, k, stride, k / 2, groups, false);
  b.batchnorm(name + ".bn");
  if (act) b.activation(name + ".silu", kSiluOps);
}

void squeeze_excite(Builder& b, const std::string& name, std::uint64_t squeeze) {
  const Shape map = b.shape();
  b.global_avgpool(name + ".avgpool");
  b.conv(name + ".fc1", squeeze, 1);
  b.activation(name + ".silu", kSiluOps);
  b.conv(name + ".fc2", map.c, 1);
  b.activation(name + ".sigmoid", kSigmoidOps);
  b.set_shape(map);
  b.channel_scale(name + ".scale");
}

}  // namespace

Network efficientnet_b0(const ZooOptions& o) {
  const Shape in = image_input(o, 3, 224);
  Builder b("efficientnet_b0", in);
  conv_bn(b, "stem", 32, 3, 2, 1, true);
  int stage_index = 1;
  for (const auto& st : kEfficientNetB0Stages) {
    for (std::uint64_t i = 0; i < st.layers; ++i) {
      const std::string n = "blocks." + std::to_string(stage_index) + "." + std::to_string(i);
      const Shape block_in = b.shape();
      const std::uint64_t hidden = block_in.c * st.expand;
      if (st.expand != 1) conv_bn(b, n + ".expand", hidden, 1, 1, 1, true);
      conv_bn(b, n + ".dw", hidden, st.kernel, i == 0 ? st.stride : 1, hidden, true);
      squeeze_excite(b, n + ".se", std::max<std::uint64_t>(1, block_in.c / 4));
      conv_bn(b, n + ".project", st.out, 1, 1, 1, false);
      if (i > 0 || (st.stride == 1 && block_in.c == st.out)) b.elementwise(n + ".add");
    }
    ++stage_index;
  }
  conv_bn(b, "head", 1280, 1, 1, 1, true);
  b.global_avgpool("avgpool");
  b.dense("classifier", 1000);
  return image_network("efficientnet_b0", "image", b, o, in);
}

}  // namespace headroom::models::zoo
