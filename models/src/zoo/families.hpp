// SPDX-License-Identifier: MIT
// One factory per zoo network; each family lives in its own file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "builder.hpp"
#include "headroom/models/network.hpp"
#include "headroom/models/zoo.hpp"

namespace headroom::models::zoo {

// A CNN over a square RGB (or `channels`) image of options.image_size (default `side`).
Network image_network(const std::string& name, const std::string& unit, Builder& b,
                      const ZooOptions& options, Shape input);
Shape image_input(const ZooOptions& options, std::uint64_t channels, std::uint64_t side);
// The AlexNet/VGG head: flatten, fc6 4096, fc7 4096 (ReLU after each), fc8 1000 classes.
void imagenet_classifier(Builder& b);
// options.width_multiplier (1 when unset), checked to leave every layer a channel.
double mobilenet_width(const ZooOptions& o, const std::string& network);
// MobileNet v1 at width alpha over a side x side image (options.image_size overrides `side`).
Network mobilenet_v1_network(const std::string& name, const ZooOptions& o, double alpha,
                             std::uint64_t side, std::uint64_t classes, bool conv_bias);

Network alexnet(const ZooOptions& o);
Network alexnet_torchvision(const ZooOptions& o);
Network zfnet(const ZooOptions& o);
Network vgg11(const ZooOptions& o);
Network vgg16(const ZooOptions& o);
Network vgg19(const ZooOptions& o);
Network googlenet(const ZooOptions& o);
Network resnet18(const ZooOptions& o);
Network resnet34(const ZooOptions& o);
Network resnet50(const ZooOptions& o);
Network resnet101(const ZooOptions& o);
Network resnet152(const ZooOptions& o);
Network resnext50_32x4d(const ZooOptions& o);
Network wide_resnet50_2(const ZooOptions& o);
Network densenet121(const ZooOptions& o);
Network squeezenet1_1(const ZooOptions& o);
Network shufflenet_v1(const ZooOptions& o);
Network shufflenet_v2(const ZooOptions& o);
Network mobilenet_v1(const ZooOptions& o);
Network mobilenet_v2(const ZooOptions& o);
Network mobilenet_v3_large(const ZooOptions& o);
Network mobilenet_v3_small(const ZooOptions& o);
Network ssdlite320_mobilenet_v3_large(const ZooOptions& o);
Network kws_ds_cnn(const ZooOptions& o);
Network vww_mobilenet_v1(const ZooOptions& o);
Network ic_resnet8(const ZooOptions& o);
Network ad_autoencoder(const ZooOptions& o);
Network efficientnet_b0(const ZooOptions& o);
Network efficientnet_lite0(const ZooOptions& o);
Network dqn_nature2015(const ZooOptions& o);
Network dqn_nips2013(const ZooOptions& o);
Network seq2seq(const ZooOptions& o);
Network deepspeech2(const ZooOptions& o);
Network transformer_base(const ZooOptions& o);
Network bert_base(const ZooOptions& o);
Network bert_large(const ZooOptions& o);
Network gpt2_small(const ZooOptions& o);
Network gpt3_175b(const ZooOptions& o);
Network lamda_137b(const ZooOptions& o);
Network palm_540b(const ZooOptions& o);
Network llama3_405b(const ZooOptions& o);

}  // namespace headroom::models::zoo
