// SPDX-License-Identifier: MIT
// The GPU model against published measured throughputs, one row per measurement of
// tests/data/gpu/validation_throughput.csv (each with its source: NVIDIA DeepLearningExamples
// performance tables at a pinned commit). Inference rows time the forward trace
// (run_on_device), training rows one training step (device_step, SGD with momentum), both in
// the row's precision and framework (PyTorch eager, TensorFlow graph) on one device. The summary
// test holds the issue-15 goals at batch >= 32 and the per-device x precision figures
// docs/gpu-model.md tabulates.
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

constexpr const char* kTable = "tests/data/gpu/validation_throughput.csv";

struct Point {
  std::string id;
  std::string device;
  std::string precision;
  std::uint64_t batch = 0;
  bool training = false;
  double ratio = 0;  // predicted / measured throughput
};

double predicted_per_s(const test::CsvRow& row) {
  const DeviceSpec device = load_device(row.at("device"));
  const auto precision = parse_precision(row.at("precision"));
  if (!precision) {
    ADD_FAILURE() << row.at("id") << ": unknown precision " << row.at("precision");
    return 0;
  }
  const std::uint64_t batch = std::stoull(row.at("batch"));
  const auto framework = parse_framework(row.at("framework"));
  if (!framework) {
    ADD_FAILURE() << row.at("id") << ": unknown framework " << row.at("framework");
    return 0;
  }
  models::ZooOptions zoo;
  zoo.batch = batch;
  const models::Network net = models::make_network(row.at("network"), zoo);
  if (row.at("mode") == "training") {
    const ChipStepProfile p =
        device_step(device, *precision, net, models::Optimizer::SgdMomentum, *framework);
    return static_cast<double>(batch) / (p.forward_s + p.backward_s + p.update_s);
  }
  const DeviceResult r = run_on_device(device, models::lower_forward(net), *precision,
                                       row.at("network"), false, "", *framework);
  return r.examples_per_s();
}

const std::vector<Point>& points() {
  static const std::vector<Point> out = [] {
    std::vector<Point> v;
    for (const auto& row : test::read_csv_rows(kTable)) {
      Point p{row.at("id"),
              row.at("device"),
              row.at("precision"),
              std::stoull(row.at("batch")),
              row.at("mode") == "training",
              0};
      p.ratio = predicted_per_s(row) / std::stod(row.at("measured_per_s"));
      v.push_back(std::move(p));
    }
    return v;
  }();
  return out;
}

using test::median;
using test::share_within;

TEST(GpuValidation, TableIsReadAndEveryRowHasARatio) {
  ASSERT_GE(points().size(), 68u);
  for (const Point& p : points()) EXPECT_GT(p.ratio, 0) << p.id;
}

TEST(GpuValidation, LargeBatchesMeetTheGoals) {
  std::vector<double> large;
  std::map<std::string, std::vector<double>> by_group;
  for (const Point& p : points()) {
    std::cout << "[ ratio    ] " << p.id << " " << p.ratio << "\n";
    by_group[p.device + " " + p.precision + (p.training ? " training" : " inference") +
             (p.batch >= 32 ? "" : " b<32")]
        .push_back(p.ratio);
    if (p.batch >= 32) large.push_back(p.ratio);
  }
  for (const auto& [group, ratios] : by_group)
    std::cout << "[ group    ] " << group << ": n " << ratios.size() << ", median "
              << median(ratios) << ", min " << *std::min_element(ratios.begin(), ratios.end())
              << ", max " << *std::max_element(ratios.begin(), ratios.end()) << "\n";
  ASSERT_FALSE(large.empty());
  const double within2 = share_within(large, 2.0);
  const double within13 = share_within(large, 1.3);
  const double mid = median(large);
  std::cout << "[ summary  ] batch >= 32: n " << large.size() << ", within 2x " << within2
            << ", within 1.3x " << within13 << ", median " << mid << "\n";
  // Issue 15's goals at batch >= 32: median 0.85-1.15, >= 90 % within 2x, >= 60 % within 1.3x
  // (met since Winograd FP32 and TF32 layout transposes: docs/gpu-model.md, "Convolutions").
  EXPECT_GE(mid, 0.85);
  EXPECT_LE(mid, 1.15);
  EXPECT_GE(within2, 0.90);
  EXPECT_GE(within13, 0.60);
}

TEST(GpuValidation, SmallBatchesAreWithinTwoWhereTheHostBoundIsModelled) {
  std::vector<double> small;
  for (const Point& p : points())
    if (p.batch < 32) small.push_back(p.ratio);
  ASSERT_FALSE(small.empty());
  std::cout << "[ summary  ] batch < 32: n " << small.size() << ", within 2x "
            << share_within(small, 2.0) << ", median " << median(small) << "\n";
  // Every row names its framework (eager, graph), whose host cost per op is modelled.
  EXPECT_EQ(share_within(small, 2.0), 1.0);
}

// ResNet-50 on one 16 GB V100 at the per-GPU batches NVIDIA trained and published with
// (DeepLearningExamples, the READMEs of validation_throughput.csv): mixed precision at 256
// (PyTorch and TensorFlow DGX-1 16GB tables) and FP32 at 128 (TensorFlow: "128 for single
// precision training per single V100 16 GB"). What really does not fit stays so: FP32 at 512
// is 4x the FP32 batch that was run.
TrainReport resnet50_on_v100(std::uint64_t batch, Precision precision) {
  RunConfig run = load_run_config("tests/data/train/mlperf-v0.7-resnet50-dgx1.yaml",
                                  {{"global_batch", std::to_string(batch)}});
  TrainOptions o;
  o.device_precision = precision;
  o.device_precision_by = "the test";
  return plan_training_on_device(load_device("v100"), run, o);
}

TEST(GpuMemory, PublishedResNet50BatchesFitA16GbV100) {
  EXPECT_TRUE(resnet50_on_v100(256, Precision::FP16).fit.fits);
  EXPECT_TRUE(resnet50_on_v100(128, Precision::FP32).fit.fits);
  EXPECT_FALSE(resnet50_on_v100(512, Precision::FP32).fit.fits);
}

}  // namespace
}  // namespace headroom::sim
