// SPDX-License-Identifier: MIT
// Eight-GPU data-parallel training against the measured 1- and 8-GPU throughputs NVIDIA
// DeepLearningExamples publish side by side (tests/data/gpu/validation_multi_gpu.csv: ResNet-50 in
// PyTorch DDP and TensorFlow/Horovod, BERT-large SQuAD fine-tuning in TensorFlow/Horovod, on a
// DGX-1 and a DGX A100). Both are planned by `train`'s device path with the NCCL all-reduce
// (`--nccl`: the interconnect of the device file, bucketed and overlapped with the backward
// pass). The measured weak scaling is 6.4-7.8x; without the NCCL model it was 8.0x everywhere.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "../csv_rows.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/run_config.hpp"
#include "headroom/sim/train.hpp"

namespace headroom::sim {
namespace {

struct Scaling {
  std::string id;
  double predicted = 0;  // 8-GPU over 1-GPU throughput
  double measured = 0;
  double throughput_ratio = 0;  // predicted / measured 8-GPU throughput
};

double throughput(const test::CsvRow& row, std::uint64_t gpus) {
  const std::uint64_t batch = std::stoull(row.at("batch"));
  std::map<std::string, std::string> overrides{{"global_batch", std::to_string(batch * gpus)}};
  const bool bert = row.at("network") == "bert_large";
  if (bert) overrides["seq_len"] = row.at("seq_len");
  const RunConfig run = load_run_config(bert ? "tests/data/train/mlperf-v0.7-bert-dgx1.yaml"
                                             : "tests/data/train/mlperf-v0.7-resnet50-dgx1.yaml",
                                        overrides);
  TrainOptions o;
  o.chips = gpus;
  o.device_precision = parse_precision(row.at("precision"));
  o.device_precision_by = "the test";
  o.framework = *parse_framework(row.at("framework"));
  o.nccl = true;
  const TrainReport r = plan_training_on_device(load_device(row.at("device")), run, o);
  return static_cast<double>(batch * gpus) / r.step.step_s;
}

const std::vector<Scaling>& points() {
  static const std::vector<Scaling> out = [] {
    std::vector<Scaling> v;
    for (const auto& row : test::read_csv_rows("tests/data/gpu/validation_multi_gpu.csv")) {
      const std::uint64_t gpus = std::stoull(row.at("gpus"));
      const double one = throughput(row, 1);
      const double many = throughput(row, gpus);
      const double measured = std::stod(row.at("measured_per_s"));
      v.push_back({row.at("id"), many / one, measured / std::stod(row.at("measured_1gpu_per_s")),
                   many / measured});
    }
    return v;
  }();
  return out;
}

TEST(GpuValidationMulti, EightGpuScalingIsWithinTheMeasuredRange) {
  ASSERT_EQ(points().size(), 12u);
  double worst = 1;
  for (const Scaling& s : points()) {
    std::cout << "[ scaling  ] " << s.id << ": predicted " << s.predicted << "x, measured "
              << s.measured << "x, 8-GPU throughput ratio " << s.throughput_ratio << "\n";
    // Eight GPUs are never perfect once the all-reduce is modelled.
    EXPECT_LT(s.predicted, 8.0) << s.id;
    worst = std::max(worst, std::max(s.predicted / s.measured, s.measured / s.predicted));
  }
  std::cout << "[ summary  ] worst predicted/measured scaling " << worst << "\n";
  // The all-reduce is 1-3 % of these steps and mostly hidden: the model gives 7.86-7.99x where
  // 6.4-7.8x was measured (docs/gpu-model.md, "Multi-GPU scaling": the rest of the loss is not
  // in the all-reduce). This floor keeps today's worst row (1.23x) from growing.
  EXPECT_LE(worst, 1.24);
}

}  // namespace
}  // namespace headroom::sim
