// SPDX-License-Identifier: MIT
// op_times (gpu_model.hpp): every op of a trace as op_time has it, and what convolution
// libraries do besides a GEMM: 3x3 stride-1 convolutions also tried as Winograd F(2x2,3x3), and
// NCHW <-> NHWC transposes around TF32 tensor-core convolutions. Why and the sources:
// docs/gpu-model.md, "Convolutions".
#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "headroom/sim/gpu_model.hpp"

namespace headroom::sim {

namespace {

// F(2x2,3x3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", CVPR 2016,
// arXiv:1509.09308): each 2x2 output tile comes from a 4x4 input tile through 16 element-wise
// products per input/output channel pair, against 36 multiplications directly (2.25x fewer).
// The products are 16 independent GEMMs over (tiles x C) . (C x K).
constexpr std::uint64_t kTransformPoints = 16;  // (2 + 3 - 1)^2
constexpr std::uint64_t kOutputsPerTile = 4;    // 2 x 2
constexpr std::uint64_t kFilterTaps = 9;        // 3 x 3
// Additions of the input transform B^T d B per 4x4 tile and channel, and of the output
// transform A^T m A per tile and output channel (Lavin & Gray, Sec. 4.1).
constexpr double kInputTransformOps = 32;
constexpr double kOutputTransformOps = 24;

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

// An im2col GEMM of a 3x3 stride-1 "same" convolution: K (forward) or M (weight gradient) is
// 9 C and A's unique elements, the input map b*C*H*W, are (b*H*W) * C. `taps_side` is that
// 9 C, `pixels_side` the b*H*W.
bool is_3x3_same(const models::GemmShape& g, std::uint64_t taps_side, std::uint64_t pixels_side) {
  return g.a_unique_elements > 0 && taps_side % kFilterTaps == 0 &&
         g.a_unique_elements == pixels_side * (taps_side / kFilterTaps);
}

enum class Pass { Forward, Data, Weight };

// One Winograd pass of a convolution with `pixels` output pixels (b*H*W), C in, K out.
OpTime winograd(const GpuModel& model, Pass pass, std::uint64_t pixels, std::uint64_t c,
                std::uint64_t k, std::uint64_t count) {
  // A map of odd side has ceil(H/2)*ceil(W/2) tiles; the GEMM does not carry H and W, so
  // pixels / 4 (exact for even sides: 56, 28, 14; 7 x 7 maps have 16 tiles, not 12.25).
  const std::uint64_t tiles = ceil_div(pixels, kOutputsPerTile);
  models::GemmShape g;
  g.count = kTransformPoints * count;
  switch (pass) {
    case Pass::Forward:  // transformed input (tiles x C) . transformed filters (C x K)
      g.m = tiles, g.k = c, g.n = k;
      break;
    case Pass::Data:  // the output gradient's tiles (tiles x K) . the filters (K x C)
      g.m = tiles, g.k = k, g.n = c;
      break;
    case Pass::Weight:  // transformed input^T (C x tiles) . output gradient (tiles x K)
      g.m = c, g.k = tiles, g.n = k;
      break;
  }
  OpTime t = gemm_time(model, g);
  // The transforms are fused into the GEMM kernel (as Lavin & Gray's and cuDNN's fused
  // WINOGRAD algorithm do): DRAM sees the input, the 3x3 filters and the output once each.
  const double elements =
      static_cast<double>((pixels * c + kFilterTaps * c * k + pixels * k) * count);
  double bytes = elements * model.bytes_per_element;
  if (t.split_k > 1)  // FP32 partial sums of the split reduction, as in gemm_time
    bytes += 2.0 * static_cast<double>(t.split_k * g.c_elements() * g.count) * 4.0;
  t.bytes = bytes;
  t.memory_s = bytes / (model.bandwidth_bytes_per_s * model.bandwidth_fraction);
  // The transforms' additions run on the same FP32 lanes, once per tile and channel.
  const std::uint64_t in_channels = pass == Pass::Data ? k : c;
  const std::uint64_t out_channels = pass == Pass::Data ? c : k;
  t.compute_s += static_cast<double>(tiles * count) *
                 (kInputTransformOps * static_cast<double>(in_channels) +
                  kOutputTransformOps * static_cast<double>(out_channels)) /
                 model.vector_flops;
  // Useful work is the convolution's: the utilization a report prints stays comparable.
  t.flop = static_cast<double>(kFlopsPerMac * pixels * kFilterTaps * c * k * count);
  t.winograd = true;
  return t;
}

// A forward GEMM is a convolution when it is an im2col of a k x k or strided window (A's unique
// elements are the input map) or when the next op normalises its whole output (the batch norm
// after a 1x1 convolution; the zoo's Dense layers are normalised only after a residual add).
bool is_convolution(const models::Trace& trace, std::size_t i) {
  const models::TraceOp& op = trace.ops[i];
  if (op.gemm.a_unique_elements > 0) return true;
  if (i + 1 >= trace.ops.size()) return false;
  const models::TraceOp& next = trace.ops[i + 1];
  const std::uint64_t out = op.gemm.c_elements() * op.gemm.count;
  return next.kind == models::TraceOp::Kind::Vector &&
         next.vector.kind == models::VectorKind::Norm && next.vector.elements == out &&
         next.vector.input_elements == out;
}

// cuDNN's tensor-core kernels want NHWC; given NCHW tensors it transposes the activation operands
// in and the result out, each a read and a write as a kernel of its own. Every pass of a
// convolution moves its input map X and its output Y (or their gradients): forward X in, Y out;
// data gradient dY in, dX out; weight gradient X and dY in (the filter gradient is small).
void add_layout_transposes(const GpuModel& model, const models::GemmShape& forward, OpTime& t) {
  const double x = static_cast<double>(forward.a_elements() * forward.count);
  const double y = static_cast<double>(forward.c_elements() * forward.count);
  const double bytes = 2.0 * (x + y) * model.bytes_per_element;
  t.bytes += bytes;
  // Two kernels of their own, before and after the GEMM: serial with it.
  t.side_kernels_s += bytes / (model.bandwidth_bytes_per_s * model.bandwidth_fraction);
  t.launch_s += 2 * model.launch_s;
  t.transposed = true;
}

void implicit_data_gradient(const GpuModel& model, const models::GemmShape& g,
                            const models::GemmShape& forward, OpTime& t) {
  const double col = static_cast<double>(g.c_elements() * g.count);
  const double map = static_cast<double>(forward.a_unique_elements * forward.count);
  if (map >= col) return;
  t.bytes -= (col - map) * model.bytes_per_element;
  t.memory_s = t.bytes / (model.bandwidth_bytes_per_s * model.bandwidth_fraction);
}

// Multi-head attention as the frameworks write it (Google BERT's modeling.py
// `transpose_for_scores` and its context transpose; Hugging Face's `permute(0, 2, 1, 3)` then
// `.contiguous()`): the projections write [b, s, h, dh], the batched GEMMs want [b, h, s, dh],
// so Q, K and V are transposed in and the context out, each a read and a write of b*s*d as a
// kernel of its own (docs/gpu-model.md, "Attention"). The scores GEMM is the batched GEMM the
// softmax over its whole output follows; the context GEMM the one whose A is that softmax's.
bool is_softmax_over(const models::TraceOp& op, std::uint64_t elements) {
  return op.kind == models::TraceOp::Kind::Vector &&
         op.vector.kind == models::VectorKind::Softmax && op.vector.elements == elements &&
         elements > 0;
}

bool is_attention_scores(const models::Trace& trace, std::size_t i) {
  const models::TraceOp& op = trace.ops[i];
  return op.gemm.count > 1 && i + 1 < trace.ops.size() &&
         is_softmax_over(trace.ops[i + 1], op.gemm.c_elements() * op.gemm.count);
}

bool is_attention_context(const models::Trace& trace, std::size_t i) {
  const models::TraceOp& op = trace.ops[i];
  return op.gemm.count > 1 && i > 0 &&
         is_softmax_over(trace.ops[i - 1], op.gemm.a_elements() * op.gemm.count);
}

void add_head_transposes(const GpuModel& model, double elements, OpTime& t) {
  const double bytes = 2.0 * elements * model.bytes_per_element;
  t.bytes += bytes;
  t.side_kernels_s += bytes / (model.bandwidth_bytes_per_s * model.bandwidth_fraction);
  t.head_transposes = true;
}

}  // namespace

std::vector<OpTime> op_times(const GpuModel& model, const models::Trace& trace) {
  std::vector<OpTime> out;
  out.reserve(trace.ops.size());
  // Forward GEMMs of the 3x3 stride-1 convolutions, by layer: their data gradients
  // (M, 9C, K) carry no input map to recognise them by.
  std::map<std::string, models::GemmShape> convs;
  // Every convolution layer's forward GEMM, for the transposes of its gradients.
  std::map<std::string, models::GemmShape> conv_layers;
  // Attention layers (scores or context GEMMs) by name, for their gradients' transposes.
  std::map<std::string, bool> attention_layers;
  for (std::size_t i = 0; i < trace.ops.size(); ++i) {
    const models::TraceOp& op = trace.ops[i];
    OpTime t = op_time(model, op);
    if (model.head_transposes && op.kind == models::TraceOp::Kind::Gemm) {
      const models::GemmShape& g = op.gemm;
      const double count = static_cast<double>(g.count);
      if (op.phase == models::Phase::Forward && is_attention_scores(trace, i)) {
        attention_layers[op.layer] = true;  // Q in (A) and K in (B)
        add_head_transposes(model, static_cast<double>(g.a_elements() + g.b_elements()) * count, t);
        t.launch_s += 2 * model.launch_s;
        t.extra_host_ops += 2;
      } else if (op.phase == models::Phase::Forward && is_attention_context(trace, i)) {
        attention_layers[op.layer] = true;  // V in (B) and the context out (C)
        add_head_transposes(model, static_cast<double>(g.b_elements() + g.c_elements()) * count, t);
        t.launch_s += 2 * model.launch_s;
        t.extra_host_ops += 2;
      } else if (op.phase != models::Phase::Forward && attention_layers.count(op.layer) != 0) {
        // Each gradient GEMM moves one per-head tensor through a transpose: dQ, dK and dV out,
        // the context's gradient in. It is the smaller of A and C (the other is s x s).
        add_head_transposes(
            model, static_cast<double>(std::min(g.a_elements(), g.c_elements())) * count, t);
        t.launch_s += model.launch_s;
        t.extra_host_ops += 1;
      }
    }
    if (op.kind == models::TraceOp::Kind::Gemm && op.phase == models::Phase::Forward &&
        is_convolution(trace, i))
      conv_layers[op.layer] = op.gemm;
    // The data gradient of a k x k convolution is an implicit GEMM too: cuDNN's algorithms
    // express it "as a matrix product without actually explicitly forming the matrix", so DRAM
    // sees the input-map gradient dX, not the 9x larger im2col matrix of the GEMM's C.
    if (const auto c = conv_layers.find(op.layer);
        op.kind == models::TraceOp::Kind::Gemm && op.phase == models::Phase::BackwardData &&
        c != conv_layers.end() && c->second.a_unique_elements > 0 && op.gemm.n == c->second.k &&
        op.gemm.m == c->second.m)
      implicit_data_gradient(model, op.gemm, c->second, t);
    if (const auto c = conv_layers.find(op.layer);
        model.nchw_transposes && op.kind == models::TraceOp::Kind::Gemm && c != conv_layers.end()) {
      // A forward GEMM moves its own tensors; a gradient its layer's forward ones.
      add_layout_transposes(model, op.phase == models::Phase::Forward ? op.gemm : c->second, t);
      out.push_back(t);
      continue;
    }
    if (model.winograd && op.kind == models::TraceOp::Kind::Gemm) {
      const models::GemmShape& g = op.gemm;
      std::optional<OpTime> w;
      if (op.phase == models::Phase::Forward && is_3x3_same(g, g.k, g.m)) {
        convs[op.layer] = g;
        w = winograd(model, Pass::Forward, g.m, g.k / kFilterTaps, g.n, g.count);
      } else if (op.phase == models::Phase::BackwardWeight && is_3x3_same(g, g.m, g.k)) {
        w = winograd(model, Pass::Weight, g.k, g.m / kFilterTaps, g.n, g.count);
      } else if (op.phase == models::Phase::BackwardData) {
        const auto it = convs.find(op.layer);
        if (it != convs.end() && g.m == it->second.m && g.n == it->second.k &&
            g.k == it->second.n && g.count == it->second.count)
          w = winograd(model, Pass::Data, g.m, g.n / kFilterTaps, g.k, g.count);
      }
      // The faster of the two, as cuDNN's autotuner (PyTorch's cudnn.benchmark, TensorFlow's
      // default autotuning) picks per layer.
      if (w && w->total_s() < t.total_s()) {
        w->launch_s = t.launch_s;
        t = *w;
      }
    }
    out.push_back(t);
  }
  return out;
}

}  // namespace headroom::sim
