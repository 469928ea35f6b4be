// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "headroom/models/checked.hpp"

namespace headroom::models {

// Which part of a training step an operation belongs to. Inference traces are all Forward.
enum class Phase { Forward, BackwardData, BackwardWeight, Update };

// What the vector unit does for a non-GEMM op; it sets ops per element in the energy model.
enum class VectorKind {
  Elementwise,  // add, mul, residual
  Activation,   // ReLU, GELU, sigmoid, tanh
  Pool,
  Norm,  // batch/layer norm
  Softmax,
  Embedding,  // table lookup: moves data, no arithmetic
  OptimizerUpdate,
};

// The rows of a convolution's maps (per example; all 0 for a GEMM that is not a convolution):
// what a depth-first schedule needs to know which input rows an output row reads
// (docs/accelerator-model.md, "Depth-first chains"). `kernel_h` is the dilated window's height.
struct ConvRows {
  std::uint64_t in_h = 0, in_w = 0, in_c = 0;  // input map: rows, columns, all channels
  std::uint64_t out_h = 0, out_w = 0;          // output map: rows, columns
  std::uint64_t kernel_h = 0, stride_h = 0;
  [[nodiscard]] bool known() const { return out_h > 0 && in_h > 0 && kernel_h > 0 && stride_h > 0; }
};

// One GEMM: C[M x N] = A[M x K] * B[K x N], repeated `count` times independently (conv groups,
// attention heads x batch). A is the input operand (SCALE-Sim's IFMAP), B the weights (FILTER),
// C the output (OFMAP). For an im2col convolution A has M*K entries but only
// `a_unique_elements` distinct ones (the input feature map): that is what DRAM must deliver.
struct GemmShape {
  std::uint64_t m = 0;
  std::uint64_t n = 0;
  std::uint64_t k = 0;
  std::uint64_t count = 1;
  std::uint64_t a_unique_elements = 0;  // per repetition; 0 means M*K
  std::uint64_t b_unique_elements = 0;  // per repetition; 0 means K*N
  // A depthwise convolution (groups == input channels > 1): the `count` repetitions are its
  // channels, each K = R*S taps by N = channel multiplier. An array may pack several of them
  // side by side (array.depthwise: packed, docs/accelerator-model.md); MACs do not change.
  bool depthwise = false;
  ConvRows rows{};  // a convolution's map geometry (lowering of Conv2d, trace files)

  [[nodiscard]] std::uint64_t macs() const { return checked_product("GEMM MACs", m, n, k, count); }
  [[nodiscard]] std::uint64_t a_elements() const {
    return a_unique_elements ? a_unique_elements : checked_mul(m, k, "GEMM A elements");
  }
  [[nodiscard]] std::uint64_t b_elements() const {
    return b_unique_elements ? b_unique_elements : checked_mul(k, n, "GEMM B elements");
  }
  [[nodiscard]] std::uint64_t c_elements() const { return checked_mul(m, n, "GEMM C elements"); }
};

// Non-GEMM work: `elements` outputs, `ops` arithmetic operations in total, reading
// `input_elements` and writing `elements`.
struct VectorShape {
  VectorKind kind = VectorKind::Elementwise;
  std::uint64_t elements = 0;
  std::uint64_t ops = 0;
  std::uint64_t input_elements = 0;
};

// One operation the accelerator executes. Exactly one of gemm/vector is meaningful.
struct TraceOp {
  enum class Kind { Gemm, Vector };
  std::string layer;  // the network layer it came from, e.g. "layer1.0.conv1"
  Phase phase = Phase::Forward;
  Kind kind = Kind::Gemm;
  GemmShape gemm;
  VectorShape vector;
  // Inference fusion (fuse.hpp): a vector op done in the output stage of the GEMM before it, on
  // that GEMM's results as they drain, instead of as a pass of its own.
  bool fused = false;
  // Inter-layer reuse (keep_on_chip in fuse.hpp): the op's main input is the output of the op
  // before it, still in the on-chip buffer (no DRAM read of it), or its output stays on chip
  // for the next op (no DRAM write).
  bool input_on_chip = false;
  bool output_on_chip = false;
  // Depth-first chains (depth_first_chains in fuse.hpp): the GEMM belongs to chain `chain`
  // (1, 2, ... in trace order; 0: none), run in bands of `band_rows` output rows of the chain's
  // last op; its weights come from DRAM `weight_passes` times (1: resident for the whole chain,
  // else once per band). With input_on_chip / output_on_chip marking the maps inside the chain.
  struct DepthFirst {
    std::uint32_t chain = 0;
    std::uint64_t band_rows = 0;
    std::uint64_t weight_passes = 1;
    bool operator==(const DepthFirst&) const = default;
  };
  DepthFirst depth_first{};
};

// What the inference fusion pass (fuse.hpp) did to a trace.
struct FusionSummary {
  std::uint64_t batchnorms_folded = 0;
  std::uint64_t ops_fused = 0;    // activations, bias, residual adds into a GEMM's output stage
  std::uint64_t pools_fused = 0;  // pooling right after a GEMM (taken where hardware pools)
  std::uint64_t maps_kept_on_chip = 0;  // outputs handed to the next op on chip (keep_on_chip)
  bool depth_first = false;             // depth-first chains were looked for (not --no-depth-first)
  std::uint64_t depth_first_chains = 0;  // chains run in row bands (depth_first_chains)
  std::uint64_t maps_in_bands = 0;       // maps inside those chains, never whole, never in DRAM
};

// A node an importer left out (ONNX --unsupported-ops skip): it costs nothing in the results.
struct SkippedNode {
  std::string node;
  std::string op_type;
  std::uint64_t output_bytes = 0;  // of all its outputs, per batch; 0 when their shape is unknown
};

// A flat list of operations for one inference (or one training step) at `batch` examples.
struct Trace {
  std::string network;
  std::uint64_t batch = 1;
  std::vector<TraceOp> ops;
  std::vector<SkippedNode> skipped;  // from the network: reported beside the results

  [[nodiscard]] std::uint64_t total_macs() const {
    std::uint64_t s = 0;
    for (const auto& op : ops)
      if (op.kind == TraceOp::Kind::Gemm) s = checked_add(s, op.gemm.macs(), "total MACs");
    return s;
  }
  [[nodiscard]] std::uint64_t total_vector_ops() const {
    std::uint64_t s = 0;
    for (const auto& op : ops)
      if (op.kind == TraceOp::Kind::Vector)
        s = checked_add(s, op.vector.ops, "total vector operations");
    return s;
  }
};

const char* to_string(Phase p);
const char* to_string(VectorKind k);

}  // namespace headroom::models
