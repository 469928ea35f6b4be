// SPDX-License-Identifier: MIT
#include "sweep/columns.hpp"

#include <algorithm>

namespace headroom::sim::sweep {

namespace {

// The table's own columns; an axis or field of the same name would be ambiguous.
const std::vector<std::string> kFixed{"config_hash", "workload", "point_key",       "feasible",
                                      "reason",      "error",    "headroom_version"};

}  // namespace

const std::vector<std::string>& field_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& f : run_fields()) out.push_back(f.name);
    return out;
  }();
  return names;
}

const std::vector<std::string>& numeric_field_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& f : run_fields())
      if (f.type == FieldType::Integer || f.type == FieldType::Real) out.push_back(f.name);
    return out;
  }();
  return names;
}

std::string axis_column(const std::string& key) {
  const auto& fields = field_names();
  const bool clash = std::find(fields.begin(), fields.end(), key) != fields.end() ||
                     std::find(kFixed.begin(), kFixed.end(), key) != kFixed.end();
  return clash ? "axis." + key : key;
}

const char* sql_type(FieldType type) {
  switch (type) {
    case FieldType::Integer:
    case FieldType::Boolean:
      return "INTEGER";
    case FieldType::Real:
      return "REAL";
    case FieldType::Text:
      return "TEXT";
  }
  return "";
}

}  // namespace headroom::sim::sweep
