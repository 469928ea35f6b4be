// SPDX-License-Identifier: MIT
// DQN: Mnih et al., Nature 2015 ("Human-level control", 32@8x8/4, 64@4x4/2, 64@3x3/1, fc 512)
// and arXiv:1312.5602 (NIPS 2013 workshop: 16@8x8/4, 32@4x4/2, fc 256). Input: 4 stacked 84x84
// frames; 18 outputs, the largest Atari action set.
#include "families.hpp"

namespace headroom::models::zoo {

namespace {
constexpr std::uint64_t kActions = 18;
}

Network dqn_nature2015(const ZooOptions& o) {
  const Shape in = image_input(o, 4, 84);
  Builder b("dqn", in);
  b.conv("conv1", 32, 8, 4);
  b.activation("relu1");
  b.conv("conv2", 64, 4, 2);
  b.activation("relu2");
  b.conv("conv3", 64, 3, 1);
  b.activation("relu3");
  b.flatten();
  b.dense("fc4", 512);
  b.activation("relu4");
  b.dense("q", kActions);
  return image_network("dqn", "state", b, o, in);
}

Network dqn_nips2013(const ZooOptions& o) {
  const Shape in = image_input(o, 4, 84);
  Builder b("dqn_nips2013", in);
  b.conv("conv1", 16, 8, 4);
  b.activation("relu1");
  b.conv("conv2", 32, 4, 2);
  b.activation("relu2");
  b.flatten();
  b.dense("fc3", 256);
  b.activation("relu3");
  b.dense("q", kActions);
  return image_network("dqn_nips2013", "state", b, o, in);
}

}  // namespace headroom::models::zoo
