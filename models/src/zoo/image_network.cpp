// SPDX-License-Identifier: MIT
#include "families.hpp"

namespace headroom::models::zoo {

Shape image_input(const ZooOptions& options, std::uint64_t channels, std::uint64_t side) {
  const std::uint64_t s = options.image_size.value_or(side);
  return {channels, s, s};
}

void imagenet_classifier(Builder& b) {
  b.flatten();
  b.dense("fc6", 4096);
  b.activation("relu6");
  b.dense("fc7", 4096);
  b.activation("relu7");
  b.dense("fc8", 1000);
}

Network image_network(const std::string& name, const std::string& unit, Builder& b,
                      const ZooOptions& options, Shape input) {
  NetworkInfo info{
      name, options.batch, 1, unit,
      std::to_string(input.c) + "x" + std::to_string(input.h) + "x" + std::to_string(input.w)};
  return Network(std::move(info), b.take());
}

}  // namespace headroom::models::zoo
