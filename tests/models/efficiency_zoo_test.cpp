// SPDX-License-Identifier: MIT
// The architectures of Hernandez & Brown 2020 ("AI and Efficiency") added for
// `headroom trends efficiency`: parameter counts (and multiply-adds where the paper prints them)
// against the papers. torchvision's figures are used only where the paper prints none.
#include <gtest/gtest.h>

#include <string>

#include "headroom/models/zoo.hpp"

namespace {

using headroom::models::make_network;

double params(const std::string& name) {
  return static_cast<double>(make_network(name).parameters());
}
double macs(const std::string& name) {
  return static_cast<double>(make_network(name).totals().macs);
}

TEST(EfficiencyZoo, Vgg11) {
  // Simonyan & Zisserman, ICLR 2015, Table 2: configuration A has 133 million parameters.
  EXPECT_NEAR(params("vgg11"), 133e6, 0.5e6);
}

TEST(EfficiencyZoo, ResNeXt50) {
  // Xie et al., "Aggregated Residual Transformations", CVPR 2017, Table 1: ResNeXt-50 (32x4d)
  // 25.0 x 10^6 parameters, 4.2 x 10^9 FLOPs (counted as multiply-adds, Sec 3.1 footnote).
  EXPECT_NEAR(params("resnext50_32x4d"), 25.0e6, 0.05e6);
  EXPECT_NEAR(macs("resnext50_32x4d"), 4.2e9, 0.05e9);
}

TEST(EfficiencyZoo, WideResNet50) {
  // Zagoruyko & Komodakis, "Wide Residual Networks", BMVC 2016, ImageNet results:
  // WRN-50-2-bottleneck has 68.9 M parameters.
  EXPECT_NEAR(params("wide_resnet50_2"), 68.9e6, 0.05e6);
}

TEST(EfficiencyZoo, ShuffleNetV2) {
  // Ma et al., "ShuffleNet V2", ECCV 2018, Table 5: 1x has 146 M FLOPs (multiply-adds) and
  // 2.3 M weights.
  EXPECT_NEAR(params("shufflenet_v2"), 2.3e6, 0.05e6);
  EXPECT_NEAR(macs("shufflenet_v2"), 146e6, 1.5e6);
}

TEST(EfficiencyZoo, ShuffleNetV1) {
  // Zhang et al., "ShuffleNet", CVPR 2018, Table 1: 1x with g = 3 costs 137 MFLOPs
  // (multiply-adds); the paper prints no parameter count for it.
  EXPECT_NEAR(macs("shufflenet_v1"), 137e6, 1.5e6);
  EXPECT_GT(params("shufflenet_v1"), 1.5e6);  // more than its 1x1 layers alone
}

TEST(EfficiencyZoo, DenseNet121) {
  // Huang et al., CVPR 2017, Table 1 gives the architecture but no parameter count; torchvision's
  // densenet121 weights list num_params 7,978,856 (docs table: 8.0 M, 2.83 GFLOPS).
  EXPECT_EQ(params("densenet121"), 7978856);
  EXPECT_NEAR(macs("densenet121"), 2.83e9, 0.01e9);
}

TEST(EfficiencyZoo, SqueezeNet11) {
  // SqueezeNet 1.1 has no paper (github.com/forresti/SqueezeNet, SqueezeNet_v1.1: "2.4x less
  // computation than SqueezeNet 1.0"); torchvision's squeezenet1_1 lists num_params 1,235,496
  // and 0.35 GFLOPS. SqueezeNet 1.0's 0.82 G (networks.csv) / 2.4 = 0.34 G.
  EXPECT_EQ(params("squeezenet1_1"), 1235496);
  EXPECT_NEAR(macs("squeezenet1_1"), 0.35e9, 0.005e9);
}

}  // namespace
