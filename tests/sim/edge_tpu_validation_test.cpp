// SPDX-License-Identifier: MIT
// Predicted against Google's published Edge TPU latencies (issue 16): the rows of
// tests/data/edge/edge_tpu_latency.csv (coral.ai's benchmark table and the google-coral/edgetpu
// benchmark references, each with its URL and how it was read) whose network the zoo has. The
// goal is within 2x; ratios and what is out are in docs/validation.md, "Edge TPU latencies".
//
// Which config a row runs on follows from the row, never from its ratio:
// - clock: the Dev Board's runtime runs the Edge TPU at 500 MHz; a USB row's clock is not stated
//   (libedgetpu1-std 250 MHz or -max 500 MHz), so those rows are checked at both;
// - memory: a network whose INT8 parameters fit the 8 MB on-chip memory keeps them there, one
//   that does not streams them from the host every inference, so it runs on the host-link config
//   (500 MB/s). Its rows are bandwidth-bound: 250 MHz gives the same latency.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../cli_runner.hpp"
#include "../csv_rows.hpp"
#include "../temp_dir.hpp"

namespace headroom::test {
namespace {

constexpr const char* kTable = "tests/data/edge/edge_tpu_latency.csv";
constexpr const char* kStd = "tests/data/edge/edge-tpu-class-250mhz.yaml";
constexpr const char* kMax = "configs/accel/edge-tpu-class.yaml";
constexpr const char* kHostLink = "tests/data/edge/edge-tpu-class-host-link.yaml";
constexpr const char* kCoral = "coral_ai_benchmarks";
constexpr const char* kReference = "edgetpu_reference";

struct Case {
  const char* source;  // the CSV row: source_key, device_key, model
  const char* device;
  const char* model;
  const char* config;
  const char* network;
  unsigned image_size;  // 0: the zoo's default (224)
  double low, high;     // accepted predicted / measured
};

double measured_ms(const Case& c) {
  for (const auto& r : read_csv_rows(kTable))
    if (r.at("source_key") == c.source && r.at("device_key") == c.device &&
        r.at("model") == c.model)
      return std::stod(r.at("latency_ms"));
  ADD_FAILURE() << "no row " << c.source << " / " << c.device << " / " << c.model;
  return 0;
}

class EdgeTpuLatency : public ::testing::TestWithParam<Case> {};

TEST_P(EdgeTpuLatency, PredictionIsWithinTheBandOfTheMeasurement) {
  const Case& c = GetParam();
  TempDir dir;
  std::string network = c.network;
  if (c.image_size != 0) {
    // `run` takes a zoo network at its default size; `trace` writes it at the row's input size.
    network = dir.file("network.jsonl");
    const CliResult t = run_cli(
        {"trace", c.network, "--image-size", std::to_string(c.image_size), "--out", network});
    ASSERT_EQ(t.exit_code, 0) << t.err;
  }
  const CliResult r = run_cli({"run", "--accel", c.config, "--network", network, "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const double predicted_ms =
      nlohmann::json::parse(r.out)["totals"]["latency_s"].get<double>() * 1e3;
  const double ratio = predicted_ms / measured_ms(c);
  RecordProperty("ratio", std::to_string(ratio));
  EXPECT_GE(ratio, c.low) << c.model << " on " << c.config << ": predicted " << predicted_ms;
  EXPECT_LE(ratio, c.high) << c.model << " on " << c.config << ": predicted " << predicted_ms;
}

// Bands: the goal, 0.5-2x, except rows not there yet, which keep a band around where they are
// so that a change moving them further off fails (docs/validation.md, "Edge TPU latencies"):
// - Inception v1 on the Dev Board, 0.43-0.45x: the model is 2.3x faster than the chip there,
//   while the same network on USB is 0.52-1.16x; not explained (its 6.6M parameters are near
//   what the compiler caches beside activations, so part may stream over the link: unverified).
// - ResNet-50 / ResNet-152 over USB, 2.25x / 2.06x on the host link: Headroom streams every
//   weight (the chip caches up to ~8 MB of them) and sends the residual skip maps over the link
//   (the chip keeps activations on chip): 29.5 of ResNet-50's 55.1 MB are maps.
INSTANTIATE_TEST_SUITE_P(
    Rows, EdgeTpuLatency,
    ::testing::Values(
        // coral.ai Table 1, USB Accelerator (clock not stated: both).
        Case{kCoral, "usb", "Inception v1", kStd, "googlenet", 0, 0.5, 2.0},
        Case{kCoral, "usb", "Inception v1", kMax, "googlenet", 0, 0.5, 2.0},
        Case{kCoral, "usb", "MobileNet v1", kStd, "mobilenet_v1", 0, 0.5, 2.0},
        Case{kCoral, "usb", "MobileNet v1", kMax, "mobilenet_v1", 0, 0.5, 2.0},
        Case{kCoral, "usb", "MobileNet v2", kStd, "mobilenet_v2", 0, 0.5, 2.0},
        Case{kCoral, "usb", "MobileNet v2", kMax, "mobilenet_v2", 0, 0.5, 2.0},
        Case{kCoral, "usb", "ResNet-50 V1", kHostLink, "resnet50", 299, 0.5, 2.5},
        Case{kCoral, "usb", "ResNet-152 V2", kHostLink, "resnet152", 299, 0.5, 2.5},
        Case{kCoral, "usb", "VGG16", kHostLink, "vgg16", 0, 0.5, 2.0},
        Case{kCoral, "usb", "VGG19", kHostLink, "vgg19", 0, 0.5, 2.0},
        // coral.ai Table 1, Dev Board (500 MHz).
        Case{kCoral, "dev_board", "Inception v1", kMax, "googlenet", 0, 0.35, 2.0},
        Case{kCoral, "dev_board", "MobileNet v1", kMax, "mobilenet_v1", 0, 0.5, 2.0},
        Case{kCoral, "dev_board", "MobileNet v2", kMax, "mobilenet_v2", 0, 0.5, 2.0},
        Case{kCoral, "dev_board", "ResNet-50 V1", kHostLink, "resnet50", 299, 0.5, 2.0},
        Case{kCoral, "dev_board", "ResNet-152 V2", kHostLink, "resnet152", 299, 0.5, 2.0},
        Case{kCoral, "dev_board", "VGG16", kHostLink, "vgg16", 0, 0.5, 2.0},
        Case{kCoral, "dev_board", "VGG19", kHostLink, "vgg19", 0, 0.5, 2.0},
        // google-coral/edgetpu benchmark references: x86-64 host over USB 3.0, and the Dev Board.
        Case{kReference, "usb", "inception_v1_224_quant_edgetpu.tflite", kStd, "googlenet", 0, 0.5,
             2.0},
        Case{kReference, "usb", "inception_v1_224_quant_edgetpu.tflite", kMax, "googlenet", 0, 0.5,
             2.0},
        Case{kReference, "usb", "mobilenet_v1_1.0_224_quant_edgetpu.tflite", kStd, "mobilenet_v1",
             0, 0.5, 2.0},
        Case{kReference, "usb", "mobilenet_v1_1.0_224_quant_edgetpu.tflite", kMax, "mobilenet_v1",
             0, 0.5, 2.0},
        Case{kReference, "usb", "mobilenet_v2_1.0_224_quant_edgetpu.tflite", kStd, "mobilenet_v2",
             0, 0.5, 2.0},
        Case{kReference, "usb", "mobilenet_v2_1.0_224_quant_edgetpu.tflite", kMax, "mobilenet_v2",
             0, 0.5, 2.0},
        Case{kReference, "dev_board", "inception_v1_224_quant_edgetpu.tflite", kMax, "googlenet", 0,
             0.35, 2.0},
        Case{kReference, "dev_board", "mobilenet_v1_1.0_224_quant_edgetpu.tflite", kMax,
             "mobilenet_v1", 0, 0.5, 2.0},
        Case{kReference, "dev_board", "mobilenet_v2_1.0_224_quant_edgetpu.tflite", kMax,
             "mobilenet_v2", 0, 0.5, 2.0}));

}  // namespace
}  // namespace headroom::test
