// SPDX-License-Identifier: MIT
// Energy of a run in total and attributed to each op, from the technology model.
#pragma once

#include "headroom/accel/config.hpp"
#include "headroom/accel/stats.hpp"
#include "headroom/sim/result.hpp"

namespace headroom::sim {

// Each op's share is the energy model applied to that op alone (its cycles, accesses and
// bytes), so static energy follows the op's own runtime.
[[nodiscard]] EnergyAccount account_energy(const accel::AcceleratorConfig& config,
                                           accel::Precision precision,
                                           const accel::RunStats& stats);

}  // namespace headroom::sim
