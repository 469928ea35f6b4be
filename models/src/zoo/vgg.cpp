// SPDX-License-Identifier: MIT
// VGG-11/16/19 (Simonyan & Zisserman, ICLR 2015, configurations A, D and E), torchvision layout.
#include "families.hpp"

namespace headroom::models::zoo {

namespace {
Network vgg(const std::string& name, const std::vector<std::uint64_t>& convs_per_stage,
            const ZooOptions& o) {
  static constexpr std::uint64_t kWidth[] = {64, 128, 256, 512, 512};
  const Shape in = image_input(o, 3, 224);
  Builder b(name, in);
  for (std::size_t s = 0; s < convs_per_stage.size(); ++s) {
    for (std::uint64_t i = 1; i <= convs_per_stage[s]; ++i) {
      const std::string id = std::to_string(s + 1) + "_" + std::to_string(i);
      b.conv("conv" + id, kWidth[s], 3, 1, 1);
      b.activation("relu" + id);
    }
    b.maxpool("pool" + std::to_string(s + 1), 2, 2);
  }
  b.adaptive_avgpool("avgpool", 7);
  imagenet_classifier(b);
  return image_network(name, "image", b, o, in);
}
}  // namespace

Network vgg11(const ZooOptions& o) { return vgg("vgg11", {1, 1, 2, 2, 2}, o); }
Network vgg16(const ZooOptions& o) { return vgg("vgg16", {2, 2, 3, 3, 3}, o); }
Network vgg19(const ZooOptions& o) { return vgg("vgg19", {2, 2, 4, 4, 4}, o); }

}  // namespace headroom::models::zoo
