// SPDX-License-Identifier: MIT
// SqueezeNet 1.1 (github.com/forresti/SqueezeNet, SqueezeNet_v1.1: the 1.0 of Iandola et al.,
// arXiv:1602.07360, with a 3x3/64 first conv and earlier pooling, "2.4x less computation") in
// torchvision's layout. A fire module squeezes with a 1x1 conv, then expands with parallel 1x1
// and 3x3 convs whose outputs are concatenated; every conv has a bias and a ReLU.
#include "families.hpp"

namespace headroom::models::zoo {

namespace {

void conv_relu(Builder& b, const std::string& name, std::uint64_t out, std::uint64_t k) {
  b.conv(name, out, k, 1, k / 2);
  b.activation(name + ".relu");
}

void fire(Builder& b, const std::string& name, std::uint64_t squeeze, std::uint64_t expand) {
  conv_relu(b, name + ".squeeze", squeeze, 1);
  const Shape s = b.shape();
  conv_relu(b, name + ".expand1x1", expand, 1);
  b.set_shape(s);
  conv_relu(b, name + ".expand3x3", expand, 3);
  b.set_shape({2 * expand, s.h, s.w});
}

}  // namespace

Network squeezenet1_1(const ZooOptions& o) {
  const Shape in = image_input(o, 3, 224);
  Builder b("squeezenet1_1", in);
  b.conv("features.0", 64, 3, 2);
  b.activation("features.0.relu");
  // Max pools use ceil mode; at 224 x 224 every one divides exactly, so floor gives the same.
  b.maxpool("features.2", 3, 2);
  fire(b, "features.3", 16, 64);
  fire(b, "features.4", 16, 64);
  b.maxpool("features.5", 3, 2);
  fire(b, "features.6", 32, 128);
  fire(b, "features.7", 32, 128);
  b.maxpool("features.8", 3, 2);
  fire(b, "features.9", 48, 192);
  fire(b, "features.10", 48, 192);
  fire(b, "features.11", 64, 256);
  fire(b, "features.12", 64, 256);
  conv_relu(b, "classifier.1", 1000, 1);
  b.global_avgpool("classifier.3");
  return image_network("squeezenet1_1", "image", b, o, in);
}

}  // namespace headroom::models::zoo
