// SPDX-License-Identifier: MIT
// The MLPerf Tiny reference models (github.com/mlcommons/tiny, benchmark/training/*/keras_model.py
// and vww_model.py; layer by layer in tests/data/edge/tiny_models.csv). They are Keras models:
// every convolution and dense layer has a bias, BatchNorm follows it (folded away in the int8
// TFLite files the benchmark runs), and "same" padding keeps ceil(input / stride) outputs, which
// symmetric padding of half the kernel reproduces for these shapes.
#include "families.hpp"

namespace headroom::models::zoo {

namespace {

Network tiny_network(const std::string& name, const std::string& unit, const std::string& input,
                     const ZooOptions& o, Builder& b) {
  return Network(NetworkInfo{name, o.batch, 1, unit, input}, b.take());
}

void bn_relu(Builder& b, const std::string& name) {
  b.batchnorm(name + ".bn");
  b.activation(name + ".relu");
}

}  // namespace

// Keyword spotting, DS-CNN (small): 49x10 MFCC, a 10x4 stride-2 convolution to 64 channels, four
// depthwise-separable blocks of 64, average pooling, 12 classes.
Network kws_ds_cnn(const ZooOptions& o) {
  const Shape in{1, 49, 10};
  Builder b("kws_ds_cnn", in);
  b.conv("conv1", ConvSpec{64, 10, 4, 2, 2, 5, 1, 1, true});
  bn_relu(b, "conv1");
  for (int i = 1; i <= 4; ++i) {
    const std::string n = std::to_string(i);
    b.conv("dw" + n, 64, 3, 1, 1, 64, true);
    bn_relu(b, "dw" + n);
    b.conv("pw" + n, 64, 1, 1, 0, 1, true);
    bn_relu(b, "pw" + n);
  }
  b.global_avgpool("avgpool");
  b.flatten();
  b.dense("fc", 12);
  return tiny_network("kws_ds_cnn", "utterance", "1x49x10 MFCC", o, b);
}

// Visual wake words: MobileNet v1 at width 0.25 on 96x96 images, 2 classes (person / none).
Network vww_mobilenet_v1(const ZooOptions& o) {
  ZooOptions narrow = o;
  narrow.width_multiplier = o.width_multiplier.value_or(0.25);
  return mobilenet_v1_network("vww_mobilenet_v1", narrow,
                              mobilenet_width(narrow, "vww_mobilenet_v1"), 96, 2, true);
}

// Image classification, ResNet-8 on CIFAR-10 (resnet_v1_eembc, 16 filters): a stem convolution,
// three stacks of two 3x3 convolutions (the second and third halve the map and add a 1x1
// projection shortcut without BatchNorm), average pooling, 10 classes.
Network ic_resnet8(const ZooOptions& o) {
  const Shape in = image_input(o, 3, 32);
  Builder b("ic_resnet8", in);
  b.conv("conv1", 16, 3, 1, 1, 1, true);
  bn_relu(b, "conv1");
  std::uint64_t filters = 16;
  for (int stack = 1; stack <= 3; ++stack) {
    const std::string n = "s" + std::to_string(stack);
    const std::uint64_t stride = stack == 1 ? 1 : 2;
    const Shape block_in = b.shape();
    b.conv(n + "_conv1", filters, 3, stride, 1, 1, true);
    bn_relu(b, n + "_conv1");
    b.conv(n + "_conv2", filters, 3, 1, 1, 1, true);
    b.batchnorm(n + "_conv2.bn");
    if (stride != 1) {
      const Shape main = b.shape();
      b.set_shape(block_in);
      b.conv(n + "_shortcut", filters, 1, stride, 0, 1, true);
      b.set_shape(main);
    }
    b.elementwise(n + "_add");
    b.activation(n + "_add.relu");
    filters *= 2;
  }
  b.global_avgpool("avgpool");
  b.flatten();
  b.dense("fc", 10);
  return image_network("ic_resnet8", "image", b, o, in);
}

// Anomaly detection, the FC autoencoder on 5 frames of 128 log-mel bins (640 inputs): four
// dense layers of 128, an 8-wide bottleneck, four of 128 (each with BatchNorm and ReLU), and a
// 640-wide reconstruction.
Network ad_autoencoder(const ZooOptions& o) {
  Builder b("ad_autoencoder", Shape{640, 1, 1});
  int index = 1;
  for (const std::uint64_t width : {128, 128, 128, 128, 8, 128, 128, 128, 128}) {
    const std::string n = "fc" + std::to_string(index++);
    b.dense(n, width);
    bn_relu(b, n);
  }
  b.dense("fc10", 640);
  return tiny_network("ad_autoencoder", "window", "640 (5 frames x 128 mel bins)", o, b);
}

}  // namespace headroom::models::zoo
