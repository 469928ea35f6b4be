// SPDX-License-Identifier: MIT
// The MLPerf Tiny reference models against tests/data/edge/tiny_models.csv (layer shapes, MACs
// and parameters read from github.com/mlcommons/tiny's training code; totals cross-checked with
// SiliconLabs/mltk, see the file's source column). Totals must match exactly, layer by layer too.
// The reference counts convolution and dense weights and biases as parameters, BatchNorm not
// (folded into the int8 TFLite weights), so those are the layers summed here.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <variant>

#include "../csv_rows.hpp"
#include "headroom/models/zoo.hpp"

namespace headroom::models {
namespace {

const std::map<std::string, std::string>& zoo_name_of_model() {
  static const std::map<std::string, std::string> names{
      {"KWS DS-CNN", "kws_ds_cnn"},
      {"VWW MobileNetV1-0.25", "vww_mobilenet_v1"},
      {"IC ResNet-8 (16 filters)", "ic_resnet8"},
      {"AD FC-AutoEncoder", "ad_autoencoder"}};
  return names;
}

const std::vector<test::CsvRow>& rows() {
  static const auto all = test::read_csv_rows("tests/data/edge/tiny_models.csv");
  return all;
}

bool weighted(const Layer& layer) {
  return std::holds_alternative<Conv2d>(layer.params) ||
         std::holds_alternative<Dense>(layer.params);
}

TEST(MlperfTiny, TotalsMatchTheReferenceExactly) {
  int totals = 0;
  for (const auto& r : rows()) {
    if (r.at("layer") != "TOTAL") continue;
    ++totals;
    const std::string& zoo_name = zoo_name_of_model().at(r.at("model"));
    const Network net = make_network(zoo_name);
    EXPECT_EQ(net.forward_macs_per_example(), std::stoull(r.at("macs"))) << zoo_name;
    std::uint64_t params = 0;
    for (const auto& layer : net.layers())
      if (weighted(layer)) params += layer.counts(1).parameters;
    EXPECT_EQ(params, std::stoull(r.at("params"))) << zoo_name;
  }
  EXPECT_EQ(totals, 4);
}

TEST(MlperfTiny, EveryWeightedLayerMatchesItsRow) {
  int checked = 0;
  for (const auto& r : rows()) {
    const std::string type = r.at("type");
    if (type == "total" || type == "add" || type == "avgpool") continue;
    const Network net = make_network(zoo_name_of_model().at(r.at("model")));
    const Layer* found = nullptr;
    for (const auto& layer : net.layers())
      if (layer.name == r.at("layer")) found = &layer;
    ASSERT_NE(found, nullptr) << r.at("model") << " has no layer " << r.at("layer");
    const LayerCounts c = found->counts(1);
    EXPECT_EQ(c.macs, std::stoull(r.at("macs"))) << r.at("model") << " " << r.at("layer");
    EXPECT_EQ(c.parameters, std::stoull(r.at("params"))) << r.at("model") << " " << r.at("layer");
    ++checked;
  }
  EXPECT_EQ(checked, 10 + 28 + 10 + 10);  // conv/dense rows: KWS, VWW, IC, AD
}

TEST(MlperfTiny, VisualWakeWordsIsMobileNetV1AtAQuarterWidth) {
  ZooOptions options;
  options.width_multiplier = 0.25;
  options.image_size = 96;
  const Network paper = make_network("mobilenet_v1", options);
  const Network vww = make_network("vww_mobilenet_v1");
  // Same feature extractor; VWW's classifier has 2 classes instead of 1000 (256 x 998 MACs).
  EXPECT_EQ(paper.forward_macs_per_example() - vww.forward_macs_per_example(), 256U * 998U);
}

}  // namespace
}  // namespace headroom::models
