// SPDX-License-Identifier: MIT
// Writes the lowered trace as JSON Lines: a header line, then one op a line (docs/layer-ir.md).
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "headroom/models/fuse.hpp"
#include "headroom/models/trace_file.hpp"

namespace headroom::models {

namespace {

// ordered_json keeps the keys in the order written, so a diff of two traces lines up.
using Json = nlohmann::ordered_json;

const char* phase_tag(Phase p) {
  switch (p) {
    case Phase::Forward:
      return "fwd";
    case Phase::BackwardData:
      return "bwd_data";
    case Phase::BackwardWeight:
      return "bwd_weight";
    case Phase::Update:
      return "update";
  }
  return "?";
}

Json header(const Network& network, const Trace& trace, bool training, Optimizer optimizer,
            Precision precision, const std::optional<FusionSummary>& fusion) {
  Json h;
  h["format"] = "headroom-trace";
  h["version"] = kTraceFormatVersion;
  h["network"] = network.name();
  h["batch"] = trace.batch;
  h["mode"] = training ? "training" : "inference";
  if (training) h["optimizer"] = to_string(optimizer);
  if (!training) h["fused"] = fusion.has_value();
  if (fusion) {
    h["batchnorms_folded"] = fusion->batchnorms_folded;
    h["ops_fused"] = fusion->ops_fused;
    h["pools_fused"] = fusion->pools_fused;
  }
  h["unit_of_work"] = network.unit_of_work();
  h["units_per_item"] = network.units_per_item();
  h["input"] = network.input_description();
  h["parameters"] = network.parameters();
  h["precision"] = to_string(precision);
  h["ops"] = trace.ops.size();
  if (!trace.skipped.empty()) {
    Json skipped = Json::array();
    for (const auto& n : trace.skipped)
      skipped.push_back(
          {{"node", n.node}, {"op_type", n.op_type}, {"output_bytes", n.output_bytes}});
    h["skipped"] = skipped;
  }
  return h;
}

Json op_line(const TraceOp& op, const std::string& name, Precision precision) {
  Json j;
  j["name"] = name;
  j["layer"] = op.layer;
  j["phase"] = to_string(op.phase);
  if (op.kind == TraceOp::Kind::Gemm) {
    const GemmShape& g = op.gemm;
    j["kind"] = "gemm";
    j["m"] = g.m;
    j["n"] = g.n;
    j["k"] = g.k;
    j["count"] = g.count;
    if (g.a_unique_elements) j["a_unique_elements"] = g.a_unique_elements;
    if (g.b_unique_elements) j["b_unique_elements"] = g.b_unique_elements;
    if (g.rows.known())
      j["conv"] = {{"in_h", g.rows.in_h},        {"in_w", g.rows.in_w},
                   {"in_c", g.rows.in_c},        {"out_h", g.rows.out_h},
                   {"out_w", g.rows.out_w},      {"kernel_h", g.rows.kernel_h},
                   {"stride_h", g.rows.stride_h}};
    return j;
  }
  const VectorShape& v = op.vector;
  j["kind"] = "vector";
  j["vector_kind"] = to_string(v.kind);
  j["elements"] = v.elements;
  j["input_elements"] = v.input_elements;
  j["ops"] = v.ops;
  j["bytes"] = checked_bytes_for(checked_add(v.elements, v.input_elements, "vector op elements"),
                                 precision, "vector op bytes");
  if (op.fused) j["fused"] = true;
  return j;
}

// A name that is not UTF-8 (an ONNX node's) is written with U+FFFD rather than failing.
std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string trace_file_text(const Network& network, bool training, Optimizer optimizer,
                            Precision precision, bool fuse) {
  std::optional<FusionSummary> fusion;
  const Trace trace = training ? lower_training_step(network, optimizer)
                               : lower_inference_graph(network, fuse, &fusion);
  std::string out = dump(header(network, trace, training, optimizer, precision, fusion));
  // Names number the ops of one layer and phase: "conv1:fwd:0", "conv1:bwd_data:0".
  std::map<std::pair<std::string, Phase>, int> seen;
  for (const auto& op : trace.ops) {
    const int i = seen[{op.layer, op.phase}]++;
    const std::string name = op.layer + ":" + phase_tag(op.phase) + ":" + std::to_string(i);
    out += dump(op_line(op, name, precision));
  }
  return out;
}

}  // namespace headroom::models
