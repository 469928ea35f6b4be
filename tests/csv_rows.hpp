// SPDX-License-Identifier: MIT
// Reads the cited data tables under tests/data (RFC 4180: quoted fields may hold commas and "").
#pragma once

#include <cstddef>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace headroom::test {

using CsvRow = std::map<std::string, std::string>;  // cell by header name

inline std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

// Every data row of a CSV file under the repository root, keyed by the header's names.
inline std::vector<CsvRow> read_csv_rows(const std::string& repo_relative_path) {
  std::ifstream in(std::string(HEADROOM_SOURCE_DIR) + "/" + repo_relative_path);
  std::string line;
  std::getline(in, line);
  const auto header = split_csv_line(line);
  std::vector<CsvRow> rows;
  while (std::getline(in, line)) {
    const auto fields = split_csv_line(line);
    CsvRow row;
    for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) row[header[i]] = fields[i];
    rows.push_back(row);
  }
  return rows;
}

}  // namespace headroom::test
