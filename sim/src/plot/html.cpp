// SPDX-License-Identifier: MIT
#include "plot/html.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "headroom/sim/atomic_file.hpp"
#include "headroom/sim/run.hpp"
#include "plot/pictures.hpp"

namespace headroom::sim::plot {

namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// gnuplot's SVG is a whole document; inline it from its <svg> element on.
std::string inline_svg(const std::string& svg) {
  const auto start = svg.find("<svg");
  return start == std::string::npos ? svg : svg.substr(start);
}

constexpr const char* kStyle =
    "body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}"
    "pre{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:12px;line-height:1.35}"
    "figure{margin:1.5em 0}svg{max-width:100%;height:auto;display:block}"
    "h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}"
    "footer{margin-top:3em;color:#666;font-size:0.9em}";

}  // namespace

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "(not readable)";
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string html_page(const Page& p) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<title>" + escape(p.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  h += "<h1>" + escape(p.title) + "</h1>\n";
  h += "<h2>Report</h2>\n<pre>" + escape(p.report_text) + "</pre>\n";
  if (!p.figures.empty()) h += "<h2>Pictures</h2>\n";
  for (const Figure& f : p.figures)
    h += "<figure id=\"" + f.kind + "\">\n" + inline_svg(render_svg(f)) + "\n</figure>\n";
  if (!p.notes.empty()) {
    h += "<h2>Assumptions</h2>\n<ul>\n";
    for (const auto& n : p.notes) h += "<li>" + escape(n) + "</li>\n";
    h += "</ul>\n";
  }
  if (!p.files.empty()) h += "<h2>Configuration</h2>\n";
  for (const auto& [path, text] : p.files)
    h += "<h3>" + escape(path) + "</h3>\n<pre>" + escape(text) + "</pre>\n";
  h += fmt::format(
      "<footer>Made by headroom {} (Headroom: AI-accelerator simulator). 1 MAC = 2 FLOPs. "
      "Pictures drawn by gnuplot; `headroom plot ... --keep-script` gives their scripts."
      "</footer>\n</body>\n</html>\n",
      HEADROOM_VERSION);
  return h;
}

void write_html(const std::string& path, const Page& page) {
  write_file_atomically(path, html_page(page));
}

Page run_page(const Result& r, const std::string& report_text) {
  Page p;
  p.title = fmt::format("Headroom run: {} on {}", r.network, r.config_name);
  p.report_text = report_text;
  p.figures.push_back(layers(r));
  p.figures.push_back(roofline(r, load_accelerator(r.config_file), {}));
  if (r.energy) {
    p.figures.push_back(energy({r}));
    for (const auto& n : r.energy->total.notes) p.notes.push_back("energy: " + n);
  }
  if (r.area)
    for (const auto& n : r.area->notes) p.notes.push_back("area: " + n);
  if (!r.tech_missing_reason.empty())
    p.notes.push_back("energy and area not estimated: " + r.tech_missing_reason);
  p.notes.push_back(
      "counted: array and vector-unit cycles, cycles stalled on memory, SRAM accesses in words, "
      "DRAM bytes; 1 MAC = 2 FLOPs (integer ops for int8)");
  p.files.emplace_back(r.config_file, file_text(r.config_file));
  return p;
}

}  // namespace headroom::sim::plot
