// SPDX-License-Identifier: MIT
// The self-contained HTML report of run, compare and train (--html): the text report, the
// pictures inline as SVG, the config files, the assumption notes and Headroom's version. No
// script, no style sheet or font from the network: a teacher can hand the one file out.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "headroom/sim/result.hpp"
#include "plot/figure.hpp"

namespace headroom::sim::plot {

struct Page {
  std::string title;
  std::string report_text;  // the command's text report, shown as is
  std::vector<Figure> figures;
  std::vector<std::pair<std::string, std::string>> files;  // config files: path, content
  std::vector<std::string> notes;                          // assumptions, one per item
};

[[nodiscard]] std::string html_page(const Page& page);
// Renders every figure first, then writes the page atomically.
void write_html(const std::string& path, const Page& page);

// The page of `headroom run`: layers, roofline and (with a technology model) energy.
[[nodiscard]] Page run_page(const Result& result, const std::string& report_text);

// The file's text for the page ("(not readable)" if it cannot be read).
[[nodiscard]] std::string file_text(const std::string& path);

}  // namespace headroom::sim::plot
