// SPDX-License-Identifier: MIT
// The one list of dataflows. An explicit switch rather than self-registering objects: a static
// library drops object files nothing references, so a registrar in weight_stationary.cpp would
// silently never run (docs/architecture.md, "Dataflows"). The switch has no default, so -Wall
// (-Wswitch) with -Werror rejects an enumerator without its case.
#include <algorithm>
#include <cctype>

#include "dataflow/dataflow_strategy.hpp"

namespace headroom::accel {

// Defined one per file in this folder.
const DataflowStrategy& weight_stationary();
const DataflowStrategy& output_stationary();
const DataflowStrategy& input_stationary();

const DataflowStrategy& strategy(Dataflow d) {
  switch (d) {
    case Dataflow::WeightStationary:
      return weight_stationary();
    case Dataflow::OutputStationary:
      return output_stationary();
    case Dataflow::InputStationary:
      return input_stationary();
  }
  return weight_stationary();  // unreachable: every enumerator has its case
}

const std::vector<Dataflow>& dataflows() {
  static const std::vector<Dataflow> all{Dataflow::WeightStationary, Dataflow::OutputStationary,
                                         Dataflow::InputStationary};
  return all;
}

const std::vector<Dataflow>& scalesim_dataflows() {
  // The order scale_config.py tests them in.
  static const std::vector<Dataflow> all{Dataflow::OutputStationary, Dataflow::WeightStationary,
                                         Dataflow::InputStationary};
  return all;
}

const char* to_string(Dataflow d) { return strategy(d).name(); }
const char* long_name(Dataflow d) { return strategy(d).long_name(); }
const char* scalesim_name(Dataflow d) { return strategy(d).scalesim_name(); }
const char* stationary_buffer(Dataflow d) { return strategy(d).stationary_buffer(); }

std::optional<Dataflow> parse_dataflow(const std::string& s) {
  std::string v = s;
  std::transform(v.begin(), v.end(), v.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (Dataflow d : dataflows())
    if (v == to_string(d) || v == long_name(d)) return d;
  return std::nullopt;
}

std::optional<Dataflow> parse_scalesim_dataflow(const std::string& s) {
  for (Dataflow d : scalesim_dataflows())
    if (s == scalesim_name(d)) return d;
  return std::nullopt;
}

std::vector<std::string> dataflow_names() {
  std::vector<std::string> names;
  for (Dataflow d : dataflows()) names.emplace_back(to_string(d));
  return names;
}

}  // namespace headroom::accel
