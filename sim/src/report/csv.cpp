// SPDX-License-Identifier: MIT
#include <algorithm>

#include "headroom/sim/report.hpp"
#include "headroom/sim/result_fields.hpp"

namespace headroom::sim {

namespace {

// RFC 4180: a field with a comma, quote or newline is quoted, quotes doubled.
std::string quoted(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// The declared layer fields the run has for some op (energy only when estimated, each component
// only when the run's energy has it), in declaration order.
std::vector<const Field<OpRecord>*> columns(const Result& r) {
  std::vector<const Field<OpRecord>*> out;
  for (const auto& f : layer_fields()) {
    bool any = false;
    for (std::size_t i = 0; i < r.stats.ops.size() && !any; ++i)
      any = !std::holds_alternative<std::monostate>(f.get(OpRecord{r, i}));
    if (any) out.push_back(&f);
  }
  return out;
}

}  // namespace

std::string format_csv(const Result& r) {
  const auto cols = columns(r);
  std::string out;
  for (const auto* f : cols) out += (out.empty() ? "" : ",") + f->name;
  out += "\n";
  for (std::size_t i = 0; i < r.stats.ops.size(); ++i) {
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (c) out += ",";
      out += quoted(format_value(cols[c]->get(OpRecord{r, i}), cols[c]->format));
    }
    out += "\n";
  }
  return out;
}

}  // namespace headroom::sim
