// SPDX-License-Identifier: MIT
#include "headroom/models/error.hpp"
#include "headroom/models/lowering.hpp"
#include "lower_layer.hpp"

namespace headroom::models {

Trace lower_forward(const Network& network) {
  if (const LoweredWorkload* w = network.lowered()) {
    if (w->training)
      throw InputError(input_error_message(w->source, 0, "mode",
                                           "an inference trace (write it without --training)",
                                           "a training step; run it with --training"));
    return w->trace;
  }
  Trace t{network.name(), network.batch(), {}, network.skipped()};
  for (const auto& layer : network.layers()) {
    const auto lowered = detail::lower_layer(layer, network.batch());
    for (const auto& g : lowered.gemms)
      t.ops.push_back({layer.name, Phase::Forward, TraceOp::Kind::Gemm, g.shape, {}});
    for (const auto& v : lowered.vectors)
      t.ops.push_back({layer.name, Phase::Forward, TraceOp::Kind::Vector, {}, v});
  }
  return t;
}

}  // namespace headroom::models
