// SPDX-License-Identifier: MIT
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "headroom/models/error.hpp"

// libsystemc.so references sc_main (declared extern "C" there); our own main() wins, so this is
// never called.
extern "C" int sc_main(int, char*[]) { return 0; }

namespace {

// The innermost subcommand the user reached, so an unknown flag is compared with its options.
const CLI::App* deepest(const CLI::App* app) {
  for (const CLI::App* sub : app->get_subcommands()) return deepest(sub);
  return app;
}

std::string suggestion(const CLI::App& app, const std::vector<std::string>& extras) {
  std::vector<std::string> names;
  const CLI::App* where = deepest(&app);
  for (const CLI::Option* opt : where->get_options()) {
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
  }
  for (const CLI::App* sub : where->get_subcommands({})) names.push_back(sub->get_name());
  std::string out;
  for (const auto& e : extras) {
    const std::string close = headroom::close_matches(e, names);
    if (!close.empty()) out += "\n  '" + e + "': did you mean " + close + "?";
  }
  return out;
}

// Ctrl-C: outputs are only written at the end (write_outputs holds the signal while it renames
// them into place), so stopping at once leaves no partial file.
extern "C" void on_interrupt(int) {
  constexpr char kMessage[] = "\nheadroom: interrupted\n";
  [[maybe_unused]] const auto n = ::write(2, kMessage, sizeof kMessage - 1);
  ::_exit(130);
}

}  // namespace

int main(int argc, char** argv) {
  // SystemC prints its banner to stderr unless told not to; keep stdout/stderr for our output.
  setenv("SC_COPYRIGHT_MESSAGE", "DISABLE", 1);
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  CLI::App app{
      "Headroom: simulate AI accelerators on neural-network workloads and compare them with GPUs.",
      "headroom"};
  app.set_version_flag("--version", std::string("headroom ") + HEADROOM_VERSION);
  app.require_subcommand(1);
  headroom::sim::cli::add_models_command(app);
  headroom::sim::cli::add_compute_command(app);
  headroom::sim::cli::add_run_command(app);
  headroom::sim::cli::add_compare_command(app);
  headroom::sim::cli::add_train_command(app);
  headroom::sim::cli::add_sweep_command(app);
  headroom::sim::cli::add_pareto_command(app);
  headroom::sim::cli::add_fields_command(app);
  headroom::sim::cli::add_plot_command(app);
  headroom::sim::cli::add_trace_command(app);
  headroom::sim::cli::add_trends_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ExtrasError& e) {
    std::cerr << "headroom: error: " << e.what();
    std::vector<std::string> extras;
    for (int i = 1; i < argc; ++i) extras.emplace_back(argv[i]);
    std::cerr << suggestion(app, extras) << "\nRun 'headroom --help' for usage.\n";
    return 2;
  } catch (const CLI::ParseError& e) {
    // CLI11 says only "A subcommand is required" when the first word is not a command.
    if (app.get_subcommands().empty() && argc > 1 && argv[1][0] != '-') {
      std::vector<std::string> names;
      for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
      const std::string close = headroom::close_matches(argv[1], names);
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      std::cerr << "headroom: error: command: expected one of " << all << ", found '" << argv[1]
                << "'" << (close.empty() ? "" : "; did you mean " + close + "?")
                << "\nRun 'headroom --help' for usage.\n";
      return 2;
    }
    std::cerr << "headroom: error: " << e.what() << "\nRun 'headroom --help' for usage.\n";
    return 2;
  } catch (const headroom::InputError& e) {
    std::cerr << "headroom: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "headroom: internal error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
