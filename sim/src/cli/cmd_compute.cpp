// SPDX-License-Identifier: MIT
// Placeholder until the 'compute' command lands: registers nothing.
#include "cli/commands.hpp"

namespace headroom::sim::cli {

void add_compute_command(CLI::App&) {}

}  // namespace headroom::sim::cli
