// SPDX-License-Identifier: MIT
// GoogLeNet / Inception v1 (Szegedy et al., CVPR 2015, Table 1) as torchvision builds it: conv +
// batch norm without bias, no auxiliary classifiers, and the "5x5" branch with a 3x3 kernel
// (torchvision's known deviation; its 1.50 GMACs and 6.62 M parameters in networks.csv count it
// so). Max pools use ceil mode, reproduced by padding 1.
#include "families.hpp"

namespace headroom::models::zoo {

namespace {

void conv_bn(Builder& b, const std::string& name, std::uint64_t out, std::uint64_t k,
             std::uint64_t stride = 1) {
  b.conv(name, out, k, stride, k / 2, 1, false);
  b.batchnorm(name + ".bn");
  b.activation(name + ".relu");
}

struct Inception {
  const char* name;
  std::uint64_t c1, c3r, c3, c5r, c5, pool;
};

void inception(Builder& b, const Inception& m) {
  const Shape in = b.shape();
  const std::string n = m.name;
  conv_bn(b, n + ".branch1", m.c1, 1);
  b.set_shape(in);
  conv_bn(b, n + ".branch2.0", m.c3r, 1);
  conv_bn(b, n + ".branch2.1", m.c3, 3);
  b.set_shape(in);
  conv_bn(b, n + ".branch3.0", m.c5r, 1);
  conv_bn(b, n + ".branch3.1", m.c5, 3);
  b.set_shape(in);
  b.maxpool(n + ".branch4.pool", 3, 1, 1);
  conv_bn(b, n + ".branch4.1", m.pool, 1);
  b.set_shape({m.c1 + m.c3 + m.c5 + m.pool, in.h, in.w});
}

}  // namespace

Network googlenet(const ZooOptions& o) {
  const Shape in = image_input(o, 3, 224);
  Builder b("googlenet", in);
  conv_bn(b, "conv1", 64, 7, 2);
  b.maxpool("maxpool1", 3, 2, 1);
  conv_bn(b, "conv2", 64, 1);
  conv_bn(b, "conv3", 192, 3);
  b.maxpool("maxpool2", 3, 2, 1);
  inception(b, {"inception3a", 64, 96, 128, 16, 32, 32});
  inception(b, {"inception3b", 128, 128, 192, 32, 96, 64});
  b.maxpool("maxpool3", 3, 2, 1);
  inception(b, {"inception4a", 192, 96, 208, 16, 48, 64});
  inception(b, {"inception4b", 160, 112, 224, 24, 64, 64});
  inception(b, {"inception4c", 128, 128, 256, 24, 64, 64});
  inception(b, {"inception4d", 112, 144, 288, 32, 64, 64});
  inception(b, {"inception4e", 256, 160, 320, 32, 128, 128});
  b.maxpool("maxpool4", 2, 2);
  inception(b, {"inception5a", 256, 160, 320, 32, 128, 128});
  inception(b, {"inception5b", 384, 192, 384, 48, 128, 128});
  b.global_avgpool("avgpool");
  b.dense("fc", 1000);
  return image_network("googlenet", "image", b, o, in);
}

}  // namespace headroom::models::zoo
