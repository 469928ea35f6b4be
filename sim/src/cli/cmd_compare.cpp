// SPDX-License-Identifier: MIT
// Placeholder until the 'compare' command lands: registers nothing.
#include "cli/commands.hpp"

namespace headroom::sim::cli {

void add_compare_command(CLI::App&) {}

}  // namespace headroom::sim::cli
