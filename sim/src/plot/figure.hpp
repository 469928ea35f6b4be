// SPDX-License-Identifier: MIT
// The pictures of `headroom plot` and the HTML report. Headroom does not draw: each picture is a
// gnuplot script (data inline as datablocks, then the plot commands) that gnuplot renders, so a
// user can keep the script and restyle it. One file per picture in sim/src/plot/.
#pragma once

#include <string>
#include <vector>

namespace headroom::sim::plot {

struct Figure {
  std::string kind;    // "roofline", "layers", ...: the default file name and the SVG's id
  std::string script;  // everything after `set terminal` and `set output`
  int width_px = 960;
  int height_px = 600;
};

// A gnuplot string literal: double-quoted, with '"' and '\' escaped.
[[nodiscard]] std::string quote(const std::string& text);

// "set label ... caption" at the foot of the picture: what was run and what the energy counts.
[[nodiscard]] std::string caption(const std::string& text);

// The picture as SVG text. Throws InputError naming the Debian package when gnuplot is missing,
// and std::runtime_error with gnuplot's message when it fails on the script.
[[nodiscard]] std::string render_svg(const Figure& figure);

// Renders to `path` (.svg or .png by its extension), atomically; with keep_script also writes
// the script beside it (`path` with .gp), ready for `gnuplot FILE.gp` in that folder.
void write_figure(const Figure& figure, const std::string& path, bool keep_script);

}  // namespace headroom::sim::plot
