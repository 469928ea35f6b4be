// SPDX-License-Identifier: MIT
// The GPU model against published measured BERT-large throughputs
// (tests/data/gpu/validation_bert_large.csv: NVIDIA DeepLearningExamples' TensorFlow BERT README
// at a pinned commit, each row with its line), and the whole validation set (that table and
// tests/data/gpu/validation_throughput.csv's ResNet-50 rows) summarised per device x precision
// as docs/gpu-model.md tabulates. Inference rows time the forward trace (run_on_device); training
// rows one micro-batch's forward and backward plus the optimizer update divided by the gradient
// accumulation steps (device_step, Adam standing in for LAMB: both keep two moments per weight).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "../csv_rows.hpp"
#include "../ratio_stats.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/zoo.hpp"
#include "headroom/sim/device_run.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/run_config.hpp"
#include "headroom/sim/train.hpp"

namespace headroom::sim {
namespace {

struct Point {
  std::string id;
  std::string device;
  std::string precision;
  std::string network;
  std::uint64_t batch = 0;
  bool training = false;
  double ratio = 0;  // predicted / measured throughput
};

std::string cell(const test::CsvRow& row, const std::string& key) {
  const auto it = row.find(key);
  return it == row.end() ? std::string() : it->second;
}

double predicted_per_s(const test::CsvRow& row) {
  const DeviceSpec device = load_device(row.at("device"));
  const auto precision = parse_precision(row.at("precision"));
  const auto framework = parse_framework(row.at("framework"));
  if (!precision || !framework) {
    ADD_FAILURE() << row.at("id") << ": unknown precision or framework";
    return 0;
  }
  const std::uint64_t batch = std::stoull(row.at("batch"));
  models::ZooOptions zoo;
  zoo.batch = batch;
  if (!cell(row, "seq_len").empty()) zoo.seq_len = std::stoull(cell(row, "seq_len"));
  const models::Network net = models::make_network(row.at("network"), zoo);
  if (row.at("mode") == "training") {
    const std::string optimizer = row.at("network") == "resnet50" ? "momentum" : "adam";
    const ChipStepProfile p =
        device_step(device, *precision, net, parse_optimizer(optimizer), *framework);
    const std::string accumulation = cell(row, "accumulation");
    const double steps = accumulation.empty() ? 1.0 : std::stod(accumulation);
    return static_cast<double>(batch) / (p.forward_s + p.backward_s + p.update_s / steps);
  }
  const DeviceResult r = run_on_device(device, models::lower_forward(net), *precision,
                                       row.at("network"), false, "", *framework);
  return r.examples_per_s();
}

std::vector<Point> points_of(const std::string& table) {
  std::vector<Point> v;
  for (const auto& row : test::read_csv_rows(table)) {
    Point p{row.at("id"),
            row.at("device"),
            row.at("precision"),
            row.at("network"),
            std::stoull(row.at("batch")),
            row.at("mode") == "training",
            0};
    p.ratio = predicted_per_s(row) / std::stod(row.at("measured_per_s"));
    v.push_back(std::move(p));
  }
  return v;
}

const std::vector<Point>& bert_points() {
  static const std::vector<Point> out = points_of("tests/data/gpu/validation_bert_large.csv");
  return out;
}

using test::median;
using test::share_within;

void print_groups(const std::vector<Point>& points) {
  std::map<std::string, std::vector<double>> by_group;
  for (const Point& p : points)
    by_group[p.network + " " + p.device + " " + p.precision +
             (p.training ? " training" : " inference")]
        .push_back(p.ratio);
  for (const auto& [group, ratios] : by_group)
    std::cout << "[ group    ] " << group << ": n " << ratios.size() << ", median "
              << median(ratios) << ", min " << *std::min_element(ratios.begin(), ratios.end())
              << ", max " << *std::max_element(ratios.begin(), ratios.end()) << ", within 1.3x "
              << share_within(ratios, 1.3) << "\n";
}

TEST(GpuValidationBert, TableIsReadAndEveryRowHasARatio) {
  ASSERT_GE(bert_points().size(), 68u);
  for (const Point& p : bert_points()) {
    EXPECT_GT(p.ratio, 0) << p.id;
    std::cout << "[ ratio    ] " << p.id << " " << p.ratio << "\n";
  }
  print_groups(bert_points());
}

TEST(GpuValidationBert, SummaryHoldsTodaysFigures) {
  std::vector<double> all;
  for (const Point& p : bert_points()) all.push_back(p.ratio);
  const double within2 = share_within(all, 2.0);
  const double within13 = share_within(all, 1.3);
  const double mid = median(all);
  std::cout << "[ summary  ] BERT-large: n " << all.size() << ", within 2x " << within2
            << ", within 1.3x " << within13 << ", median " << mid << "\n";
  // The model is optimistic on BERT-large (median 1.40, issue 15's goal is 0.85-1.15;
  // docs/gpu-model.md says where: TF 20.06's A100 FP16 inference, for one, was no faster than its
  // TF32). These floors keep today's 62 and 27 of 68 rows and the median from falling back
  // (before the attention head transposes, docs/gpu-model.md "Attention": 59, 21 and 1.50).
  EXPECT_GE(within2, 62.0 / 68);
  EXPECT_GE(within13, 27.0 / 68);
  EXPECT_LT(mid, 1.40);
}

// Issue 15's goals at batch >= 32 over both networks' rows together (ResNet-50's 42 and
// BERT-large's training rows of 32 and 64 sequences): median 0.85-1.15, >= 90 % within 2x,
// >= 60 % within 1.3x.
TEST(GpuValidationBert, BothNetworksAtBatch32AndAboveMeetTheGoals) {
  std::vector<double> large;
  for (const Point& p : bert_points())
    if (p.batch >= 32) large.push_back(p.ratio);
  for (const Point& p : points_of("tests/data/gpu/validation_throughput.csv"))
    if (p.batch >= 32) large.push_back(p.ratio);
  ASSERT_GE(large.size(), 45u);
  const double mid = median(large);
  std::cout << "[ summary  ] both networks, batch >= 32: n " << large.size() << ", within 2x "
            << share_within(large, 2.0) << ", within 1.3x " << share_within(large, 1.3)
            << ", median " << mid << "\n";
  EXPECT_GE(mid, 0.85);
  EXPECT_LE(mid, 1.15);
  EXPECT_GE(share_within(large, 2.0), 0.90);
  EXPECT_GE(share_within(large, 1.3), 0.60);
}

}  // namespace
}  // namespace headroom::sim
