// SPDX-License-Identifier: MIT
// Accelerator descriptions in YAML -> validated accel::AcceleratorConfig. The schema (every key,
// its type, unit, default and range) is documented in docs/config-reference.md.
#pragma once

#include <string>
#include <vector>

#include "headroom/accel/config.hpp"

namespace YAML {
class Node;
}

namespace headroom::sim {

// Reads and validates an accelerator YAML file. Throws InputError listing every problem found
// (unknown or misspelt keys, wrong types, missing fields, impossible values), each with
// file:line:column, the dotted key, what was expected and what was found.
[[nodiscard]] accel::AcceleratorConfig load_accel_config(const std::string& path);

// The same for YAML text already in memory; `file` is the name used in messages and reports.
[[nodiscard]] accel::AcceleratorConfig parse_accel_config(const std::string& yaml,
                                                          const std::string& file);

// The same for a YAML tree already parsed (a sweep point: a base config with overrides applied).
[[nodiscard]] accel::AcceleratorConfig parse_accel_config_node(const YAML::Node& root,
                                                               const std::string& file);

// Every dotted key the schema accepts ("array.rows", "sram.unified.size", ...), with
// "<precision>" and "<name>" standing for user-chosen map keys.
[[nodiscard]] std::vector<std::string> accel_config_keys();

}  // namespace headroom::sim
