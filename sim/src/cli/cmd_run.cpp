// SPDX-License-Identifier: MIT
// Placeholder until the 'run' command lands: registers nothing.
#include "cli/commands.hpp"

namespace headroom::sim::cli {

void add_run_command(CLI::App&) {}

}  // namespace headroom::sim::cli
