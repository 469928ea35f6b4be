// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include "cli_runner.hpp"

TEST(Cli, VersionAndHelp) {
  auto r = headroom::test::run_cli({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("headroom 0.1.0"), std::string::npos);
  r = headroom::test::run_cli({"--help"});
  EXPECT_EQ(r.exit_code, 0);
}

TEST(Cli, UnknownFlagExitsTwo) {
  auto r = headroom::test::run_cli({"--no-such-flag"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error"), std::string::npos);
}
