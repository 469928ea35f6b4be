// SPDX-License-Identifier: MIT
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/atomic_file.hpp"

namespace headroom::sim::cli {

CLI::Option* add_json_option(CLI::App& cmd, std::string& path) {
  // A bare `--json` (the older spelling of `models` and `compute`) means stdout, like `-`.
  return cmd
      .add_option_function<std::string>(
          "--json", [&path](const std::string& v) { path = v.empty() ? "-" : v; },
          "Write the JSON report to FILE; '-' or no FILE prints it instead of the table")
      ->expected(0, 1)
      ->type_name("[FILE]");
}

void emit_report(const std::string& json_path, const std::string& json, const std::string& table) {
  write_outputs({{"--json", json_path, json}}, table);
}

void check_outputs(const std::vector<Output>& outputs) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> seen;  // normalised path -> flag
  for (const Output& o : outputs) {
    if (o.path.empty()) continue;
    const std::string key =
        o.path == "-" ? o.path : fs::absolute(fs::path(o.path)).lexically_normal().string();
    if (const auto it = seen.find(key); it != seen.end())
      throw InputError(input_error_message(o.flag, 0, "", "a path of its own",
                                           o.path == "-"
                                               ? "'-' (stdout) also given to " + it->second
                                               : "'" + o.path + "', also given to " + it->second));
    seen[key] = o.flag;
    if (o.path == "-") continue;
    std::error_code ec;
    if (fs::is_directory(o.path, ec))
      throw InputError(
          input_error_message(o.flag, 0, "", "a file path", o.path + " (a directory)"));
    fs::path dir = fs::path(o.path).parent_path();
    if (dir.empty()) dir = ".";
    if (!fs::is_directory(dir, ec))
      throw InputError(input_error_message(o.flag, 0, "", "a path in an existing directory",
                                           o.path + " (no directory " + dir.string() + ")"));
    if (::access(dir.c_str(), W_OK) != 0)
      throw InputError(input_error_message(o.flag, 0, "", "a path in a writable directory",
                                           o.path + " (" + std::strerror(errno) + ")"));
  }
}

void write_outputs(const std::vector<Output>& outputs, const std::string& table) {
  namespace fs = std::filesystem;
  check_outputs(outputs);
  // Ctrl-C while the files go into place would leave some written and some not: held until the
  // set is complete (main's handler then exits 130).
  sigset_t hold, previous;
  sigemptyset(&hold);
  sigaddset(&hold, SIGINT);
  sigaddset(&hold, SIGTERM);
  sigprocmask(SIG_BLOCK, &hold, &previous);
  struct Restore {
    sigset_t* mask;
    ~Restore() { sigprocmask(SIG_SETMASK, mask, nullptr); }
  } restore{&previous};
  std::vector<std::pair<fs::path, fs::path>> staged;  // temporary, final
  const auto discard = [&staged] {
    std::error_code ignored;
    for (const auto& s : staged) fs::remove(s.first, ignored);
  };
  try {
    for (const Output& o : outputs) {
      if (o.path.empty() || o.path == "-") continue;
      const fs::path tmp = o.path + ".partial." + std::to_string(::getpid());
      staged.emplace_back(tmp, o.path);
      write_file_atomically(tmp.string(), o.content);
    }
    for (const auto& [tmp, final_path] : staged) {
      std::error_code ec;
      fs::rename(tmp, final_path, ec);
      if (ec)
        throw InputError(final_path.string() + ": cannot move output into place (" + ec.message() +
                         ")");
    }
  } catch (...) {
    discard();
    throw;
  }
  const std::string* printed = &table;
  for (const Output& o : outputs)
    if (o.path == "-") printed = &o.content;
  std::cout << *printed;
}

const CLI::Validator& finite_non_negative() {
  static const CLI::Validator v(
      [](const std::string& text) {
        double value = 0;
        if (!CLI::detail::lexical_cast(text, value) || !std::isfinite(value) || value < 0)
          return std::string("expected a finite number >= 0, found '") + text + "'";
        return std::string();
      },
      "NUMBER >= 0");
  return v;
}

namespace {

// Seconds before the first progress line: 1, or HEADROOM_PROGRESS_AFTER_S (a number >= 0), so a
// test or a log wrapper can see progress without depending on how fast the machine is.
std::chrono::steady_clock::duration progress_delay() {
  const char* text = std::getenv("HEADROOM_PROGRESS_AFTER_S");
  if (text != nullptr) {
    char* end = nullptr;
    const double s = std::strtod(text, &end);
    if (end != text && *end == '\0' && std::isfinite(s) && s >= 0 && s <= 3600)
      return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(s));
  }
  return std::chrono::seconds(1);
}

}  // namespace

std::function<void(std::size_t, std::size_t)> progress_on_stderr() {
  using Clock = std::chrono::steady_clock;
  auto next = std::make_shared<Clock::time_point>(Clock::now() + progress_delay());
  return [next](std::size_t done, std::size_t total) {
    const auto now = Clock::now();
    if (now < *next) return;
    *next = now + std::chrono::seconds(1);
    std::cerr << fmt::format(
        "headroom: simulating: op {} of {} ({:.0f}%)\n", done, total,
        total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0);
  };
}

const CLI::Validator& positive_count() {
  static const CLI::Validator v(
      [](const std::string& text) {
        // from_chars, not CLI11's conversion: that one turns 2^64 into 2^64 - 1 silently.
        std::uint64_t value = 0;
        const bool digits =
            !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (digits && ec == std::errc::result_out_of_range)
          return std::string("expected a whole number from 1 to 2^64 - 1, found '") + text + "'";
        if (!digits || ec != std::errc() || end != text.data() + text.size() || value == 0)
          return std::string("expected a whole number >= 1, found '") + text + "'";
        return std::string();
      },
      "INTEGER >= 1");
  return v;
}

}  // namespace headroom::sim::cli
