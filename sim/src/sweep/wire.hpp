// SPDX-License-Identifier: MIT
// The messages between the coordinator and its workers (pipes or MPI): a chunk of tasks out,
// their results back. Plain bytes, little-endian as the machine writes them: every process of
// a sweep runs the same binary.
#pragma once

#include <string>
#include <vector>

#include "sweep/evaluate.hpp"

namespace headroom::sim::sweep {

[[nodiscard]] std::string encode_tasks(const std::vector<Task>& tasks);
[[nodiscard]] std::vector<Task> decode_tasks(const std::string& bytes);
[[nodiscard]] std::string encode_results(const std::vector<TaskResult>& results);
// Throws std::runtime_error on a truncated or malformed message.
[[nodiscard]] std::vector<TaskResult> decode_results(const std::string& bytes);

}  // namespace headroom::sim::sweep
