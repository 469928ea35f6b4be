// SPDX-License-Identifier: MIT
// Predicted against measured for the rows of tests/data/edge/edge_measurements.csv that
// Headroom's accelerator configs cover (issue 16). The goal is within 2x; the ratios, and why
// some rows are not there yet, are in docs/validation.md. Inference runs the deployment graph (the
// default), as the measured toolchains do.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../cli_runner.hpp"
#include "../csv_rows.hpp"

namespace headroom::test {
namespace {

struct Case {
  const char* device;  // the CSV row's device and metric pick the measurement
  const char* metric;
  const char* config;
  const char* network;
  double low, high;           // accepted predicted / measured
  const char* workload = "";  // with several workloads per device: the row's workload
  bool as_written = false;    // run --no-fuse: the graph as the submission defined it
};

double measured(const Case& c) {
  const std::string workload = c.workload;
  for (const auto& r : read_csv_rows("tests/data/edge/edge_measurements.csv"))
    if (r.at("device") == c.device && r.at("metric") == c.metric &&
        (workload.empty() || r.at("workload") == workload))
      return std::stod(r.at("value"));
  ADD_FAILURE() << "no row " << c.device << " / " << c.metric;
  return 0;
}

class EdgeValidation : public ::testing::TestWithParam<Case> {};

TEST_P(EdgeValidation, PredictionIsWithinTheBandOfTheMeasurement) {
  const Case& c = GetParam();
  std::vector<std::string> args = {"run",     "--accel", c.config, "--network",
                                   c.network, "--json",  "-"};
  if (c.as_written) args.emplace_back("--no-fuse");
  const CliResult r = run_cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const std::string metric = c.metric;
  const double predicted = metric == "latency" ? j["totals"]["latency_s"].get<double>() * 1e3  // ms
                           : metric == "energy_per_inference"
                               ? j["totals"]["energy_j"].get<double>() * 1e6  // uJ
                               : j["totals"]["total_cycles"].get<double>();
  const double ratio = predicted / measured(c);
  RecordProperty("ratio", std::to_string(ratio));
  EXPECT_GE(ratio, c.low) << c.device << " " << c.metric << ": predicted " << predicted;
  EXPECT_LE(ratio, c.high) << c.device << " " << c.metric << ": predicted " << predicted;
}

// Bands: the goal is 0.5-2x. Rows not there yet keep a band around where they are, with the
// reason, so a change that moves them further off fails (docs/validation.md, "Edge"):
// - Coral MobileNet v1, 0.79x with array.depthwise: packed (7 channels of a 3x3 depthwise layer
//   per pass, an assumption: the Edge TPU's own mapping is not public); one channel per pass it
//   was 3.3x slow. The goal band applies.
// - NVDLA AlexNet, 5.7x the spreadsheet and 2.4x the RTL run (github.com/nvdla/hw/issues/202,
//   seen): at batch 1 the FC layers' 58.6M weights stream over this design point's 20 GB/s
//   (about 3M cycles), while the spreadsheet's figure is its default inputs, 10 GB/s with the FC
//   weights' traffic divided by an FC batch of 16, and the RTL run names neither its
//   configuration nor its memory. Not golden values: bands where they are.
// Syntiant NDP9120 at 98.7 MHz, MLPerf Tiny v1.0 (on-chip only; its MAC count is an assumption,
// not fitted to these rows). Energy is the whole DUT power domain's (DSP and M0 included); the
// config's leakage is a cited low-power SRAM figure (12 uA/Mb at 0.5 V, 65 nm ULP), so the
// predicted NPU energy sits below the measured domain's.
// - KWS and IC "as written" (--no-fuse): Syntiant's submitted network definitions
//   (tiny_results_v1.0 closed/syntiant/code/model_conversion_python/{kws/tinyml_model.py,
//   ic/convert_ic_model.py}) keep every BatchNorm as a layer of its own after a linear-output
//   convolution; VWW's converter output is not in the submission, so it runs the fused graph only.
// - IC (ResNet-8) on the fused graph, 0.44x: not there yet; as written it is 0.53x. How Core 2
//   runs ResNet-8 beyond that layer list is not public.
constexpr const char* kSyntiant =
    "NDP9120 [syntiant_9120_1v1_98mhz] (HiFi3 + M0 @ 98.7 MHz; accel Syntiant Core 2 @ 98.7 MHz)";
constexpr const char* kSyntiantConfig = "configs/accel/syntiant-core2-class.yaml";
constexpr const char* kKws = "MLPerf Tiny KWS (DS-CNN ref)";
constexpr const char* kVww = "MLPerf Tiny VWW (MobileNetV1-0.25 ref)";
constexpr const char* kIc = "MLPerf Tiny IC (ResNet-8 ref, CIFAR-10)";

INSTANTIATE_TEST_SUITE_P(
    Rows, EdgeValidation,
    ::testing::Values(
        Case{"Coral USB Accelerator (USB 3.0) on Intel i9-13900K host", "latency",
             "tests/data/edge/edge-tpu-class-250mhz.yaml", "mobilenet_v1", 0.5, 2.0},
        Case{"NVDLA nv_full (nvdlav1)", "cycles_perf_spreadsheet",
             "configs/accel/nvdla-nv-full.yaml", "alexnet", 0.5, 6.5},
        Case{"NVDLA nv_full (nvdlav1)", "cycles_rtl_vcs", "configs/accel/nvdla-nv-full.yaml",
             "alexnet", 0.5, 3.0},
        Case{kSyntiant, "latency", kSyntiantConfig, "kws_ds_cnn", 0.5, 2.0, kKws},
        Case{kSyntiant, "latency", kSyntiantConfig, "kws_ds_cnn", 0.5, 2.0, kKws, true},
        Case{kSyntiant, "latency", kSyntiantConfig, "vww_mobilenet_v1", 0.5, 2.0, kVww},
        Case{kSyntiant, "latency", kSyntiantConfig, "ic_resnet8", 0.3, 2.0, kIc},
        Case{kSyntiant, "latency", kSyntiantConfig, "ic_resnet8", 0.5, 2.0, kIc, true},
        Case{kSyntiant, "energy_per_inference", kSyntiantConfig, "kws_ds_cnn", 0.5, 2.0, kKws},
        Case{kSyntiant, "energy_per_inference", kSyntiantConfig, "kws_ds_cnn", 0.5, 2.0, kKws,
             true},
        Case{kSyntiant, "energy_per_inference", kSyntiantConfig, "ic_resnet8", 0.5, 2.0, kIc},
        Case{kSyntiant, "energy_per_inference", kSyntiantConfig, "ic_resnet8", 0.5, 2.0, kIc, true},
        Case{kSyntiant, "energy_per_inference", kSyntiantConfig, "vww_mobilenet_v1", 0.5, 2.0,
             kVww}));

}  // namespace
}  // namespace headroom::test
