// SPDX-License-Identifier: MIT
// EfficientNet-B0's MBConv stages (Tan & Le, ICML 2019, Table 1), shared by B0 and Lite0 (which
// keeps B0's stages unscaled).
#pragma once

#include <cstdint>

namespace headroom::models::zoo {

struct EfficientNetStage {
  std::uint64_t expand, kernel, stride, out, layers;
};

inline constexpr EfficientNetStage kEfficientNetB0Stages[] = {
    {1, 3, 1, 16, 1},  {6, 3, 2, 24, 2},  {6, 5, 2, 40, 2}, {6, 3, 2, 80, 3},
    {6, 5, 1, 112, 3}, {6, 5, 2, 192, 4}, {6, 3, 1, 320, 1}};

}  // namespace headroom::models::zoo
