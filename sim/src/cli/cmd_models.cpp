// SPDX-License-Identifier: MIT
// Placeholder until the 'models' command lands: registers nothing.
#include "cli/commands.hpp"

namespace headroom::sim::cli {

void add_models_command(CLI::App&) {}

}  // namespace headroom::sim::cli
