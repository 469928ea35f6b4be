// SPDX-License-Identifier: MIT
// Technology and energy parameters of an accelerator (process node, supply, energy overrides).
#pragma once

#include <map>
#include <optional>
#include <string>

namespace headroom::accel {

struct TechConfig {
  double node_nm = 45;
  std::optional<double> vdd_v;  // supply override; nominal for the node when empty
  // Figures the user overrode in the YAML `energy:` block, by key (e.g. "mac_fp32_pj").
  std::map<std::string, double> energy_overrides;
};

}  // namespace headroom::accel
