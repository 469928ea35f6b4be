// SPDX-License-Identifier: MIT
// Trace files: the lowered ops of a workload as JSON Lines (format in docs/layer-ir.md), written
// by `headroom trace` and read back as an already lowered Network (network.hpp, LoweredWorkload),
// and traces recorded by torch.profiler (Chrome-trace JSON) read into the same form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "headroom/models/lowering.hpp"
#include "headroom/models/network.hpp"
#include "headroom/models/precision.hpp"

namespace headroom::models {

inline constexpr int kTraceFormatVersion = 1;
// A trace line holds one op; a longer line is not a trace (layer names are short).
inline constexpr std::uint64_t kTraceLineCap = std::uint64_t{16} << 10;  // 16 KiB
// A GPT-3 training step is ~1 MB of trace; torch.profiler files run to hundreds of MB.
inline constexpr std::uint64_t kTraceFileCap = std::uint64_t{1} << 30;  // 1 GiB

// The trace file of `network`: lower_training_step with `optimizer` when `training`, else the
// inference graph `run` executes (lower_inference_graph: fused when `fuse`, the header recording
// the fusion counts). `precision` sets the informational `bytes` of vector ops. On-chip reuse
// (TraceOp::output_on_chip) is not written: it depends on the accelerator that runs the trace.
[[nodiscard]] std::string trace_file_text(const Network& network, bool training,
                                          Optimizer optimizer, Precision precision,
                                          bool fuse = false);

// Reads a trace file (`source` names it in messages). Throws InputError naming the line for an
// unknown version, a missing or unknown key, a zero or negative dimension, a line over
// kTraceLineCap, malformed JSON, or fewer/more ops than the header announces.
[[nodiscard]] Network parse_trace_file(const std::string& text, const std::string& source);
[[nodiscard]] Network read_trace_file(const std::string& path);

// A Chrome-trace JSON written by torch.profiler with record_shapes=True. GEMM-like ATen ops
// (convolution, addmm, mm, bmm, matmul, linear, scaled-dot-product attention) become GEMMs,
// element-wise, normalization and softmax ops vector ops, each counted once at its outermost
// recognised op; every other op is listed in Network::skipped() with its count.
[[nodiscard]] Network parse_torch_profile(const std::string& text, const std::string& source);
[[nodiscard]] Network read_torch_profile(const std::string& path);

}  // namespace headroom::models
