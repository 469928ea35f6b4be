// SPDX-License-Identifier: MIT
// SCALE-Sim v2 topology CSVs -> Trace, with SCALE-Sim's own conventions (topology_utils.py at
// scalesim-project/scale-sim-v2 22f88b1) so that its users get the same GEMMs per layer.
#pragma once

#include <string>

#include "headroom/models/network.hpp"
#include "headroom/models/trace.hpp"

namespace headroom::models {

// Reads a topology in either form, chosen by the header row:
//   conv: Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels,
//         Num Filter, Strides[, Stride Width],
//   gemm: name, M, N, K,   (SCALE-Sim's `-i gemm`)
// Each layer becomes one forward GEMM op named after the layer, batch 1. Conv layers have no
// padding and Eh = ceil((H - R + s) / s): M = Eh*Ew, N = filters, K = R*S*C. A layer whose name
// contains "DP" is depthwise (SCALE-Sim splits it into C one-channel layers): one op with
// count = C and K = R*S. Throws InputError naming file:line, the column, expected and found.
// The layers are ExplicitGemm, so the network lowers to exactly these GEMMs.
[[nodiscard]] Network load_scalesim_network(const std::string& path);
[[nodiscard]] Network parse_scalesim_network(const std::string& text, const std::string& file);

// The same lowered to its forward trace.
[[nodiscard]] Trace load_scalesim_topology(const std::string& path);

// The same for CSV text already in memory; `file` names it in messages and becomes, without
// directory and extension, the trace's network name (as SCALE-Sim names its runs).
[[nodiscard]] Trace parse_scalesim_topology(const std::string& text, const std::string& file);

}  // namespace headroom::models
