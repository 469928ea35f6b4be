// SPDX-License-Identifier: MIT
// The workload flags every command shares (--input-shape, --dim, --unsupported-ops) and the one
// call that loads a network for a command, reporting skipped ONNX nodes on stderr.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "headroom/models/workload.hpp"

namespace headroom::sim::cli {

struct WorkloadFlags {
  std::vector<std::string> input_shapes;  // NAME=1x3x224x224, repeatable
  std::vector<std::string> dims;          // batch=8,seq=512 (comma-separated, repeatable)
  std::string unsupported_ops = "error";  // error | skip
};

// Adds the ONNX flags to `cmd`; the values land in `flags` when it parses.
void add_workload_flags(CLI::App& cmd, WorkloadFlags& flags);

// Throws InputError naming the flag for a malformed value.
[[nodiscard]] models::OnnxOptions onnx_options(const WorkloadFlags& flags);

// One stderr line per node --unsupported-ops skip left out.
void print_skipped(const std::vector<models::SkippedNode>& skipped);

// models::load_network, then print_skipped.
[[nodiscard]] models::Network load_workload_network(const models::WorkloadSpec& spec);

}  // namespace headroom::sim::cli
