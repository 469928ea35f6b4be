// SPDX-License-Identifier: MIT
// Embedded CPU reference devices (kind: embedded_cpu, configs/cpus): layer classification, cycle
// arithmetic, bad device files, and the devices through run --device and compare.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/zoo.hpp"
#include "headroom/sim/cpu_kernels.hpp"
#include "headroom/sim/device_spec.hpp"

namespace headroom::sim {
namespace {

using models::GemmShape;

TEST(CpuLayerType, ReadsTheLayerTypeFromTheGemmShape) {
  // Depthwise 3x3 on 12x12x64: 64 groups of one output channel, K = 9.
  EXPECT_EQ(classify_cpu_layer(GemmShape{144, 1, 9, 64, 196, 0}, 1), CpuLayerType::Depthwise);
  // A dense layer at batch 4: one row per example.
  EXPECT_EQ(classify_cpu_layer(GemmShape{4, 10, 64}, 4), CpuLayerType::FullyConnected);
  // 1x1 stride 1: the lowering leaves a_unique_elements at 0 (A is the map itself).
  EXPECT_EQ(classify_cpu_layer(GemmShape{144, 64, 32, 1, 0, 0}, 1), CpuLayerType::Pointwise);
  // 3x3 on 32x32x16: A's 1024 x 144 rows come from 16,384 distinct inputs (im2col).
  EXPECT_EQ(classify_cpu_layer(GemmShape{1024, 16, 144, 1, 16384, 0}, 1), CpuLayerType::Conv);
}

TEST(CpuLayerType, TheMlperfTinyModelsHaveTheMacsOfTheirLayerTypes) {
  // tests/data/edge/tiny_models.csv (mlcommons/tiny training code): DS-CNN has 320,000 conv,
  // 288,000 depthwise, 2,048,000 pointwise and 768 dense MACs.
  const models::Trace trace = models::lower_forward(models::make_network("kws_ds_cnn"));
  std::uint64_t conv = 0, depthwise = 0, pointwise = 0, fc = 0;
  for (const auto& op : trace.ops) {
    if (op.kind != models::TraceOp::Kind::Gemm) continue;
    switch (classify_cpu_layer(op.gemm, trace.batch)) {
      case CpuLayerType::Conv:
        conv += op.gemm.macs();
        break;
      case CpuLayerType::Depthwise:
        depthwise += op.gemm.macs();
        break;
      case CpuLayerType::Pointwise:
        pointwise += op.gemm.macs();
        break;
      case CpuLayerType::FullyConnected:
        fc += op.gemm.macs();
        break;
    }
  }
  EXPECT_EQ(conv, 320000u);
  EXPECT_EQ(depthwise, 288000u);
  EXPECT_EQ(pointwise, 2048000u);
  EXPECT_EQ(fc, 768u);
}

TEST(CpuOpCycles, IsMacsTimesTheTypesCyclesPlusTheCallOverhead) {
  CpuKernels k;
  k.conv_cycles_per_mac = 3;
  k.pointwise_cycles_per_mac = 2;
  k.depthwise_cycles_per_mac = 10;
  k.fc_cycles_per_mac = 4;
  k.layer_overhead_cycles = 100;
  k.elementwise_cycles_per_element = 8;
  k.pool_cycles_per_input_element = 2;
  models::TraceOp op;
  op.gemm = GemmShape{1024, 16, 144, 1, 16384, 0};  // 2,359,296 MACs of conv
  EXPECT_DOUBLE_EQ(cpu_op_cycles(k, op, 1), 2359296.0 * 3 + 100);
  op.gemm = GemmShape{144, 1, 9, 64, 196, 0};  // 82,944 depthwise MACs
  EXPECT_DOUBLE_EQ(cpu_op_cycles(k, op, 1), 82944.0 * 10 + 100);
  op.kind = models::TraceOp::Kind::Vector;
  op.vector = {models::VectorKind::Elementwise, 1000, 1000, 2000};
  EXPECT_DOUBLE_EQ(cpu_op_cycles(k, op, 1), 8000.0 + 100);
  op.vector = {models::VectorKind::Pool, 64, 4096, 4096};
  EXPECT_DOUBLE_EQ(cpu_op_cycles(k, op, 1), 8192.0 + 100);
  // Folded (BatchNorm) or clamped in the kernel's requantization (ReLU): free.
  op.vector = {models::VectorKind::Norm, 1000, 4000, 1000};
  EXPECT_DOUBLE_EQ(cpu_op_cycles(k, op, 1), 0.0);
  op.vector = {models::VectorKind::Activation, 1000, 1000, 1000};
  EXPECT_DOUBLE_EQ(cpu_op_cycles(k, op, 1), 0.0);
}

TEST(CpuDevices, ShippedFilesLoadByNameAndAlias) {
  EXPECT_EQ(load_device("cortex-m4").id, "cortex-m4");
  EXPECT_EQ(load_device("STM32L4R5").id, "cortex-m4");
  EXPECT_EQ(load_device("cortex-m7").id, "cortex-m7");
  EXPECT_EQ(load_device("raspberry-pi-4").id, "cortex-a72");
  const DeviceSpec m4 = load_device("cortex-m4");
  ASSERT_TRUE(m4.kernels);
  EXPECT_EQ(m4.kind, "embedded_cpu");
  ASSERT_TRUE(m4.clock_mhz);
  EXPECT_DOUBLE_EQ(*m4.clock_mhz, 120);  // edge_devices.csv, STM32L4R5 (seen)
}

class BadCpuDeviceFile : public ::testing::Test {
 protected:
  std::string write(const std::string& text) {
    path_ = std::filesystem::temp_directory_path() /
            (std::string("headroom_bad_cpu_") +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".yaml");
    std::ofstream(path_) << "name: Bad\nyear: 2020\nsource: test\npeak_tflops: {int8: 0.001}\n"
                         << text;
    return path_.string();
  }
  std::string error_of(const std::string& text) {
    try {
      (void)load_device_file(write(text));
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::filesystem::path path_;
};

constexpr const char* kKernels =
    "kernels: {framework: f, calibration: c, conv_cycles_per_mac: 3, pointwise_cycles_per_mac: 3, "
    "depthwise_cycles_per_mac: 10, fc_cycles_per_mac: 4}\n";

TEST_F(BadCpuDeviceFile, EmbeddedCpuWithoutKernelsNamesTheKey) {
  const std::string e = error_of("kind: embedded_cpu\nclock_mhz: 100\n");
  EXPECT_NE(e.find("kernels"), std::string::npos) << e;
  EXPECT_NE(e.find(path_.string()), std::string::npos) << e;
}

TEST_F(BadCpuDeviceFile, KernelsOnAGpuAreRefused) {
  const std::string e = error_of(std::string("kind: gpu\nclock_mhz: 100\n") + kKernels);
  EXPECT_NE(e.find("kernels only with kind: embedded_cpu"), std::string::npos) << e;
}

TEST_F(BadCpuDeviceFile, EmbeddedCpuWithoutAClockNamesTheKey) {
  const std::string e = error_of(std::string("kind: embedded_cpu\n") + kKernels);
  EXPECT_NE(e.find("clock_mhz"), std::string::npos) << e;
}

TEST_F(BadCpuDeviceFile, ZeroCyclesPerMacIsRefused) {
  std::string text = std::string("kind: embedded_cpu\nclock_mhz: 100\n") + kKernels;
  text.replace(text.find("fc_cycles_per_mac: 4"), 20, "fc_cycles_per_mac: 0");
  const std::string e = error_of(text);
  EXPECT_NE(e.find("kernels.fc_cycles_per_mac"), std::string::npos) << e;
}

TEST_F(BadCpuDeviceFile, UnknownKernelKeyIsNamed) {
  const std::string e = error_of(std::string("kind: embedded_cpu\nclock_mhz: 100\n") +
                                 "kernels: {framework: f, calibration: c, conv_cycles_per_mac: 3, "
                                 "pointwise_cycles_per_mac: 3, depthwise_cycles_per_mac: 10, "
                                 "fc_cycles_per_mac: 4, dw_cycles_per_mac: 9}\n");
  EXPECT_NE(e.find("dw_cycles_per_mac"), std::string::npos) << e;
}

}  // namespace
}  // namespace headroom::sim

namespace headroom::test {
namespace {

TEST(CpuDeviceCli, RunGivesTheModelLineLatencyAndEnergy) {
  const CliResult r =
      run_cli({"run", "--device", "cortex-m4", "--network", "kws_ds_cnn", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_NE(j["device"]["model"].get<std::string>().find("CMSIS-NN"), std::string::npos);
  EXPECT_NE(j["energy_basis"].get<std::string>().find("measured"), std::string::npos);
  EXPECT_EQ(j["precision"], "int8");
  // Energy is the measured inference power (busy_w, 51.803 mW) times the time.
  EXPECT_NEAR(j["energy_j"].get<double>() / j["latency_s"].get<double>(), 0.051803, 1e-9);
  EXPECT_DOUBLE_EQ(j["activity"].get<double>(), 1.0);
}

TEST(CpuDeviceCli, CompareShowsAnNpusHeadroomOverTheMcu) {
  const CliResult r = run_cli({"compare", "--accel", "configs/accel/ethos-u65-256.yaml", "--gpu",
                               "cortex-m4", "--network", "kws_ds_cnn", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["gpus"].size(), 1u);
  EXPECT_EQ(j["gpus"][0]["name"], "Cortex-M4 (STM32L4R5, CMSIS-NN)");
  ASSERT_EQ(j["ratios"].size(), 1u);
  // 256 MACs per cycle at 500 MHz against two at 120: the NPU is faster by orders of magnitude.
  EXPECT_GT(j["ratios"][0]["throughput_ratio"].get<double>(), 100);
  const CliResult t = run_cli({"compare", "--accel", "configs/accel/ethos-u65-256.yaml", "--gpu",
                               "cortex-m4", "--network", "kws_ds_cnn"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("CMSIS-NN"), std::string::npos) << t.out;  // the device's model line
}

TEST(CpuDeviceCli, TrainingOnAnMcuIsAnInputError) {
  const CliResult r =
      run_cli({"run", "--device", "cortex-m4", "--network", "kws_ds_cnn", "--training"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("inference only"), std::string::npos) << r.err;
}

TEST(CpuDeviceCli, AFloatPrecisionIsAnInputError) {
  const CliResult r = run_cli({"run", "--device", "cortex-m4:fp32", "--network", "kws_ds_cnn"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("int8"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace headroom::test
