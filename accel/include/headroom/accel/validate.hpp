// SPDX-License-Identifier: MIT
// The checks of an AcceleratorConfig that involve more than one key, in one place: every loader
// (YAML, SCALE-Sim .cfg) runs them after filling the struct, and the simulator repeats them for
// configs built in code. Single keys are checked by the loaders as they read them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "headroom/accel/config.hpp"

namespace headroom::accel {

// One problem: the dotted config key it concerns, what was expected and what was found.
struct ConfigIssue {
  std::string key;
  std::string expected;
  std::string found;
};

// Which checks to run. Loaders add a quick one that one stationary tile (rows x cols elements
// at the default precision) fits its buffer, so a hopeless config fails at its key's line; the
// planner makes the exact check (double buffering, every layer) when it runs.
enum class Checks { OnLoad, BeforeRun };

// Every problem of `c`, in a fixed order; empty when the config can run.
[[nodiscard]] std::vector<ConfigIssue> config_issues(const AcceleratorConfig& c,
                                                     Checks checks = Checks::OnLoad);

// Throws InputError for the first issue, naming c.source_file, the key and, where `line_of` is
// given, the line that key was read from (0 when unknown).
void validate(const AcceleratorConfig& c, Checks checks = Checks::OnLoad,
              const std::function<int(const std::string& key)>& line_of = {});

// Whether the array can run `p` (it has a MAC rate for it).
[[nodiscard]] bool supports(const AcceleratorConfig& c, Precision p);
// The precisions the array runs, "int8, bf16" in enum order ("" when none).
[[nodiscard]] std::string supported_precisions(const AcceleratorConfig& c);
// Throws InputError unless the array runs `p`: "<source>: expected a precision the array of
// <name> runs (<list>), found <p>", `source` naming where the precision came from
// ("--precision", or a file and `key`).
void require_precision(const AcceleratorConfig& c, Precision p, const std::string& source,
                       const std::string& key = "");

}  // namespace headroom::accel
