// SPDX-License-Identifier: MIT
// The embedded CPU reference devices (configs/cpus, docs/cpu-devices.md) against MLPerf Tiny
// results in tests/data/edge/edge_measurements.csv (copied unchanged from
// ../shared/data/edge/edge_measurements.csv). Each device's cycles per MAC were fitted to three
// rows of one submission (AD, IC, VWW): those must come back within 1 % (the fit is wired as
// documented). The rest are held out: KWS of the same submission, and other runtimes on the same
// boards. The goal is within 2x; the ratios are in docs/validation.md, "Embedded CPUs".
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"
#include "../csv_rows.hpp"
#include "../param_name.hpp"

namespace headroom::test {
namespace {

struct Case {
  const char* device;    // the CSV row's device (submission), workload and metric
  const char* workload;  // pick the measurement
  const char* metric;    // latency (ms) or energy_per_inference (uJ)
  const char* target;    // the reference device
  const char* network;
  double low, high;  // accepted predicted / measured
};

double measured(const Case& c) {
  for (const auto& r : read_csv_rows("tests/data/edge/edge_measurements.csv"))
    if (r.at("device") == c.device && r.at("workload") == c.workload && r.at("metric") == c.metric)
      return std::stod(r.at("value"));
  ADD_FAILURE() << "no row " << c.device << " / " << c.workload << " / " << c.metric;
  return 0;
}

class CpuDeviceValidation : public ::testing::TestWithParam<Case> {};

TEST_P(CpuDeviceValidation, PredictionIsWithinTheBandOfTheMeasurement) {
  const Case& c = GetParam();
  const CliResult r = run_cli({"run", "--device", c.target, "--network", c.network, "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const std::string metric = c.metric;
  const double predicted = metric == "latency" ? j["latency_s"].get<double>() * 1e3  // ms
                                               : j["energy_j"].get<double>() * 1e6;  // uJ
  const double ratio = predicted / measured(c);
  RecordProperty("ratio", std::to_string(ratio));
  EXPECT_GE(ratio, c.low) << c.device << " " << c.workload << " " << c.metric << ": predicted "
                          << predicted;
  EXPECT_LE(ratio, c.high) << c.device << " " << c.workload << " " << c.metric << ": predicted "
                           << predicted;
}

constexpr const char* kAd = "MLPerf Tiny AD (FC-AutoEncoder ref, ToyADMOS)";
constexpr const char* kIc = "MLPerf Tiny IC (ResNet-8 ref, CIFAR-10)";
constexpr const char* kKws = "MLPerf Tiny KWS (DS-CNN ref)";
constexpr const char* kVww = "MLPerf Tiny VWW (MobileNetV1-0.25 ref)";

// Cortex-M4: fitted to OctoML's microTVM + CMSIS-NN run (MLPerf Tiny v1.0) on NUCLEO-L4R5ZI.
constexpr const char* kM4Tvm =
    "NUCLEO-L4R5ZI [microtvm_cmsis_nn/NUCLEO_L4R5ZI] (32-bit Arm Cortex-M4 (DSP + FPU) @ 120 MHz)";
// The same board under the v0.5 reference submission (TensorFlow Lite Micro 2.3.1).
constexpr const char* kM4Tflm =
    "Nucleo-L4R5ZI [Nucleo-L4R5ZI] (ARM32-bit Cortex-M4 CPU with FPU @ 120 MHz)";
// Cortex-M7: fitted to Krai's X-CUBE-AI 7.3 run (v1.1) on NUCLEO-H7A3ZI-Q.
constexpr const char* kM7Krai =
    "NUCLEO-H7A3ZI-Q [NUCLEO-H7A3ZI-Q_X-CUBE-AI-7.3] (32-Bit ARM Cortex-M7 @ 280 MHz)";
// The same board under ST's own v0.7 submission.
constexpr const char* kM7St = "NUCLEO-H7A3ZI-Q [NUCLEO-H7A3ZI-Q] (32-Bit ARM Cortex-M7 @ 280 MHz)";
// Cortex-A72: fitted to LatentAI's LEIP int8 run (v0.5) on a Raspberry Pi 4B.
constexpr const char* kA72 =
    "Raspberry Pi 4B [raspberry_pi_4_leip_framework] (Broadcom BCM2711 @ 1.5Ghz)";

constexpr double kFit = 0.01;  // calibration rows: the fit reproduces them

INSTANTIATE_TEST_SUITE_P(
    Calibration, CpuDeviceValidation,
    ::testing::Values(
        Case{kM4Tvm, kAd, "latency", "cortex-m4", "ad_autoencoder", 1 - kFit, 1 + kFit},
        Case{kM4Tvm, kIc, "latency", "cortex-m4", "ic_resnet8", 1 - kFit, 1 + kFit},
        Case{kM4Tvm, kVww, "latency", "cortex-m4", "vww_mobilenet_v1", 1 - kFit, 1 + kFit},
        Case{kM7Krai, kAd, "latency", "cortex-m7", "ad_autoencoder", 1 - kFit, 1 + kFit},
        Case{kM7Krai, kIc, "latency", "cortex-m7", "ic_resnet8", 1 - kFit, 1 + kFit},
        Case{kM7Krai, kVww, "latency", "cortex-m7", "vww_mobilenet_v1", 1 - kFit, 1 + kFit},
        Case{kA72, "MLPerf Tiny AD (open-division model ad_int8)", "latency", "cortex-a72",
             "ad_autoencoder", 1 - kFit, 1 + kFit},
        Case{kA72, "MLPerf Tiny IC (open-division model ic_int8)", "latency", "cortex-a72",
             "ic_resnet8", 1 - kFit, 1 + kFit},
        Case{kA72, "MLPerf Tiny VWW (open-division model vww_int8)", "latency", "cortex-a72",
             "vww_mobilenet_v1", 1 - kFit, 1 + kFit}),
    [](const ::testing::TestParamInfo<CpuDeviceValidation::ParamType>& i) {
      return headroom::test::param_name(std::to_string(i.index), i.param.target, i.param.network,
                                        i.param.metric);
    });

// In sample: the energy of the calibration workloads, whose mean power is busy_w (within the
// spread of the three powers).
INSTANTIATE_TEST_SUITE_P(
    CalibrationEnergy, CpuDeviceValidation,
    ::testing::Values(
        Case{kM4Tvm, kAd, "energy_per_inference", "cortex-m4", "ad_autoencoder", 0.95, 1.05},
        Case{kM4Tvm, kIc, "energy_per_inference", "cortex-m4", "ic_resnet8", 0.95, 1.05},
        Case{kM4Tvm, kVww, "energy_per_inference", "cortex-m4", "vww_mobilenet_v1", 0.95, 1.05},
        Case{kM7Krai, kIc, "energy_per_inference", "cortex-m7", "ic_resnet8", 0.95, 1.05},
        Case{kM7Krai, kVww, "energy_per_inference", "cortex-m7", "vww_mobilenet_v1", 0.95, 1.05}),
    [](const ::testing::TestParamInfo<CpuDeviceValidation::ParamType>& i) {
      return headroom::test::param_name(std::to_string(i.index), i.param.target, i.param.network,
                                        i.param.metric);
    });

// Held out. Bands: the goal is 0.5-2x; the one row outside keeps a band around where it is, with
// the reason, so a change that moves it further off fails (docs/validation.md):
// - Cortex-A72 KWS, 2.2x slow: the depthwise figure fitted on VWW (96x96 maps, 13 depthwise
//   layers) is 30x the conv figure; DS-CNN's four depthwise layers on 25x5 maps ran far faster
//   under LEIP than that, a cost (threading, maps) one term per MAC cannot separate.
INSTANTIATE_TEST_SUITE_P(
    HeldOut, CpuDeviceValidation,
    ::testing::Values(
        Case{kM4Tvm, kKws, "latency", "cortex-m4", "kws_ds_cnn", 0.5, 2.0},
        Case{kM4Tvm, kKws, "energy_per_inference", "cortex-m4", "kws_ds_cnn", 0.5, 2.0},
        Case{kM4Tflm, kAd, "latency", "cortex-m4", "ad_autoencoder", 0.5, 2.0},
        Case{kM4Tflm, kIc, "latency", "cortex-m4", "ic_resnet8", 0.5, 2.0},
        Case{kM4Tflm, kKws, "latency", "cortex-m4", "kws_ds_cnn", 0.5, 2.0},
        Case{kM4Tflm, kVww, "latency", "cortex-m4", "vww_mobilenet_v1", 0.5, 2.0},
        Case{kM4Tflm, kAd, "energy_per_inference", "cortex-m4", "ad_autoencoder", 0.5, 2.0},
        Case{kM4Tflm, kIc, "energy_per_inference", "cortex-m4", "ic_resnet8", 0.5, 2.0},
        Case{kM4Tflm, kKws, "energy_per_inference", "cortex-m4", "kws_ds_cnn", 0.5, 2.0},
        Case{kM4Tflm, kVww, "energy_per_inference", "cortex-m4", "vww_mobilenet_v1", 0.5, 2.0},
        Case{kM7Krai, kKws, "latency", "cortex-m7", "kws_ds_cnn", 0.5, 2.0},
        Case{kM7Krai, kKws, "energy_per_inference", "cortex-m7", "kws_ds_cnn", 0.5, 2.0},
        Case{kM7St, kAd, "latency", "cortex-m7", "ad_autoencoder", 0.5, 2.0},
        Case{kM7St, kIc, "latency", "cortex-m7", "ic_resnet8", 0.5, 2.0},
        Case{kM7St, kKws, "latency", "cortex-m7", "kws_ds_cnn", 0.5, 2.0},
        Case{kM7St, kVww, "latency", "cortex-m7", "vww_mobilenet_v1", 0.5, 2.0},
        Case{kM7St, kAd, "energy_per_inference", "cortex-m7", "ad_autoencoder", 0.5, 2.0},
        Case{kM7St, kIc, "energy_per_inference", "cortex-m7", "ic_resnet8", 0.5, 2.0},
        Case{kM7St, kKws, "energy_per_inference", "cortex-m7", "kws_ds_cnn", 0.5, 2.0},
        Case{kM7St, kVww, "energy_per_inference", "cortex-m7", "vww_mobilenet_v1", 0.5, 2.0},
        Case{kA72, "MLPerf Tiny KWS (open-division model kws_int8)", "latency", "cortex-a72",
             "kws_ds_cnn", 0.5, 2.6}),
    [](const ::testing::TestParamInfo<CpuDeviceValidation::ParamType>& i) {
      return headroom::test::param_name(std::to_string(i.index), i.param.target, i.param.network,
                                        i.param.metric);
    });

}  // namespace
}  // namespace headroom::test
