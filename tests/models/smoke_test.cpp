// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include "headroom/models/error.hpp"

TEST(CloseMatches, SuggestsNearNames) {
  EXPECT_EQ(headroom::close_matches("resnet5", {"resnet50", "resnet18", "vgg16"}, 1), "resnet50");
  EXPECT_EQ(headroom::close_matches("zzzzzz", {"resnet50", "vgg16"}), "");
}
