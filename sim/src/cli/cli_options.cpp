// SPDX-License-Identifier: MIT
#include <cmath>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "headroom/sim/atomic_file.hpp"

namespace headroom::sim::cli {

CLI::Option* add_json_option(CLI::App& cmd, std::string& path) {
  // A bare `--json` (the older spelling of `models` and `compute`) means stdout, like `-`.
  return cmd
      .add_option_function<std::string>(
          "--json", [&path](const std::string& v) { path = v.empty() ? "-" : v; },
          "Write the JSON report to FILE; '-' or no FILE prints it instead of the table")
      ->expected(0, 1)
      ->type_name("[FILE]");
}

void emit_report(const std::string& json_path, const std::string& json, const std::string& table) {
  if (!json_path.empty() && json_path != "-") write_file_atomically(json_path, json);
  std::cout << (json_path == "-" ? json : table);
}

const CLI::Validator& finite_non_negative() {
  static const CLI::Validator v(
      [](const std::string& text) {
        double value = 0;
        if (!CLI::detail::lexical_cast(text, value) || !std::isfinite(value) || value < 0)
          return std::string("expected a finite number >= 0, found '") + text + "'";
        return std::string();
      },
      "NUMBER >= 0");
  return v;
}

}  // namespace headroom::sim::cli
