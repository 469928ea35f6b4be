// SPDX-License-Identifier: MIT
// Placeholder until the 'train' command lands: registers nothing.
#include "cli/commands.hpp"

namespace headroom::sim::cli {

void add_train_command(CLI::App&) {}

}  // namespace headroom::sim::cli
