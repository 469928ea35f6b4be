// SPDX-License-Identifier: MIT
// DenseNet-121 (Huang et al., CVPR 2017, Table 1: DenseNet-BC, growth rate 32, blocks of 6, 12,
// 24 and 16 layers, compression 0.5) in torchvision's layout: each dense layer is BN-ReLU-conv1x1
// (4 x 32 channels)-BN-ReLU-conv3x3 (32 channels), its output concatenated to its input.
#include "families.hpp"

namespace headroom::models::zoo {

namespace {

constexpr std::uint64_t kGrowth = 32;
constexpr std::uint64_t kBottleneck = 4 * kGrowth;

void bn_relu_conv(Builder& b, const std::string& name, std::uint64_t out, std::uint64_t k) {
  b.batchnorm(name + ".norm");
  b.activation(name + ".relu");
  b.conv(name + ".conv", out, k, 1, k / 2, 1, false);
}

void dense_layer(Builder& b, const std::string& name) {
  const Shape in = b.shape();
  bn_relu_conv(b, name + ".1", kBottleneck, 1);
  bn_relu_conv(b, name + ".2", kGrowth, 3);
  b.set_shape({in.c + kGrowth, in.h, in.w});  // concatenation: no arithmetic
}

}  // namespace

Network densenet121(const ZooOptions& o) {
  const Shape in = image_input(o, 3, 224);
  Builder b("densenet121", in);
  b.conv("features.conv0", 64, 7, 2, 3, 1, false);
  b.batchnorm("features.norm0");
  b.activation("features.relu0");
  b.maxpool("features.pool0", 3, 2, 1);
  const std::uint64_t layers[] = {6, 12, 24, 16};
  for (std::size_t block = 0; block < 4; ++block) {
    const std::string n = "features.denseblock" + std::to_string(block + 1);
    for (std::uint64_t i = 0; i < layers[block]; ++i)
      dense_layer(b, n + ".denselayer" + std::to_string(i + 1));
    if (block == 3) break;
    const std::string t = "features.transition" + std::to_string(block + 1);
    bn_relu_conv(b, t, b.shape().c / 2, 1);
    b.adaptive_avgpool(t + ".pool", b.shape().h / 2);  // AvgPool2d(2, 2)
  }
  b.batchnorm("features.norm5");
  b.activation("features.relu5");
  b.global_avgpool("avgpool");
  b.dense("classifier", 1000);
  return image_network("densenet121", "image", b, o, in);
}

}  // namespace headroom::models::zoo
