// SPDX-License-Identifier: MIT
// Multi-head attention under a framework (op_times in sim/gpu_model.hpp; docs/gpu-model.md,
// "Attention"): Q, K and V transposed from [b, s, h, dh] to [b, h, s, dh] before the batched
// GEMMs and the context back, as TensorFlow's BERT (`transpose_for_scores`) and PyTorch's
// (`permute(0, 2, 1, 3).contiguous()`) write it. Expected bytes are the tensors' sizes, counted by
// hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "headroom/models/lowering.hpp"
#include "headroom/models/zoo.hpp"
#include "headroom/sim/device_spec.hpp"
#include "headroom/sim/gpu_model.hpp"

namespace headroom::sim {
namespace {

// 1e12 B/s, compute and launches free: a side kernel's time is its bytes / 1e12.
GpuModel toy() {
  GpuModel m;
  m.device = "toy";
  m.precision = Precision::FP16;
  m.peak_flops = 1e18;
  m.vector_flops = 1e18;
  m.bandwidth_bytes_per_s = 1e12;
  m.bytes_per_element = 2;
  m.units = 1;
  m.gemm_fraction = 1;
  m.bandwidth_fraction = 1;
  m.framework = Framework::Graph;
  m.head_transposes = true;
  return m;
}

// Batch 2, 4 heads of 64 over 128 tokens: Q.K^T, the softmax over its output, P.V.
constexpr std::uint64_t kBatchHeads = 2 * 4;
constexpr std::uint64_t kSeq = 128;
constexpr std::uint64_t kHead = 64;

models::TraceOp gemm(const std::string& layer, models::GemmShape g) {
  models::TraceOp op;
  op.layer = layer;
  op.kind = models::TraceOp::Kind::Gemm;
  op.gemm = g;
  return op;
}

std::vector<models::TraceOp> attention() {
  models::TraceOp softmax;
  softmax.layer = "attn.softmax";
  softmax.kind = models::TraceOp::Kind::Vector;
  const std::uint64_t probs = kBatchHeads * kSeq * kSeq;
  softmax.vector = {models::VectorKind::Softmax, probs, 5 * probs, probs};
  return {gemm("attn.scores", {kSeq, kSeq, kHead, kBatchHeads}), softmax,
          gemm("attn.context", {kSeq, kHead, kSeq, kBatchHeads})};
}

models::Trace trace_of(std::vector<models::TraceOp> ops) {
  models::Trace t;
  t.ops = std::move(ops);
  return t;
}

TEST(GpuAttention, QKVAndTheContextAreTransposedAsKernelsOfTheirOwn) {
  const auto times = op_times(toy(), trace_of(attention()));
  // b*h*s*dh elements per tensor, read and written once more each, 2 bytes at 1e12 B/s.
  const double tensor_s = 2.0 * kBatchHeads * kSeq * kHead * 2 / 1e12;
  EXPECT_TRUE(times[0].head_transposes);  // Q and K in
  EXPECT_NEAR(times[0].side_kernels_s, 2 * tensor_s, 1e-15);
  EXPECT_EQ(times[0].extra_host_ops, 2u);
  EXPECT_FALSE(times[1].head_transposes);
  EXPECT_TRUE(times[2].head_transposes);  // V in, the context out
  EXPECT_NEAR(times[2].side_kernels_s, 2 * tensor_s, 1e-15);
  // Two more kernels each: launches and host ops.
  GpuModel m = toy();
  m.launch_s = 1e-6;
  m.host_per_op_s = 10e-6;
  const models::Trace t = trace_of(attention());
  const auto launched = op_times(m, t);
  EXPECT_NEAR(launched[0].launch_s, 3e-6, 1e-15);
  EXPECT_NEAR(host_time_s(m, t, launched), (3 + 4) * 10e-6, 1e-15);
}

TEST(GpuAttention, OnlyUnderAFrameworkAndOnlyAroundASoftmaxOfTheWholeOutput) {
  const DeviceSpec v100 = load_device("v100");
  EXPECT_TRUE(make_gpu_model(v100, Precision::FP16, Framework::Graph).head_transposes);
  EXPECT_TRUE(make_gpu_model(v100, Precision::FP32, Framework::Eager).head_transposes);
  EXPECT_FALSE(make_gpu_model(v100, Precision::FP16, Framework::None).head_transposes);
  GpuModel m = toy();
  m.head_transposes = false;
  for (const auto& t : op_times(m, trace_of(attention()))) EXPECT_EQ(t.side_kernels_s, 0);
  // A single GEMM before a softmax over its output (a language model's vocabulary projection)
  // is no attention.
  std::vector<models::TraceOp> head = attention();
  head[0].gemm = {kSeq, kSeq * kBatchHeads, kHead, 1};
  EXPECT_FALSE(op_times(toy(), trace_of(head))[0].head_transposes);
}

TEST(GpuAttention, BertTrainingTransposesEightTensorsPerLayerAndResNetNone) {
  const GpuModel m = make_gpu_model(load_device("v100"), Precision::FP16, Framework::Graph);
  models::ZooOptions o;
  o.batch = 4;
  const models::Trace bert =
      models::lower_training_step(models::make_network("bert_large", o), models::Optimizer::Adam);
  std::uint64_t ops = 0;
  std::uint64_t host_ops = 0;
  for (const auto& t : op_times(m, bert)) {
    ops += t.head_transposes ? 1 : 0;
    host_ops += t.extra_host_ops;
  }
  // 24 layers: the scores and context GEMMs forward (2 tensors each), their four gradient GEMMs
  // backward (dQ, dK, dV and the context's gradient, one each).
  EXPECT_EQ(ops, 24u * 6);
  EXPECT_EQ(host_ops, 24u * 8);
  const models::Trace resnet =
      models::lower_training_step(models::make_network("resnet50", o), models::Optimizer::Sgd);
  for (const auto& t : op_times(m, resnet)) EXPECT_FALSE(t.head_transposes);
}

}  // namespace
}  // namespace headroom::sim
