// SPDX-License-Identifier: MIT
// AlexNet (Krizhevsky et al., NIPS 2012), its torchvision single-tower variant and ZFNet
// (Zeiler & Fergus, ECCV 2014). LRN layers are left out: networks.csv does not count them and
// their cost is a few vector ops per element.
#include "families.hpp"

namespace headroom::models::zoo {

// The 2012 two-tower net at 227x227: conv2, conv4 and conv5 see only their own tower's maps
// (groups = 2); conv3 and the FC layers cross between towers.
Network alexnet(const ZooOptions& o) {
  const Shape in = image_input(o, 3, 227);
  Builder b("alexnet", in);
  b.conv("conv1", 96, 11, 4);
  b.activation("relu1");
  b.maxpool("pool1", 3, 2);
  b.conv("conv2", 256, 5, 1, 2, 2);
  b.activation("relu2");
  b.maxpool("pool2", 3, 2);
  b.conv("conv3", 384, 3, 1, 1);
  b.activation("relu3");
  b.conv("conv4", 384, 3, 1, 1, 2);
  b.activation("relu4");
  b.conv("conv5", 256, 3, 1, 1, 2);
  b.activation("relu5");
  b.maxpool("pool5", 3, 2);
  imagenet_classifier(b);
  return image_network("alexnet", "image", b, o, in);
}

// torchvision.models.alexnet ("one weird trick", Krizhevsky 2014): 64-192-384-256-256.
Network alexnet_torchvision(const ZooOptions& o) {
  const Shape in = image_input(o, 3, 224);
  Builder b("alexnet_torchvision", in);
  b.conv("conv1", 64, 11, 4, 2);
  b.activation("relu1");
  b.maxpool("pool1", 3, 2);
  b.conv("conv2", 192, 5, 1, 2);
  b.activation("relu2");
  b.maxpool("pool2", 3, 2);
  b.conv("conv3", 384, 3, 1, 1);
  b.activation("relu3");
  b.conv("conv4", 256, 3, 1, 1);
  b.activation("relu4");
  b.conv("conv5", 256, 3, 1, 1);
  b.activation("relu5");
  b.maxpool("pool5", 3, 2);
  b.adaptive_avgpool("avgpool", 6);
  imagenet_classifier(b);
  return image_network("alexnet_torchvision", "image", b, o, in);
}

// Zeiler & Fergus Fig. 3: conv1 96@7x7/2 -> 110, pool -> 55, conv2 256@5x5/2 -> 26, pool -> 13.
// Paddings chosen to reproduce those sizes (networks.csv: conv1 padding 1 assumed).
Network zfnet(const ZooOptions& o) {
  const Shape in = image_input(o, 3, 224);
  Builder b("zfnet", in);
  b.conv("conv1", 96, 7, 2, 1);
  b.activation("relu1");
  b.maxpool("pool1", 3, 2, 1);
  b.conv("conv2", 256, 5, 2);
  b.activation("relu2");
  b.maxpool("pool2", 3, 2, 1);
  b.conv("conv3", 384, 3, 1, 1);
  b.activation("relu3");
  b.conv("conv4", 384, 3, 1, 1);
  b.activation("relu4");
  b.conv("conv5", 256, 3, 1, 1);
  b.activation("relu5");
  b.maxpool("pool5", 3, 2);
  imagenet_classifier(b);
  return image_network("zfnet", "image", b, o, in);
}

}  // namespace headroom::models::zoo
