// SPDX-License-Identifier: MIT
// MobileNet v1 (Howard et al. 2017, "MobileNets", Table 1): a 3x3 stride-2 convolution, then
// 13 depthwise-separable blocks (3x3 depthwise, 1x1 pointwise, each followed by BatchNorm and
// ReLU), global average pooling and a classifier. The width multiplier alpha scales every
// layer's channels to int(alpha * c) as Keras' MobileNet does (Sec. 4.2); the resolution
// multiplier is the input side (options.image_size, 224 by default).
#include <cmath>
#include <limits>

#include "families.hpp"
#include "headroom/models/error.hpp"

namespace headroom::models::zoo {

namespace {

// Table 1's depthwise-separable blocks: pointwise output channels at alpha = 1, and the
// depthwise stride. The table's fifth-from-last row prints "Conv dw / s2" on a 7x7 input whose
// output is also 7x7; the reference implementations use stride 1 there, as here.
struct Block {
  std::uint64_t channels, stride;
};
constexpr Block kBlocks[] = {{64, 1},  {128, 2}, {128, 1}, {256, 2}, {256, 1},  {512, 2}, {512, 1},
                             {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};

std::uint64_t scaled(std::uint64_t channels, double alpha) {
  return static_cast<std::uint64_t>(std::floor(static_cast<double>(channels) * alpha));
}

void conv_bn_relu(Builder& b, const std::string& name, std::uint64_t out, std::uint64_t k,
                  std::uint64_t stride, std::uint64_t groups, bool bias) {
  b.conv(name, out, k, stride, k / 2, groups, bias);
  b.batchnorm(name + ".bn");
  b.activation(name + ".relu");
}

}  // namespace

double mobilenet_width(const ZooOptions& o, const std::string& network) {
  const double alpha = o.width_multiplier.value_or(1.0);
  // The narrowest layer (32 channels at alpha = 1) must keep at least one channel; 4 is far
  // beyond any published width and keeps every count well inside 64 bits.
  if (!std::isfinite(alpha) || alpha * 32.0 < 1.0 || alpha > 4.0)
    throw InputError(input_error_message("", 0, "--width-multiplier",
                                         "a width multiplier of " + network + " in [1/32, 4]",
                                         std::to_string(alpha)));
  return alpha;
}

Network mobilenet_v1_network(const std::string& name, const ZooOptions& o, double alpha,
                             std::uint64_t side, std::uint64_t classes, bool conv_bias) {
  const Shape in = image_input(o, 3, side);
  Builder b(name, in);
  conv_bn_relu(b, "conv1", scaled(32, alpha), 3, 2, 1, conv_bias);
  int index = 2;
  for (const auto& block : kBlocks) {
    const std::string n = std::to_string(index++);
    const std::uint64_t channels = b.shape().c;
    conv_bn_relu(b, "dw" + n, channels, 3, block.stride, channels, conv_bias);
    conv_bn_relu(b, "pw" + n, scaled(block.channels, alpha), 1, 1, 1, conv_bias);
  }
  b.global_avgpool("avgpool");
  b.dense("fc", classes);
  return image_network(name, "image", b, o, in);
}

Network mobilenet_v1(const ZooOptions& o) {
  // The paper's network: convolutions without bias (BatchNorm's shift replaces it), 1000
  // ImageNet classes.
  return mobilenet_v1_network("mobilenet_v1", o, mobilenet_width(o, "mobilenet_v1"), 224, 1000,
                              false);
}

}  // namespace headroom::models::zoo
