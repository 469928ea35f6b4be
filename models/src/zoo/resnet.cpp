// SPDX-License-Identifier: MIT
// ResNet-18/34/50/101/152 (He et al., CVPR 2016, Table 1) in torchvision's layout (v1.5: the
// bottleneck's stride sits on its 3x3 conv; convs have no bias, each is followed by batch norm).
#include "families.hpp"

namespace headroom::models::zoo {

namespace {

void conv_bn(Builder& b, const std::string& name, std::uint64_t out, std::uint64_t k,
             std::uint64_t stride, bool relu) {
  b.conv(name, out, k, stride, k / 2, 1, false);
  b.batchnorm(name + ".bn");
  if (relu) b.activation(name + ".relu");
}

void block(Builder& b, const std::string& name, std::uint64_t width, std::uint64_t stride,
           bool bottleneck) {
  const std::uint64_t out = bottleneck ? 4 * width : width;
  const Shape in = b.shape();
  if (bottleneck) {
    conv_bn(b, name + ".conv1", width, 1, 1, true);
    conv_bn(b, name + ".conv2", width, 3, stride, true);
    conv_bn(b, name + ".conv3", out, 1, 1, false);
  } else {
    conv_bn(b, name + ".conv1", width, 3, stride, true);
    conv_bn(b, name + ".conv2", width, 3, 1, false);
  }
  if (stride != 1 || in.c != out) {
    const Shape main = b.shape();
    b.set_shape(in);
    conv_bn(b, name + ".downsample", out, 1, stride, false);
    b.set_shape(main);
  }
  b.elementwise(name + ".add");
  b.activation(name + ".relu");
}

Network resnet(const std::string& name, const std::vector<std::uint64_t>& blocks, bool bottleneck,
               const ZooOptions& o) {
  const Shape in = image_input(o, 3, 224);
  Builder b(name, in);
  conv_bn(b, "conv1", 64, 7, 2, true);
  b.maxpool("maxpool", 3, 2, 1);
  for (std::size_t s = 0; s < blocks.size(); ++s)
    for (std::uint64_t i = 0; i < blocks[s]; ++i)
      block(b, "layer" + std::to_string(s + 1) + "." + std::to_string(i), 64u << s,
            (s > 0 && i == 0) ? 2 : 1, bottleneck);
  b.global_avgpool("avgpool");
  b.dense("fc", 1000);
  return image_network(name, "image", b, o, in);
}

}  // namespace

Network resnet18(const ZooOptions& o) { return resnet("resnet18", {2, 2, 2, 2}, false, o); }
Network resnet34(const ZooOptions& o) { return resnet("resnet34", {3, 4, 6, 3}, false, o); }
Network resnet50(const ZooOptions& o) { return resnet("resnet50", {3, 4, 6, 3}, true, o); }
Network resnet101(const ZooOptions& o) { return resnet("resnet101", {3, 4, 23, 3}, true, o); }
Network resnet152(const ZooOptions& o) { return resnet("resnet152", {3, 8, 36, 3}, true, o); }

}  // namespace headroom::models::zoo
