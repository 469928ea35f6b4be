// SPDX-License-Identifier: MIT
// The registry: name, one-line description, factory.
#include "headroom/models/zoo.hpp"

#include <algorithm>
#include <string_view>

#include "families.hpp"
#include "headroom/models/checked.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/lowering.hpp"

namespace headroom::models {

namespace {

struct Entry {
  const char* name;
  const char* description;
  Network (*make)(const ZooOptions&);
};

// The networks whose factory reads options.width_multiplier.
constexpr std::string_view kTakeWidth[] = {"mobilenet_v1", "vww_mobilenet_v1"};

constexpr Entry kZoo[] = {
    {"alexnet", "AlexNet 2012, two towers (conv2/4/5 in 2 groups), 227x227", zoo::alexnet},
    {"alexnet_torchvision", "AlexNet, torchvision single tower, 224x224", zoo::alexnet_torchvision},
    {"zfnet", "ZFNet (Zeiler & Fergus 2014)", zoo::zfnet},
    {"vgg11", "VGG-11 (configuration A)", zoo::vgg11},
    {"vgg16", "VGG-16 (configuration D)", zoo::vgg16},
    {"vgg19", "VGG-19 (configuration E)", zoo::vgg19},
    {"googlenet", "GoogLeNet / Inception v1 (torchvision)", zoo::googlenet},
    {"resnet18", "ResNet-18", zoo::resnet18},
    {"resnet34", "ResNet-34", zoo::resnet34},
    {"resnet50", "ResNet-50 (torchvision v1.5)", zoo::resnet50},
    {"resnet101", "ResNet-101", zoo::resnet101},
    {"resnet152", "ResNet-152", zoo::resnet152},
    {"resnext50_32x4d", "ResNeXt-50 (32x4d)", zoo::resnext50_32x4d},
    {"wide_resnet50_2", "Wide ResNet-50-2 (bottleneck 3x3 twice as wide)", zoo::wide_resnet50_2},
    {"densenet121", "DenseNet-121 (growth 32, BC)", zoo::densenet121},
    {"squeezenet1_1", "SqueezeNet 1.1 (fire modules)", zoo::squeezenet1_1},
    {"shufflenet_v1", "ShuffleNet v1 1x, 3 groups", zoo::shufflenet_v1},
    {"shufflenet_v2", "ShuffleNet v2 1x", zoo::shufflenet_v2},
    {"mobilenet_v1", "MobileNet v1 (Howard 2017), --width-multiplier alpha, 224x224",
     zoo::mobilenet_v1},
    {"mobilenet_v2", "MobileNetV2 1.0 (depthwise separable)", zoo::mobilenet_v2},
    {"mobilenet_v3_large", "MobileNetV3-Large 1.0 (squeeze-excite, hard-swish), 224x224",
     zoo::mobilenet_v3_large},
    {"mobilenet_v3_small", "MobileNetV3-Small 1.0 (squeeze-excite, hard-swish), 224x224",
     zoo::mobilenet_v3_small},
    {"ssdlite320_mobilenet_v3_large",
     "SSDLite320 detector, MobileNetV3-Large backbone, 6 maps x (91-class + box) heads, 320x320",
     zoo::ssdlite320_mobilenet_v3_large},
    {"kws_ds_cnn", "MLPerf Tiny keyword spotting: DS-CNN, 49x10 MFCC, 12 classes", zoo::kws_ds_cnn},
    {"vww_mobilenet_v1", "MLPerf Tiny visual wake words: MobileNet v1 0.25, 96x96, 2 classes",
     zoo::vww_mobilenet_v1},
    {"ic_resnet8", "MLPerf Tiny image classification: ResNet-8, CIFAR-10 32x32", zoo::ic_resnet8},
    {"ad_autoencoder", "MLPerf Tiny anomaly detection: FC autoencoder, 640 inputs",
     zoo::ad_autoencoder},
    {"efficientnet_b0", "EfficientNet-B0 (depthwise + squeeze-excite)", zoo::efficientnet_b0},
    {"efficientnet_lite0", "EfficientNet-Lite0 (B0 without squeeze-excite, ReLU6)",
     zoo::efficientnet_lite0},
    {"dqn", "DQN, Nature 2015 (Atari, 4x84x84 frames)", zoo::dqn_nature2015},
    {"dqn_nips2013", "DQN, NIPS 2013 workshop", zoo::dqn_nips2013},
    {"seq2seq", "Seq2Seq (Sutskever 2014): 4+4 LSTM x 1000, 160k/80k vocab", zoo::seq2seq},
    {"deepspeech2", "Deep Speech 2: 2 conv + 7 bi-RNN x 1280", zoo::deepspeech2},
    {"transformer_base", "Transformer base (Vaswani 2017), WMT EN-DE", zoo::transformer_base},
    {"bert_base", "BERT-base encoder", zoo::bert_base},
    {"bert_large", "BERT-large encoder", zoo::bert_large},
    {"gpt2_small", "GPT-2 small (124M)", zoo::gpt2_small},
    {"gpt3_175b", "GPT-3 175B", zoo::gpt3_175b},
    {"lamda_137b", "LaMDA 137B (gated-GELU decoder)", zoo::lamda_137b},
    {"palm_540b", "PaLM 540B (SwiGLU, multi-query, parallel layers)", zoo::palm_540b},
    {"llama3_405b", "Llama 3.1 405B (SwiGLU, 8 K/V heads)", zoo::llama3_405b},
};

// Counts every figure the simulator will later take from the network (forward totals, the
// training step's operations and operand sizes), so a size too large for 64-bit counts is
// rejected here, naming the sizes, and never wraps around downstream.
void check_counts_fit(const Network& network) {
  (void)network.totals();
  (void)network.examples();
  const Trace step = lower_training_step(network, Optimizer::Adam);
  (void)step.total_macs();
  (void)step.total_vector_ops();
  for (const auto& op : step.ops)
    if (op.kind == TraceOp::Kind::Gemm) {
      (void)op.gemm.a_elements();
      (void)op.gemm.b_elements();
      (void)op.gemm.c_elements();
    }
}

std::string describe_sizes(const ZooOptions& o) {
  std::string s = "batch " + std::to_string(o.batch);
  if (o.image_size) s += ", image size " + std::to_string(*o.image_size);
  if (o.seq_len) s += ", sequence length " + std::to_string(*o.seq_len);
  if (o.width_multiplier) s += ", width multiplier " + std::to_string(*o.width_multiplier);
  return s;
}

}  // namespace

std::vector<ZooEntry> zoo_entries() {
  std::vector<ZooEntry> out;
  for (const auto& e : kZoo) out.push_back({e.name, e.description});
  return out;
}

Network make_network(const std::string& name, const ZooOptions& options) {
  if (options.batch == 0)
    throw InputError(input_error_message("", 0, "--batch", "a batch of at least 1", "0"));
  for (const auto& e : kZoo) {
    if (name != e.name) continue;
    if (options.width_multiplier &&
        std::find(std::begin(kTakeWidth), std::end(kTakeWidth), name) == std::end(kTakeWidth))
      throw InputError(input_error_message(
          "", 0, "--width-multiplier", "a network with a width multiplier (mobilenet_v1)", name));
    try {
      Network network = e.make(options);
      check_counts_fit(network);
      return network;
    } catch (const CountOverflow& overflow) {
      throw InputError(name + " at " + describe_sizes(options) + ": " + overflow.what() +
                       "; use a smaller batch" + (options.image_size ? " or image size" : "") +
                       (options.seq_len ? " or sequence length" : ""));
    }
  }
  std::vector<std::string> names;
  for (const auto& e : kZoo) names.emplace_back(e.name);
  const std::string close = close_matches(name, names);
  throw InputError("unknown network '" + name + "'" +
                   (close.empty() ? "" : "; did you mean " + close + "?") +
                   " ('headroom models' lists them all)");
}

}  // namespace headroom::models
