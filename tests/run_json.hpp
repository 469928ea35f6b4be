// SPDX-License-Identifier: MIT
// `headroom run ARGS --json -` through the real CLI, parsed: for tests that check report values.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace headroom::test {

inline nlohmann::json run_json(const std::vector<std::string>& args) {
  std::vector<std::string> full = {"run"};
  full.insert(full.end(), args.begin(), args.end());
  full.insert(full.end(), {"--json", "-"});
  const CliResult r = run_cli(full);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

}  // namespace headroom::test
