// SPDX-License-Identifier: MIT
// `headroom fields`: the declared result fields (result_fields.hpp), as a list or as the Markdown
// of docs/result-fields.md.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "headroom/sim/result_fields.hpp"

namespace headroom::sim::cli {

namespace {

template <class Record>
std::string listing(const char* title, const std::vector<Field<Record>>& fields) {
  std::string out = fmt::format("{}\n", title);
  for (const auto& f : fields)
    out +=
        fmt::format("  {:<34} {:<12} {}\n", f.name, f.unit.empty() ? "-" : f.unit, f.description);
  return out;
}

}  // namespace

void add_fields_command(CLI::App& app) {
  auto markdown = std::make_shared<bool>(false);
  CLI::App* cmd =
      app.add_subcommand("fields", "List the result fields of run, compare and train reports.");
  cmd->add_flag("--markdown", *markdown,
                "Print docs/result-fields.md (every list, with JSON keys)");
  cmd->callback([markdown] {
    if (*markdown) {
      std::cout << fields_markdown();
      return;
    }
    std::cout << listing("run (headroom run --json; one sweep row)", run_fields()) << "\n"
              << listing("layer (headroom run --csv; JSON layers)", layer_fields())
              << "\nSee docs/result-fields.md for the compare and train fields and JSON keys.\n";
  });
}

}  // namespace headroom::sim::cli
