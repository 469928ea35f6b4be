// SPDX-License-Identifier: MIT
// Runs the real headroom binary (HEADROOM_BINARY) and captures exit code, stdout and stderr.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

namespace headroom::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'')
      q += "'\\''";
    else
      q += c;
  }
  return q + "'";
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline CliResult run_cli(const std::vector<std::string>& args) {
  namespace fs = std::filesystem;
  static int counter = 0;
  // Strings are appended piece by piece: GCC 12 at -O3 raises a false -Wrestrict on
  // "literal" + std::string.
  std::string name = "headroom-cli-";
  name.append(std::to_string(::getpid())).append("-").append(std::to_string(counter++));
  const fs::path dir = fs::temp_directory_path() / name;
  fs::create_directories(dir);
  std::string cmd = "cd ";
  cmd.append(shell_quote(HEADROOM_SOURCE_DIR)).append(" && ").append(shell_quote(HEADROOM_BINARY));
  for (const auto& a : args) cmd.append(" ").append(shell_quote(a));
  cmd.append(" >")
      .append(shell_quote((dir / "out").string()))
      .append(" 2>")
      .append(shell_quote((dir / "err").string()))
      .append(" </dev/null");
  const int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  fs::remove_all(dir);
  return r;
}

inline CliResult run_cli(std::initializer_list<const char*> args) {
  return run_cli(std::vector<std::string>(args.begin(), args.end()));
}

}  // namespace headroom::test
