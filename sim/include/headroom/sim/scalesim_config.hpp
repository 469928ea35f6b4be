// SPDX-License-Identifier: MIT
// SCALE-Sim v2 architecture files (.cfg, INI) -> accel::AcceleratorConfig, so a SCALE-Sim user
// can run `headroom run --accel scale.cfg --topology net.csv` unchanged. Conventions follow
// scalesim/scale_config.py and the memory model of scale-sim-v2 at commit 22f88b1.
#pragma once

#include <string>

#include "headroom/accel/config.hpp"

namespace headroom::sim {

// SCALE-Sim counts cycles only and has no clock; this one turns its words/cycle into bytes/s
// and its cycles into seconds. 1 GHz keeps cycles and nanoseconds numerically equal.
inline constexpr double kScaleSimClockHz = 1e9;

// Reads [general] run_name, [architecture_presets] ArrayHeight, ArrayWidth, IfmapSramSzkB,
// FilterSramSzkB, OfmapSramSzkB, IfmapOffset, FilterOffset, OfmapOffset, Bandwidth, Dataflow,
// MemoryBanks, [run_presets] InterfaceBandwidth and [network_presets] TopologyCsvLoc. Keys are
// case-insensitive and sections case-sensitive, as in Python's configparser. The result is an
// INT8 array (SCALE-Sim's word is one byte) doing 1 MAC per PE per cycle, three separate SRAMs
// of kB x 1024 words, and `InterfaceBandwidth: CALC` -> ideal DRAM, `USER` -> Bandwidth
// words/cycle at kScaleSimClockHz. Throws InputError with file:line for an unknown section or
// key (with "did you mean"), a missing key or a bad value.
[[nodiscard]] accel::AcceleratorConfig load_scalesim_config(const std::string& path);

// The same for text already in memory; `file` names it in messages and reports.
[[nodiscard]] accel::AcceleratorConfig parse_scalesim_config(const std::string& text,
                                                             const std::string& file);

}  // namespace headroom::sim
