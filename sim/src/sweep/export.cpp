// SPDX-License-Identifier: MIT
#include "sweep/export.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "headroom/models/error.hpp"
#include "sweep/sqlite.hpp"

namespace headroom::sim::sweep {

namespace {

Statement select_points(Database& db) {
  try {
    return db.prepare("SELECT * FROM points ORDER BY config_hash, workload");
  } catch (const std::runtime_error&) {
    throw InputError(
        input_error_message(db.path(), 0, "", "a Headroom sweep database", "no `points` table"));
  }
}

Database open(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw InputError(input_error_message(path, 0, "", "a sweep database", "no such file"));
  return Database(path, false);
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

}  // namespace

std::string export_csv(const std::string& db_path) {
  Database db = open(db_path);
  Statement st = select_points(db);
  std::string out;
  for (int c = 0; c < st.columns(); ++c) out += (c ? "," : "") + csv_cell(st.column_name(c));
  out += "\n";
  while (st.step()) {
    for (int c = 0; c < st.columns(); ++c) {
      if (c) out += ",";
      switch (st.column_type(c)) {
        case SQLITE_INTEGER:
          out += std::to_string(st.integer(c));
          break;
        case SQLITE_FLOAT:
          out += fmt::format("{:.17g}", st.real(c));
          break;
        case SQLITE_NULL:
          break;
        default:
          out += csv_cell(st.text(c));
      }
    }
    out += "\n";
  }
  return out;
}

std::string export_json(const std::string& db_path) {
  Database db = open(db_path);
  Statement st = select_points(db);
  nlohmann::json rows = nlohmann::json::array();
  while (st.step()) {
    nlohmann::json row = nlohmann::json::object();
    for (int c = 0; c < st.columns(); ++c) {
      const std::string name = st.column_name(c);
      switch (st.column_type(c)) {
        case SQLITE_INTEGER:
          row[name] = st.integer(c);
          break;
        case SQLITE_FLOAT:
          row[name] = st.real(c);
          break;
        case SQLITE_NULL:
          row[name] = nullptr;
          break;
        default:
          row[name] = st.text(c);
      }
    }
    rows.push_back(std::move(row));
  }
  return rows.dump(2) + "\n";
}

}  // namespace headroom::sim::sweep
