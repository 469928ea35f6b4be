// SPDX-License-Identifier: MIT
// What the GPU model does with convolutions besides a GEMM (op_times in sim/gpu_model.hpp;
// docs/gpu-model.md, "Convolutions"): Winograd F(2x2,3x3) for 3x3 stride-1 FP32 convolutions
// and NCHW <-> NHWC transposes around TF32 tensor-core convolutions under a framework. Expected
// figures are counted by hand from Lavin & Gray's multiplication counts and the tensors' sizes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "headroom/models/error.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/zoo.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/gpu_model.hpp"

namespace headroom::sim {
namespace {

// One unit of 1e12 FLOP/s, fraction 1, 128 x 128 tiles, memory never the limit, no launch cost:
// a GEMM's time is its tiles x 2 x 128 x 128 x K FLOPs at 1e12.
GpuModel toy(Precision precision) {
  GpuModel m;
  m.device = "toy";
  m.precision = precision;
  m.peak_flops = 1e12;
  m.vector_flops = 1e12;
  m.bandwidth_bytes_per_s = 1e18;
  m.bytes_per_element = 4;
  m.units = 1;
  m.gemm_fraction = 1;
  m.bandwidth_fraction = 1;
  return m;
}

// A 3x3 stride-1 "same" convolution of C = 128 to K = 128 channels on a 32 x 32 map, batch 1,
// lowered by im2col: M = 1024 pixels, K = 9 x 128, N = 128, A's unique elements the map.
models::TraceOp conv3x3(models::Phase phase = models::Phase::Forward) {
  models::TraceOp op;
  op.layer = "conv";
  op.phase = phase;
  op.kind = models::TraceOp::Kind::Gemm;
  op.gemm.m = 1024;
  op.gemm.n = 128;
  op.gemm.k = 9 * 128;
  op.gemm.a_unique_elements = 1024 * 128;
  return op;
}

models::Trace trace_of(std::vector<models::TraceOp> ops) {
  models::Trace t;
  t.ops = std::move(ops);
  return t;
}

TEST(GpuConv, Winograd2x2Of3x3DoesATwoPointTwoFifthOfTheMultiplications) {
  GpuModel m = toy(Precision::FP32);
  m.winograd = true;
  const auto times = op_times(m, trace_of({conv3x3()}));
  ASSERT_EQ(times.size(), 1u);
  EXPECT_TRUE(times[0].winograd);
  // Direct: 8 tiles of 128 x 128 x 1152. Winograd: 16 GEMMs of 256 tiles x 128 x 128, i.e. 2 x 16
  // tiles of 128 x 128 x 128: 36 multiplications per 2x2 outputs and channel pair against 16
  // (Lavin & Gray), 2.25x fewer. The transforms add (32 x 128 + 24 x 128) x 256 tiles of
  // additions at the FP32 rate.
  const double direct = 8 * 2.0 * 128 * 128 * 1152 / 1e12;
  const double products = 32 * 2.0 * 128 * 128 * 128 / 1e12;
  const double transforms = 256 * (32.0 + 24.0) * 128 / 1e12;
  EXPECT_NEAR(direct / products, 2.25, 1e-12);
  EXPECT_NEAR(times[0].compute_s, products + transforms, 1e-12);
  // The useful work reported stays the convolution's.
  EXPECT_DOUBLE_EQ(times[0].flop, 2.0 * 1024 * 128 * 1152);
}

TEST(GpuConv, WinogradOnlyWhereTheDeviceAndPrecisionAllowIt) {
  GpuModel m = toy(Precision::FP32);
  // A device file without roofline.winograd (Kepler): direct convolution.
  EXPECT_FALSE(op_times(m, trace_of({conv3x3()}))[0].winograd);
  // A stride-2 3x3 convolution (A's unique elements are 4x the output pixels x C) is no
  // Winograd case: F(2x2,3x3) needs unit stride.
  m.winograd = true;
  models::TraceOp strided = conv3x3();
  strided.gemm.m = 256;
  EXPECT_FALSE(op_times(m, trace_of({strided}))[0].winograd);
  // From the device files: strict FP32 on a V100 may, TF32 and FP16 (tensor cores) and a K40 may
  // not.
  const DeviceSpec v100 = load_device("v100");
  EXPECT_TRUE(make_gpu_model(v100, Precision::FP32).winograd);
  EXPECT_FALSE(make_gpu_model(v100, Precision::FP16).winograd);
  EXPECT_FALSE(make_gpu_model(load_device("a100"), Precision::TF32).winograd);
  EXPECT_FALSE(make_gpu_model(load_device("k40"), Precision::FP32).winograd);
}

TEST(GpuConv, AllThreeGemmsOfATrainingStepConvolutionRunAsWinograd) {
  GpuModel m = toy(Precision::FP32);
  m.winograd = true;
  models::TraceOp data = conv3x3(models::Phase::BackwardData);
  data.gemm = models::GemmShape{1024, 9 * 128, 128, 1};  // dA = dC . B^T: (M, 9C, K)
  models::TraceOp weight = conv3x3(models::Phase::BackwardWeight);
  weight.gemm = models::GemmShape{9 * 128, 128, 1024, 1};  // dB = A^T . dC: (9C, K, M)
  weight.gemm.a_unique_elements = 1024 * 128;
  const auto times = op_times(m, trace_of({conv3x3(), data, weight}));
  EXPECT_TRUE(times[1].winograd);
  EXPECT_TRUE(times[2].winograd);
  // A data gradient of that shape with no such forward convolution is left alone.
  EXPECT_FALSE(op_times(m, trace_of({data}))[0].winograd);
}

TEST(GpuConv, Tf32ConvolutionsUnderAFrameworkPayTheirLayoutTransposes) {
  const DeviceSpec a100 = load_device("a100");
  EXPECT_TRUE(make_gpu_model(a100, Precision::TF32, Framework::Eager).nchw_transposes);
  EXPECT_TRUE(make_gpu_model(a100, Precision::TF32, Framework::Graph).nchw_transposes);
  EXPECT_FALSE(make_gpu_model(a100, Precision::TF32, Framework::None).nchw_transposes);
  EXPECT_FALSE(make_gpu_model(a100, Precision::FP16, Framework::Eager).nchw_transposes);

  GpuModel m = toy(Precision::TF32);
  m.bandwidth_bytes_per_s = 1e12;
  m.nchw_transposes = true;
  // The 1x1 convolution (no unique-A count) is known by the batch norm over its whole output.
  models::TraceOp one_by_one = conv3x3();
  one_by_one.gemm = models::GemmShape{1024, 256, 128, 1};
  models::TraceOp bn;
  bn.layer = "conv.bn";
  bn.kind = models::TraceOp::Kind::Vector;
  bn.vector = {models::VectorKind::Norm, 1024 * 256, 4 * 1024 * 256, 1024 * 256};
  const auto times = op_times(m, trace_of({conv3x3(), one_by_one, bn}));
  // Input map X and output Y, each read and written once more: 2 x (X + Y) x 4 bytes at 1e12 B/s.
  EXPECT_TRUE(times[0].transposed);
  EXPECT_NEAR(times[0].side_kernels_s, 2.0 * (1024 * 128 + 1024 * 128) * 4 / 1e12, 1e-15);
  EXPECT_TRUE(times[1].transposed);
  EXPECT_NEAR(times[1].side_kernels_s, 2.0 * (1024 * 128 + 1024 * 256) * 4 / 1e12, 1e-15);
  // A Dense layer's GEMM (no unique-A count, not batch-normalised) has none.
  models::TraceOp dense = one_by_one;
  dense.layer = "fc";
  EXPECT_FALSE(op_times(m, trace_of({dense}))[0].transposed);
}

TEST(GpuConv, ResNet50TrainingInTf32TransposesEveryConvolutionAndBertNone) {
  const DeviceSpec a100 = load_device("a100");
  const GpuModel m = make_gpu_model(a100, Precision::TF32, Framework::Eager);
  models::ZooOptions o;
  o.batch = 32;
  const models::Trace resnet =
      models::lower_training_step(models::make_network("resnet50", o), models::Optimizer::Sgd);
  std::size_t convs = 0;
  for (const auto& t : op_times(m, resnet)) convs += t.transposed ? 1 : 0;
  // 53 convolutions (the stem, 16 bottlenecks of 3, 4 downsamples): forward, data and
  // weight gradients, except the stem's data gradient (nothing upstream needs it).
  EXPECT_EQ(convs, 53u * 3 - 1);
  const models::Trace bert =
      models::lower_training_step(models::make_network("bert_large", o), models::Optimizer::Adam);
  for (const auto& t : op_times(m, bert)) EXPECT_FALSE(t.transposed);
}

TEST(GpuConv, AWinogradKeyThatIsNotABooleanNamesFileAndKey) {
  const auto path = std::filesystem::temp_directory_path() / "headroom_bad_winograd.yaml";
  std::ofstream(path) << "name: Bad\nkind: gpu\nyear: 2020\nsource: test\n"
                      << "peak_tflops: {fp32: 10}\nbandwidth_gb_s: 100\nsm_count: 4\n"
                      << "roofline: {winograd: maybe}\n";
  try {
    (void)load_device_file(path.string());
    ADD_FAILURE() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("roofline.winograd"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace headroom::sim
