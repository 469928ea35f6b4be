// SPDX-License-Identifier: MIT
// The inference graph a deployment toolchain runs (TensorRT, TFLite, the NVDLA and Edge TPU
// compilers): BatchNorm folded into the weights, the element-wise work after a GEMM done in its
// output stage. Training keeps the naive graph (the backward pass needs every op).
#pragma once

#include <cstdint>
#include <optional>

#include "headroom/models/network.hpp"
#include "headroom/models/precision.hpp"
#include "headroom/models/trace.hpp"

namespace headroom::models {

// Every batch norm directly after a convolution or dense layer, over that layer's output, folded
// into its weights and bias: the norm disappears and the layer gains a bias if it had none
// (y = (Wx + b - mean) * gamma / sigma + beta is one affine map per channel). MACs unchanged.
[[nodiscard]] Network fold_batchnorm(const Network& network, std::uint64_t* folded = nullptr);

// fold_batchnorm, lower_forward, then every activation, bias or element-wise op (a residual
// add) and every pooling that consumes the output of the GEMM just before it (or of an op
// already fused into that GEMM) is marked TraceOp::fused. Ops over a different tensor (a
// squeeze-excite scale, a concatenation) stay separate passes.
// A trace file (Network::lowered()) is left alone: its ops are returned as written, and
// `summary` receives the counts its header records (zeros for an unfused trace).
[[nodiscard]] Trace lower_inference(const Network& network, FusionSummary* summary = nullptr);

// The inference graph `run` executes: lower_inference when `fuse` (`fusion` receives its summary),
// lower_forward when not (`fusion` empty). A trace file runs as written, fused or not: a fused
// one sets `fusion` from its header, and with !fuse is an InputError (it cannot be unfused):
// --no-fuse, datasheet devices and `compare` time the naive graph.
[[nodiscard]] Trace lower_inference_graph(const Network& network, bool fuse,
                                          std::optional<FusionSummary>* fusion = nullptr);

// Inter-layer reuse on an inference trace: marks an op's output to stay on chip
// (TraceOp::output_on_chip, and input_on_chip on its reader) when the next separate op reads
// exactly that map as its main input, that map and the reader's output fit together in
// `activation_bytes` of on-chip buffer, and no later op reads a map of that size as a second
// operand (a residual add, which needs it in DRAM). The trace is a sequence, not a graph: a
// branch other than a residual add (an inception block's other paths) that reads a kept map later
// is still charged its DRAM read. Returns the maps kept.
std::uint64_t keep_on_chip(Trace& trace, std::uint64_t activation_bytes, Precision precision);

// The on-chip buffers a depth-first chain may use, in bytes.
struct DepthFirstBuffers {
  std::uint64_t activation_bytes = 0;     // the chain's input band, line buffers and output band
  std::uint64_t weight_bytes = 0;         // the chain's weights, resident for all its bands
  Precision precision = Precision::INT8;  // of the maps and weights (INT4 packs two a byte)
};

// What depth_first_chains did.
struct DepthFirstSummary {
  std::uint64_t chains = 0;         // chains run in row bands
  std::uint64_t maps_in_bands = 0;  // maps inside them (never whole, never in DRAM)
  // Maps keep_on_chip had kept whole at a chain's ends that go to DRAM instead (the chain's
  // bands do not fit beside them); keep_on_chip's count is that much too high.
  std::uint64_t maps_unkept = 0;
};

// Depth-first (fused-layer) schedules on an inference trace, after keep_on_chip
// (docs/accelerator-model.md, "Depth-first chains"; Alwani et al., MICRO 2016; Stream, Symons
// et al., ISPASS 2023). A chain is a run of consecutive convolutions (TraceOp::gemm.rows known,
// with their fused post-ops) each reading exactly the map the one before it wrote, where that
// map was not kept whole and no other op reads it (a residual skip or a branch). It runs in
// bands of output rows of its last op; each map inside it lives in a line buffer of the rows
// its consumer's window needs, (band - 1) * stride + kernel rows. The band is the largest whose
// buffers fit `activation_bytes`; the weights are read once when the chain's weights fit
// `weight_bytes`, else once per band. Of the ways to cut a run into chains (a single op runs
// layer by layer), the one with the fewest DRAM bytes is taken, a chain only where it saves
// bytes; a map kept whole at a chain's ends stays so when the bands fit beside it. Marks
// TraceOp::depth_first, input_on_chip and output_on_chip.
DepthFirstSummary depth_first_chains(Trace& trace, const DepthFirstBuffers& buffers);

}  // namespace headroom::models
