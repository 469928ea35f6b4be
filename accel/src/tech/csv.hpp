// SPDX-License-Identifier: MIT
// A minimal RFC 4180 reader for the cited tables: quoted fields may hold commas and "".
#pragma once

#include <map>
#include <string>
#include <vector>

namespace headroom::accel::tech {

struct CsvRow {
  int line = 0;
  std::map<std::string, std::string> fields;  // by header name
};

struct CsvTable {
  std::string path;
  std::vector<CsvRow> rows;

  // The cell as a number; throws InputError naming file, line and column when it is not one.
  [[nodiscard]] double number(const CsvRow& row, const std::string& column) const;
  [[nodiscard]] const std::string& text(const CsvRow& row, const std::string& column) const;
};

// Throws InputError when the file cannot be read.
[[nodiscard]] CsvTable read_csv(const std::string& path);

}  // namespace headroom::accel::tech
