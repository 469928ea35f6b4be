// SPDX-License-Identifier: MIT
// Reads what a gnuplot SVG shows: the plot groups by their key text, the points and filled
// rectangles inside them, polylines, and the axis tick labels that map pixels back to data.
// libxml2 parses; gnuplot 5.4's SVG layout (one <g id="NAME_plot_N"> per plot, its key text
// first) is what this relies on.
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cmath>
#include <cstdlib>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace headroom::test {

struct Xy {
  double x = 0, y = 0;
};

struct Tick {
  // Where the label's tick mark is (the <path> gnuplot draws just before the label), else the
  // label's own anchor; a y label sits a few pixels below its tick.
  double pixel_x = 0, pixel_y = 0;
  std::string text;
  std::string anchor;  // "middle": x axis; "end": left y axis; "start": right y axis
};

class Svg {
 public:
  explicit Svg(const std::string& path)
      : doc_(xmlReadFile(path.c_str(), nullptr, XML_PARSE_NONET)) {}
  ~Svg() { xmlFreeDoc(doc_); }
  Svg(const Svg&) = delete;
  Svg& operator=(const Svg&) = delete;

  [[nodiscard]] bool ok() const { return doc_ && xmlDocGetRootElement(doc_); }
  [[nodiscard]] xmlNode* root() const { return xmlDocGetRootElement(doc_); }

  // Every element named `name` under `node`, in document order.
  static void find(xmlNode* node, const char* name, std::vector<xmlNode*>& out) {
    for (xmlNode* n = node; n; n = n->next) {
      if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name)) out.push_back(n);
      find(n->children, name, out);
    }
  }
  static std::vector<xmlNode*> all(xmlNode* node, const char* name) {
    std::vector<xmlNode*> out;
    if (node) find(node->children, name, out);
    return out;
  }
  static std::string attr(xmlNode* n, const char* name) {
    xmlChar* v = xmlGetProp(n, BAD_CAST name);
    std::string s = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return s;
  }
  static std::string text(xmlNode* n) {
    xmlChar* v = xmlNodeGetContent(n);
    std::string s = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    // gnuplot pads tick labels with spaces
    const auto b = s.find_first_not_of(" \n\t"), e = s.find_last_not_of(" \n\t");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
  }

  // The plot group (<g id="..._plot_N">) whose key text is `key`.
  [[nodiscard]] xmlNode* plot(const std::string& key) const {
    for (xmlNode* g : all(root(), "g")) {
      if (attr(g, "id").find("_plot_") == std::string::npos) continue;
      for (xmlNode* t : all(g, "text"))
        if (text(t) == key) return g;
    }
    return nullptr;
  }

  // translate(x,y) of an element's transform attribute.
  static std::optional<Xy> translate(xmlNode* n) {
    static const std::regex re(R"(translate\(\s*([-0-9.eE+]+)\s*,\s*([-0-9.eE+]+)\s*\))");
    std::smatch m;
    const std::string t = attr(n, "transform");
    if (!std::regex_search(t, m, re)) return std::nullopt;
    return Xy{std::stod(m[1]), std::stod(m[2])};
  }

  // Tick and other labels: a <g transform="translate(..)" text-anchor=...> holding one <text>.
  [[nodiscard]] std::vector<Tick> labels() const {
    std::vector<Tick> out;
    for (xmlNode* g : all(root(), "g")) {
      const auto at = translate(g);
      const auto texts = all(g, "text");
      if (!at || texts.size() != 1) continue;
      Tick t{at->x, at->y, text(texts[0]), attr(g, "text-anchor")};
      xmlNode* prev = g->prev;
      while (prev && prev->type != XML_ELEMENT_NODE) prev = prev->prev;
      if (prev && xmlStrEqual(prev->name, BAD_CAST "path")) {
        const auto marks = numbers(attr(prev, "d"));
        if (!marks.empty() && t.anchor == "middle") t.pixel_x = marks.front().x;
        if (!marks.empty() && t.anchor != "middle") t.pixel_y = marks.front().y;
      }
      out.push_back(t);
    }
    return out;
  }

  // Numeric labels with the given anchor: the ticks of one axis side.
  [[nodiscard]] std::vector<std::pair<double, Tick>> numeric_ticks(
      const std::string& anchor) const {
    std::vector<std::pair<double, Tick>> out;
    for (const Tick& t : labels()) {
      if (t.anchor != anchor || t.text.empty()) continue;
      char* end = nullptr;
      const double v = std::strtod(t.text.c_str(), &end);
      if (end && *end == '\0') out.emplace_back(v, t);
    }
    return out;
  }

  // The points of `points` attributes of <polygon>s (gnuplot's filled boxes) in a group.
  static std::vector<std::vector<Xy>> polygons(xmlNode* group) {
    std::vector<std::vector<Xy>> out;
    for (xmlNode* p : all(group, "polygon")) out.push_back(numbers(attr(p, "points")));
    return out;
  }
  // The vertices of each <path d=...> in a group (M and L commands only).
  static std::vector<std::vector<Xy>> paths(xmlNode* group) {
    std::vector<std::vector<Xy>> out;
    for (xmlNode* p : all(group, "path")) {
      // Each "M" starts a new polyline.
      const std::string d = attr(p, "d");
      std::size_t start = 0;
      while ((start = d.find('M', start)) != std::string::npos) {
        const std::size_t next = d.find('M', start + 1);
        out.push_back(numbers(d.substr(start, next == std::string::npos ? next : next - start)));
        start = next;
      }
    }
    return out;
  }
  // The centres of the point markers (<use transform="translate(..)">) in a group.
  static std::vector<Xy> markers(xmlNode* group) {
    std::vector<Xy> out;
    for (xmlNode* u : all(group, "use"))
      if (const auto at = translate(u)) out.push_back(*at);
    return out;
  }

 private:
  static std::vector<Xy> numbers(const std::string& s) {
    static const std::regex re(R"(([-0-9.]+)\s*,\s*([-0-9.]+))");
    std::vector<Xy> out;
    for (std::sregex_iterator it(s.begin(), s.end(), re), end; it != end; ++it)
      out.push_back({std::stod((*it)[1]), std::stod((*it)[2])});
    return out;
  }
  xmlDoc* doc_;
};

}  // namespace headroom::test
