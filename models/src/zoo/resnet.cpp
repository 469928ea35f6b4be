// SPDX-License-Identifier: MIT
// ResNet-18/34/50/101/152 (He et al., CVPR 2016, Table 1) in torchvision's layout (v1.5: the
// bottleneck's stride sits on its 3x3 conv; convs have no bias, each is followed by batch norm).
// ResNeXt-50 32x4d (Xie et al., CVPR 2017, Table 1) and Wide ResNet-50-2 (Zagoruyko & Komodakis,
// BMVC 2016) are the same bottleneck with a grouped or wider 3x3, as torchvision builds them.
#include "families.hpp"

namespace headroom::models::zoo {

namespace {

void conv_bn(Builder& b, const std::string& name, std::uint64_t out, std::uint64_t k,
             std::uint64_t stride, bool relu) {
  b.conv(name, out, k, stride, k / 2, 1, false);
  b.batchnorm(name + ".bn");
  if (relu) b.activation(name + ".relu");
}

// The bottleneck's inner width: planes x (width per group / 64) x groups (torchvision).
struct Bottleneck {
  std::uint64_t groups = 1;
  std::uint64_t width_per_group = 64;
};

void block(Builder& b, const std::string& name, std::uint64_t width, std::uint64_t stride,
           bool bottleneck, Bottleneck shape = {}) {
  const std::uint64_t out = bottleneck ? 4 * width : width;
  const Shape in = b.shape();
  if (bottleneck) {
    const std::uint64_t inner = width * shape.width_per_group / 64 * shape.groups;
    conv_bn(b, name + ".conv1", inner, 1, 1, true);
    b.conv(name + ".conv2", inner, 3, stride, 1, shape.groups, false);
    b.batchnorm(name + ".conv2.bn");
    b.activation(name + ".conv2.relu");
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
               const ZooOptions& o, Bottleneck shape = {}) {
  const Shape in = image_input(o, 3, 224);
  Builder b(name, in);
  conv_bn(b, "conv1", 64, 7, 2, true);
  b.maxpool("maxpool", 3, 2, 1);
  for (std::size_t s = 0; s < blocks.size(); ++s)
    for (std::uint64_t i = 0; i < blocks[s]; ++i)
      block(b, "layer" + std::to_string(s + 1) + "." + std::to_string(i), 64u << s,
            (s > 0 && i == 0) ? 2 : 1, bottleneck, shape);
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
Network resnext50_32x4d(const ZooOptions& o) {
  return resnet("resnext50_32x4d", {3, 4, 6, 3}, true, o, {32, 4});
}
Network wide_resnet50_2(const ZooOptions& o) {
  return resnet("wide_resnet50_2", {3, 4, 6, 3}, true, o, {1, 128});
}

}  // namespace headroom::models::zoo
