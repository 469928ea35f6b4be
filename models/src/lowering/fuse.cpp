// SPDX-License-Identifier: MIT
#include "headroom/models/fuse.hpp"

#include <algorithm>
#include <optional>
#include <variant>

#include "headroom/models/error.hpp"
#include "headroom/models/lowering.hpp"
#include "headroom/models/trace_maps.hpp"

namespace headroom::models {

namespace {

// The per-example output elements and channels of a layer a batch norm can fold into.
struct Producer {
  std::uint64_t elements = 0, channels = 0;
};

std::optional<Producer> foldable_into(const Layer& layer) {
  if (const auto* c = std::get_if<Conv2d>(&layer.params))
    return Producer{c->out_channels * c->out_h() * c->out_w(), c->out_channels};
  if (const auto* d = std::get_if<Dense>(&layer.params))
    if (!d->weights_tied) return Producer{d->rows * d->out_features, d->out_features};
  return std::nullopt;
}

void add_bias(Layer& layer) {
  if (auto* c = std::get_if<Conv2d>(&layer.params)) c->bias = true;
  if (auto* d = std::get_if<Dense>(&layer.params)) d->bias = true;
}

}  // namespace

Network fold_batchnorm(const Network& network, std::uint64_t* folded) {
  if (network.lowered() != nullptr) {  // a trace file has no layers to fold
    if (folded != nullptr) *folded = 0;
    return network;
  }
  std::vector<Layer> layers;
  std::uint64_t count = 0;
  for (const Layer& layer : network.layers()) {
    const auto* norm = std::get_if<Norm>(&layer.params);
    if (norm != nullptr && norm->kind == NormKind::Batch && !layers.empty()) {
      const auto producer = foldable_into(layers.back());
      if (producer && producer->elements == norm->elements &&
          producer->channels == norm->features) {
        add_bias(layers.back());
        ++count;
        continue;
      }
    }
    layers.push_back(layer);
  }
  if (folded != nullptr) *folded = count;
  NetworkInfo info{network.name(), network.batch(), network.units_per_item(),
                   network.unit_of_work(), network.input_description()};
  return Network(std::move(info), std::move(layers), network.skipped());
}

Trace lower_inference(const Network& network, FusionSummary* summary) {
  if (const LoweredWorkload* w = network.lowered()) {
    Trace trace = lower_forward(network);  // rejects a training trace
    if (summary != nullptr) *summary = w->fusion.value_or(FusionSummary{});
    return trace;
  }
  FusionSummary s;
  Trace trace = lower_forward(fold_batchnorm(network, &s.batchnorms_folded));
  // Elements of the tensor the output stage holds: the last GEMM's output, or what the ops
  // fused behind it made of it; 0 when the previous op was a separate pass.
  std::uint64_t stage = 0;
  for (TraceOp& op : trace.ops) {
    if (op.kind == TraceOp::Kind::Gemm) {
      stage = checked_mul(op.gemm.c_elements(), op.gemm.count, "GEMM outputs");
      continue;
    }
    const VectorShape& v = op.vector;
    const bool elementwise = v.kind == VectorKind::Activation || v.kind == VectorKind::Elementwise;
    if (stage != 0 && elementwise && v.elements == stage) {
      op.fused = true;
      ++s.ops_fused;
    } else if (stage != 0 && v.kind == VectorKind::Pool && v.input_elements == stage) {
      op.fused = true;
      ++s.pools_fused;
      stage = v.elements;
    } else {
      stage = 0;
    }
  }
  if (summary != nullptr) *summary = s;
  return trace;
}

Trace lower_inference_graph(const Network& network, bool fuse,
                            std::optional<FusionSummary>* fusion) {
  if (fusion != nullptr) fusion->reset();
  const LoweredWorkload* w = network.lowered();
  if (w != nullptr && w->fusion && !fuse)
    throw InputError(input_error_message(
        w->source, 1, "fused",
        "a naive graph for --no-fuse, a device or compare (write it with `headroom trace "
        "--no-fuse`)",
        "an inference graph already fused"));
  // A naive trace file runs as written, as its network does with --no-fuse.
  if (!fuse || (w != nullptr && !w->fusion)) return lower_forward(network);
  FusionSummary summary;
  Trace trace = lower_inference(network, &summary);
  if (fusion != nullptr) *fusion = summary;
  return trace;
}

std::uint64_t keep_on_chip(Trace& trace, std::uint64_t activation_bytes, Precision precision) {
  auto& ops = trace.ops;
  // The separate ops (a fused op runs inside its GEMM; the chain's output is its last op's).
  std::vector<std::size_t> heads;
  for (std::size_t i = 0; i < ops.size(); ++i)
    if (!ops[i].fused) heads.push_back(i);
  std::uint64_t kept = 0;
  for (std::size_t h = 0; h + 1 < heads.size(); ++h) {
    const std::size_t producer = heads[h], consumer = heads[h + 1];
    const std::uint64_t map = output_elements(ops[consumer - 1]);
    if (map == 0 || main_input_elements(ops[consumer]) != map) continue;
    const std::uint64_t both = checked_add(map, output_elements(ops[consumer]), "map elements");
    if (checked_bytes_for(both, precision, "map bytes") > activation_bytes) continue;
    bool residual_later = false;
    for (std::size_t j = consumer; j < ops.size() && !residual_later; ++j)
      residual_later = reads_second_operand(ops[j]) && ops[j].vector.elements == map;
    if (residual_later) continue;
    ops[producer].output_on_chip = true;
    ops[consumer].input_on_chip = true;
    ++kept;
  }
  return kept;
}

}  // namespace headroom::models
