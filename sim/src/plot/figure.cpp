// SPDX-License-Identifier: MIT
#include "plot/figure.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "headroom/models/error.hpp"
#include "headroom/sim/atomic_file.hpp"

namespace headroom::sim::plot {

namespace fs = std::filesystem;

namespace {

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool has_gnuplot() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    if (::access((fs::path(dir) / "gnuplot").c_str(), X_OK) == 0) return true;
  }
  return false;
}

std::string terminal(const Figure& f, bool png) {
  // noenhanced: layer and config names keep their underscores.
  return fmt::format("set terminal {} size {},{} noenhanced font \"sans,{}\"{}\n",
                     png ? "pngcairo" : "svg", f.width_px, f.height_px, png ? 10 : 12,
                     png ? "" : fmt::format(" name {}", quote(f.kind)));
}

// A fresh directory for gnuplot's files, removed when done.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "headroom-plot-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary directory");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

std::string render(const Figure& f, bool png) {
  if (!has_gnuplot())
    throw InputError(
        "gnuplot not found on PATH: `headroom plot` and --html draw through gnuplot; install the "
        "Debian package gnuplot-nox (scripts/setup.sh does)");
  const TempDir dir;
  const fs::path picture = dir.path / (png ? "figure.png" : "figure.svg");
  const fs::path script = dir.path / "figure.gp";
  {
    std::ofstream out(script);
    out << terminal(f, png) << "set output " << quote(picture.string()) << "\n" << f.script;
  }
  const fs::path err = dir.path / "gnuplot.err";
  const std::string cmd =
      "gnuplot " + shell_quote(script.string()) + " </dev/null >/dev/null 2>" + shell_quote(err);
  const int status = std::system(cmd.c_str());
  const std::string content = read_all(picture);
  if (status != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || content.empty())
    throw std::runtime_error("gnuplot failed on the " + f.kind + " plot: " + read_all(err));
  return content;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::string quote(const std::string& text) {
  std::string q = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') q += '\\';
    // gnuplot runs `...` inside a double-quoted string as a shell command and has no escape for
    // it: a file or config name must never reach the shell, so a backquote is drawn as a quote.
    if (c == '\n')
      q += "\\n";
    else
      q += c == '`' ? '\'' : c;
  }
  return q + "\"";
}

std::string caption(const std::string& text) {
  // A multi-line label grows downwards from its position.
  const auto lines = std::count(text.begin(), text.end(), '\n') + 1;
  return fmt::format(
      "set bmargin {}\nset label 999 {} at screen 0.01, screen {:.3f} left font \",10\" "
      "textcolor rgb \"#444444\"\n",
      4 + 2 * lines, quote(text), 0.025 + 0.03 * double(lines - 1));
}

std::string render_svg(const Figure& figure) { return render(figure, false); }

void write_figure(const Figure& figure, const std::string& path, bool keep_script) {
  const bool png = ends_with(path, ".png");
  if (!png && !ends_with(path, ".svg"))
    throw InputError(
        fmt::format("--out {}: expected a file name ending in .svg or .png, found '{}'", path,
                    fs::path(path).extension().string()));
  const std::string picture = render(figure, png);
  if (keep_script) {
    const fs::path gp = fs::path(path).replace_extension(".gp");
    write_file_atomically(gp.string(), terminal(figure, png) + "set output " +
                                           quote(fs::path(path).filename().string()) + "\n" +
                                           figure.script);
  }
  write_file_atomically(path, picture);
}

}  // namespace headroom::sim::plot
