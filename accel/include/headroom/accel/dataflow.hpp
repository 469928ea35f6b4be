// SPDX-License-Identifier: MIT
// Which GEMM operand stays in the PEs while the others stream through the array. Each dataflow
// is one file in accel/src/dataflow/ that owns its names, fold timing, SRAM accounting and tile
// walk; accel/src/dataflow/registry.cpp lists them (docs/architecture.md, "Dataflows").
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace headroom::accel {

// A new dataflow is a new enumerator here, its file in accel/src/dataflow/ and its case in
// registry.cpp (the compiler flags the missing case there and in the PE-level test oracle).
enum class Dataflow { WeightStationary, OutputStationary, InputStationary };

// Every dataflow, in enum order.
[[nodiscard]] const std::vector<Dataflow>& dataflows();
// Those SCALE-Sim also has, in the order its scale_config.py tests them (os, ws, is).
[[nodiscard]] const std::vector<Dataflow>& scalesim_dataflows();
[[nodiscard]] const char* to_string(Dataflow d);  // short name: "ws", "os", "is"
[[nodiscard]] const char* long_name(Dataflow d);  // "weight_stationary", ...
// The name SCALE-Sim's .cfg `Dataflow` key takes (compared exactly, as scale_config.py does).
[[nodiscard]] const char* scalesim_name(Dataflow d);
// The buffer that holds the stationary operand of a fold: "filter", "ifmap" or "ofmap".
[[nodiscard]] const char* stationary_buffer(Dataflow d);

// Short or long name, case-insensitive.
[[nodiscard]] std::optional<Dataflow> parse_dataflow(const std::string& s);
[[nodiscard]] std::optional<Dataflow> parse_scalesim_dataflow(const std::string& s);
// Short names in dataflows() order, for choice lists and error messages.
[[nodiscard]] std::vector<std::string> dataflow_names();

}  // namespace headroom::accel
