// SPDX-License-Identifier: MIT
// The one place YAML is loaded: every config (accelerator, GPU/device, run) goes through it, so
// each gets the same size and file-type checks, the same syntax-error wording and the same
// duplicate-key check (yaml-cpp keeps both entries of a repeated key and finds the first; a
// silently ignored second value is a wrong number waiting to happen).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

namespace headroom::sim::config {

// Parses `text` (named `file` in messages). Throws InputError "file:line:column: not valid YAML:
// ..." for a syntax error, and "file:line:column: key: expected a key given once, found a second
// one (the first is at line N)" for every repeated key of any map.
[[nodiscard]] YAML::Node parse_yaml(const std::string& text, const std::string& file);

// Reads `path` with models::read_input_file (`what` names the kind of file) and parses it.
[[nodiscard]] YAML::Node load_yaml_file(const std::string& path, const std::string& what);

}  // namespace headroom::sim::config
