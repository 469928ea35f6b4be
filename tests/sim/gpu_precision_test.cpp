// SPDX-License-Identifier: MIT
// Issue 15: a device runs the precision named for it (spec suffix, --gpu-precision), else what
// frameworks run on it, never the accelerator's; TF32 peaks; split-K for long-K GEMMs; the
// framework's host cost per op; activity-based training energy beside the TDP bound.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/zoo.hpp"
#include "headroom/sim/device_run.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/gpu_model.hpp"
#include "headroom/sim/target.hpp"

namespace headroom::test {
namespace {

nlohmann::json json_of(const CliResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(DevicePrecision, CompareNeverTakesTheAcceleratorsPrecision) {
  // configs/accel/default.yaml is INT8; the A100 and T4 both list INT8 peaks, but frameworks
  // run them in mixed precision: BF16 on the A100 (it has BF16), FP16 on the T4 (no BF16).
  const auto j = json_of(run_cli({"compare", "--accel", "configs/accel/default.yaml", "--gpu",
                                  "a100", "--gpu", "t4", "--network", "resnet18", "--json", "-"}));
  EXPECT_EQ(j["accelerators"][0]["precision"], "int8");
  EXPECT_EQ(j["gpus"][0]["precision"], "bf16");
  EXPECT_EQ(j["gpus"][1]["precision"], "fp16");
  EXPECT_TRUE(contains(j["gpus"][0]["model"].get<std::string>(), "framework default"));
}

TEST(DevicePrecision, SpecSuffixAndGpuPrecisionNameEachDevicesPrecision) {
  const auto j = json_of(
      run_cli({"compare", "--accel", "configs/accel/default.yaml", "--gpu", "a100:tf32", "--gpu",
               "v100", "--gpu-precision", "fp32", "--network", "resnet18", "--json", "-"}));
  EXPECT_EQ(j["gpus"][0]["precision"], "tf32");
  EXPECT_TRUE(contains(j["gpus"][0]["model"].get<std::string>(), "asked by its spec a100:tf32"));
  EXPECT_EQ(j["gpus"][1]["precision"], "fp32");
  EXPECT_TRUE(contains(j["gpus"][1]["model"].get<std::string>(), "--gpu-precision"));
  // The text report names each device's precision on its model line too.
  const CliResult text = run_cli({"compare", "--gpu", "a100:tf32", "--network", "resnet18"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_TRUE(contains(text.out, "A100 SXM4 80GB tf32:")) << text.out;
}

TEST(DevicePrecision, Tf32RunsAtTheDatasheetTf32Peak) {
  // A100 datasheet: TF32 tensor core 156 TFLOPS dense (312 with sparsity), FP32 19.5.
  const auto tf32 =
      json_of(run_cli({"run", "--device", "a100:tf32", "--network", "resnet50", "--json", "-"}));
  EXPECT_DOUBLE_EQ(tf32["peak_flops"].get<double>(), 156e12);
  const auto fp32 = json_of(run_cli(
      {"run", "--device", "a100", "--precision", "fp32", "--network", "resnet50", "--json", "-"}));
  EXPECT_DOUBLE_EQ(fp32["peak_flops"].get<double>(), 19.5e12);
  // The V100 has no TF32: asked for it, it runs FP32 and says so.
  const auto v100 =
      json_of(run_cli({"run", "--device", "v100:tf32", "--network", "resnet50", "--json", "-"}));
  EXPECT_EQ(v100["precision"], "fp32");
}

TEST(DevicePrecision, TrainRunsARunsFp32AsTf32OnAmpereAndStrictFp32WhenAsked) {
  // configs/runs/alexnet-imagenet.yaml says fp32: frameworks run that as TF32 on an A100.
  const auto tf32 = json_of(run_cli(
      {"train", "--device", "a100", "--run", "configs/runs/alexnet-imagenet.yaml", "--json", "-"}));
  EXPECT_EQ(tf32["workload"]["precision"], "tf32");
  EXPECT_TRUE(contains(tf32["config"]["device_model"].get<std::string>(), "TF32"));
  const auto fp32 = json_of(run_cli({"train", "--device", "a100:fp32", "--run",
                                     "configs/runs/alexnet-imagenet.yaml", "--json", "-"}));
  EXPECT_EQ(fp32["workload"]["precision"], "fp32");
  // Beside an accelerator, --gpu-precision is the device's; --precision stays the accelerator's.
  const auto both =
      json_of(run_cli({"train", "--accel", "configs/accel/training-chip-4x128-bf16.yaml", "--run",
                       "tests/data/train/dqn-small.yaml", "--gpu", "v100", "--gpu-precision",
                       "fp32", "--json", "-"}));
  EXPECT_EQ(both["workload"]["precision"], "bf16");
  EXPECT_EQ(both["gpu"]["workload"]["precision"], "fp32");
}

TEST(DevicePrecision, TrainEnergyIsActivityBasedUnderTheTdpBound) {
  const auto j = json_of(run_cli(
      {"train", "--device", "v100", "--run", "tests/data/train/dqn-small.yaml", "--json", "-"}));
  const double energy = j["totals"]["energy_j"].get<double>();
  const double bound = j["totals"]["tdp_energy_j"].get<double>();
  // 300 W TDP x time (V100 datasheet): the activity-based energy lies between 0.25 x that (the
  // idle floor) and it.
  EXPECT_DOUBLE_EQ(bound, 300.0 * j["totals"]["time_to_train_s"].get<double>());
  EXPECT_GE(energy, 0.25 * bound);
  EXPECT_LT(energy, bound);
}

// 132 units of 1e12 FLOP/s, fraction 1, 128x128 tiles, no launch: as gpu_model_test's toy.
sim::GpuModel toy(double bandwidth_bytes_per_s) {
  sim::GpuModel m;
  m.device = "toy";
  m.precision = Precision::BF16;
  m.peak_flops = 132e12;
  m.vector_flops = 132e12;
  m.bandwidth_bytes_per_s = bandwidth_bytes_per_s;
  m.units = 132;
  m.gemm_fraction = 1;
  m.bandwidth_fraction = 1;
  m.split_k = true;
  return m;
}

models::GemmShape gemm(std::uint64_t m, std::uint64_t n, std::uint64_t k) {
  models::GemmShape g;
  g.m = m;
  g.n = n;
  g.k = k;
  return g;
}

TEST(SplitK, ALongKOnOneTileSpreadsOverTheUnits) {
  // 128 x 128 x 135,168 is one tile: unsplit, one unit does 2 x 128 x 128 x 135,168 FLOPs =
  // 4.43 ms. Split 64 ways (the most tried; each slice 2,112 deep >= 256) it is 64 tiles in one
  // wave of 2 x 128 x 128 x 2,112 FLOPs = 69.2 us; partial sums are free at 1e18 B/s.
  const sim::OpTime t = sim::gemm_time(toy(1e18), gemm(128, 128, 135168));
  EXPECT_EQ(t.split_k, 64u);
  EXPECT_EQ(t.tiles, 64u);
  EXPECT_NEAR(t.total_s(), 2.0 * 128 * 128 * 2112 / 1e12, 1e-12);
}

TEST(SplitK, NotWhenThePartialSumsCostMoreThanTheyGain) {
  // At 1 GB/s the unsplit GEMM is memory-bound already: (128 x 135,168 x 2 + 128 x 128) BF16
  // elements x 2 B = 69.24 MB = 69.24 ms, and every split adds FP32 partial sums to it.
  const sim::OpTime t = sim::gemm_time(toy(1e9), gemm(128, 128, 135168));
  EXPECT_EQ(t.split_k, 1u);
  EXPECT_NEAR(t.total_s(), (128.0 * 135168 * 2 + 128 * 128) * 2 / 1e9, 1e-9);
}

TEST(SplitK, V100WeightGradientOfResNet50sFirst3x3IsBandwidthBoundNotTileBound) {
  // dW of layer1's 3x3 conv at batch 128: C_out 64 x (C_in 64 x 9) = 576 outputs per row, K =
  // 128 x 56 x 56 = 401,408. Its operands are 64 x 401,408 + 401,408 x 576 FP16 elements plus
  // the 64 x 576 output: 514.1 MB at 900 GB/s x 0.896 = 638 us (the V100's datasheet bandwidth and
  // the H100 copy fraction its file carries over). Unsplit, its 5 output tiles of 128 x 128 would
  // fill 5 of 80 SMs (12.7 ms at 125 x 0.664 TFLOP/s / 80 per SM).
  const sim::GpuModel m =
      sim::make_gpu_model(sim::load_device("v100"), Precision::FP16, sim::Framework::None);
  const sim::OpTime t = sim::gemm_time(m, gemm(64, 576, 401408));
  EXPECT_GT(t.split_k, 1u);
  const double bytes = (64.0 * 401408 + 401408.0 * 576 + 64 * 576) * 2;
  EXPECT_NEAR(t.compute_s > t.memory_s ? t.compute_s : t.memory_s, bytes / (900e9 * 3.0 / 3.35),
              0.02 * bytes / (900e9 * 3.0 / 3.35));
}

TEST(Framework, EagerBatchOneIsHostBoundAndMixedPrecisionIsSlowerThere) {
  // PyTorch eager at batch 1: the host's 58 us per op over ResNet-50's forward trace, and under
  // AMP one weight cast more per GEMM, so FP16 is slower than FP32 at batch 1 (as measured:
  // 12.78 ms AMP against 10.37 ms FP32 on a DGX-1 V100, DeepLearningExamples PyTorch 21.03).
  const sim::DeviceSpec v100 = sim::load_device("v100");
  models::ZooOptions zoo;
  const models::Trace trace = models::lower_forward(models::make_network("resnet50", zoo));
  const auto fp32 = sim::run_on_device(v100, trace, Precision::FP32, "resnet50", false, "",
                                       sim::Framework::Eager);
  const auto fp16 = sim::run_on_device(v100, trace, Precision::FP16, "resnet50", false, "",
                                       sim::Framework::Eager);
  EXPECT_NEAR(fp32.latency_s, static_cast<double>(trace.ops.size()) * 58e-6, 1e-9);
  EXPECT_GT(fp16.latency_s, fp32.latency_s);
  const auto none =
      sim::run_on_device(v100, trace, Precision::FP16, "resnet50", false, "", sim::Framework::None);
  EXPECT_LT(none.latency_s, fp16.latency_s);
  // Bad framework names are refused by the CLI.
  const CliResult bad =
      run_cli({"run", "--device", "v100", "--network", "resnet50", "--framework", "jit"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(contains(bad.err, "--framework")) << bad.err;
}

}  // namespace
}  // namespace headroom::test
